import { describe, expect, it } from 'vitest';
import { applicableMinimumWage, earnsMinimumWage, type MinimumWage, wageKind } from './minimum-wage.ts';

const WAGES: MinimumWage[] = [
  { regionCode: '33', year: 2025, monthlyAmount: 2_169_349 },
  { regionCode: '33', year: 2026, monthlyAmount: 2_327_386 },
  { regionCode: '33.07', year: 2025, monthlyAmount: 2_323_000 },
  { regionCode: '33.74', year: 2026, monthlyAmount: 3_454_827 },
  { regionCode: '34', year: 2026, monthlyAmount: 2_264_080 },
];

describe('applicableMinimumWage', () => {
  it("takes the regency's UMK over the province's UMP of the same year", () => {
    expect(applicableMinimumWage(WAGES, '33.74.01.1001', 2026)).toEqual({
      regionCode: '33.74',
      year: 2026,
      monthlyAmount: 3_454_827,
      kind: 'UMK',
    });
    expect(applicableMinimumWage(WAGES, '33.07', 2025)).toMatchObject({
      kind: 'UMK',
      monthlyAmount: 2_323_000,
    });
  });

  it('takes a newer UMP over an older UMK (the regency has no decree for the year yet)', () => {
    expect(applicableMinimumWage(WAGES, '33.07.01.2001', 2026)).toMatchObject({
      kind: 'UMP',
      regionCode: '33',
      year: 2026,
    });
  });

  it('keeps the last decree in a year without one, and ignores later years', () => {
    expect(applicableMinimumWage(WAGES, '33.07.01.2001', 2030)).toMatchObject({ year: 2026, kind: 'UMP' });
    expect(applicableMinimumWage(WAGES, '33.74', 2025)).toMatchObject({ regionCode: '33', year: 2025 });
    expect(applicableMinimumWage(WAGES, '33.74', 2024)).toBeNull();
  });

  it('never takes another province or regency', () => {
    expect(applicableMinimumWage(WAGES, '35.01.01.2001', 2026)).toBeNull();
    expect(applicableMinimumWage(WAGES, '34.01', 2026)).toMatchObject({ regionCode: '34' });
    expect(applicableMinimumWage(WAGES, '33', 2026)).toMatchObject({ kind: 'UMP', monthlyAmount: 2_327_386 });
  });
});

describe('earnsMinimumWage', () => {
  const wage = { regionCode: '33.07', year: 2026, monthlyAmount: 2_400_000 };
  it('is true from the wage up, false below it and for an unknown income or wage', () => {
    expect(earnsMinimumWage(2_400_000, wage)).toBe(true);
    expect(earnsMinimumWage(2_399_999, wage)).toBe(false);
    expect(earnsMinimumWage(null, wage)).toBe(false);
    expect(earnsMinimumWage(undefined, wage)).toBe(false);
    expect(earnsMinimumWage(5_000_000, null)).toBe(false);
  });
});

describe('wageKind', () => {
  it('is UMP for a province, UMK for a regency, null below', () => {
    expect([wageKind('33'), wageKind('33.07'), wageKind('33.07.01')]).toEqual(['UMP', 'UMK', null]);
  });
});
