/**
 * "Langkah berikutnya": for every state of every machine of the cycle, what happens next and who does it,
 * so no screen leaves its reader at a dead end. The records below are typed by each machine's states, so a
 * state added to a machine does not compile until it says what comes next. Pure: also runs in the browser.
 */
import { type LabelKey, plainLabel } from '../catalogue.ts';
import type { Text } from '../errors.ts';
import type {
  AcknowledgementState,
  MusdesState,
  PeriodState,
  SubmissionState,
  UsulanState,
  VisitState,
} from '../lifecycle/machines.ts';

const NEXT_STEPS = {
  usulan: {
    draft: 'next_step.usulan.draft',
    submitted: 'next_step.usulan.submitted',
    musdes_accepted: 'next_step.usulan.musdes_accepted',
    musdes_rejected: 'next_step.usulan.musdes_rejected',
    verified: 'next_step.usulan.verified',
    not_eligible: 'next_step.usulan.not_eligible',
    approved: 'next_step.usulan.approved',
    returned: 'next_step.usulan.returned',
    determined: 'next_step.usulan.determined',
    withdrawn: 'next_step.usulan.withdrawn',
  } satisfies Record<UsulanState, LabelKey>,
  musdes: {
    draft: 'next_step.musdes.draft',
    open: 'next_step.musdes.open',
    closed: 'next_step.musdes.closed',
    signed: 'next_step.musdes.signed',
  } satisfies Record<MusdesState, LabelKey>,
  visit: {
    assigned: 'next_step.visit.assigned',
    visited: 'next_step.visit.visited',
    accepted: 'next_step.visit.accepted',
    cancelled: 'next_step.visit.cancelled',
  } satisfies Record<VisitState, LabelKey>,
  submission: {
    draft: 'next_step.submission.draft',
    at_province: 'next_step.submission.at_province',
    submitted: 'next_step.submission.submitted',
    returned: 'next_step.submission.returned',
    determined: 'next_step.submission.determined',
  } satisfies Record<SubmissionState, LabelKey>,
  acknowledgement: {
    pending: 'next_step.acknowledgement.pending',
    acknowledged: 'next_step.acknowledgement.acknowledged',
    returned: 'next_step.acknowledgement.returned',
  } satisfies Record<AcknowledgementState, LabelKey>,
  period: {
    open: 'next_step.period.open',
    determined: 'next_step.period.determined',
  } satisfies Record<PeriodState, LabelKey>,
} as const;

export type CycleMachine = keyof typeof NEXT_STEPS;

/** What comes next for a record of `machine` in `state`; null for a state the machine does not have. */
export function nextStep(machine: CycleMachine, state: string): Text | null {
  const steps: Record<string, LabelKey> = NEXT_STEPS[machine];
  const key = Object.hasOwn(steps, state) ? steps[state] : undefined;
  return key ? plainLabel(key) : null;
}
