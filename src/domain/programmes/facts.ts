/**
 * What programme rules and exclusions read of a household for one period: the version of the household that
 * the period's penetapan snapshot holds (the same record ranking scores, src/modules/ranking/ranking.jobs.ts),
 * its ranking result, and what the caller looked up elsewhere (the ineligible registry, opting out).
 * Ages are counted to the last day of the period, as ranking does.
 */
import { ageInYears, daysInMonth, isoDate } from '../calendar.ts';
import { codebook } from '../instrument/codebook.ts';
import { applicableMinimumWage, type MinimumWage } from '../wages/minimum-wage.ts';
import type { MemberCodedVariable } from './variables.ts';

export type MemberFacts = {
  personId: string;
  name: string | null;
  /** Completed years at the end of the period; null when the birth date is unknown. */
  age: number | null;
  sex: 'M' | 'F' | null;
  pregnant: boolean | null;
  /** Integer rupiah per month. */
  monthlyIncome: number | null;
  /** For members who left the household: why (a removal reason code). */
  removalReason: string | null;
} & Record<MemberCodedVariable, number | null>;

export interface HouseholdFacts {
  householdId: string;
  kkNumber: string | null;
  /** The village (dotted Kemendagri code). */
  regionCode: string;
  provinceCode: string;
  regencyCode: string;
  /** 'removed' when the household left DTKS (e.g. a previous recipient missing from this period's snapshot). */
  status: 'active' | 'removed';
  removalReason: string | null;
  /** The ranking result of the period (desil 1 = poorest); null when the household was not ranked. */
  deciles: { national: number | null; province: number | null; regency: number | null } | null;
  criteria14: number | null;
  hasKks: boolean;
  /** Instrument answers of the household by field (codes, numbers, yes/no). */
  answers: Readonly<Record<string, number | boolean | null>>;
  /** Active members: the family the rules are about. */
  members: MemberFacts[];
  /** Members who left (died, moved, …), with their removal reason. */
  removedMembers: MemberFacts[];
  /** In the ineligible registry (ditidaklayakkan), as looked up by the caller. */
  ineligible: boolean;
  /** Withdrew from assistance (mengundurkan diri), as looked up by the caller. */
  optedOut: boolean;
}

/** A member as a household version snapshot holds it (src/modules/households/households.schemas.ts Member). */
export interface SnapshotMember {
  id: string;
  name?: string | null;
  birthDate?: string | null;
  sex?: 'M' | 'F' | null;
  pregnant?: boolean | null;
  status?: 'active' | 'removed';
  removalReason?: string | null;
  monthlyIncome?: number | null;
  [field: string]: unknown;
}

export interface SnapshotHousehold {
  kkNumber?: string | null;
  kksNumber?: string | null;
  status?: 'active' | 'removed';
  removalReason?: string | null;
  members: readonly SnapshotMember[];
  [field: string]: unknown;
}

export interface FactsSource {
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  villageCode: string;
  /** The decoded version snapshot of the household. */
  household: SnapshotHousehold;
  /** The household's ranking result for the period, or null when it was not ranked. */
  ranking: {
    decileNational: number | null;
    decileProvince: number | null;
    decileRegency: number | null;
    criteria14: number | null;
  } | null;
  ineligible: boolean;
  optedOut: boolean;
}

/** The last day of a period (YYYY-MM) as YYYY-MM-DD. */
export function periodEndDate(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return isoDate(y, m, daysInMonth(y, m));
}

const MEMBER_CODES = codebook.individualFields.map((f) => f.field) as MemberCodedVariable[];
const HOUSEHOLD_ANSWERS = [
  ...codebook.housingFields,
  ...codebook.consumptionFields,
  ...codebook.numericFields,
  ...codebook.livestockFields,
  ...codebook.assetFlags,
  ...codebook.meansFlags,
].map((f) => f.field);

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function memberFacts(m: SnapshotMember, asOf: string): MemberFacts {
  const codes = Object.fromEntries(MEMBER_CODES.map((f) => [f, num(m[f])])) as Record<
    MemberCodedVariable,
    number | null
  >;
  return {
    personId: m.id,
    name: m.name ?? null,
    age: m.birthDate ? ageInYears(m.birthDate, asOf) : null,
    sex: m.sex ?? null,
    pregnant: typeof m.pregnant === 'boolean' ? m.pregnant : null,
    monthlyIncome: num(m.monthlyIncome),
    removalReason: m.status === 'removed' ? (m.removalReason ?? null) : null,
    ...codes,
  };
}

/** A ranking result's deciles as the facts hold them (null when the household was not ranked). */
export function decilesOf(ranking: FactsSource['ranking']): HouseholdFacts['deciles'] {
  return ranking
    ? { national: ranking.decileNational, province: ranking.decileProvince, regency: ranking.decileRegency }
    : null;
}

/** The facts of one household for `period` (YYYY-MM) from what the period's snapshot and ranking hold. */
export function buildHouseholdFacts(src: FactsSource, period: string): HouseholdFacts {
  const asOf = periodEndDate(period);
  const h = src.household;
  const answers: Record<string, number | boolean | null> = {};
  for (const field of HOUSEHOLD_ANSWERS) {
    const v = h[field];
    answers[field] = typeof v === 'number' || typeof v === 'boolean' ? v : null;
  }
  const active = h.members.filter((m) => m.status === undefined || m.status === 'active');
  const removed = h.members.filter((m) => m.status === 'removed');
  const r = src.ranking;
  return {
    householdId: src.householdId,
    kkNumber: h.kkNumber ?? null,
    regionCode: src.villageCode,
    provinceCode: src.provinceCode,
    regencyCode: src.regencyCode,
    status: h.status ?? 'active',
    removalReason: h.status === 'removed' ? (h.removalReason ?? null) : null,
    deciles: decilesOf(r),
    criteria14: r?.criteria14 ?? null,
    hasKks: typeof h.kksNumber === 'string' && h.kksNumber.length > 0,
    answers,
    members: active.map((m) => memberFacts(m, asOf)),
    removedMembers: removed.map((m) => memberFacts(m, asOf)),
    ineligible: src.ineligible,
    optedOut: src.optedOut,
  };
}

/**
 * The minimum wage `evaluateProgramme` compares incomes with, for a household of `regionCode` (its village or
 * regency) in `period`: the regency's UMK, else the province's UMP, of the period's year or the last year
 * before with a decree (src/domain/wages); null when none is set.
 */
export function minimumWageForPeriod(
  wages: readonly MinimumWage[],
  regionCode: string,
  period: string,
): number | null {
  return applicableMinimumWage(wages, regionCode, Number(period.slice(0, 4)))?.monthlyAmount ?? null;
}
