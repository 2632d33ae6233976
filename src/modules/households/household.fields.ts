/**
 * The instrument fields as they travel through the API, grouped by how they are stored. Typed against the
 * table interfaces, so a column added to the schema without a place here (or the reverse) fails to compile.
 * Codes and labels live in src/domain/instrument/codebook.ts.
 */
import type { HouseholdInstrument, PersonInstrument } from '../../db/schema/index.ts';

/** Coded answers stored as small integers. */
export const HOUSEHOLD_CODED = [
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
  'mealsPerDay',
  'meatMilkPerWeek',
  'newClothesPerYear',
] as const satisfies readonly (keyof HouseholdInstrument)[];

export const HOUSEHOLD_NUMERIC = [
  'floorAreaM2',
  'roomCount',
  'landAreaM2',
  'cattleCount',
  'buffaloCount',
  'horseCount',
  'pigCount',
  'goatCount',
] as const satisfies readonly (keyof HouseholdInstrument)[];

/** Yes/no answers: booleans in the API, 0/1 in the database. */
export const HOUSEHOLD_FLAGS = [
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
  'canPayClinic',
  'headIncomeBelowLine',
  'hasSavings500k',
] as const satisfies readonly (keyof HouseholdInstrument)[];

export const MEMBER_CODED = [
  'maritalStatus',
  'disability',
  'chronicIllness',
  'schoolParticipation',
  'educationLevel',
  'highestDiploma',
  'occupationSector',
  'jobStatus',
  'employerType',
] as const satisfies readonly (keyof PersonInstrument)[];

/** Whole-number member answers (integer rupiah). */
export const MEMBER_NUMERIC = ['monthlyIncome'] as const satisfies readonly (keyof PersonInstrument)[];

/** Household identifiers other than the KK number, stored as text. */
export const HOUSEHOLD_TEXT = ['kksNumber'] as const satisfies readonly (keyof HouseholdInstrument)[];

type Missing<All, Listed> = Exclude<keyof All, Listed>;
// Compile-time completeness checks: each must be `never`.
const householdComplete: Missing<
  HouseholdInstrument,
  | (typeof HOUSEHOLD_CODED)[number]
  | (typeof HOUSEHOLD_NUMERIC)[number]
  | (typeof HOUSEHOLD_FLAGS)[number]
  | (typeof HOUSEHOLD_TEXT)[number]
> extends never
  ? true
  : false = true;
const memberComplete: Missing<
  PersonInstrument,
  (typeof MEMBER_CODED)[number] | (typeof MEMBER_NUMERIC)[number] | 'relationship' | 'pregnant'
> extends never
  ? true
  : false = true;
void householdComplete;
void memberComplete;
