import { label, message, perLang } from '../../domain/catalogue.ts';
import { errorFrom, type FieldIssue, issue } from '../../domain/errors.ts';
import { issuesFromZod } from '../../http/problem.ts';
import { escapeFormula, unescapeFormula } from '../../lib/csv-formula.ts';
import {
  HOUSEHOLD_CODED,
  HOUSEHOLD_FLAGS,
  HOUSEHOLD_NUMERIC,
  HOUSEHOLD_TEXT,
  MEMBER_CODED,
  MEMBER_NUMERIC,
} from '../households/household.fields.ts';
import { type Household, HouseholdCreate } from '../households/households.schemas.ts';

type CellKind = 'text' | 'code' | 'count' | 'decimal' | 'flag' | 'date' | 'sex';

export interface CsvColumn {
  /** Header name in the file (snake_case). */
  name: string;
  /** Key in HouseholdCreate / MemberInput. */
  key: string;
  kind: CellKind;
  required: boolean;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const column = (key: string, kind: CellKind, required = false): CsvColumn => ({
  name: snake(key),
  key,
  kind,
  required,
});

/** Household answers added by migration 026: they come after the older columns of the household group. */
const ADDED_026 = new Set<string>([
  'mealsPerDay',
  'meatMilkPerWeek',
  'newClothesPerYear',
  'canPayClinic',
  'headIncomeBelowLine',
  'hasSavings500k',
]);

export const HOUSEHOLD_COLUMNS: readonly CsvColumn[] = [
  column('kkNumber', 'text', true),
  column('regionCode', 'text', true),
  column('rw', 'text', true),
  column('rt', 'text', true),
  column('address', 'text', true),
  column('latitude', 'decimal'),
  column('longitude', 'decimal'),
  ...HOUSEHOLD_CODED.filter((k) => !ADDED_026.has(k)).map((k) => column(k, 'code')),
  ...HOUSEHOLD_NUMERIC.map((k) => column(k, 'count')),
  ...HOUSEHOLD_FLAGS.filter((k) => !ADDED_026.has(k)).map((k) => column(k, 'flag')),
  // 026 (BPS 14 criteria, KKS): appended, so files written before still line up column for column.
  ...HOUSEHOLD_CODED.filter((k) => ADDED_026.has(k)).map((k) => column(k, 'code')),
  ...HOUSEHOLD_FLAGS.filter((k) => ADDED_026.has(k)).map((k) => column(k, 'flag')),
  ...HOUSEHOLD_TEXT.map((k) => column(k, 'text')),
];

export const MEMBER_COLUMNS: readonly CsvColumn[] = [
  column('nik', 'text', true),
  column('name', 'text', true),
  column('birthPlace', 'text'),
  column('birthDate', 'date', true),
  column('sex', 'sex', true),
  column('relationship', 'code', true),
  column('pregnant', 'flag'),
  ...MEMBER_CODED.map((k) => column(k, 'code')),
  ...MEMBER_NUMERIC.map((k) => column(k, 'count')),
];

/** Written by the export for information; accepted and ignored by the import (except `removed`). */
export const EXPORT_ONLY_COLUMNS = [
  'household_id',
  'status',
  'version',
  'removal_reason',
  'updated_at',
  'person_id',
  'person_status',
] as const;

export const IMPORT_COLUMNS: readonly string[] = [...HOUSEHOLD_COLUMNS, ...MEMBER_COLUMNS].map((c) => c.name);
export const EXPORT_COLUMNS: readonly string[] = [...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS];

const COLUMN_BY_KEY = new Map(
  [...HOUSEHOLD_COLUMNS, ...MEMBER_COLUMNS].map((c) => [c.key, c.name] as [string, string]),
);

/** The CSV column of an API field name (`floorMaterial` → `floor_material`). */
export function columnOfKey(key: string): string {
  return COLUMN_BY_KEY.get(key) ?? snake(key);
}

/** Maximum members of one household (HouseholdCreate); rows past one more than this are not kept. */
export const MAX_MEMBER_ROWS = 41;

// ---------------------------------------------------------------- header

export interface CsvHeader {
  /** Number of columns every row must have. */
  width: number;
  /** Position of each import column present in the file. */
  household: { col: CsvColumn; at: number }[];
  member: { col: CsvColumn; at: number }[];
  kk: number;
  status: number | undefined;
  personStatus: number | undefined;
}

/** Checks the header row; unknown, missing or repeated columns make the whole file unreadable. */
export function readHeader(fields: string[]): CsvHeader {
  const names = fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>([...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') {
      issues.push(issue(`(column ${i + 1})`, 'csv.empty_column_name', { i: i + 1 }));
    } else if (!known.has(name)) {
      const hint = closest(name, [...known]);
      issues.push(
        issue(name, 'csv.unknown_column', {
          name: fields[i]!.trim(),
          hint: hint ? label('csv.did_you_mean', { hint }) : '',
        }),
      );
    } else if (seen.has(name)) {
      issues.push(issue(name, 'csv.duplicate_column', { name, seen: seen.get(name)! + 1, i: i + 1 }));
    } else seen.set(name, i);
  });
  for (const col of [...HOUSEHOLD_COLUMNS, ...MEMBER_COLUMNS]) {
    if (col.required && !seen.has(col.name)) {
      issues.push(issue(col.name, 'csv.missing_column', { name: col.name }));
    }
  }
  if (issues.length) {
    const list = (code: string) =>
      issues
        .filter((i) => i.code === code)
        .map((i) => i.field)
        .join(', ');
    const parts = perLang((lang) =>
      (['csv.unknown_column', 'csv.missing_column', 'csv.duplicate_column', 'csv.empty_column_name'] as const)
        .filter((code) => list(code))
        .map((code) => `${HEADER_PROBLEMS[code][lang]}: ${list(code)}`)
        .join('; '),
    );
    throw errorFrom(
      'validation',
      { code: issues[0]!.code, message: message('csv.header_mismatch', { parts }) },
      { issues },
    );
  }
  const present = (cols: readonly CsvColumn[]) =>
    cols.flatMap((col) => (seen.has(col.name) ? [{ col, at: seen.get(col.name)! }] : []));
  return {
    width: names.length,
    household: present(HOUSEHOLD_COLUMNS),
    member: present(MEMBER_COLUMNS),
    kk: seen.get('kk_number')!,
    status: seen.get('status'),
    personStatus: seen.get('person_status'),
  };
}

/** The known name within edit distance 2, to suggest for a misspelt column. */
function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------- rows in

export interface CsvRow {
  line: number;
  /** Household values by API key, and their raw text (to check every member row repeats the same). */
  household: Record<string, unknown>;
  householdText: string[];
  member: Record<string, unknown>;
  issues: FieldIssue[];
}

const HEADER_PROBLEMS = {
  'csv.unknown_column': label('csv.header.unknown'),
  'csv.missing_column': label('csv.header.missing'),
  'csv.duplicate_column': label('csv.header.duplicate'),
  'csv.empty_column_name': label('csv.header.empty'),
};

/** One cell's value, or an issue saying why its text is not one. Empty optional cells are null. */
function readCell(col: CsvColumn, raw: string): { value: unknown } | { issue: FieldIssue } {
  const v = raw.trim();
  if (raw.includes('\uFFFD')) {
    return {
      issue: issue(col.name, 'csv.invalid_utf8'),
    };
  }
  if (v === '') {
    if (!col.required) return { value: null };
    return { issue: issue(col.name, 'csv.required') };
  }
  switch (col.kind) {
    case 'text':
      return { value: unescapeFormula(v) };
    case 'code':
    case 'count':
      if (/^\d{1,12}$/.test(v)) return { value: Number(v) };
      return {
        issue: issue(col.name, 'csv.not_a_whole_number', {
          value: v,
          note: col.kind === 'code' ? label('csv.numeric_code') : '',
        }),
      };
    case 'decimal':
      if (/^-?\d{1,3}(\.\d{1,12})?$/.test(v)) return { value: Number(v) };
      return {
        issue: issue(col.name, 'csv.not_a_number', { value: v }),
      };
    case 'flag':
      if (v === '0' || v === '1') return { value: v === '1' };
      return {
        issue: issue(col.name, 'csv.not_a_flag', { value: v }),
      };
    case 'date':
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { value: v };
      return {
        issue: issue(col.name, 'csv.invalid_date', { value: v }),
      };
    case 'sex':
      if (v === 'M' || v === 'F' || v === 'm' || v === 'f') return { value: v.toUpperCase() };
      return {
        issue: issue(col.name, 'csv.invalid_sex', { value: v }),
      };
  }
}

/** Reads one data row (already known to have `header.width` fields). */
export function readRow(fields: string[], header: CsvHeader, line: number): CsvRow {
  const row: CsvRow = { line, household: {}, householdText: [], member: {}, issues: [] };
  for (const [target, cols] of [
    [row.household, header.household],
    [row.member, header.member],
  ] as const) {
    for (const { col, at } of cols) {
      const cell = readCell(col, fields[at]!);
      if ('issue' in cell) row.issues.push(cell.issue);
      else target[col.key] = cell.value;
    }
  }
  row.householdText = header.household.map(({ at }) => fields[at]!.trim());
  if (header.status !== undefined && fields[header.status]!.trim().toLowerCase() === 'removed')
    row.issues.push(issue('status', 'import.removed_record'));
  if (header.personStatus !== undefined && fields[header.personStatus]!.trim().toLowerCase() === 'removed')
    row.issues.push(issue('person_status', 'import.removed_record'));
  return row;
}

export interface LineIssue {
  line: number;
  issue: FieldIssue;
}

/**
 * One household from its member rows: the rows must repeat the same household values, and the result
 * must pass HouseholdCreate (the API's own schema). Domain rules (NIK, codes, village, conflicts) are the
 * service's, checked after this.
 */
export function householdFromCsvRows(
  rows: CsvRow[],
  header: CsvHeader,
): { input: HouseholdCreate; issues: [] } | { input: null; issues: LineIssue[] } {
  const first = rows[0]!;
  const issues: LineIssue[] = rows.flatMap((r) => r.issues.map((i) => ({ line: r.line, issue: i })));
  for (const r of rows.slice(1)) {
    header.household.forEach(({ col }, n) => {
      const [mine, theirs] = [r.householdText[n]!, first.householdText[n]!];
      if (mine === theirs) return;
      issues.push({
        line: r.line,
        issue: issue(col.name, 'csv.household_mismatch', { mine, line: first.line, theirs }),
      });
    });
  }
  if (issues.length) return { input: null, issues };
  const parsed = HouseholdCreate.safeParse({ ...first.household, members: rows.map((r) => r.member) });
  if (parsed.success) return { input: parsed.data, issues: [] };
  return {
    input: null,
    issues: parsed.error.issues.map((i) => {
      const [key, n, memberKey] = i.path;
      const memberRow = key === 'members' && typeof n === 'number' ? rows[n] : undefined;
      const field = memberRow ? String(memberKey ?? 'nik') : key === 'members' ? 'nik' : String(key);
      return {
        line: (memberRow ?? first).line,
        issue: { ...issuesFromZod([i])[0]!, field: columnOfKey(field) },
      };
    }),
  };
}

// ---------------------------------------------------------------- rows out

function cellText(v: unknown, kind: CellKind): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  return kind === 'text' ? escapeFormula(String(v)) : String(v);
}

/** The export rows of one household: one per member (or one with empty member columns if it has none). */
export function csvRowsOf(h: Household): string[][] {
  const hh = h as unknown as Record<string, unknown>;
  const householdCells = HOUSEHOLD_COLUMNS.map((c) => cellText(hh[c.key], c.kind));
  const members: (Household['members'][number] | null)[] = h.members.length ? h.members : [null];
  return members.map((m) => {
    const mm = (m ?? {}) as Record<string, unknown>;
    return [
      ...householdCells,
      ...MEMBER_COLUMNS.map((c) => cellText(mm[c.key], c.kind)),
      h.id,
      h.status,
      String(h.version),
      h.removalReason ?? '',
      h.updatedAt,
      m?.id ?? '',
      m?.status ?? '',
    ];
  });
}
