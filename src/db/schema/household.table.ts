import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { StoredTimestamp } from '../stored-timestamp.ts';

/** Region columns carried by every large table: the province code is the partition/distribution key. */
export interface RegionColumns {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
}

export interface RecordColumns {
  status: 'active' | 'removed';
  removalReason: string | null;
  removalNote: string | null;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** Housing and asset instrument (PBDT 2015 codebook). Codes in src/domain/instrument/codebook.ts. */
export interface HouseholdInstrument {
  buildingTenure: number | null;
  landTenure: number | null;
  floorAreaM2: number | null;
  floorMaterial: number | null;
  wallMaterial: number | null;
  wallCondition: number | null;
  roofMaterial: number | null;
  roofCondition: number | null;
  roomCount: number | null;
  drinkingWaterSource: number | null;
  lightingSource: number | null;
  electricityPower: number | null;
  cookingFuel: number | null;
  toiletFacility: number | null;
  toiletType: number | null;
  sewageDisposal: number | null;
  // assets: 0/1
  hasGas5kg: number | null;
  hasRefrigerator: number | null;
  hasAirConditioner: number | null;
  hasWaterHeater: number | null;
  hasLandline: number | null;
  hasTelevision: number | null;
  hasGoldSavings: number | null;
  hasLaptop: number | null;
  hasBicycle: number | null;
  hasMotorcycle: number | null;
  hasCar: number | null;
  hasBoat: number | null;
  hasOutboardMotor: number | null;
  hasMotorboat: number | null;
  hasShip: number | null;
  ownsLand: number | null;
  landAreaM2: number | null;
  ownsOtherHouse: number | null;
  cattleCount: number | null;
  buffaloCount: number | null;
  horseCount: number | null;
  pigCount: number | null;
  goatCount: number | null;
  runsBusiness: number | null;
  // 026: the BPS 14-criteria questions the PBDT instrument lacked, and the family's KKS card
  mealsPerDay: number | null;
  meatMilkPerWeek: number | null;
  newClothesPerYear: number | null;
  canPayClinic: number | null;
  headIncomeBelowLine: number | null;
  hasSavings500k: number | null;
  kksNumber: string | null;
}

export interface HouseholdTable extends RegionColumns, RecordColumns, HouseholdInstrument {
  id: string;
  kkNumber: string;
  rw: string;
  rt: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  /** Denormalised for fast lists: the head's name, and its lowercase form for search. */
  headName: string;
  headNameSearch: string;
  /** The head's name with Indonesian spelling variants folded (domain/names/name-fold.ts), for tolerant search. */
  headNameFold: string;
  memberCount: number;
}
export type HouseholdRow = Selectable<HouseholdTable>;
export type NewHouseholdRow = Insertable<HouseholdTable>;
export type HouseholdUpdate = Updateable<HouseholdTable>;

export interface PersonInstrument {
  relationship: number;
  maritalStatus: number | null;
  pregnant: number | null;
  disability: number | null;
  chronicIllness: number | null;
  schoolParticipation: number | null;
  educationLevel: number | null;
  highestDiploma: number | null;
  occupationSector: number | null;
  jobStatus: number | null;
  /** 026: integer rupiah per month. */
  monthlyIncome: number | null;
  employerType: number | null;
}

export interface PersonTable
  extends RegionColumns,
    Omit<RecordColumns, 'createdAt' | 'updatedAt'>,
    PersonInstrument {
  /** Epoch milliseconds on SQLite, ISO text on PostgreSQL: read through `isoTimestamp` (src/db/stored-timestamp.ts). */
  createdAt: StoredTimestamp;
  updatedAt: StoredTimestamp;
  id: string;
  householdId: string;
  nik: string;
  name: string;
  birthPlace: string | null;
  birthDate: string;
  sex: 'M' | 'F';
}
export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;

/**
 * The active persons' NIKs, one row each (migration 082: a view over `persons`, `status = 'active'`; before,
 * a table every writer kept in step). "A NIK belongs to at most one active person" is the unique partial
 * index `persons_nik_active_idx`: writing a person is what registers, moves or frees a NIK. Read-only (its
 * columns cannot be inserted or updated through Kysely). The holder's household is `persons.household_id`:
 * readers join, see `NikHolder`.
 */
export interface NikRegistryTable {
  nik: ColumnType<string, never, never>;
  personId: ColumnType<string, never, never>;
  /** The holder's village (`persons.village_code`). */
  villageCode: ColumnType<string, never, never>;
}
export type NikRegistryRow = Selectable<NikRegistryTable>;

/** A registry row with its holder's household, as readers answer it (joined through `persons`). */
export interface NikHolder extends NikRegistryRow {
  householdId: string;
}

/** Every change to a record: full snapshot after the change, who, when, why. */
export interface RecordVersionTable {
  id: string;
  entityType: string;
  entityId: string;
  provinceCode: string;
  villageCode: string;
  version: number;
  changeType: string;
  reason: string | null;
  /** The record after the change, stored compressed: read and write it with src/db/version-snapshot.ts. */
  snapshot: Uint8Array;
  changedBy: string | null;
  changedAt: string;
}
export type RecordVersionRow = Selectable<RecordVersionTable>;

/** Active households and people per village, maintained by the households service (dashboard counts). */
export interface HouseholdCountTable {
  villageCode: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  households: number;
  persons: number;
}
