/**
 * Reads limited to the actor's territory, the steps every service shares: one record by id, a list narrowed
 * to the region the request names and served one keyset page at a time, and the audit of what a list
 * showed. Services call each step themselves, so the territory check and the audit entry stay visible
 * where the data is served.
 */
import { createHash } from 'node:crypto';
import { notFound, type Text } from '../../domain/errors.ts';
import { afterIdOf, pageOf } from '../../lib/cursor.ts';
import { isRecordId } from '../../lib/ids.ts';
import type { AuditEvent, AuditService } from '../audit/audit.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { type Actor, assertWithin, regionScope } from './actor.ts';

/**
 * The record `find` returns for `id`, or undefined — also for an id that is not a record id (`isRecordId`),
 * which is never sent to the database: PostgreSQL's uuid refuses garbage (a 500) and matches an id in
 * capitals, whose read or change would then be audited under the capitals. Every service that takes an id
 * from a request looks its record up through this (or `findWithin`), so a malformed id answers exactly as
 * an absent one does, at the same step.
 */
export async function findRecord<Row>(
  id: string,
  find: (id: string) => Promise<Row | undefined>,
): Promise<Row | undefined> {
  return isRecordId(id) ? find(id) : undefined;
}

/**
 * The record `find` returns for `id`, when it lies in the actor's territory. A malformed id (never
 * queried), an absent record and one outside the territory all give the same not-found error.
 */
export async function findWithin<Row extends { villageCode: string }>(
  actor: Actor,
  id: string,
  what: Text,
  find: (id: string) => Promise<Row | undefined>,
): Promise<Row> {
  const row = await findRecord(id, find);
  if (!row) throw notFound(what);
  assertWithin(actor, row.villageCode, what);
  return row;
}

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

/**
 * One exported page as an audit read: its records as subjects (indexed for "who read my data"), and in the
 * hashed details their count, first and last id and a SHA-256 over the ids in order — the index can be
 * checked against the chained log without the log holding every id of a large export.
 */
export function exportPageEvent(
  action: string,
  regionCode: string | null,
  ids: readonly string[],
  entityType = 'household',
): AuditEvent {
  return {
    action,
    entityType,
    regionCode,
    details: {
      households: ids.length,
      first: ids[0] ?? null,
      last: ids.at(-1) ?? null,
      sha256: createHash('sha256').update(ids.join('\n')).digest('hex'),
    },
    subjects: ids,
  };
}

/**
 * An export's keyset pages of households' rows, read one at a time (the next only when the consumer takes
 * it: the writers pull, and a consumer that goes away stops the reading), each audited as an exported page
 * (`event` of its household ids, e.g. `exportPageEvent`) before its rows are handed on as views.
 */
export async function* auditedExportPages<R extends { householdId: string }, V>(
  audit: AuditService,
  actor: Actor,
  q: {
    read: (after: string | undefined) => Promise<R[]>;
    pageSize: number;
    event: (ids: string[]) => AuditEvent;
    view: (row: R) => V;
  },
): AsyncGenerator<V[]> {
  let after: string | undefined;
  for (;;) {
    const page = await q.read(after);
    if (page.length) {
      await audit.recordRead(actor, q.event(page.map((r) => r.householdId)));
      yield page.map(q.view);
    }
    if (page.length < q.pageSize) return;
    after = page.at(-1)!.householdId;
  }
}
