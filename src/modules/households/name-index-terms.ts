/**
 * The territory and status terms of SQLite's name index (`households_names`, migration 066). The trigram
 * tokenizer indexes every run of three characters, so a household's province, regency, district, village
 * and status are each written as exactly three characters in a column of their own: one indexed term, found
 * by its posting list alone, as the name's trigrams are. A territory code's digits (dots left out) are a
 * number written in base 6,400 with the Unicode private-use characters U+E000–U+F8FF (a village's ten
 * digits fit: 6,400³ ≈ 2.6 × 10¹¹), which no name holds; a column holds one level only, so equal numbers of
 * different levels never meet.
 *
 * The same encoding is written twice and must stay so: here (the queries) and in SQL (`TERM_SQL`, the
 * migration's triggers and its copy of the existing rows); src/modules/households/name-index-terms.test.ts
 * checks that the two agree.
 */
import type { RegionColumn } from '../access/actor.ts';

const BASE = 6400;
const FIRST = 0xe000;

/** A code's shape at each level, as `households` holds it (`PP`, `PP.KK`, `PP.KK.CC`, `PP.KK.CC.XNNN`). */
const SHAPES: Record<RegionColumn, RegExp> = {
  provinceCode: /^\d{2}$/,
  regencyCode: /^\d{2}\.\d{2}$/,
  districtCode: /^\d{2}\.\d{2}\.\d{2}$/,
  villageCode: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};

/** The name index's column holding each level's term. */
export const TERM_COLUMNS: Record<RegionColumn | 'status', string> = {
  provinceCode: 'in_province',
  regencyCode: 'in_regency',
  districtCode: 'in_district',
  villageCode: 'in_village',
  status: 'in_status',
};

/** Status terms are numbers too; a status not listed here has none (and no index query asks for it). */
export const STATUS_NUMBERS: Record<'active' | 'removed', number> = { active: 1, removed: 2 };

/** The three characters writing `n` (0 ≤ n < 6,400³). */
export function termOf(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= BASE ** 3) throw new RangeError(`term out of range: ${n}`);
  return String.fromCharCode(
    FIRST + Math.floor(n / BASE / BASE),
    FIRST + (Math.floor(n / BASE) % BASE),
    FIRST + (n % BASE),
  );
}

/** The term of a territory code at its column's level; null when the code is not of that level's shape. */
export function territoryTerm(column: RegionColumn, code: string): string | null {
  if (!SHAPES[column].test(code)) return null;
  return termOf(Number(code.replaceAll('.', '')));
}

/** The term of a household's status. */
export function statusTerm(status: 'active' | 'removed'): string {
  return termOf(STATUS_NUMBERS[status]);
}

/**
 * SQL (SQLite) writing the same terms from a row's columns, for the triggers and the migration's copy:
 * each level's prefix of the village code (every other code of a household is one), NULL — no term — for
 * a village code not of its shape or a status without a number.
 */
export const TERM_SQL = {
  number: (n: string) =>
    `char(${FIRST} + (${n}) / ${BASE * BASE}, ${FIRST} + ((${n}) / ${BASE}) % ${BASE}, ${FIRST} + (${n}) % ${BASE})`,
  territory(village: string, column: RegionColumn): string {
    const length = { provinceCode: 2, regencyCode: 5, districtCode: 8, villageCode: 13 }[column];
    const digits = `cast(replace(substr(${village}, 1, ${length}), '.', '') as integer)`;
    return `case when ${village} glob '[0-9][0-9].[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]' then ${TERM_SQL.number(digits)} end`;
  },
  status(status: string): string {
    return `case ${status} ${Object.entries(STATUS_NUMBERS)
      .map(([s, n]) => `when '${s}' then ${TERM_SQL.number(String(n))}`)
      .join(' ')} end`;
  },
};

const LEVELS: RegionColumn[] = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'];

/**
 * The name index's columns and, for the household row `row` (`new` or `old` in a trigger, or '' for
 * `households` itself), the SQL of their values, in the same order: migration 066 created the index and
 * its triggers with them, migration 084 its source view and triggers again (a delete must repeat exactly
 * the values its insert wrote: FTS5's `'delete'` command), so both come from here.
 */
export function nameIndexColumnsSql(row: string): { names: string[]; values: string[] } {
  const ref = (c: string) => (row ? `${row}.${c}` : c);
  const names = [
    'head_name_search',
    'head_name_fold',
    ...LEVELS.map((l) => TERM_COLUMNS[l]),
    TERM_COLUMNS.status,
  ];
  const values = [
    ref('head_name_search'),
    ref('head_name_fold'),
    ...LEVELS.map((l) => TERM_SQL.territory(ref('village_code'), l)),
    TERM_SQL.status(ref('status')),
  ];
  return { names, values };
}
