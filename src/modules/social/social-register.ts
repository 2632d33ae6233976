/**
 * What the PPKS and PSKS registers share: where a record lives (a known village inside the actor's
 * territory), list cursors, removal reasons, the errors for removed records, and the history view built
 * from version snapshots.
 */

import type { RegionColumns } from '../../db/schema/index.ts';
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  type Lang,
  type Text,
  validationError,
} from '../../domain/errors.ts';
import { codeAtLevel, normalizeRegionCode } from '../../domain/regions/region-code.ts';
import { isRemovalReason, type RemovalReason, removalReason } from '../../domain/registry/removal-reasons.ts';
import { type FieldChange, fieldChanges } from '../../domain/registry/snapshot-diff.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { VersionWithAuthor } from './record-versions.repository.ts';

export type VillageLookup = Awaited<ReturnType<RegionsService['lookup']>>;

/** A dotted or undotted code that must name a known village (level 4). */
export function resolveVillage(
  input: string,
  lookup: VillageLookup,
  field = 'regionCode',
): { ok: true; columns: RegionColumns } | { ok: false; issue: FieldIssue } {
  const n = normalizeRegionCode(input);
  if (!n.ok) return { ok: false, issue: { ...n.issue, field } };
  if (n.level !== 4 || lookup(n.code)?.level !== 4) {
    return {
      ok: false,
      issue: issue(field, 'region.not_a_village', { code: n.code }),
    };
  }
  return {
    ok: true,
    columns: {
      provinceCode: codeAtLevel(n.code, 1),
      regencyCode: codeAtLevel(n.code, 2),
      districtCode: codeAtLevel(n.code, 3),
      villageCode: n.code,
    },
  };
}

export type { RegionPathEntry } from '../regions/regions.service.ts';

export function outsideTerritory(field = 'regionCode'): FieldIssue {
  return issue(field, 'territory.outside');
}

export function checkRemovalReason(code: string): RemovalReason {
  const reason = isRemovalReason(code) ? removalReason(code) : undefined;
  if (!reason) {
    throw validationError([issue('reasonCode', 'removal.invalid_reason', { code })]);
  }
  return reason;
}

/** A change to a record that has left the register (`<prefix>.removed`) or a second removal. */
export function removedRecordError(prefix: 'ppks' | 'psks', what: Text, removing: boolean): AppError {
  return removing
    ? new AppError(
        'state',
        `${prefix}.already_removed`,
        { what },
        { extra: { currentState: 'removed', allowed: [] } },
      )
    : new AppError(
        'state',
        `${prefix}.removed`,
        { what },
        { extra: { currentState: 'removed', allowed: [] } },
      );
}

export { decodeCursor, encodeCursor } from '../../lib/cursor.ts';

/** Empty or blank optional text means "not given". */
export function blankToNull(v: string | null | undefined): string | null {
  return v === undefined || v === null || v.trim() === '' ? null : v.trim();
}

export interface HistoryItem {
  version: number;
  changeType: string;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
  changes: FieldChange[];
  snapshot: Record<string, unknown>;
}

/**
 * Newest first, each version with what changed since the one before. `hidden` fields stay in the stored
 * snapshot (the audit trail) but are not shown.
 */
export function historyItems(versions: VersionWithAuthor[], hidden: readonly string[] = []): HistoryItem[] {
  let prev: Record<string, unknown> = {};
  const items = versions.map((v) => {
    const snapshot = decodeSnapshot<Record<string, unknown>>(v.snapshot);
    for (const f of hidden) delete snapshot[f];
    const item = {
      version: v.version,
      changeType: v.changeType,
      reason: v.reason,
      changedBy: v.changedBy,
      changedByName: v.changedByName,
      changedAt: v.changedAt,
      changes: fieldChanges(prev, snapshot),
      snapshot,
    };
    prev = snapshot;
    return item;
  });
  return items.reverse();
}

/** Non-blocking findings (e.g. the NIK's birth date differs from the one entered) in the caller's language. */
export function localWarnings(warnings: FieldIssue[] | undefined, lang: Lang) {
  return warnings?.map((w) => ({ field: w.field, code: w.code, message: w.message[lang] }));
}
