/**
 * What changed between two versions of a household record. Versions store full snapshots; the diff is
 * computed on demand, so the history view and any later "why did this change" report read the same data.
 */
export interface MemberSnapshot {
  id: string;
  nik: string;
  name: string;
  [field: string]: unknown;
}

export interface HouseholdSnapshot {
  members: MemberSnapshot[];
  [field: string]: unknown;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface SnapshotDiff {
  household: FieldChange[];
  membersAdded: { id: string; nik: string; name: string }[];
  membersRemoved: { id: string; nik: string; name: string }[];
  membersChanged: { id: string; nik: string; name: string; changes: FieldChange[] }[];
}

/** Bookkeeping fields that change with every edit and say nothing about the household. */
const IGNORED = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'members']);

/** Changed fields of one record, sorted by name; bookkeeping fields are left out. */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: FieldChange[] = [];
  for (const field of [...keys].sort()) {
    if (IGNORED.has(field)) continue;
    const b = before[field] ?? null;
    const a = after[field] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field, before: b, after: a });
  }
  return out;
}

const brief = (m: MemberSnapshot) => ({ id: m.id, nik: m.nik, name: m.name });

/** `before` is null for the first version: everything is "added". */
export function diffSnapshots(before: HouseholdSnapshot | null, after: HouseholdSnapshot): SnapshotDiff {
  const prevMembers = new Map((before?.members ?? []).map((m) => [m.id, m]));
  const nextMembers = new Map(after.members.map((m) => [m.id, m]));
  const diff: SnapshotDiff = {
    household: fieldChanges(before ?? {}, after),
    membersAdded: [],
    membersRemoved: [],
    membersChanged: [],
  };
  for (const [id, m] of nextMembers) {
    const prev = prevMembers.get(id);
    if (!prev) {
      diff.membersAdded.push(brief(m));
      continue;
    }
    if (prev.status !== 'removed' && m.status === 'removed') diff.membersRemoved.push(brief(m));
    const changes = fieldChanges(prev, m);
    if (changes.length) diff.membersChanged.push({ ...brief(m), changes });
  }
  for (const [id, m] of prevMembers) if (!nextMembers.has(id)) diff.membersRemoved.push(brief(m));
  return diff;
}
