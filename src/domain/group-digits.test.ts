import { describe, expect, it } from 'vitest';
import { groupDigits, rupiah } from './group-digits.ts';

describe('groupDigits', () => {
  it('groups thousands with a dot in Indonesian and a comma in English', () => {
    expect(groupDigits(1_234_567, 'id')).toBe('1.234.567');
    expect(groupDigits(1_234_567, 'en')).toBe('1,234,567');
    expect(groupDigits(600_000_000_000, 'id')).toBe('600.000.000.000');
  });
  it('leaves numbers under a thousand alone, and keeps the sign', () => {
    expect(groupDigits(0, 'id')).toBe('0');
    expect(groupDigits(999, 'en')).toBe('999');
    expect(groupDigits(1000, 'en')).toBe('1,000');
    expect(groupDigits(-12_345, 'id')).toBe('-12.345');
  });
  it('writes as Intl.NumberFormat does for whole numbers in both languages', () => {
    for (const n of [7, 12, 1234, 98_765, 1_000_000, 2_147_483_647]) {
      expect(groupDigits(n, 'id')).toBe(new Intl.NumberFormat('id-ID').format(n));
      expect(groupDigits(n, 'en')).toBe(new Intl.NumberFormat('en-US').format(n));
    }
  });
  it('keeps a fraction with the language’s decimal mark, never grouping it', () => {
    expect(groupDigits(1234.5678, 'id')).toBe('1.234,5678');
    expect(groupDigits(1234.5, 'en')).toBe('1,234.5');
  });
});

describe('rupiah', () => {
  it('writes the symbol against the grouped digits, as KBBI and Bank Indonesia do', () => {
    expect(rupiah(200_000, 'id')).toBe('Rp200.000');
    expect(rupiah(200_000, 'en')).toBe('Rp200,000');
    expect(rupiah(0, 'id')).toBe('Rp0');
  });
});
