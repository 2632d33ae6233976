/**
 * The steps every list of personal data shares: its rows lie in the actor's territory (narrowed to the
 * region the request names), come one keyset page at a time, and what a page showed is audited as a read.
 * Services call each step themselves, so the territory filter and the audit entry stay visible where the
 * list is served.
 */
import { afterIdOf, pageOf } from '../../lib/cursor.ts';
import type { AuditEvent, AuditService } from '../audit/audit.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { type Actor, regionScope } from './actor.ts';

/**
 * The region filter for a list the request may narrow with `?region=` (any code form; a malformed one is a
 * 400): `'empty'` when that region lies outside the actor's territory.
 */
export function requestedScope(
  actor: Actor,
  regions: Pick<RegionsService, 'normalize'>,
  regionInput: string | undefined,
): ReturnType<typeof regionScope> {
  return regionScope(actor, regionInput ? regions.normalize(regionInput, 'region') : null);
}

/**
 * One keyset page by record id: `fetch` is asked for `limit + 1` rows after the cursor's id (a garbage
 * cursor is a 400 before any query); the extra row only tells that another page exists.
 */
export async function keysetPage<Row>(
  query: { cursor?: string; limit: number },
  fetch: (afterId: string | undefined, limit: number) => Promise<Row[]>,
  idOf: (row: Row) => string,
): Promise<{ page: Row[]; nextCursor: string | null }> {
  const rows = await fetch(afterIdOf(query.cursor), query.limit + 1);
  return pageOf(rows, query.limit, idOf);
}

/**
 * Audits what a list showed: one read entry for the whole page (its details name the rows). A page that
 * showed nothing read nothing, so it leaves no entry.
 */
export async function recordListRead(
  audit: AuditService,
  actor: Actor,
  listed: readonly unknown[],
  event: AuditEvent,
): Promise<void> {
  if (listed.length) await audit.recordRead(actor, event);
}
