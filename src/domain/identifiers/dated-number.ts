/**
 * Internal: NIK and KK numbers share one layout, `PPKKCC DDMMYY SSSS` (DOMAIN.md §3): a Kemendagri district
 * code, a date with a two-digit year, and a serial ≥ 0001. Only the NIK adds 40 to the day for women.
 * `parse-nik.ts` and `parse-kk.ts` supply the wording and the codes; the rules live here.
 */
import { daysInMonth, isoDate, localIsoDate, pad2 } from '../calendar.ts';
import { type FieldIssue, issue, type Text } from '../errors.ts';
import { MONTHS_EN, MONTHS_ID } from '../month-names.ts';

export interface DatedNumberSpec {
  /** Code prefix: `nik` gives `nik.required`, `nik.invalid_date`, … */
  codePrefix: string;
  /** The number's name inside a sentence, e.g. {id: 'NIK', en: 'NIK'}. */
  name: Text;
  /** What the date means, e.g. {id: 'tanggal lahir', en: 'birth date'}. */
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

/** The latest year ending in `yy` that is not after `todayYear` (two-digit years carry no century). */
export function inferYear(yy: number, todayYear: number): number {
  const year = Math.floor(todayYear / 100) * 100 + yy;
  return year > todayYear ? year - 100 : year;
}

const ALL_DIGITS = /^[0-9]*$/;

export function parseDatedNumber(
  input: string,
  spec: DatedNumberSpec,
  opts: DatedNumberOptions = {},
): DatedNumberResult {
  const field = opts.field ?? spec.codePrefix;
  const code = (suffix: string) => `${spec.codePrefix}.${suffix}`;
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const { name } = spec;
  const value = input.trim();

  if (value === '') {
    errors.push(
      issue(field, code('required'), {
        id: `${name.id} wajib diisi.`,
        en: `${name.en} is required.`,
      }),
    );
    return { ok: false, errors, warnings };
  }

  if (!ALL_DIGITS.test(value)) {
    errors.push(
      issue(field, code('not_digits'), {
        id: `${name.id} hanya boleh berisi angka 0–9, tanpa spasi, titik, tanda hubung atau huruf.`,
        en: `${name.en} may contain only the digits 0–9, without spaces, dots, dashes or letters.`,
      }),
    );
  }

  const length = [...value].length;
  if (length !== DATED_NUMBER_LENGTH) {
    errors.push(
      issue(field, code('length'), {
        id: `${name.id} harus ${DATED_NUMBER_LENGTH} digit; yang diisi ${length} karakter.`,
        en: `${name.en} must be ${DATED_NUMBER_LENGTH} digits long; ${length} characters were entered.`,
      }),
    );
    return { ok: false, errors, warnings };
  }

  // With the right length, check every segment that is itself all digits, so one typo does not hide others.
  const regionPart = value.slice(0, 6);
  const datePart = value.slice(6, 12);
  const serialPart = value.slice(12, 16);

  const today = opts.today ?? new Date();
  const todayIso = localIsoDate(today);
  let date: { iso: string; sex: 'M' | 'F' } | null = null;
  if (ALL_DIGITS.test(datePart)) {
    const checked = checkDate(datePart, spec, today.getFullYear());
    if ('problems' in checked) {
      errors.push(
        issue(field, code('invalid_date'), {
          id: `${capitalize(spec.dateName.id)} dalam ${name.id} (${datePart.slice(0, 2)}-${datePart.slice(2, 4)}-${datePart.slice(4, 6)}) tidak valid: ${checked.problems.map((p) => p.id).join('; ')}.`,
          en: `The ${spec.dateName.en} in the ${name.en} (${datePart.slice(0, 2)}-${datePart.slice(2, 4)}-${datePart.slice(4, 6)}) is invalid: ${checked.problems.map((p) => p.en).join('; ')}.`,
        }),
      );
    } else if (checked.iso > todayIso) {
      errors.push(
        issue(field, code('future_date'), {
          id: `${capitalize(spec.dateName.id)} dalam ${name.id} (${checked.iso}) jatuh setelah hari ini (${todayIso}).`,
          en: `The ${spec.dateName.en} in the ${name.en} (${checked.iso}) is after today (${todayIso}).`,
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
      errors.push(
        issue(field, code('serial_zero'), {
          id: `4 digit terakhir ${name.id} (nomor urut) tidak boleh 0000; nomor urut dimulai dari 0001.`,
          en: `The last 4 digits of the ${name.en} (the serial) cannot be 0000; serials start at 0001.`,
        }),
      );
    }
  }

  let region: { provinceCode: string; regencyCode: string; districtCode: string } | null = null;
  if (ALL_DIGITS.test(regionPart)) {
    const provinceCode = regionPart.slice(0, 2);
    const regencyCode = `${provinceCode}.${regionPart.slice(2, 4)}`;
    const districtCode = `${regencyCode}.${regionPart.slice(4, 6)}`;
    region = { provinceCode, regencyCode, districtCode };
    const hasZeroPart = [0, 2, 4].some((i) => regionPart.slice(i, i + 2) === '00');
    const known = !hasZeroPart && (opts.isKnownDistrict ? opts.isKnownDistrict(districtCode) : true);
    if (!known) {
      warnings.push(
        issue(
          field,
          code('unknown_region'),
          {
            id: `Kode kecamatan ${districtCode} dalam ${name.id} tidak dikenal. Periksa kembali, kecuali wilayahnya sudah lama dimekarkan atau diganti.`,
            en: `District code ${districtCode} in the ${name.en} is not known. Check it again, unless the region was split or renamed long ago.`,
          },
          'warning',
        ),
      );
    }
  }

  if (errors.length > 0 || !date || serial === null || !region) return { ok: false, errors, warnings };
  return { ok: true, value: { digits: value, ...region, date: date.iso, sex: date.sex, serial }, warnings };
}

function checkDate(
  datePart: string,
  spec: DatedNumberSpec,
  todayYear: number,
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
  const dayRange = spec.femaleDayOffset
    ? { id: '01–31 untuk laki-laki, 41–71 untuk perempuan', en: '01–31 for men, 41–71 for women' }
    : { id: '01–31', en: '01–31' };
  const dayInRange = spec.femaleDayOffset
    ? (rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71)
    : rawDay >= 1 && rawDay <= 31;
  if (!dayInRange) {
    problems.push({
      id: `tanggal ${pad2(rawDay)} tidak mungkin (harus ${dayRange.id})`,
      en: `day ${pad2(rawDay)} is impossible (must be ${dayRange.en})`,
    });
  }
  const monthInRange = month >= 1 && month <= 12;
  if (!monthInRange) {
    problems.push({
      id: `bulan ${pad2(month)} tidak mungkin (harus 01–12)`,
      en: `month ${pad2(month)} is impossible (must be 01–12)`,
    });
  }
  const year = inferYear(yy, todayYear);
  if (dayInRange && monthInRange && day > daysInMonth(year, month)) {
    const leapNote =
      month === 2 && day === 29
        ? { id: ` (${year} bukan tahun kabisat)`, en: ` (${year} is not a leap year)` }
        : { id: '', en: '' };
    problems.push({
      id: `tanggal ${day} ${MONTHS_ID[month - 1]} ${year} tidak ada${leapNote.id}`,
      en: `${MONTHS_EN[month - 1]} ${day}, ${year} does not exist${leapNote.en}`,
    });
  }
  if (problems.length > 0) return { problems };
  return { iso: isoDate(year, month, day), sex };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
