import { describe, expect, it } from 'vitest';
import { criteria14 } from './criteria14.ts';
import { DEFAULT_MODEL } from './default-model.ts';
import type { RankingModel } from './model.ts';
import { compositionOf, scoreHousehold } from './score.ts';

const member = (o: Record<string, unknown>) => ({
  relationship: 3,
  sex: 'M' as const,
  birthDate: '2010-01-01',
  ...o,
});

const poor = {
  floorAreaM2: 20,
  floorMaterial: 9,
  lightingSource: 3,
  cookingFuel: 8,
  hasMotorcycle: false,
  members: [
    member({
      relationship: 1,
      birthDate: '1970-05-01',
      highestDiploma: 0,
      jobStatus: 6,
      monthlyIncome: 400_000,
    }),
    member({ relationship: 2, sex: 'F', birthDate: '1975-05-01' }),
    member({ birthDate: '2023-02-01' }),
  ],
};
const better = {
  floorAreaM2: 90,
  floorMaterial: 2,
  lightingSource: 1,
  electricityPower: 3,
  cookingFuel: 3,
  hasMotorcycle: true,
  hasRefrigerator: true,
  members: [
    member({
      relationship: 1,
      birthDate: '1975-05-01',
      highestDiploma: 5,
      employerType: 1,
      jobStatus: 5,
      monthlyIncome: 6_000_000,
    }),
    member({ relationship: 2, sex: 'F', birthDate: '1978-05-01' }),
  ],
};

describe('scoreHousehold', () => {
  it('scores a poorer household lower than a better-off one', () => {
    const a = scoreHousehold(DEFAULT_MODEL, poor, '2026-11-30');
    const b = scoreHousehold(DEFAULT_MODEL, better, '2026-11-30');
    expect(a.score).toBeLessThan(b.score);
    expect(a.contributions.find((c) => c.variable === 'no_pln_electricity')).toMatchObject({
      variable: 'no_pln_electricity',
      value: 3,
      contribution: -0.08,
    });
    expect(b.contributions.find((c) => c.variable === 'state_employee')).toMatchObject({
      variable: 'state_employee',
      value: 1,
      contribution: 0.25,
    });
  });

  it('gives an unknown answer its `missing` value (default: no contribution) and reports it as null', () => {
    const model: RankingModel = {
      version: 't',
      intercept: 10,
      variables: [
        {
          name: 'car',
          source: { kind: 'household', field: 'hasCar' },
          transform: { type: 'linear' },
          weight: 1,
        },
        {
          name: 'meals',
          source: { kind: 'household', field: 'mealsPerDay' },
          transform: { type: 'atMost', value: 2 },
          weight: -0.5,
          missing: 1,
        },
      ],
    };
    expect(scoreHousehold(model, { members: [] }, '2026-01-31')).toEqual({
      score: 9.5,
      contributions: [
        { variable: 'car', label: null, value: null, contribution: 0 },
        { variable: 'meals', label: null, value: null, contribution: -0.5 },
      ],
    });
    expect(scoreHousehold(model, { hasCar: true, mealsPerDay: 3, members: [] }, '2026-01-31').score).toBe(11);
  });

  it('applies log1p, oneOf, atMost and atLeast', () => {
    const v = (transform: unknown, field = 'roomCount') =>
      ({
        version: 't',
        intercept: 0,
        variables: [{ name: 'x', source: { kind: 'household', field }, transform, weight: 1 }],
      }) as RankingModel;
    const h = { roomCount: 3, floorMaterial: 9, members: [] };
    expect(scoreHousehold(v({ type: 'log1p' }), h, '2026-01-31').score).toBe(
      Math.round(Math.log(4) * 1e6) / 1e6,
    );
    expect(scoreHousehold(v({ type: 'atMost', value: 3 }), h, '2026-01-31').score).toBe(1);
    expect(scoreHousehold(v({ type: 'atLeast', value: 4 }), h, '2026-01-31').score).toBe(0);
    expect(scoreHousehold(v({ type: 'oneOf', codes: [7, 9] }, 'floorMaterial'), h, '2026-01-31').score).toBe(
      1,
    );
  });
});

describe('compositionOf', () => {
  it('counts ages to the period end and ignores removed members', () => {
    const c = compositionOf(
      {
        floorAreaM2: 30,
        members: [
          member({ relationship: 1, sex: 'F', birthDate: '1960-12-01', monthlyIncome: 1_000_000 }),
          member({ birthDate: '2020-12-01' }), // turns 6 on 2026-12-01: still under 6 on 11-30
          member({ birthDate: '2012-06-01', disability: 2 }),
          member({ birthDate: '1990-01-01', status: 'removed', monthlyIncome: 9_000_000 }),
        ],
      },
      '2026-11-30',
    );
    expect(c).toMatchObject({
      memberCount: 3,
      childrenUnder6: 1,
      schoolAgeChildren: 1,
      elderly: 1,
      disabledMembers: 1,
      headFemale: 1,
      headAge: 65,
      incomePerCapita: 1_000_000 / 3,
      floorAreaPerCapita: 10,
      dependencyRatio: 3, // two under 15 and the head at 65, no one 15–64 (divided by at least 1)
    });
  });
});

describe('criteria14', () => {
  it('counts met criteria, lists unknown ones, and calls 9 or more poor', () => {
    const c = criteria14(poor);
    expect(c.met).toEqual([
      'floor_area',
      'floor_material',
      'no_electricity',
      'cooking_fuel',
      'head_livelihood',
      'head_education',
    ]);
    expect(c.unknown).toEqual([
      'wall_material',
      'toilet',
      'water_source',
      'meat_milk',
      'new_clothes',
      'meals',
      'clinic',
      'savings',
    ]);
    expect(c.poor).toBe(false);
    const full = criteria14({
      ...poor,
      wallMaterial: 6,
      toiletFacility: 4,
      drinkingWaterSource: 10,
      meatMilkPerWeek: 0,
      newClothesPerYear: 0,
      mealsPerDay: 1,
      canPayClinic: false,
      hasSavings500k: false,
    });
    expect([full.count, full.unknown, full.poor]).toEqual([14, [], true]);
    const b = criteria14({ ...better, canPayClinic: true, hasSavings500k: true, mealsPerDay: 3 });
    expect(b.met).toEqual([]);
    expect(b.poor).toBe(false);
  });

  it("takes the head's income line from the answer, the reported income or a casual job", () => {
    const head = (o: Record<string, unknown>) =>
      criteria14({ members: [member({ relationship: 1, birthDate: '1980-01-01', ...o })] });
    expect(head({ monthlyIncome: 599_999 }).met).toContain('head_livelihood');
    expect(head({ monthlyIncome: 600_000, jobStatus: 4 }).met).not.toContain('head_livelihood');
    expect(head({ jobStatus: 7 }).met).toContain('head_livelihood');
    expect(head({}).unknown).toContain('head_livelihood');
  });
});
