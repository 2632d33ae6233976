import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../errors.ts';
import { validateHousehold, validateMember, validateMembers } from './validate.ts';

function codes(issues: FieldIssue[]): string[] {
  return issues.map((i) => i.code);
}

const goodHousehold = {
  buildingTenure: 1,
  landTenure: 1,
  floorAreaM2: 36,
  floorMaterial: 9,
  wallMaterial: 4,
  wallCondition: 2,
  roofMaterial: 9,
  roofCondition: 2,
  roomCount: 2,
  drinkingWaterSource: 7,
  lightingSource: 1,
  electricityPower: 1,
  cookingFuel: 8,
  toiletFacility: 2,
  toiletType: 3,
  sewageDisposal: 3,
  hasGas5kg: false,
  hasTelevision: true,
  ownsLand: true,
  landAreaM2: 250.5,
  cattleCount: 0,
  goatCount: 3,
  runsBusiness: false,
  mealsPerDay: 2,
  meatMilkPerWeek: 0,
  newClothesPerYear: 1,
  canPayClinic: false,
  headIncomeBelowLine: true,
  hasSavings500k: false,
  kksNumber: '6013012345678901',
};

describe('validateHousehold', () => {
  it('accepts a complete valid household', () => {
    expect(validateHousehold(goodHousehold)).toEqual([]);
  });

  it('accepts missing and null answers', () => {
    expect(validateHousehold({})).toEqual([]);
    expect(validateHousehold({ floorMaterial: null, floorAreaM2: undefined, hasCar: null })).toEqual([]);
  });

  it('rejects codes outside the codebook, naming the value and the allowed codes', () => {
    const issues = validateHousehold({ ...goodHousehold, floorMaterial: 11 });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      field: 'floorMaterial',
      code: 'instrument.invalid_code',
      severity: 'error',
    });
    expect(issues[0]!.message.en).toBe('Value 11 is not valid for "Main floor material"; allowed: 1–10.');
    expect(issues[0]!.message.id).toBe('Nilai 11 tidak valid untuk "Jenis lantai terluas"; pilihan: 1–10.');
  });

  it('rejects non-numeric codes (no silent coercion of strings)', () => {
    const issues = validateHousehold({ roofMaterial: '2', lightingSource: 1.5, cookingFuel: true });
    expect(codes(issues)).toEqual([
      'instrument.invalid_code',
      'instrument.invalid_code',
      'instrument.invalid_code',
    ]);
    expect(issues[0]!.message.en).toContain('"2"');
  });

  it('checks numeric ranges and prefixes field paths', () => {
    const issues = validateHousehold(
      { floorAreaM2: 0, roomCount: 1.5, landAreaM2: 100_000_001, pigCount: -1, horseCount: 'many' },
      'household',
    );
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['household.floorAreaM2', 'instrument.out_of_range'],
      ['household.roomCount', 'instrument.out_of_range'],
      ['household.landAreaM2', 'instrument.out_of_range'],
      ['household.horseCount', 'instrument.out_of_range'],
      ['household.pigCount', 'instrument.out_of_range'],
    ]);
    expect(issues[0]!.message.en).toBe('Floor area 0 is not valid; it must be a number from 1 to 10,000 m².');
    expect(issues[1]!.message.en).toMatch(/whole number from 1 to 100/);
    expect(issues[2]!.message.id).toMatch(/0 sampai 100\.000\.000 m²/);
  });

  it('accepts range edges', () => {
    expect(
      validateHousehold({
        floorAreaM2: 1,
        roomCount: 100,
        landAreaM2: 0,
        goatCount: 100_000,
        cattleCount: 0,
      }),
    ).toEqual([]);
    expect(codes(validateHousehold({ floorAreaM2: 10_000.5 }))).toEqual(['instrument.out_of_range']);
    expect(codes(validateHousehold({ floorAreaM2: Number.NaN }))).toEqual(['instrument.out_of_range']);
  });

  it('rejects non-boolean asset answers', () => {
    const issues = validateHousehold({ hasCar: 1, ownsLand: 'yes' }, 'household.');
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['household.hasCar', 'instrument.invalid_code'],
      ['household.ownsLand', 'instrument.invalid_code'],
    ]);
  });

  it('checks the BPS 14-criteria answers and the KKS number', () => {
    const issues = validateHousehold(
      { mealsPerDay: 0, meatMilkPerWeek: 3, newClothesPerYear: 2, canPayClinic: 'no', kksNumber: '60130123' },
      'household.',
    );
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['household.mealsPerDay', 'instrument.invalid_code'],
      ['household.meatMilkPerWeek', 'instrument.invalid_code'],
      ['household.canPayClinic', 'instrument.invalid_code'],
      ['household.kksNumber', 'kks.invalid'],
    ]);
    expect(issues[0]!.message.en).toContain('allowed: 1–3');
    expect(issues[3]!.message.id).toBe('Nomor KKS "60130123" tidak valid: harus 16 angka.');
    expect(validateHousehold({ kksNumber: null })).toEqual([]);
    expect(validateHousehold({ kksNumber: ' 6013012345678901 ' })).toEqual([]);
  });
});

const asOf = '2025-06-15';

describe('validateMember', () => {
  const head = {
    relationship: 1,
    sex: 'M',
    birthDate: '1980-01-01',
    maritalStatus: 2,
    disability: 0,
    chronicIllness: 0,
    schoolParticipation: 2,
    educationLevel: 1,
    highestDiploma: 1,
    occupationSector: 1,
    jobStatus: 6,
  };

  it('accepts a valid member', () => {
    expect(validateMember(head, 'members.0', { asOf })).toEqual([]);
    expect(validateMember({ ...head, monthlyIncome: 1_250_000, employerType: 7 }, '', { asOf })).toEqual([]);
  });

  it('takes the monthly income as whole rupiah up to a billion, and the employer from the codebook', () => {
    const issues = validateMember({ ...head, monthlyIncome: 1500.5, employerType: 8 }, 'members.1', { asOf });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['members.1.employerType', 'instrument.invalid_code'],
      ['members.1.monthlyIncome', 'instrument.out_of_range'],
    ]);
    expect(codes(validateMember({ ...head, monthlyIncome: 1_000_000_001 }, '', { asOf }))).toEqual([
      'instrument.out_of_range',
    ]);
    expect(validateMember({ ...head, monthlyIncome: 0 }, '', { asOf })).toEqual([]);
  });

  it('rejects invalid codes with the member prefix', () => {
    const issues = validateMember(
      { ...head, relationship: 9, disability: 13, occupationSector: 22 },
      'members.3',
    );
    expect(issues.map((i) => i.field)).toEqual([
      'members.3.relationship',
      'members.3.disability',
      'members.3.occupationSector',
    ]);
    expect(issues[1]!.message.en).toContain('allowed: 0–12');
  });

  it('rejects an unknown sex and a non-boolean pregnancy', () => {
    const issues = validateMember({ sex: 'X', pregnant: 'no' });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['sex', 'instrument.invalid_code'],
      ['pregnant', 'instrument.invalid_code'],
    ]);
  });

  it('rejects a pregnant male', () => {
    const issues = validateMember({ ...head, pregnant: true }, 'members.0', { asOf });
    expect(issues.map((i) => [i.field, i.code, i.severity])).toEqual([
      ['members.0.pregnant', 'member.pregnant_male', 'error'],
    ]);
  });

  it('accepts a pregnant woman of plausible age', () => {
    const woman = { relationship: 2, sex: 'F', pregnant: true, birthDate: '1995-03-01' };
    expect(validateMember(woman, '', { asOf })).toEqual([]);
    expect(validateMember({ ...woman, birthDate: '2015-06-15' }, '', { asOf })).toEqual([]); // exactly 10
    expect(validateMember({ ...woman, birthDate: '1969-06-16' }, '', { asOf })).toEqual([]); // 55
  });

  it('warns about an implausible pregnancy age', () => {
    const young = validateMember({ sex: 'F', pregnant: true, birthDate: '2015-06-16' }, '', { asOf });
    expect(young.map((i) => [i.code, i.severity])).toEqual([['member.pregnancy_age', 'warning']]);
    expect(young[0]!.message.en).toContain('age 9');
    const old = validateMember({ sex: 'F', pregnant: true, birthDate: '1969-06-15' }, '', { asOf });
    expect(old.map((i) => i.code)).toEqual(['member.pregnancy_age']);
    expect(old[0]!.message.id).toContain('umur 56');
  });

  it('accepts a Date for asOf and skips the age check without a usable birth date', () => {
    const w = { sex: 'F', pregnant: true, birthDate: '2015-06-16' };
    expect(codes(validateMember(w, '', { asOf: new Date(2025, 5, 15) }))).toEqual(['member.pregnancy_age']);
    expect(validateMember({ ...w, birthDate: undefined }, '', { asOf })).toEqual([]);
    expect(validateMember({ ...w, birthDate: '2015-02-30' }, '', { asOf })).toEqual([]);
  });

  it('flags a job status without a sector', () => {
    const issues = validateMember({ occupationSector: 0, jobStatus: 4 }, 'members.1.');
    expect(issues.map((i) => [i.field, i.code, i.severity])).toEqual([
      ['members.1.jobStatus', 'member.job_without_sector', 'error'],
    ]);
    expect(validateMember({ occupationSector: 0, jobStatus: null })).toEqual([]);
    expect(validateMember({ occupationSector: 0 })).toEqual([]);
  });
});

describe('validateMembers', () => {
  it('accepts exactly one head and unique NIKs', () => {
    expect(
      validateMembers([
        { relationship: 1, nik: '3201011508850001' },
        { relationship: 2, nik: '3201015508870001' },
        { relationship: 3, nik: '' },
        { relationship: 3 },
      ]),
    ).toEqual([]);
  });

  it('requires exactly one head', () => {
    const none = validateMembers([{ relationship: 2 }, { relationship: 3 }]);
    expect(none.map((i) => [i.field, i.code])).toEqual([['members', 'household.head_count']]);
    expect(none[0]!.message.en).toContain('exactly one head');
    const two = validateMembers([{ relationship: 1 }, { relationship: 1 }]);
    expect(two[0]!.message.id).toContain('tepat satu kepala');
    expect(codes(validateMembers([]))).toEqual(['household.head_count']);
  });

  it('flags every repeat of a NIK on the repeating member', () => {
    const issues = validateMembers([
      { relationship: 1, nik: '3201011508850001' },
      { relationship: 2, nik: '3201015508870001' },
      { relationship: 3, nik: ' 3201011508850001 ' },
      { relationship: 3, nik: '3201011508850001' },
    ]);
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['members.2.nik', 'household.duplicate_nik'],
      ['members.3.nik', 'household.duplicate_nik'],
    ]);
    expect(issues[0]!.message.en).toContain('member 3 is the same as member 1');
  });

  it('uses a custom path', () => {
    const issues = validateMembers(
      [
        { relationship: 1, nik: '1' },
        { relationship: 3, nik: '1' },
      ],
      'household.members',
    );
    expect(issues.map((i) => i.field)).toEqual(['household.members.1.nik']);
  });
});
