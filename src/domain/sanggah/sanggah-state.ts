/**
 * A sanggah (objection, seed 000): a verified citizen objects to a current recipient of their own village.
 * It lands on the regency Dinas Sosial's worklist, is investigated (optionally with a verivali visit asked
 * of the field), and ends in a decision: upheld (the household is declared ineligible through the
 * eligibility module) or rejected with a reason. The objector may withdraw it while it is open.
 */
import { AppError } from '../errors.ts';

export const SANGGAH_STATES = ['submitted', 'investigating', 'upheld', 'rejected', 'withdrawn'] as const;
export type SanggahState = (typeof SANGGAH_STATES)[number];

export type SanggahStepBy = 'citizen' | 'dinsos';

export const SANGGAH_STEPS = {
  investigate: { from: ['submitted'], to: 'investigating', by: 'dinsos' },
  uphold: { from: ['submitted', 'investigating'], to: 'upheld', by: 'dinsos' },
  reject: { from: ['submitted', 'investigating'], to: 'rejected', by: 'dinsos' },
  withdraw: { from: ['submitted', 'investigating'], to: 'withdrawn', by: 'citizen' },
} as const satisfies Record<string, { from: readonly SanggahState[]; to: SanggahState; by: SanggahStepBy }>;
export type SanggahStep = keyof typeof SANGGAH_STEPS;

/** Open objections count against the limits and stand on the Dinas Sosial's worklist. */
export const OPEN_SANGGAH_STATES: readonly SanggahState[] = ['submitted', 'investigating'];

export function isOpen(state: SanggahState): boolean {
  return OPEN_SANGGAH_STATES.includes(state);
}

/** The steps `by` may take from `state`. */
export function sanggahSteps(state: SanggahState, by?: SanggahStepBy): SanggahStep[] {
  return (Object.keys(SANGGAH_STEPS) as SanggahStep[]).filter(
    (s) =>
      (SANGGAH_STEPS[s].from as readonly string[]).includes(state) &&
      (by === undefined || SANGGAH_STEPS[s].by === by),
  );
}

/** The state after `step`, or 409 `sanggah.invalid_transition` with the current state and what is possible. */
export function sanggahStep(state: SanggahState, step: SanggahStep, by: SanggahStepBy): SanggahState {
  const t = SANGGAH_STEPS[step];
  if (!(t.from as readonly string[]).includes(state) || t.by !== by) {
    throw new AppError(
      'state',
      'sanggah.invalid_transition',
      { step, state },
      { extra: { currentState: state, allowed: sanggahSteps(state, by) } },
    );
  }
  return t.to;
}

/**
 * Limits against harassment (documented in docs/sanggah.md): a citizen has at most `perCitizen` open
 * objections; a household at most `perTarget` open ones from all citizens (one per citizen); a village
 * at most `perVillage` new objections in a rolling 30 days.
 */
export const SANGGAH_LIMITS = { perCitizen: 3, perTarget: 5, perVillage: 30, villageDays: 30 } as const;
export type SanggahLimits = { perCitizen: number; perTarget: number; perVillage: number };

export type SanggahRefusal =
  | 'sanggah.duplicate'
  | 'sanggah.limit_citizen'
  | 'sanggah.limit_target'
  | 'sanggah.limit_village';

/** Which limit a new objection would break, or null. Counts are of the moment before it. */
export function sanggahRefusal(
  counts: { citizenOpen: number; targetOpen: number; sameTargetOpen: number; villageRecent: number },
  limits: SanggahLimits = SANGGAH_LIMITS,
): SanggahRefusal | null {
  if (counts.sameTargetOpen > 0) return 'sanggah.duplicate';
  if (counts.citizenOpen >= limits.perCitizen) return 'sanggah.limit_citizen';
  if (counts.targetOpen >= limits.perTarget) return 'sanggah.limit_target';
  if (counts.villageRecent >= limits.perVillage) return 'sanggah.limit_village';
  return null;
}
