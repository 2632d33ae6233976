/**
 * The household CSV format (docs/csv-format.md): one row per member, the household's columns repeated on
 * each of its member rows. This file holds the column list, how each cell's text becomes a value, and the
 * mapping between one household's rows and the API shapes (HouseholdCreate in, Household out), so the CSV
 * import goes through the same schema and service rules as the API. Pure: no I/O.
 */
import type { z } from 'zod';
import { AppError, type FieldIssue, issue, type Text } from '../../domain/errors.ts';
import {
  HOUSEHOLD_CODED,
  HOUSEHOLD_FLAGS,
  HOUSEHOLD_NUMERIC,
  MEMBER_CODED,
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

export const HOUSEHOLD_COLUMNS: readonly CsvColumn[] = [
  column('kkNumber', 'text', true),
  column('regionCode', 'text', true),
  column('rw', 'text', true),
  column('rt', 'text', true),
  column('address', 'text', true),
  column('latitude', 'decimal'),
  column('longitude', 'decimal'),
  ...HOUSEHOLD_CODED.map((k) => column(k, 'code')),
  ...HOUSEHOLD_NUMERIC.map((k) => column(k, 'count')),
  ...HOUSEHOLD_FLAGS.map((k) => column(k, 'flag')),
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
      issues.push(
        issue(`(column ${i + 1})`, 'csv.empty_column_name', {
          id: `Kolom ke-${i + 1} di baris judul tidak bernama`,
          en: `Column ${i + 1} of the header row has no name`,
        }),
      );
    } else if (!known.has(name)) {
      const hint = closest(name, [...known]);
      issues.push(
        issue(name, 'csv.unknown_column', {
          id: `Kolom tidak dikenal "${fields[i]!.trim()}" di baris judul${hint ? `; maksudnya "${hint}"?` : ''}`,
          en: `Unknown column "${fields[i]!.trim()}" in the header row${hint ? `; did you mean "${hint}"?` : ''}`,
        }),
      );
    } else if (seen.has(name)) {
      issues.push(
        issue(name, 'csv.duplicate_column', {
          id: `Kolom "${name}" muncul dua kali di baris judul (kolom ke-${seen.get(name)! + 1} dan ke-${i + 1})`,
          en: `Column "${name}" appears twice in the header row (columns ${seen.get(name)! + 1} and ${i + 1})`,
        }),
      );
    } else seen.set(name, i);
  });
  for (const col of [...HOUSEHOLD_COLUMNS, ...MEMBER_COLUMNS]) {
    if (col.required && !seen.has(col.name)) {
      issues.push(
        issue(col.name, 'csv.missing_column', {
          id: `Kolom wajib "${col.name}" tidak ada di baris judul`,
          en: `Required column "${col.name}" is missing from the header row`,
        }),
      );
    }
  }
  if (issues.length) {
    const list = (code: string) =>
      issues
        .filter((i) => i.code === code)
        .map((i) => i.field)
        .join(', ');
    const parts = (t: { unknown: string; missing: string; duplicate: string; empty: string }) =>
      [
        ['csv.unknown_column', t.unknown],
        ['csv.missing_column', t.missing],
        ['csv.duplicate_column', t.duplicate],
        ['csv.empty_column_name', t.empty],
      ]
        .filter(([code]) => list(code!))
        .map(([code, label]) => `${label}: ${list(code!)}`)
        .join('; ');
    throw new AppError(
      'validation',
      issues[0]!.code,
      {
        id: `Baris judul (baris 1) tidak sesuai format CSV rumah tangga — ${parts({ unknown: 'kolom tidak dikenal', missing: 'kolom wajib tidak ada', duplicate: 'kolom ganda', empty: 'kolom tanpa nama' })}`,
        en: `The header row (line 1) does not match the household CSV format — ${parts({ unknown: 'unknown columns', missing: 'missing required columns', duplicate: 'repeated columns', empty: 'unnamed columns' })}`,
      },
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

/** Spreadsheet formula prefixes; the export escapes them with a leading apostrophe (see escapeFormula). */
const FORMULA_START = /^[=+\-@\t\r]/;

function escapeFormula(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

function unescapeFormula(v: string): string {
  return v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

function cellIssue(col: CsvColumn, code: string, message: Text): FieldIssue {
  return issue(col.name, code, message);
}

/** One cell's value, or an issue saying why its text is not one. Empty optional cells are null. */
function readCell(col: CsvColumn, raw: string): { value: unknown } | { issue: FieldIssue } {
  const v = raw.trim();
  if (raw.includes('\uFFFD')) {
    return {
      issue: cellIssue(col, 'csv.invalid_utf8', {
        id: 'Teks bukan UTF-8 yang sah; simpan berkas sebagai CSV UTF-8',
        en: 'Text is not valid UTF-8; save the file as CSV UTF-8',
      }),
    };
  }
  if (v === '') {
    if (!col.required) return { value: null };
    return { issue: cellIssue(col, 'csv.required', { id: 'Wajib diisi', en: 'A value is required' }) };
  }
  switch (col.kind) {
    case 'text':
      return { value: unescapeFormula(v) };
    case 'code':
    case 'count':
      if (/^\d{1,12}$/.test(v)) return { value: Number(v) };
      return {
        issue: cellIssue(col, 'csv.not_a_whole_number', {
          id: `"${v}" bukan bilangan bulat${col.kind === 'code' ? ' (kode angka)' : ''}`,
          en: `"${v}" is not a whole number${col.kind === 'code' ? ' (numeric code)' : ''}`,
        }),
      };
    case 'decimal':
      if (/^-?\d{1,3}(\.\d{1,12})?$/.test(v)) return { value: Number(v) };
      return {
        issue: cellIssue(
          col,
          'csv.not_a_number',
          /^-?\d+,\d+$/.test(v)
            ? {
                id: `"${v}" memakai koma; pemisah desimal harus titik (contoh -7.3612)`,
                en: `"${v}" uses a comma; the decimal separator must be a dot (e.g. -7.3612)`,
              }
            : { id: `"${v}" bukan angka desimal`, en: `"${v}" is not a decimal number` },
        ),
      };
    case 'flag':
      if (v === '0' || v === '1') return { value: v === '1' };
      return {
        issue: cellIssue(col, 'csv.not_a_flag', {
          id: `"${v}" tidak valid; isi 1 (ya), 0 (tidak) atau kosong`,
          en: `"${v}" is not valid; use 1 (yes), 0 (no) or leave it empty`,
        }),
      };
    case 'date':
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { value: v };
      return {
        issue: cellIssue(col, 'csv.invalid_date', {
          id: `"${v}" bukan tanggal berformat YYYY-MM-DD (contoh 1980-01-15)`,
          en: `"${v}" is not a date in YYYY-MM-DD form (e.g. 1980-01-15)`,
        }),
      };
    case 'sex':
      if (v === 'M' || v === 'F' || v === 'm' || v === 'f') return { value: v.toUpperCase() };
      return {
        issue: cellIssue(col, 'csv.invalid_sex', {
          id: `"${v}" tidak valid; isi M (laki-laki) atau F (perempuan)`,
          en: `"${v}" is not valid; use M (male) or F (female)`,
        }),
      };
  }
}

const REMOVED: Text = {
  id: 'Data berstatus dikeluarkan (removed) tidak dapat diimpor; yang dikeluarkan harus diusulkan kembali',
  en: 'Records marked removed cannot be imported; a removed record has to be proposed again',
};

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
    row.issues.push(issue('status', 'import.removed_record', REMOVED));
  if (header.personStatus !== undefined && fields[header.personStatus]!.trim().toLowerCase() === 'removed')
    row.issues.push(issue('person_status', 'import.removed_record', REMOVED));
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
        issue: issue(col.name, 'csv.household_mismatch', {
          id: `Nilai "${mine}" berbeda dengan baris ${first.line} ("${theirs}"); kolom rumah tangga harus sama di setiap baris anggota`,
          en: `Value "${mine}" differs from line ${first.line} ("${theirs}"); household columns must be the same on every member row`,
        }),
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
        issue: issue(columnOfKey(field), `request.${i.code}`, schemaText(i, field)),
      };
    }),
  };
}

/** Schema messages in both languages; only the few checks left after readCell can fail here. */
function schemaText(i: z.core.$ZodIssue, field: string): Text {
  if (i.code === 'too_big') {
    const max = String(i.maximum);
    if (i.origin === 'string')
      return { id: `Paling banyak ${max} karakter`, en: `At most ${max} characters` };
    if (i.origin === 'array')
      return { id: `Paling banyak ${max} anggota per KK`, en: `At most ${max} members per KK` };
    return { id: `Paling besar ${max}`, en: `At most ${max}` };
  }
  if (i.code === 'too_small') {
    const min = String(i.minimum);
    if (i.origin === 'string')
      return i.minimum === 1
        ? { id: 'Wajib diisi', en: 'A value is required' }
        : { id: `Paling sedikit ${min} karakter`, en: `At least ${min} characters` };
    return { id: `Paling kecil ${min}`, en: `At least ${min}` };
  }
  if (i.code === 'invalid_format') {
    if (field === 'rt' || field === 'rw')
      return { id: 'RT/RW harus 1–3 angka', en: 'RT/RW must be 1–3 digits' };
    if (/control characters/.test(i.message))
      return {
        id: 'Tidak boleh berisi karakter kontrol (misalnya baris baru atau tab)',
        en: 'Must not contain control characters (such as line breaks or tabs)',
      };
  }
  return { id: `Tidak valid: ${i.message}`, en: `Invalid: ${i.message}` };
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
