import { describe, expect, it } from 'vitest';
import {
  ancestorCodes,
  codeAtLevel,
  isWithin,
  normalizeRegionCode,
  parentCode,
  regionLevel,
  regionLevelName,
  undotted,
} from './region-code.ts';

describe('normalizeRegionCode', () => {
  it.each([
    ['32', '32', 1],
    ['3201', '32.01', 2],
    ['32.01', '32.01', 2],
    ['320101', '32.01.01', 3],
    ['32.01.01', '32.01.01', 3],
    ['3201012001', '32.01.01.2001', 4],
    ['32.01.01.2001', '32.01.01.2001', 4],
    ['  32.71.01.1001 \n', '32.71.01.1001', 4],
    ['91.01.01.3001', '91.01.01.3001', 4],
    ['32.01.01.9999', '32.01.01.9999', 4],
  ])('accepts %j as %s (level %i)', (input, code, level) => {
    expect(normalizeRegionCode(input)).toEqual({ ok: true, code, level });
  });

  it.each([
    '',
    '   ',
    '3',
    '320',
    '32010',
    '32010120',
    '320101200',
    '32010120011',
    '32.0101',
    '3201.01',
    '32.01.01.20',
    '32-01-01',
    '32 01 01',
    '32.01.',
    '.32.01',
    'ab.01',
    '32.01.01.0001',
    '32.01.01.2000',
    '00',
    '00.01',
    '32.00',
    '32.01.00',
    '32.01.01.2001.01',
    '３２',
  ])('rejects %j', (input) => {
    const result = normalizeRegionCode(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issue.code).toBe('region.invalid_code');
      expect(result.issue.field).toBe('regionCode');
      expect(result.issue.severity).toBe('error');
      expect(result.issue.message.id).toMatch(/Kode wilayah/);
      expect(result.issue.message.en).toMatch(/Region code/);
    }
  });

  it('explains which part is wrong', () => {
    const result = normalizeRegionCode('32.01.01.0123');
    expect(!result.ok && result.issue.message.en).toMatch(/village type/);
    const zero = normalizeRegionCode('32.01.00');
    expect(!zero.ok && zero.issue.message.en).toMatch(/district part is 00/);
  });
});

describe('hierarchy helpers', () => {
  it('regionLevel', () => {
    expect(regionLevel('32')).toBe(1);
    expect(regionLevel('32.01')).toBe(2);
    expect(regionLevel('32.01.01')).toBe(3);
    expect(regionLevel('32.01.01.2001')).toBe(4);
    expect(regionLevel('3201012001')).toBe(4);
    expect(() => regionLevel('nope')).toThrow(RangeError);
  });

  it('regionLevelName', () => {
    expect(regionLevelName(3)).toEqual({ id: 'kecamatan', en: 'district' });
  });

  it('parentCode', () => {
    expect(parentCode('32')).toBeNull();
    expect(parentCode('32.01')).toBe('32');
    expect(parentCode('32.01.01')).toBe('32.01');
    expect(parentCode('32.01.01.2001')).toBe('32.01.01');
  });

  it('ancestorCodes, province first, excluding itself', () => {
    expect(ancestorCodes('32')).toEqual([]);
    expect(ancestorCodes('32.01')).toEqual(['32']);
    expect(ancestorCodes('32.01.01.2001')).toEqual(['32', '32.01', '32.01.01']);
  });

  it('isWithin', () => {
    expect(isWithin('32.01.01.2001', '32')).toBe(true);
    expect(isWithin('32.01.01.2001', '32.01')).toBe(true);
    expect(isWithin('32.01.01.2001', '32.01.01')).toBe(true);
    expect(isWithin('32.01.01.2001', '32.01.01.2001')).toBe(true);
    expect(isWithin('32.01', '32.01')).toBe(true);
    expect(isWithin('32.01.01', '32.01.01.2001')).toBe(false);
    expect(isWithin('32.01.01.2001', '32.02')).toBe(false);
    expect(isWithin('32.01.01.2001', '33')).toBe(false);
    // a prefix of the string but not of the hierarchy
    expect(isWithin('32.11', '32.1' as string)).toBe(false);
    expect(isWithin('3201012001', '3201')).toBe(true);
    expect(isWithin('32.01', '')).toBe(false);
    expect(isWithin('garbage', '32')).toBe(false);
  });

  it('codeAtLevel', () => {
    expect(codeAtLevel('32.01.01.2001', 1)).toBe('32');
    expect(codeAtLevel('32.01.01.2001', 2)).toBe('32.01');
    expect(codeAtLevel('32.01.01.2001', 3)).toBe('32.01.01');
    expect(codeAtLevel('32.01.01.2001', 4)).toBe('32.01.01.2001');
    expect(() => codeAtLevel('32.01', 3)).toThrow(RangeError);
  });

  it('undotted', () => {
    expect(undotted('32.01.01.2001')).toBe('3201012001');
    expect(undotted('32')).toBe('32');
    expect(undotted('320101')).toBe('320101');
  });
});
