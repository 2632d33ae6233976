import { describe, expect, it } from 'vitest';
import {
  codebook,
  codedField,
  EXCLUDED_EMPLOYERS,
  EXCLUSION_JOB_STATUS,
  isValidCode,
  labelOf,
  numericField,
} from './codebook.ts';

function codesOf(field: string): number[] {
  return codedField(field)!.options.map((o) => o.code);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('codebook structure', () => {
  const allFields = [
    ...codebook.housingFields,
    ...codebook.individualFields,
    ...codebook.numericFields,
    ...codebook.livestockFields,
    ...codebook.assetFlags,
    ...codebook.consumptionFields,
    ...codebook.meansFlags,
    ...codebook.individualNumericFields,
  ].map((f) => f.field);

  it('has unique camelCase field names', () => {
    expect(new Set(allFields).size).toBe(allFields.length);
    for (const field of allFields) expect(field).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('labels every field and option in both languages, with unique codes per field', () => {
    for (const def of [
      ...codebook.housingFields,
      ...codebook.consumptionFields,
      ...codebook.individualFields,
    ]) {
      expect(def.labels.id.length).toBeGreaterThan(0);
      expect(def.labels.en.length).toBeGreaterThan(0);
      const codes = def.options.map((o) => o.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const option of def.options) {
        expect(Number.isInteger(option.code)).toBe(true);
        expect(option.label.id.length).toBeGreaterThan(0);
        expect(option.label.en.length).toBeGreaterThan(0);
      }
    }
    for (const def of codebook.assetFlags) {
      expect(def.labels.id.length).toBeGreaterThan(0);
      expect(def.labels.en.length).toBeGreaterThan(0);
    }
  });

  it('lists the housing fields with the PBDT 2015 codes', () => {
    expect(codebook.housingFields.map((f) => f.field)).toEqual([
      'buildingTenure',
      'landTenure',
      'floorMaterial',
      'wallMaterial',
      'wallCondition',
      'roofMaterial',
      'roofCondition',
      'drinkingWaterSource',
      'lightingSource',
      'electricityPower',
      'cookingFuel',
      'toiletFacility',
      'toiletType',
      'sewageDisposal',
    ]);
    expect(codesOf('buildingTenure')).toEqual(range(1, 5));
    expect(codesOf('landTenure')).toEqual(range(1, 4));
    expect(codesOf('floorMaterial')).toEqual(range(1, 10));
    expect(codesOf('wallMaterial')).toEqual(range(1, 7));
    expect(codesOf('wallCondition')).toEqual(range(1, 2));
    expect(codesOf('roofMaterial')).toEqual(range(1, 10));
    expect(codesOf('roofCondition')).toEqual(range(1, 2));
    expect(codesOf('drinkingWaterSource')).toEqual(range(1, 12));
    expect(codesOf('lightingSource')).toEqual(range(1, 3));
    expect(codesOf('electricityPower')).toEqual(range(1, 6));
    expect(codesOf('cookingFuel')).toEqual(range(1, 9));
    expect(codesOf('toiletFacility')).toEqual(range(1, 4));
    expect(codesOf('toiletType')).toEqual(range(1, 4));
    expect(codesOf('sewageDisposal')).toEqual(range(1, 6));
  });

  it('lists the individual fields with the PBDT 2015 codes', () => {
    expect(codebook.individualFields.map((f) => f.field)).toEqual([
      'relationship',
      'maritalStatus',
      'disability',
      'chronicIllness',
      'schoolParticipation',
      'educationLevel',
      'highestDiploma',
      'occupationSector',
      'jobStatus',
      'employerType',
    ]);
    expect(codesOf('relationship')).toEqual(range(1, 8));
    expect(codesOf('maritalStatus')).toEqual(range(1, 4));
    expect(codesOf('disability')).toEqual(range(0, 12));
    expect(codesOf('chronicIllness')).toEqual(range(0, 9));
    expect(codesOf('schoolParticipation')).toEqual(range(0, 2));
    expect(codesOf('educationLevel')).toEqual(range(1, 10));
    expect(codesOf('highestDiploma')).toEqual(range(0, 6));
    expect(codesOf('occupationSector')).toEqual(range(0, 21));
    expect(codesOf('jobStatus')).toEqual(range(1, 8));
    expect(codesOf('employerType')).toEqual(range(0, 7));
    expect(EXCLUDED_EMPLOYERS.map((c) => labelOf('employerType', c, 'id'))).toEqual([
      'ASN (PNS/PPPK)',
      'TNI',
      'Polri',
      'BUMN/BUMD',
      'Anggota legislatif',
    ]);
  });

  it('has the BPS 14-criteria questions the PBDT form lacked, and the member income in rupiah', () => {
    expect(codebook.consumptionFields.map((f) => f.field)).toEqual([
      'mealsPerDay',
      'meatMilkPerWeek',
      'newClothesPerYear',
    ]);
    expect(codesOf('mealsPerDay')).toEqual(range(1, 3));
    expect(codesOf('meatMilkPerWeek')).toEqual(range(0, 2));
    expect(codesOf('newClothesPerYear')).toEqual(range(0, 2));
    expect(codebook.meansFlags.map((f) => f.field)).toEqual([
      'canPayClinic',
      'headIncomeBelowLine',
      'hasSavings500k',
    ]);
    expect(numericField('monthlyIncome')).toMatchObject({ min: 0, max: 1_000_000_000, integer: true });
  });

  it('has the numeric, livestock and asset fields', () => {
    expect(numericField('floorAreaM2')).toMatchObject({ min: 1, max: 10_000 });
    expect(numericField('roomCount')).toMatchObject({ min: 1, max: 100, integer: true });
    expect(numericField('landAreaM2')).toMatchObject({ min: 0, max: 100_000_000 });
    expect(codebook.livestockFields.map((f) => [f.field, f.min, f.max])).toEqual([
      ['cattleCount', 0, 100_000],
      ['buffaloCount', 0, 100_000],
      ['horseCount', 0, 100_000],
      ['pigCount', 0, 100_000],
      ['goatCount', 0, 100_000],
    ]);
    expect(codebook.assetFlags.map((f) => f.field)).toEqual([
      'hasGas5kg',
      'hasRefrigerator',
      'hasAirConditioner',
      'hasWaterHeater',
      'hasLandline',
      'hasTelevision',
      'hasGoldSavings',
      'hasLaptop',
      'hasBicycle',
      'hasMotorcycle',
      'hasCar',
      'hasBoat',
      'hasOutboardMotor',
      'hasMotorboat',
      'hasShip',
      'ownsLand',
      'ownsOtherHouse',
      'runsBusiness',
    ]);
  });

  it('marks job status 5 (PNS/TNI/Polri/…) as the exclusion signal', () => {
    expect(EXCLUSION_JOB_STATUS).toBe(5);
    expect(labelOf('jobStatus', EXCLUSION_JOB_STATUS, 'id')).toBe(
      'PNS/TNI/Polri/BUMN/BUMD/anggota legislatif',
    );
  });
});

describe('isValidCode', () => {
  it('accepts codes of the field and nothing else', () => {
    expect(isValidCode('floorMaterial', 9)).toBe(true);
    expect(isValidCode('floorMaterial', 11)).toBe(false);
    expect(isValidCode('floorMaterial', 0)).toBe(false);
    expect(isValidCode('disability', 0)).toBe(true);
    expect(isValidCode('relationship', 0)).toBe(false);
    expect(isValidCode('relationship', 1.5)).toBe(false);
    expect(isValidCode('noSuchField', 1)).toBe(false);
    expect(isValidCode('floorAreaM2', 1)).toBe(false);
  });
});

describe('labelOf', () => {
  it('returns the label in the requested language', () => {
    expect(labelOf('floorMaterial', 9, 'id')).toBe('Tanah');
    expect(labelOf('floorMaterial', 9, 'en')).toBe('Earth');
    expect(labelOf('electricityPower', 3, 'id')).toBe('1.300 VA');
    expect(labelOf('cookingFuel', 8, 'id')).toBe('Kayu bakar');
    expect(labelOf('relationship', 1, 'en')).toBe('Head of household');
    expect(labelOf('occupationSector', 20, 'id')).toBe('Pemulung');
  });

  it('returns undefined for unknown fields or codes', () => {
    expect(labelOf('floorMaterial', 42, 'id')).toBeUndefined();
    expect(labelOf('nope', 1, 'en')).toBeUndefined();
  });
});
