/**
 * Why a candidate household is kept out of a programme (DOMAIN.md §7, issue 13): one code each, stored with
 * recipient lists, so never rename one. Each is a pure predicate over the household's facts; a programme
 * document lists the codes that apply to it. Member-level exclusions name the member (`personId`).
 */
import { label } from '../catalogue.ts';
import type { Text } from '../errors.ts';
import { EXCLUDED_EMPLOYERS, EXCLUSION_JOB_STATUS } from '../instrument/codebook.ts';
import type { HouseholdFacts } from './facts.ts';

export const EXCLUSION_CODES = [
  'EMPLOYER',
  'MIN_WAGE',
  'DECEASED',
  'INELIGIBLE',
  'REMOVED',
  'MOVED',
  'OPTED_OUT',
  'NO_COMPONENT',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export const EXCLUSION_LABELS: Record<ExclusionCode, Text> = {
  EMPLOYER: label('programme.exclusion.employer'),
  MIN_WAGE: label('programme.exclusion.min_wage'),
  DECEASED: label('programme.exclusion.deceased'),
  INELIGIBLE: label('programme.exclusion.ineligible'),
  REMOVED: label('programme.exclusion.removed'),
  MOVED: label('programme.exclusion.moved'),
  OPTED_OUT: label('programme.exclusion.opted_out'),
  NO_COMPONENT: label('programme.exclusion.no_component'),
};

export function isExclusionCode(code: string): code is ExclusionCode {
  return (EXCLUSION_CODES as readonly string[]).includes(code);
}

export interface Exclusion {
  code: ExclusionCode;
  personId?: string;
}

/** Removal reasons (src/domain/registry/removal-reasons.ts) that have an exclusion of their own. */
const REASON_EXCLUSION: Readonly<Record<string, ExclusionCode>> = {
  deceased: 'DECEASED',
  moved_out: 'MOVED',
  declared_ineligible: 'INELIGIBLE',
  voluntary_withdrawal: 'OPTED_OUT',
  member_earns_umr: 'MIN_WAGE',
  no_pkh_component: 'NO_COMPONENT',
};

function removedFor(h: HouseholdFacts): ExclusionCode | null {
  if (h.status !== 'removed') return null;
  return REASON_EXCLUSION[h.removalReason ?? ''] ?? 'REMOVED';
}

/** A member works for an employer whose staff may not receive assistance (ASN, TNI, Polri, BUMN/BUMD, legislator). */
export function employerExclusions(h: HouseholdFacts): Exclusion[] {
  return h.members
    .filter(
      (m) =>
        (m.employerType != null && EXCLUDED_EMPLOYERS.includes(m.employerType)) ||
        m.jobStatus === EXCLUSION_JOB_STATUS,
    )
    .map((m) => ({ code: 'EMPLOYER', personId: m.personId }));
}

/**
 * A member earns at least the regional minimum wage (UMK, else UMP; src/domain/wages). Without a wage for the
 * region nothing can be compared, and an unknown income earns nothing: neither excludes.
 */
export function minimumWageExclusions(h: HouseholdFacts, minimumWage: number | null): Exclusion[] {
  const found: Exclusion[] =
    minimumWage === null
      ? []
      : h.members
          .filter((m) => m.monthlyIncome != null && m.monthlyIncome >= minimumWage)
          .map((m) => ({ code: 'MIN_WAGE', personId: m.personId }));
  if (removedFor(h) === 'MIN_WAGE') found.unshift({ code: 'MIN_WAGE' });
  return found;
}

/**
 * The household was removed because it died out, or no member is left alive: every member who left did so
 * as deceased (a family whose head died gets a new KK and is proposed again under it).
 */
export function isDeceased(h: HouseholdFacts): boolean {
  if (removedFor(h) === 'DECEASED') return true;
  return (
    h.members.length === 0 &&
    h.removedMembers.length > 0 &&
    h.removedMembers.every((m) => m.removalReason === 'deceased')
  );
}

/** Declared ineligible (ditidaklayakkan): the caller looked it up in the ineligible registry, or the removal says so. */
export function isIneligible(h: HouseholdFacts): boolean {
  return h.ineligible || removedFor(h) === 'INELIGIBLE';
}

/** Removed from DTKS for a reason that has no exclusion code of its own. */
export function isRemoved(h: HouseholdFacts): boolean {
  return removedFor(h) === 'REMOVED';
}

export function hasMoved(h: HouseholdFacts): boolean {
  return removedFor(h) === 'MOVED';
}

export function hasOptedOut(h: HouseholdFacts): boolean {
  return h.optedOut || removedFor(h) === 'OPTED_OUT';
}

/** PKH: no component left (counted by the evaluation), or removed from DTKS for that reason. */
export function hasNoComponent(h: HouseholdFacts, componentCount: number): boolean {
  return componentCount === 0 || removedFor(h) === 'NO_COMPONENT';
}

/**
 * The exclusions among `applies` that hold for the household, in the order of EXCLUSION_CODES.
 * `componentCount` is the household's counted components (only read for NO_COMPONENT).
 */
export function exclusionsOf(
  h: HouseholdFacts,
  applies: readonly ExclusionCode[],
  ctx: { minimumWage: number | null; componentCount: number },
): Exclusion[] {
  const out: Exclusion[] = [];
  for (const code of EXCLUSION_CODES) {
    if (!applies.includes(code)) continue;
    switch (code) {
      case 'EMPLOYER':
        out.push(...employerExclusions(h));
        break;
      case 'MIN_WAGE':
        out.push(...minimumWageExclusions(h, ctx.minimumWage));
        break;
      case 'DECEASED':
        if (isDeceased(h)) out.push({ code });
        break;
      case 'INELIGIBLE':
        if (isIneligible(h)) out.push({ code });
        break;
      case 'REMOVED':
        // Removed for a reason whose own code this programme does not list: still removed from DTKS.
        if (isRemoved(h) || (h.status === 'removed' && !applies.includes(removedFor(h)!))) {
          out.push({ code });
        }
        break;
      case 'MOVED':
        if (hasMoved(h)) out.push({ code });
        break;
      case 'OPTED_OUT':
        if (hasOptedOut(h)) out.push({ code });
        break;
      case 'NO_COMPONENT':
        if (hasNoComponent(h, ctx.componentCount)) out.push({ code });
        break;
    }
  }
  return out;
}
