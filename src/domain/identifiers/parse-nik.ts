/**
 * NIK (Nomor Induk Kependudukan), DOMAIN.md §3: `PPKKCC DDMMYY SSSS` — district of first registration,
 * birth date (women: day + 40), serial ≥ 0001. An unknown district is a soft check (a warning: old and split
 * regions exist), a province, regency or district part 00 and an impossible date are errors.
 */
import { label } from '../catalogue.ts';
import { type FieldIssue, issue } from '../errors.ts';
import { DATED_NUMBER_LENGTH, type DatedNumberOptions, parseDatedNumber } from './dated-number.ts';

export interface ParsedNik {
  nik: string;
  /** Dotted Kemendagri code, e.g. '32.01.01'. */
  districtCode: string;
  regencyCode: string;
  provinceCode: string;
  /** YYYY-MM-DD; the century is inferred: the latest such date not after `today` (inferYear). */
  birthDate: string;
  sex: 'M' | 'F';
  serial: number;
}

export type NikResult =
  | { ok: true; value: ParsedNik; warnings: FieldIssue[] }
  | { ok: false; errors: FieldIssue[]; warnings: FieldIssue[] };

export type ParseNikOptions = DatedNumberOptions;

const NIK_SPEC = {
  codePrefix: 'nik' as const,
  name: label('nik'),
  dateName: label('birth_date'),
  femaleDayOffset: true,
};

export function parseNik(input: string, opts: ParseNikOptions = {}): NikResult {
  const result = parseDatedNumber(input, NIK_SPEC, opts);
  if (!result.ok) return result;
  const { digits, districtCode, regencyCode, provinceCode, date, sex, serial } = result.value;
  return {
    ok: true,
    value: { nik: digits, districtCode, regencyCode, provinceCode, birthDate: date, sex, serial },
    warnings: result.warnings,
  };
}

const WELL_FORMED = new RegExp(`^[0-9]{${DATED_NUMBER_LENGTH}}$`);

/** Quick shape check (16 ASCII digits, nothing else); `parseNik` does the real validation. */
export function isWellFormedNik(s: string): boolean {
  return WELL_FORMED.test(s);
}

/**
 * Exactly the NIKs `parseNik` accepts without errors, written without surrounding whitespace, as one regular
 * expression (for the OpenAPI document; src/http/params.test.ts checks the two agree): no region part 00,
 * a real day of that month (women + 40; 29 February in years divisible by four: a two-digit year is read
 * as the latest such year not after today, which in this century is a leap year exactly then), serial ≥ 0001.
 */
export const NIK_PATTERN = (() => {
  const region = '(?!00)\\d{2}'.repeat(3);
  const days = (last: string, lastF: string) => `(?:0[1-9]|[12]\\d|${last}|4[1-9]|[56]\\d|${lastF})`;
  const upTo28 = '(?:0[1-9]|1\\d|2[0-8]|4[1-9]|5\\d|6[0-8])';
  const date = [
    `${days('3[01]', '7[01]')}(?:0[13578]|1[02])\\d{2}`,
    `${days('30', '70')}(?:0[469]|11)\\d{2}`,
    `${upTo28}02\\d{2}`,
    '(?:29|69)02(?:[02468][048]|[13579][26])',
  ].join('|');
  return new RegExp(`^${region}(?:${date})(?!0000)\\d{4}$`);
})();

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Warnings when what was typed for the person disagrees with what the NIK encodes. Dates are compared on
 * day, month and two-digit year only, so a wrong century guess for an old person is not a mismatch.
 */
export function compareNikWithPerson(
  parsed: ParsedNik,
  person: { birthDate?: string | null; sex?: 'M' | 'F' | null },
  field = 'nik',
): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  const entered = person.birthDate ? ISO_DATE.exec(person.birthDate) : null;
  const fromNik = ISO_DATE.exec(parsed.birthDate);
  if (entered && fromNik) {
    const key = (m: RegExpExecArray) => `${m[3]}-${m[2]}-${m[1]!.slice(2)}`;
    if (key(entered) !== key(fromNik)) {
      warnings.push(
        issue(
          field,
          'nik.birth_date_mismatch',
          { birthDate: person.birthDate ?? '', fromNik: key(fromNik) },
          'warning',
        ),
      );
    }
  }
  if (person.sex && person.sex !== parsed.sex) {
    const sex = (s: 'M' | 'F') => label(s === 'F' ? 'sex.female' : 'sex.male');
    const day = label(parsed.sex === 'F' ? 'nik.day_plus_40' : 'nik.day_without_40');
    warnings.push(
      issue(
        field,
        'nik.sex_mismatch',
        { entered: sex(person.sex), fromNik: sex(parsed.sex), day },
        'warning',
      ),
    );
  }
  return warnings;
}
