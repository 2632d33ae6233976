/**
 * What a verivali visit found against what was known: the recorded instrument compared with a baseline of
 * the same shape — the household as DTKS has it, or (for a new household) as the village proposed it. The
 * approval screen shows these rows; a field the officer left out is not a difference. Pure: no I/O.
 */

export interface InstrumentLike {
  household: Record<string, unknown>;
  members: Record<string, unknown>[];
}

export interface InstrumentDiffRow {
  /** Unique within the diff: `household.rt`, `member.<n>.name`, `member.<n>` (added or missing). */
  key: string;
  field: string;
  /** The member's name for member rows (the recorded one, else the baseline's); null for household fields. */
  member: string | null;
  /** `changed`: a field differs; `added`: a member found at the visit and not in the baseline; `missing`: the reverse. */
  change: 'changed' | 'added' | 'missing';
  before: unknown;
  after: unknown;
}

/** RT/RW are written `4` or `004`: the same number. */
function normalized(field: string, v: unknown): unknown {
  if ((field === 'rt' || field === 'rw') && typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return v ?? null;
}

function differs(field: string, before: unknown, after: unknown): boolean {
  return JSON.stringify(normalized(field, before)) !== JSON.stringify(normalized(field, after));
}

const NOT_COMPARED = new Set(['personId']);

export function instrumentDiff(baseline: InstrumentLike, recorded: InstrumentLike): InstrumentDiffRow[] {
  const rows: InstrumentDiffRow[] = [];
  for (const [field, after] of Object.entries(recorded.household)) {
    if (after === undefined) continue;
    const before = baseline.household[field];
    if (differs(field, before, after)) {
      rows.push({
        key: `household.${field}`,
        field,
        member: null,
        change: 'changed',
        before: before ?? null,
        after,
      });
    }
  }
  const matched = new Set<number>();
  const findBase = (m: Record<string, unknown>) => {
    const byId = m.personId !== undefined ? baseline.members.findIndex((b) => b.personId === m.personId) : -1;
    if (byId >= 0) return byId;
    return baseline.members.findIndex((b, i) => !matched.has(i) && b.nik === m.nik);
  };
  recorded.members.forEach((m, n) => {
    const i = findBase(m);
    const name = String(m.name ?? '');
    if (i < 0) {
      rows.push({
        key: `member.${n}`,
        field: 'name',
        member: name,
        change: 'added',
        before: null,
        after: m.name,
      });
      return;
    }
    matched.add(i);
    const b = baseline.members[i]!;
    for (const [field, after] of Object.entries(m)) {
      if (after === undefined || NOT_COMPARED.has(field)) continue;
      if (differs(field, b[field], after)) {
        rows.push({
          key: `member.${n}.${field}`,
          field,
          member: name,
          change: 'changed',
          before: b[field] ?? null,
          after,
        });
      }
    }
  });
  baseline.members.forEach((b, i) => {
    if (matched.has(i)) return;
    rows.push({
      key: `missing.${i}`,
      field: 'name',
      member: String(b.name ?? ''),
      change: 'missing',
      before: b.name,
      after: null,
    });
  });
  return rows;
}
