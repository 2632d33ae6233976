import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../errors.ts';
import { isWellFormedKk, type KkResult, parseKk } from './parse-kk.ts';

const today = new Date(2025, 5, 15);

function codes(issues: FieldIssue[]): string[] {
  return issues.map((i) => i.code);
}

function errorsOf(result: KkResult): FieldIssue[] {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

describe('parseKk', () => {
  it('parses a valid KK number', () => {
    expect(parseKk('3201012005100007', { today })).toEqual({
      ok: true,
      value: {
        kk: '3201012005100007',
        districtCode: '32.01.01',
        regencyCode: '32.01',
        provinceCode: '32',
        recordedDate: '2010-05-20',
        serial: 7,
      },
      warnings: [],
    });
  });

  it('has no +40 day: 41–71 is an invalid date', () => {
    const errors = errorsOf(parseKk('3201015505100007', { today }));
    expect(codes(errors)).toEqual(['kk.invalid_date']);
    expect(errors[0]!.message.en).toMatch(/day 55 is impossible \(must be 01–31\)/);
    expect(errors[0]!.field).toBe('kk');
  });

  it('infers the century like the NIK', () => {
    const in2025 = parseKk('3201010101250001', { today });
    expect(in2025.ok && in2025.value.recordedDate).toBe('2025-01-01');
    const old = parseKk('3201010101900001', { today });
    expect(old.ok && old.value.recordedDate).toBe('1990-01-01');
    // Later this year is a century ago: the recording date is the latest such date not after today.
    const later = parseKk('3201013112250001', { today });
    expect(later.ok && later.value.recordedDate).toBe('1925-12-31');
    const onToday = parseKk('3201011506250001', { today });
    expect(onToday.ok && onToday.value.recordedDate).toBe('2025-06-15');
  });

  it('checks leap years', () => {
    expect(parseKk('3201012902120001', { today }).ok).toBe(true);
    expect(codes(errorsOf(parseKk('3201012902130001', { today })))).toEqual(['kk.invalid_date']);
  });

  it('reports all errors with kk codes', () => {
    expect(codes(errorsOf(parseKk('', { today })))).toEqual(['kk.required']);
    expect(codes(errorsOf(parseKk('3201 0120 0510 0007', { today })))).toEqual([
      'kk.not_digits',
      'kk.length',
    ]);
    expect(codes(errorsOf(parseKk('320101200510000', { today })))).toEqual(['kk.length']);
    expect(codes(errorsOf(parseKk('3201010013100000', { today })))).toEqual([
      'kk.invalid_date',
      'kk.serial_zero',
    ]);
  });

  it('speaks of the KK number in both languages', () => {
    const [error] = errorsOf(parseKk('3201012005100000', { today }));
    expect(error!.message.id).toContain('Nomor KK');
    expect(error!.message.en).toContain('KK number');
  });

  it('warns about an unknown region and honours `field`', () => {
    const result = parseKk('3201012005100007', { today, isKnownDistrict: () => false, field: 'kkNumber' });
    expect(result.ok).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      code: 'kk.unknown_region',
      severity: 'warning',
      field: 'kkNumber',
    });
  });

  it('refuses a province, regency or district part 00 as malformed', () => {
    const result = parseKk('3307002005100007', { today, field: 'kkNumber', isKnownDistrict: () => true });
    expect(errorsOf(result)).toEqual([
      {
        field: 'kkNumber',
        code: 'kk.region_zero',
        severity: 'error',
        message: {
          id: 'Kode wilayah dalam Nomor KK (33.07.00) tidak valid: kode kecamatan tidak boleh 00.',
          en: 'The region code in the KK number (33.07.00) is malformed: the district code cannot be 00.',
        },
      },
    ]);
    expect(result.warnings).toEqual([]);
    expect(codes(errorsOf(parseKk('0001012005100007', { today })))).toEqual(['kk.region_zero']);
    expect(codes(errorsOf(parseKk('3300012005100007', { today })))).toEqual(['kk.region_zero']);
  });

  it('isWellFormedKk', () => {
    expect(isWellFormedKk('3201012005100007')).toBe(true);
    expect(isWellFormedKk('3201012005100007 ')).toBe(false);
  });
});
