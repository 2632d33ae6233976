/**
 * Matching DTKS with the civil registry (Dukcapil), DOMAIN.md §5.5: the columns of an extract, how one
 * line is read and checked, what a match can find, and which resolution each finding allows. Pure: no I/O.
 */
import { parseIsoDate } from '../calendar.ts';
import { label } from '../catalogue.ts';
import { type FieldIssue, issue, type Text } from '../errors.ts';
import { parseKk } from '../identifiers/parse-kk.ts';
import { parseNik } from '../identifiers/parse-nik.ts';
import { dateName } from '../month-names.ts';
import { normalizeRegionCode } from '../regions/region-code.ts';

/** The columns an extract must have (header row, any order, extra columns ignored). */
export const DUKCAPIL_COLUMNS = [
  'nik',
  'kk_number',
  'name',
  'birth_date',
  'sex',
  'region_code',
  'status',
] as const;
export type DukcapilColumn = (typeof DUKCAPIL_COLUMNS)[number];

/** One well-formed line of an extract. */
export interface DukcapilRow {
  line: number;
  nik: string;
  kkNumber: string;
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  /** Dotted village code (level 4). */
  villageCode: string;
  status: 'alive' | 'deceased';
}

export const MATCH_RESULTS = [
  { code: 'matched', label: { id: 'Cocok', en: 'Matched' } },
  { code: 'nik_not_found', label: { id: 'NIK tidak ada di DTKS', en: 'NIK not in DTKS' } },
  { code: 'name_mismatch', label: { id: 'Nama berbeda', en: 'Name differs' } },
  { code: 'birth_date_mismatch', label: { id: 'Tanggal lahir berbeda', en: 'Birth date differs' } },
  { code: 'deceased', label: { id: 'Meninggal menurut Dukcapil', en: 'Deceased per Dukcapil' } },
  {
    code: 'moved_region',
    label: { id: 'Desa berbeda (pindah)', en: 'Different village (moved)' },
  },
  /** Only from an adapter that asks by NIK (the HTTP service): DTKS holds a NIK the civil registry does not. */
  { code: 'not_in_dukcapil', label: { id: 'NIK tidak ada di Dukcapil', en: 'NIK not in Dukcapil' } },
] as const satisfies readonly { code: string; label: Text }[];
export type MatchResult = (typeof MATCH_RESULTS)[number]['code'];
export const MATCH_RESULT_CODES = MATCH_RESULTS.map((r) => r.code) as [MatchResult, ...MatchResult[]];

export const RESOLUTIONS = [
  {
    code: 'accept_dukcapil',
    label: { id: 'Terima data Dukcapil (perbaiki DTKS)', en: 'Accept Dukcapil (correct DTKS)' },
  },
  { code: 'keep_dtks', label: { id: 'Pertahankan data DTKS', en: 'Keep DTKS as is' } },
  {
    code: 'propose_removal',
    label: { id: 'Catat untuk diusulkan keluar', en: 'Note for a removal proposal' },
  },
  {
    code: 'mark_deceased',
    label: { id: 'Keluarkan: meninggal dunia', en: 'Remove: deceased' },
  },
] as const satisfies readonly { code: string; label: Text }[];
export type Resolution = (typeof RESOLUTIONS)[number]['code'];
export const RESOLUTION_CODES = RESOLUTIONS.map((r) => r.code) as [Resolution, ...Resolution[]];

/**
 * What may be done about each finding. A moved person keeps the DTKS record where it is (territorial
 * principle, DOMAIN.md §1): the village must propose the removal; nothing moves automatically.
 */
export const RESOLUTIONS_BY_RESULT: Record<MatchResult, readonly Resolution[]> = {
  matched: [],
  nik_not_found: ['keep_dtks'],
  name_mismatch: ['accept_dukcapil', 'keep_dtks', 'propose_removal'],
  birth_date_mismatch: ['accept_dukcapil', 'keep_dtks', 'propose_removal'],
  deceased: ['mark_deceased', 'keep_dtks', 'propose_removal'],
  moved_region: ['propose_removal', 'keep_dtks'],
  not_in_dukcapil: ['keep_dtks', 'propose_removal'],
};

export function resolutionsFor(result: string): readonly Resolution[] {
  return RESOLUTIONS_BY_RESULT[result as MatchResult] ?? [];
}

/** A person's identity as DTKS holds it, for comparison with a Dukcapil line. */
export interface DtksPerson {
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  kkNumber: string;
  villageCode: string;
}

export interface Difference {
  field: 'name' | 'birthDate' | 'sex' | 'kkNumber' | 'villageCode' | 'status';
  dukcapil: string;
  dtks: string;
  /** For names: the words only one side has, after normalising (case, accents, punctuation). */
  onlyInDukcapil?: string[];
  onlyInDtks?: string[];
  /** For names: the same words in another order. */
  wordOrder?: boolean;
}

export interface MatchOutcome {
  result: MatchResult;
  differences: Difference[];
}

/**
 * Compares one line with the DTKS person holding its NIK (null when none does, in the caller's territory).
 * Every difference is listed; the result names the most consequential one: deceased, then a different
 * village, then the name, then the birth date. Sex and KK number differences are listed, never the result.
 * `normalizeName` is the registry's folding of names (the same one name search uses).
 */
export function matchPerson(
  row: DukcapilRow,
  person: DtksPerson | null,
  normalizeName: (name: string) => string,
): MatchOutcome {
  if (!person) return { result: 'nik_not_found', differences: [] };
  const differences: Difference[] = [];
  if (row.status === 'deceased') differences.push({ field: 'status', dukcapil: 'deceased', dtks: 'alive' });
  if (row.villageCode !== person.villageCode) {
    differences.push({ field: 'villageCode', dukcapil: row.villageCode, dtks: person.villageCode });
  }
  const a = normalizeName(row.name);
  const b = normalizeName(person.name);
  if (a !== b) {
    const wa = a.split(' ').filter(Boolean);
    const wb = b.split(' ').filter(Boolean);
    const onlyInDukcapil = wa.filter((w) => !wb.includes(w));
    const onlyInDtks = wb.filter((w) => !wa.includes(w));
    differences.push({
      field: 'name',
      dukcapil: row.name,
      dtks: person.name,
      onlyInDukcapil,
      onlyInDtks,
      ...(onlyInDukcapil.length === 0 && onlyInDtks.length === 0 ? { wordOrder: true } : {}),
    });
  }
  if (row.birthDate !== person.birthDate) {
    differences.push({ field: 'birthDate', dukcapil: row.birthDate, dtks: person.birthDate });
  }
  if (row.sex !== person.sex) differences.push({ field: 'sex', dukcapil: row.sex, dtks: person.sex });
  if (row.kkNumber !== person.kkNumber) {
    differences.push({ field: 'kkNumber', dukcapil: row.kkNumber, dtks: person.kkNumber });
  }
  const has = (f: Difference['field']) => differences.some((d) => d.field === f);
  const result: MatchResult = has('status')
    ? 'deceased'
    : has('villageCode')
      ? 'moved_region'
      : has('name')
        ? 'name_mismatch'
        : has('birthDate')
          ? 'birth_date_mismatch'
          : 'matched';
  return { result, differences };
}

/** A human sentence for a difference list (CLI and logs; the web shows the structure). */
export function describeDifferences(differences: Difference[]): Text {
  const parts = differences.map((d): Text => {
    if (d.field === 'name') {
      const extra = d.wordOrder
        ? { id: 'urutan kata berbeda', en: 'word order differs' }
        : {
            id: `hanya di Dukcapil: ${d.onlyInDukcapil?.join(' ') || '-'}; hanya di DTKS: ${d.onlyInDtks?.join(' ') || '-'}`,
            en: `only in Dukcapil: ${d.onlyInDukcapil?.join(' ') || '-'}; only in DTKS: ${d.onlyInDtks?.join(' ') || '-'}`,
          };
      return {
        id: `nama "${d.dukcapil}" ≠ "${d.dtks}" (${extra.id})`,
        en: `name "${d.dukcapil}" ≠ "${d.dtks}" (${extra.en})`,
      };
    }
    const names: Record<Difference['field'], Text> = {
      name: { id: 'nama', en: 'name' },
      birthDate: { id: 'tanggal lahir', en: 'birth date' },
      sex: { id: 'jenis kelamin', en: 'sex' },
      kkNumber: { id: 'nomor KK', en: 'KK number' },
      villageCode: { id: 'desa', en: 'village' },
      status: { id: 'status', en: 'status' },
    };
    const n = names[d.field];
    // Dates and sex read as words, not as the extract's codes (`2007-12-01`, `F`).
    const word = (v: string, lang: 'id' | 'en') =>
      d.field === 'birthDate' && /^\d{4}-\d\d-\d\d$/.test(v)
        ? dateName(v, lang)
        : d.field === 'sex' && (v === 'M' || v === 'F')
          ? label(v === 'M' ? 'sex.male' : 'sex.female')[lang]
          : v;
    return {
      id: `${n.id} Dukcapil ${word(d.dukcapil, 'id')}, DTKS ${word(d.dtks, 'id')}`,
      en: `${n.en} Dukcapil ${word(d.dukcapil, 'en')}, DTKS ${word(d.dtks, 'en')}`,
    };
  });
  return { id: parts.map((p) => p.id).join('; '), en: parts.map((p) => p.en).join('; ') };
}

// ------------------------------------------------------------------ reading one line

/** Where each required column sits in the header, or the columns it lacks. */
export function readDukcapilHeader(
  header: string[],
): { ok: true; index: Record<DukcapilColumn, number> } | { ok: false; missing: DukcapilColumn[] } {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = DUKCAPIL_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return { ok: false, missing };
  return {
    ok: true,
    index: Object.fromEntries(DUKCAPIL_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
      DukcapilColumn,
      number
    >,
  };
}

const SEX: Record<string, 'M' | 'F'> = {
  m: 'M',
  l: 'M',
  'laki-laki': 'M',
  male: 'M',
  f: 'F',
  p: 'F',
  perempuan: 'F',
  female: 'F',
};
const STATUS: Record<string, 'alive' | 'deceased'> = {
  alive: 'alive',
  hidup: 'alive',
  deceased: 'deceased',
  meninggal: 'deceased',
};

/**
 * Reads one line's fields. Every problem is reported (field = column name); a line with any problem is
 * rejected, never matched. `isKnownVillage` checks the region table; `today` bounds birth dates.
 */
export function readDukcapilRow(
  line: number,
  fields: string[],
  index: Record<DukcapilColumn, number>,
  ctx: { isKnownVillage: (code: string) => boolean; today: Date },
): { ok: true; row: DukcapilRow } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const width = Math.max(...Object.values(index)) + 1;
  if (fields.length < width) {
    const absent = DUKCAPIL_COLUMNS.filter((c) => index[c] >= fields.length);
    return {
      ok: false,
      issues: [issue(absent[0]!, 'dukcapil.missing_columns', { columns: absent.join(', ') })],
    };
  }
  const cell = (c: DukcapilColumn) => (fields[index[c]] ?? '').trim();

  const nik = cell('nik');
  const parsedNik = parseNik(nik, { field: 'nik', today: ctx.today });
  if (!parsedNik.ok) issues.push(...parsedNik.errors);

  const kkNumber = cell('kk_number');
  const kk = parseKk(kkNumber, { field: 'kk_number', today: ctx.today });
  if (!kk.ok) issues.push(...kk.errors);

  const name = cell('name');
  if (name === '' || name.length > 120 || /\p{Cc}/u.test(name)) {
    issues.push(issue('name', 'dukcapil.invalid_name'));
  }

  const birthDate = cell('birth_date');
  const d = parseIsoDate(birthDate);
  if (!d || new Date(`${birthDate}T00:00:00Z`).getTime() > ctx.today.getTime()) {
    issues.push(issue('birth_date', 'dukcapil.invalid_birth_date', { birthDate }));
  }

  const sex = SEX[cell('sex').toLowerCase()];
  if (!sex) {
    issues.push(issue('sex', 'dukcapil.invalid_sex', { value: cell('sex') }));
  }

  const region = normalizeRegionCode(cell('region_code'));
  let villageCode = '';
  if (!region.ok) issues.push({ ...region.issue, field: 'region_code' });
  else if (region.level !== 4 || !ctx.isKnownVillage(region.code)) {
    issues.push(issue('region_code', 'region.not_a_village', { code: region.code }));
  } else villageCode = region.code;

  const status = STATUS[cell('status').toLowerCase()];
  if (!status) {
    issues.push(issue('status', 'dukcapil.invalid_status', { value: cell('status') }));
  }

  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    row: { line, nik, kkNumber, name, birthDate, sex: sex!, villageCode, status: status! },
  };
}
