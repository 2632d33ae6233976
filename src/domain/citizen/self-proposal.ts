/**
 * Usulan mandiri (issue 14, seed 001): what a citizen may propose from their account and what they read of
 * its way through the cycle. A verified citizen proposes a new household (their own or another family) or
 * asks for a correction of their own record; either becomes an usulan of the household's village with
 * `source = 'mandiri'`, a draft in the village operator's queue that the operator checks and submits
 * inside the window like their own (Musdes, verivali, Dinas Sosial). The citizen reads each step and the
 * outcome — never a staff member's name.
 */
import { label, type Text } from '../catalogue.ts';
import type { UsulanAction, UsulanState } from '../lifecycle/machines.ts';

/** The `source` of a citizen's proposal (operators' are 'operator', the Musdes's 'musdes'). */
export const MANDIRI_SOURCE = 'mandiri';

/**
 * Limits per account (docs/citizen.md): at most `open` proposals still on their way, at most `recent` made
 * in a rolling `days` days. Per NIK the cycle's own rule holds: a NIK in DTKS, in another open proposal
 * or declared ineligible cannot be proposed again.
 */
export const MANDIRI_LIMITS = { open: 5, recent: 10, days: 30 } as const;
export type MandiriLimits = { open: number; recent: number; days: number };

export type MandiriRefusal = 'usulan.mandiri_limit_open' | 'usulan.mandiri_limit_recent';

/** Which limit one more proposal would break, or null. Counts are of the moment before it. */
export function mandiriRefusal(
  counts: { open: number; recent: number },
  limits: MandiriLimits = MANDIRI_LIMITS,
): MandiriRefusal | null {
  if (counts.open >= limits.open) return 'usulan.mandiri_limit_open';
  if (counts.recent >= limits.recent) return 'usulan.mandiri_limit_recent';
  return null;
}

/** The documents a citizen attaches: their KTP, the KK and the three photos of the house. */
export const CITIZEN_USULAN_FILES = [
  'ktp_photo',
  'kk_copy',
  'house_front',
  'house_back',
  'house_inside',
] as const;
export type CitizenUsulanFile = (typeof CITIZEN_USULAN_FILES)[number];
/** What a new-household proposal needs from the citizen before the operator can submit it. */
export const CITIZEN_REQUIRED_FILES: Record<'baru' | 'perbaikan', readonly CitizenUsulanFile[]> = {
  baru: ['ktp_photo', 'kk_copy', 'house_front', 'house_back', 'house_inside'],
  perbaikan: [],
};
/** Files in all on one proposal (a replaced photo counts too: nothing uploaded is deleted). */
export const MAX_CITIZEN_FILES = 10;

/** A citizen may add files while the village has not submitted it (or after it came back). */
export function citizenMayAttach(state: string): boolean {
  return state === 'draft' || state === 'returned';
}

/** `update`: the village operator completed or corrected the citizen's draft (who is never shown). */
export type TimelineStep = UsulanAction | 'create' | 'update';

/** What each step means to the citizen following their proposal. */
export const STEP_TEXT: Record<TimelineStep, Text> = {
  create: label('usulan.step.create'),
  update: label('usulan.step.update'),
  submit: label('usulan.step.submit'),
  withdraw: label('usulan.step.withdraw'),
  musdes_accept: label('usulan.step.musdes_accept'),
  musdes_reject: label('usulan.step.musdes_reject'),
  musdes_reopen: label('usulan.step.musdes_reopen'),
  musdes_cancel: label('usulan.step.musdes_cancel'),
  verify: label('usulan.step.verify'),
  verify_not_eligible: label('usulan.step.verify_not_eligible'),
  approve: label('usulan.step.approve'),
  return: label('usulan.step.return'),
  revise: label('usulan.step.revise'),
  determine: label('usulan.step.determine'),
};

/** The step a proposal in `state` last took: its current status as the citizen reads it. */
const STATE_STEP: Record<UsulanState, TimelineStep> = {
  draft: 'create',
  submitted: 'submit',
  musdes_accepted: 'musdes_accept',
  musdes_rejected: 'musdes_reject',
  verified: 'verify',
  not_eligible: 'verify_not_eligible',
  approved: 'approve',
  returned: 'return',
  determined: 'determine',
  withdrawn: 'withdraw',
};

export function statusText(state: string): Text {
  return STEP_TEXT[STATE_STEP[state as UsulanState] ?? 'create'];
}

/** Where the proposal ended: still on its way, accepted into DTKS, or not. */
export function outcomeOf(state: string): 'pending' | 'accepted' | 'not_accepted' {
  if (state === 'approved' || state === 'determined') return 'accepted';
  if (state === 'musdes_rejected' || state === 'not_eligible' || state === 'withdrawn') return 'not_accepted';
  return 'pending';
}

/**
 * The citizen's timeline from the proposal's audit entries (`usulan.create`, `usulan.submit`, …), oldest
 * first: who did it is left out, only when and what. Entries that are not steps (reads, files) are skipped.
 */
export function timelineOf(
  entries: { action: string; at: string }[],
): { step: TimelineStep; at: string; text: Text }[] {
  return entries
    .map((e) => ({ step: stepOf(e.action), at: e.at }))
    .filter((e): e is { step: TimelineStep; at: string } => e.step !== null)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((e) => ({ ...e, text: STEP_TEXT[e.step] }));
}

function stepOf(action: string): TimelineStep | null {
  if (!action.startsWith('usulan.')) return null;
  const step = action.slice('usulan.'.length);
  if (step === 'create_mandiri') return 'create';
  return Object.hasOwn(STEP_TEXT, step) ? (step as TimelineStep) : null;
}
