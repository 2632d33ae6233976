import { describe, expect, it } from 'vitest';
import { DEFAULT_PKH } from './defaults.ts';
import { evaluateProgramme } from './evaluate.ts';
import { buildHouseholdFacts, type FactsSource, minimumWageForPeriod, periodEndDate } from './facts.ts';

const source = (over: Partial<FactsSource> = {}): FactsSource => ({
  householdId: 'h1',
  provinceCode: '33',
  regencyCode: '33.07',
  villageCode: '33.07.03.2001',
  household: {
    kkNumber: '3307030101100001',
    kksNumber: null,
    floorMaterial: 9,
    hasCar: false,
    roomCount: 2,
    members: [
      {
        id: 'a',
        name: 'Agus',
        birthDate: '1979-10-08',
        sex: 'M',
        relationship: 1,
        status: 'active',
        employerType: 7,
        monthlyIncome: 1_200_000,
      },
      {
        id: 'b',
        name: 'Lina',
        birthDate: '1980-01-15',
        sex: 'F',
        relationship: 2,
        pregnant: true,
        status: 'active',
      },
      { id: 'c', name: 'Dodi', birthDate: '2020-02-29', sex: 'M', relationship: 3, status: 'active' },
      {
        id: 'd',
        name: 'Mbah',
        birthDate: '1940-05-01',
        sex: 'F',
        relationship: 6,
        status: 'removed',
        removalReason: 'deceased',
      },
    ],
  },
  ranking: { decileNational: 3, decileProvince: 2, decileRegency: 1, criteria14: 10 },
  ineligible: false,
  optedOut: false,
  ...over,
});

describe('household facts from a period snapshot', () => {
  it('counts ages to the last day of the period and splits active from removed members', () => {
    expect(periodEndDate('2024-02')).toBe('2024-02-29');
    const f = buildHouseholdFacts(source(), '2026-02');
    expect(f.members.map((m) => [m.personId, m.age])).toEqual([
      ['a', 46],
      ['b', 46],
      // Born on 29 February: not yet 6 on 28 February 2026.
      ['c', 5],
    ]);
    expect(f.removedMembers).toMatchObject([{ personId: 'd', removalReason: 'deceased' }]);
    expect(f.members[0]).toMatchObject({
      employerType: 7,
      monthlyIncome: 1_200_000,
      relationship: 1,
      disability: null,
    });
    expect(f.members[1]!.pregnant).toBe(true);
    expect(f.deciles).toEqual({ national: 3, province: 2, regency: 1 });
    expect(f.answers).toMatchObject({ floorMaterial: 9, hasCar: false, roomCount: 2, cookingFuel: null });
    expect(f).toMatchObject({
      status: 'active',
      removalReason: null,
      hasKks: false,
      regionCode: '33.07.03.2001',
    });
  });

  it('carries the looked-up flags and a missing ranking', () => {
    const f = buildHouseholdFacts(source({ ranking: null, ineligible: true, optedOut: true }), '2026-01');
    expect(f).toMatchObject({ deciles: null, criteria14: null, ineligible: true, optedOut: true });
  });

  it('feeds the evaluation: a pregnant mother and a young child are two PKH components', () => {
    const e = evaluateProgramme(DEFAULT_PKH, buildHouseholdFacts(source(), '2026-01'), {
      period: '2026-01',
      minimumWage: 2_000_000,
    });
    expect(e.receives).toBe(true);
    expect(e.components.map((c) => [c.code, c.count])).toEqual([
      ['PREGNANT', 1],
      ['EARLY_CHILDHOOD', 1],
    ]);
  });

  it("takes the minimum wage of the period's year: the regency's UMK, else the province's UMP", () => {
    const wages = [
      { regionCode: '33', year: 2025, monthlyAmount: 2_169_349 },
      { regionCode: '33.07', year: 2025, monthlyAmount: 2_306_000 },
      { regionCode: '33', year: 2026, monthlyAmount: 2_327_386 },
    ];
    expect(minimumWageForPeriod(wages, '33.07.03.2001', '2025-12')).toBe(2_306_000);
    // 2026: only the province has a new decree yet, and it is the newest figure.
    expect(minimumWageForPeriod(wages, '33.07.03.2001', '2026-01')).toBe(2_327_386);
    expect(minimumWageForPeriod(wages, '33.08.01.2001', '2025-06')).toBe(2_169_349);
    expect(minimumWageForPeriod(wages, '35.01.01.2001', '2026-01')).toBeNull();
    expect(minimumWageForPeriod(wages, '33.07.03.2001', '2024-12')).toBeNull();
  });
});
