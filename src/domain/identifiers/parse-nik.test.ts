import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../errors.ts';
import { compareNikWithPerson, isWellFormedNik, type NikResult, parseNik } from './parse-nik.ts';

const today = new Date(2025, 5, 15); // 15 June 2025, local time

function codes(issues: FieldIssue[]): string[] {
  return issues.map((i) => i.code);
}

function errorsOf(result: NikResult): FieldIssue[] {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

function parsedOf(result: NikResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('parseNik: valid numbers', () => {
  it('parses a male NIK', () => {
    const result = parseNik('3201011508850001', { today });
    expect(result).toEqual({
      ok: true,
      value: {
        nik: '3201011508850001',
        districtCode: '32.01.01',
        regencyCode: '32.01',
        provinceCode: '32',
        birthDate: '1985-08-15',
        sex: 'M',
        serial: 1,
      },
      warnings: [],
    });
  });

  it('parses a female NIK (day + 40)', () => {
    const value = parsedOf(parseNik('3171045508851234', { today }));
    expect(value.sex).toBe('F');
    expect(value.birthDate).toBe('1985-08-15');
    expect(value.districtCode).toBe('31.71.04');
    expect(value.serial).toBe(1234);
  });

  it.each([
    ['0101', 'M', '01'],
    ['3112', 'M', '31'],
    ['4101', 'F', '01'],
    ['7112', 'F', '31'],
  ])('accepts the day/month edge %s', (ddmm, sex, day) => {
    const value = parsedOf(parseNik(`320101${ddmm}900001`, { today }));
    expect(value.sex).toBe(sex);
    expect(value.birthDate.slice(8)).toBe(day);
  });

  it('trims surrounding whitespace', () => {
    expect(parsedOf(parseNik('  3201011508850001\t', { today })).nik).toBe('3201011508850001');
  });

  it('accepts 29 February in leap years (2000, 1996, female 2004)', () => {
    expect(parsedOf(parseNik('3201012902000001', { today })).birthDate).toBe('2000-02-29');
    expect(parsedOf(parseNik('3201012902960001', { today })).birthDate).toBe('1996-02-29');
    const woman = parsedOf(parseNik('3201016902040001', { today }));
    expect(woman).toMatchObject({ birthDate: '2004-02-29', sex: 'F' });
  });

  it('accepts the highest serial', () => {
    expect(parsedOf(parseNik('3201011508859999', { today })).serial).toBe(9999);
  });
});

describe('parseNik: century inference', () => {
  it('uses the current century for years up to today', () => {
    expect(parsedOf(parseNik('3201010101250001', { today })).birthDate).toBe('2025-01-01');
    expect(parsedOf(parseNik('3201011506250001', { today })).birthDate).toBe('2025-06-15');
    expect(parsedOf(parseNik('3201010101000001', { today })).birthDate).toBe('2000-01-01');
  });

  it('uses the previous century for years after today', () => {
    expect(parsedOf(parseNik('3201010101260001', { today })).birthDate).toBe('1926-01-01');
    expect(parsedOf(parseNik('3201010101990001', { today })).birthDate).toBe('1999-01-01');
  });

  it('reads a date later this year as 100 years ago, not as a future date', () => {
    const result = parseNik('3201011606250001', { today });
    expect(result).toMatchObject({ ok: true, value: { birthDate: '1925-06-16', sex: 'M' }, warnings: [] });
  });

  it('on 2026-12-05, 31-12-26 is 1926-12-31 (a 99-year-old), 05-12-26 is today, 04-12-26 yesterday', () => {
    const on = new Date(2026, 11, 5);
    expect(parsedOf(parseNik('3307013112260001', { today: on })).birthDate).toBe('1926-12-31');
    expect(parsedOf(parseNik('3307010612260001', { today: on })).birthDate).toBe('1926-12-06');
    expect(parsedOf(parseNik('3307010512260001', { today: on })).birthDate).toBe('2026-12-05');
    expect(parsedOf(parseNik('3307010412260001', { today: on })).birthDate).toBe('2026-12-04');
    expect(parsedOf(parseNik('3307010101270001', { today: on })).birthDate).toBe('1927-01-01');
  });

  it('compares the real day for women (day + 40) with today', () => {
    const on = new Date(2026, 11, 5);
    expect(parsedOf(parseNik('3307017112260001', { today: on }))).toMatchObject({
      birthDate: '1926-12-31',
      sex: 'F',
    });
    expect(parsedOf(parseNik('3307014512260001', { today: on }))).toMatchObject({
      birthDate: '2026-12-05',
      sex: 'F',
    });
    expect(parsedOf(parseNik('3307014612260001', { today: on }))).toMatchObject({
      birthDate: '1926-12-06',
      sex: 'F',
    });
  });

  it('infers the leap day of this year from the day, not only the year', () => {
    // 29-02-28 read on 2028-02-28 is not tomorrow but 1928-02-29 (1928 is a leap year too).
    expect(parsedOf(parseNik('3201012902280001', { today: new Date(2028, 1, 28) })).birthDate).toBe(
      '1928-02-29',
    );
    expect(parsedOf(parseNik('3201012902280001', { today: new Date(2028, 1, 29) })).birthDate).toBe(
      '2028-02-29',
    );
  });

  it('moves the boundary with `today`', () => {
    const in2030 = new Date(2030, 0, 1);
    expect(parsedOf(parseNik('3201010101260001', { today: in2030 })).birthDate).toBe('2026-01-01');
    const in1999 = new Date(1999, 11, 31);
    expect(parsedOf(parseNik('3201010101000001', { today: in1999 })).birthDate).toBe('1900-01-01');
  });

  it('checks the leap day against the inferred century (1900 is not a leap year)', () => {
    const in1999 = new Date(1999, 11, 31);
    const errors = errorsOf(parseNik('3201012902000001', { today: in1999 }));
    expect(codes(errors)).toEqual(['nik.invalid_date']);
    expect(errors[0]!.message.en).toMatch(/1900 is not a leap year/);
  });

  it('defaults `today` to the current date', () => {
    expect(parseNik('3201011508850001').ok).toBe(true);
  });
});

describe('parseNik: errors', () => {
  it.each(['', '   ', '\n'])('requires a value (%j)', (input) => {
    const errors = errorsOf(parseNik(input, { today }));
    expect(codes(errors)).toEqual(['nik.required']);
    expect(errors[0]).toMatchObject({ field: 'nik', severity: 'error' });
  });

  it('rejects letters', () => {
    expect(codes(errorsOf(parseNik('32010115088500A1', { today })))).toEqual(['nik.not_digits']);
    expect(codes(errorsOf(parseNik('abc', { today })))).toEqual(['nik.not_digits', 'nik.length']);
  });

  it('does not strip inner spaces, dots or dashes', () => {
    expect(codes(errorsOf(parseNik('3201 0115 0885 0001', { today })))).toEqual([
      'nik.not_digits',
      'nik.length',
    ]);
    expect(codes(errorsOf(parseNik('32.01.01.150885.0001', { today })))).toEqual([
      'nik.not_digits',
      'nik.length',
    ]);
    expect(codes(errorsOf(parseNik('320101-508850001', { today })))).toEqual(['nik.not_digits']);
  });

  it('rejects non-ASCII digits', () => {
    expect(codes(errorsOf(parseNik('３２01011508850001', { today })))).toEqual(['nik.not_digits']);
  });

  it.each([
    ['320101150885001', 15],
    ['32010115088500011', 17],
  ])('rejects the wrong length (%s)', (input, length) => {
    const errors = errorsOf(parseNik(input, { today }));
    expect(codes(errors)).toEqual(['nik.length']);
    expect(errors[0]!.message.en).toContain(`${length} characters`);
    expect(errors[0]!.message.id).toContain('16 digit');
  });

  it.each([
    ['0001', /day 00/],
    ['3201', /day 32/],
    ['4001', /day 40/],
    ['7201', /day 72/],
    ['9901', /day 99/],
    ['1500', /month 00/],
    ['1513', /month 13/],
    ['3104', /April 31, 1985 does not exist/],
    ['7104', /April 31, 1985 does not exist/],
    ['3002', /February 30/],
  ])('rejects the impossible date %s', (ddmm, message) => {
    const errors = errorsOf(parseNik(`320101${ddmm}850001`, { today }));
    expect(codes(errors)).toEqual(['nik.invalid_date']);
    expect(errors[0]!.message.en).toMatch(message);
    expect(errors[0]!.message.id).toMatch(/tidak/);
  });

  it('rejects 29 February in a non-leap year', () => {
    const errors = errorsOf(parseNik('3201012902010001', { today }));
    expect(codes(errors)).toEqual(['nik.invalid_date']);
    expect(errors[0]!.message.en).toMatch(/2001 is not a leap year/);
    expect(errors[0]!.message.id).toMatch(/2001 bukan tahun kabisat/);
  });

  it('rejects serial 0000', () => {
    const errors = errorsOf(parseNik('3201011508850000', { today }));
    expect(codes(errors)).toEqual(['nik.serial_zero']);
  });

  it('reports every problem at once, in the order of the digits', () => {
    const result = parseNik('0001013213250000', { today });
    const errors = errorsOf(result);
    expect(codes(errors)).toEqual(['nik.region_zero', 'nik.invalid_date', 'nik.serial_zero']);
    expect(errors[1]!.message.en).toMatch(/day 32.*month 13/);
    expect(result.warnings).toEqual([]);
  });

  it('still checks the other segments when one contains a non-digit', () => {
    expect(codes(errorsOf(parseNik('32010132138500x0', { today })))).toEqual([
      'nik.not_digits',
      'nik.invalid_date',
    ]);
  });

  it('uses `field` for every issue', () => {
    const result = parseNik('0000003213250000', { today, field: 'members.2.nik' });
    expect(result.ok).toBe(false);
    expect([...errorsOf(result), ...result.warnings].every((i) => i.field === 'members.2.nik')).toBe(true);
  });
});

describe('parseNik: region', () => {
  it('warns when the district is not known, but still parses', () => {
    const seen: string[] = [];
    const result = parseNik('9999991508850001', {
      today,
      isKnownDistrict: (code) => {
        seen.push(code);
        return false;
      },
    });
    expect(seen).toEqual(['99.99.99']);
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['nik.unknown_region']);
    expect(result.warnings[0]).toMatchObject({ severity: 'warning', field: 'nik' });
    expect(result.warnings[0]!.message.en).toContain('99.99.99');
  });

  it('does not warn when the district is known', () => {
    const result = parseNik('3201011508850001', { today, isKnownDistrict: (code) => code === '32.01.01' });
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['0001011508850001', '00.01.01', 'province', 'provinsi'],
    ['3200011508850001', '32.00.01', 'regency/city', 'kabupaten/kota'],
    ['3201001508850001', '32.01.00', 'district', 'kecamatan'],
  ])('refuses %s: a %s part 00 is malformed, an error even without a lookup', (nik, district, en, id) => {
    const result = parseNik(nik, { today });
    const errors = errorsOf(result);
    expect(errors).toEqual([
      {
        field: 'nik',
        code: 'nik.region_zero',
        severity: 'error',
        message: {
          id: `Kode wilayah dalam NIK (${district}) tidak valid: kode ${id} tidak boleh 00.`,
          en: `The region code in the NIK (${district}) is malformed: the ${en} code cannot be 00.`,
        },
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('names every part that is 00, once, and does not also warn or ask the lookup', () => {
    const seen: string[] = [];
    const result = parseNik('0000001508850001', {
      today,
      field: 'members.1.nik',
      isKnownDistrict: (code) => {
        seen.push(code);
        return false;
      },
    });
    const errors = errorsOf(result);
    expect(codes(errors)).toEqual(['nik.region_zero']);
    expect(errors[0]!.field).toBe('members.1.nik');
    expect(errors[0]!.message.en).toBe(
      'The region code in the NIK (00.00.00) is malformed: the province, regency/city and district codes cannot be 00.',
    );
    expect(errors[0]!.message.id).toBe(
      'Kode wilayah dalam NIK (00.00.00) tidak valid: kode provinsi, kabupaten/kota dan kecamatan tidak boleh 00.',
    );
    expect(result.warnings).toEqual([]);
    expect(seen).toEqual([]);
    expect(errorsOf(parseNik('3200001508850001', { today }))[0]!.message.en).toContain(
      'the regency/city and district codes cannot be 00',
    );
  });

  it('accepts 00 elsewhere: a district code 10, 20 or a birth year 00', () => {
    expect(parsedOf(parseNik('3210201501000001', { today })).districtCode).toBe('32.10.20');
  });
});

describe('isWellFormedNik', () => {
  it('accepts exactly 16 digits', () => {
    expect(isWellFormedNik('3201011508850001')).toBe(true);
    expect(isWellFormedNik('320101150885000')).toBe(false);
    expect(isWellFormedNik('32010115088500011')).toBe(false);
    expect(isWellFormedNik(' 3201011508850001')).toBe(false);
    expect(isWellFormedNik('32010115088500a1')).toBe(false);
  });
});

describe('compareNikWithPerson', () => {
  const man = parsedOf(parseNik('3201011508850001', { today }));
  const woman = parsedOf(parseNik('3201015508850001', { today }));

  it('is silent when the data agree or are missing', () => {
    expect(compareNikWithPerson(man, { birthDate: '1985-08-15', sex: 'M' })).toEqual([]);
    expect(compareNikWithPerson(woman, { birthDate: '1985-08-15', sex: 'F' })).toEqual([]);
    expect(compareNikWithPerson(man, {})).toEqual([]);
    expect(compareNikWithPerson(man, { birthDate: null, sex: null })).toEqual([]);
  });

  it('ignores the century (the NIK cannot tell 1925 from 2025)', () => {
    const old = parsedOf(parseNik('3201010101250001', { today }));
    expect(old.birthDate).toBe('2025-01-01');
    expect(compareNikWithPerson(old, { birthDate: '1925-01-01' })).toEqual([]);
  });

  it('warns about a different birth date', () => {
    const warnings = compareNikWithPerson(man, { birthDate: '1985-08-16' }, 'members.1.nik');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'nik.birth_date_mismatch',
      severity: 'warning',
      field: 'members.1.nik',
    });
    expect(warnings[0]!.message.en).toContain('1985-08-16');
    expect(warnings[0]!.message.en).toContain('15-08-85');
    expect(codes(compareNikWithPerson(man, { birthDate: '1986-08-15' }))).toEqual([
      'nik.birth_date_mismatch',
    ]);
    expect(codes(compareNikWithPerson(man, { birthDate: '1985-09-15' }))).toEqual([
      'nik.birth_date_mismatch',
    ]);
  });

  it('warns about a different sex', () => {
    const warnings = compareNikWithPerson(woman, { sex: 'M' });
    expect(codes(warnings)).toEqual(['nik.sex_mismatch']);
    expect(warnings[0]).toMatchObject({ severity: 'warning', field: 'nik' });
    expect(codes(compareNikWithPerson(man, { sex: 'F', birthDate: '1990-01-01' }))).toEqual([
      'nik.birth_date_mismatch',
      'nik.sex_mismatch',
    ]);
  });
});
