/**
 * Internal: NIK and KK numbers share one layout, `PPKKCC DDMMYY SSSS` (DOMAIN.md §3): a Kemendagri district
 * code, a date with a two-digit year, and a serial ≥ 0001. Only the NIK adds 40 to the day for women.
 * `parse-nik.ts` and `parse-kk.ts` supply the wording and the codes; the rules live here.
 */
import { daysInMonth, isoDate, localIsoDate, pad2 } from '../calendar.ts';
import { label, perLang } from '../catalogue.ts';
import { type FieldIssue, issue, type Text } from '../errors.ts';
import { MONTHS_EN, MONTHS_ID } from '../month-names.ts';

export interface DatedNumberSpec {
  /** Code prefix: `nik` gives `nik.required`, `nik.invalid_date`, … */
  codePrefix: 'nik' | 'kk';
  /** The number's name inside a sentence, e.g. label('nik'). */
  name: Text;
  /** What the date means, e.g. label('birth_date'). */
  dateName: Text;
  /** NIK: women's day is stored as day + 40. */
  femaleDayOffset: boolean;
}

export interface DatedNumberOptions {
  today?: Date;
  isKnownDistrict?: (districtCode: string) => boolean;
  field?: string;
}

export interface DatedNumberParts {
  digits: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  /** YYYY-MM-DD with the inferred century. */
  date: string;
  /** Only meaningful when `femaleDayOffset`; always 'M' otherwise. */
  sex: 'M' | 'F';
  serial: number;
}

export type DatedNumberResult =
  | { ok: true; value: DatedNumberParts; warnings: FieldIssue[] }
  | { ok: false; errors: FieldIssue[]; warnings: FieldIssue[] };

export const DATED_NUMBER_LENGTH = 16;

/**
 * The year of a date written with a two-digit year (which carries no century): the latest year ending in
 * `yy` in which that day and month fall on or before `todayIso` (YYYY-MM-DD). So `31-12-26` read on
 * 2026-12-05 is 1926-12-31 (someone born 100 years ago, not a future date), while `05-12-26` read that day
 * is 2026-12-05 (born today).
 */
export function inferYear(yy: number, month: number, day: number, todayIso: string): number {
  const todayYear = Number(todayIso.slice(0, 4));
  const year = Math.floor(todayYear / 100) * 100 + yy;
  return isoDate(year, month, day) > todayIso ? year - 100 : year;
}

const ALL_DIGITS = /^[0-9]*$/;

/** The two-digit parts of the region prefix `PPKKCC`, none of which may be 00. */
const REGION_PARTS: readonly { at: number; name: Text }[] = [
  { at: 0, name: label('level.province') },
  { at: 2, name: label('level.regency') },
  { at: 4, name: label('level.district') },
];

export function parseDatedNumber(
  input: string,
  spec: DatedNumberSpec,
  opts: DatedNumberOptions = {},
): DatedNumberResult {
  const field = opts.field ?? spec.codePrefix;
  const code = <S extends string>(suffix: S) => `${spec.codePrefix}.${suffix}` as `${'nik' | 'kk'}.${S}`;
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const { name } = spec;
  const value = input.trim();

  if (value === '') {
    errors.push(issue(field, code('required'), { name }));
    return { ok: false, errors, warnings };
  }

  if (!ALL_DIGITS.test(value)) {
    errors.push(issue(field, code('not_digits'), { name }));
  }

  const length = [...value].length;
  if (length !== DATED_NUMBER_LENGTH) {
    errors.push(issue(field, code('length'), { name, digits: DATED_NUMBER_LENGTH, length }));
    return { ok: false, errors, warnings };
  }

  // With the right length, check every segment that is itself all digits, so one typo does not hide others.
  const regionPart = value.slice(0, 6);
  const datePart = value.slice(6, 12);
  const serialPart = value.slice(12, 16);

  let region: { provinceCode: string; regencyCode: string; districtCode: string } | null = null;
  if (ALL_DIGITS.test(regionPart)) {
    const provinceCode = regionPart.slice(0, 2);
    const regencyCode = `${provinceCode}.${regionPart.slice(2, 4)}`;
    const districtCode = `${regencyCode}.${regionPart.slice(4, 6)}`;
    const zeroParts = REGION_PARTS.filter((p) => regionPart.slice(p.at, p.at + 2) === '00');
    if (zeroParts.length > 0) {
      // No Kemendagri province, regency or district is numbered 00: a typo, never an old or split region.
      const list = perLang((lang) =>
        listOf(
          zeroParts.map((p) => p.name[lang]),
          label('and')[lang],
        ),
      );
      const parts = label(zeroParts.length > 1 ? 'region_parts.many' : 'region_parts.one', { parts: list });
      errors.push(issue(field, code('region_zero'), { name, districtCode, parts }));
    } else if (opts.isKnownDistrict && !opts.isKnownDistrict(districtCode)) {
      warnings.push(issue(field, code('unknown_region'), { districtCode, name }, 'warning'));
    }
    region = { provinceCode, regencyCode, districtCode };
  }

  // The century is inferred so that the date is never after today (inferYear): no date is in the future.
  const todayIso = localIsoDate(opts.today ?? new Date());
  let date: { iso: string; sex: 'M' | 'F' } | null = null;
  if (ALL_DIGITS.test(datePart)) {
    const checked = checkDate(datePart, spec, todayIso);
    if ('problems' in checked) {
      errors.push(
        issue(field, code('invalid_date'), {
          // Indonesian puts the date first in the sentence.
          dateName: perLang((lang) => (lang === 'id' ? capitalize(spec.dateName.id) : spec.dateName.en)),
          name,
          written: `${datePart.slice(0, 2)}-${datePart.slice(2, 4)}-${datePart.slice(4, 6)}`,
          problems: perLang((lang) => checked.problems.map((p) => p[lang]).join('; ')),
        }),
      );
    } else {
      date = checked;
    }
  }

  let serial: number | null = null;
  if (ALL_DIGITS.test(serialPart)) {
    serial = Number(serialPart);
    if (serial === 0) {
      errors.push(issue(field, code('serial_zero'), { name }));
    }
  }

  if (errors.length > 0 || !date || serial === null || !region) return { ok: false, errors, warnings };
  return { ok: true, value: { digits: value, ...region, date: date.iso, sex: date.sex, serial }, warnings };
}

function checkDate(
  datePart: string,
  spec: DatedNumberSpec,
  todayIso: string,
): { iso: string; sex: 'M' | 'F' } | { problems: Text[] } {
  const rawDay = Number(datePart.slice(0, 2));
  const month = Number(datePart.slice(2, 4));
  const yy = Number(datePart.slice(4, 6));
  const problems: Text[] = [];

  let day = rawDay;
  let sex: 'M' | 'F' = 'M';
  if (spec.femaleDayOffset && rawDay > 40) {
    day = rawDay - 40;
    sex = 'F';
  }
  const dayRange = label(spec.femaleDayOffset ? 'date.day_range_nik' : 'date.day_range');
  const dayInRange = spec.femaleDayOffset
    ? (rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71)
    : rawDay >= 1 && rawDay <= 31;
  if (!dayInRange) {
    problems.push(label('date.day_impossible', { day: pad2(rawDay), range: dayRange }));
  }
  const monthInRange = month >= 1 && month <= 12;
  if (!monthInRange) {
    problems.push(label('date.month_impossible', { month: pad2(month) }));
  }
  const year = inferYear(yy, month, day, todayIso);
  if (dayInRange && monthInRange && day > daysInMonth(year, month)) {
    const leapNote = month === 2 && day === 29 ? label('date.not_leap_year', { year }) : '';
    const monthName = perLang((lang) => (lang === 'id' ? MONTHS_ID : MONTHS_EN)[month - 1]!);
    problems.push(label('date.not_exist', { day, month: monthName, year, leapNote }));
  }
  if (problems.length > 0) return { problems };
  return { iso: isoDate(year, month, day), sex };
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(items: string[], and: string): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}` : (items[0] ?? '');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
