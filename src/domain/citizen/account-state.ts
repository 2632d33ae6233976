/**
 * A citizen account's life (issue 14, seed 001): registered → the phone or e-mail confirmed with a one-time
 * code → verified (or rejected with a reason) by the village's staff against the registry. Only a verified
 * account sees "who read my data" and may ask for a correction. A rejected citizen may register again
 * (the account's NIK and address are released).
 */
import { AppError } from '../errors.ts';

export const CITIZEN_ACCOUNT_STATES = [
  'pending_contact',
  'pending_verification',
  'verified',
  'rejected',
] as const;
export type CitizenAccountState = (typeof CITIZEN_ACCOUNT_STATES)[number];

/** Who takes a step: the citizen themself, or the village's staff. */
export type CitizenStepBy = 'citizen' | 'staff';

export const CITIZEN_ACCOUNT_STEPS = {
  confirm_contact: { from: ['pending_contact'], to: 'pending_verification', by: 'citizen' },
  verify: { from: ['pending_verification'], to: 'verified', by: 'staff' },
  reject: { from: ['pending_verification'], to: 'rejected', by: 'staff' },
} as const satisfies Record<
  string,
  { from: readonly CitizenAccountState[]; to: CitizenAccountState; by: CitizenStepBy }
>;
export type CitizenAccountStep = keyof typeof CITIZEN_ACCOUNT_STEPS;

/** The steps possible from `state`. */
export function citizenSteps(state: CitizenAccountState): CitizenAccountStep[] {
  return (Object.keys(CITIZEN_ACCOUNT_STEPS) as CitizenAccountStep[]).filter((s) =>
    (CITIZEN_ACCOUNT_STEPS[s].from as readonly string[]).includes(state),
  );
}

/** The state after `step`, or 409 `citizen.invalid_transition` with the current state and what is possible. */
export function citizenStep(state: CitizenAccountState, step: CitizenAccountStep): CitizenAccountState {
  const t = CITIZEN_ACCOUNT_STEPS[step];
  if (!(t.from as readonly string[]).includes(state)) {
    const allowed = citizenSteps(state);
    throw new AppError(
      'state',
      'citizen.invalid_transition',
      { step, state },
      { extra: { currentState: state, allowed } },
    );
  }
  return t.to;
}

/**
 * Whether the account may see its registry record's access log and ask for corrections: only once the
 * village verified that it belongs to the person of its NIK. (Every state may log in: a rejected citizen
 * reads why, then registers anew.)
 */
export function seesOwnRecord(state: CitizenAccountState): boolean {
  return state === 'verified';
}

/** What the village checks before verifying: both photos are there. */
export function verificationBlockers(a: {
  ktpAttachmentId: string | null;
  selfieAttachmentId: string | null;
}): ('ktp_photo' | 'ktp_selfie')[] {
  const missing: ('ktp_photo' | 'ktp_selfie')[] = [];
  if (!a.ktpAttachmentId) missing.push('ktp_photo');
  if (!a.selfieAttachmentId) missing.push('ktp_selfie');
  return missing;
}
