/**
 * A bansos proposal: the recipients of one programme in one regency for one period (DOMAIN.md §6, §9, seed
 * 004). The regency's Dinas Sosial computes the candidates from the determined DTKS, reviews them (declares
 * ineligible households) and submits; the programme's door approves it or returns it with a note. National
 * programmes go through Pusdatin, provincial ones through the Dinas Sosial of their province. An approved
 * proposal is the period's recipients, an immutable snapshot: approving again or changing it is a 409.
 */
import type { Role } from '../access/roles.ts';
import { can, isWithinTerritory, rolesWith } from '../access/roles.ts';
import { AppError } from '../errors.ts';
import { defineMachine, transition } from '../lifecycle/state-machine.ts';

/**
 * `computing` is a run whose candidates are being written (a job); it becomes `computed` when they all are.
 * The system operator (`admin`, the CLI without `--as`) may take every step.
 */
const PROPOSERS = rolesWith('recipients.propose');
const DOORS = [
  ...new Set([...rolesWith('recipients.approve_national'), ...rolesWith('recipients.approve_provincial')]),
];

export const proposalMachine = defineMachine({
  name: 'recipients',
  states: ['computing', 'computed', 'submitted', 'returned', 'approved'] as const,
  initial: 'computing',
  transitions: {
    /** Computing again replaces the candidates (the programme's current version, the review kept). */
    compute: { from: ['computing', 'computed', 'returned'], to: 'computing', roles: PROPOSERS },
    finish: { from: ['computing'], to: 'computed', roles: PROPOSERS },
    review: { from: ['computed', 'returned'], to: 'computed', roles: PROPOSERS },
    submit: { from: ['computed', 'returned'], to: 'submitted', roles: PROPOSERS },
    approve: { from: ['submitted'], to: 'approved', roles: DOORS },
    return: { from: ['submitted'], to: 'returned', roles: DOORS },
  },
});
export type ProposalState = (typeof proposalMachine.states)[number];
export type ProposalAction = keyof typeof proposalMachine.transitions;

/** Where a programme's proposals go (seed 004): Pusdatin for national programmes, the province for its own. */
export interface Door {
  door: 'pusdatin' | 'province';
  /** The province of a provincial programme. */
  provinceCode?: string | null;
}

export interface ProposalActor {
  role: Role;
  /** Dotted region code of the actor's territory ('' is the nation). */
  regionCode: string;
}

/**
 * The state after `action` on the proposal of `regencyCode`, or the refusal: 409 `recipients.invalid_transition`
 * with the current state (approving twice, changing an approved list), 403 `recipients.role_not_allowed`, and
 * 403 `recipients.wrong_door` when an approver is not the programme's door (Pusdatin for a provincial
 * programme, a province for a national one or another province's). Territory (the regency within the actor's)
 * is checked by the caller first, as a 404.
 */
export function proposalStep(
  state: ProposalState,
  action: ProposalAction,
  actor: ProposalActor,
  door: Door,
  regencyCode: string,
): ProposalState {
  const next = transition(proposalMachine, state, action, actor.role);
  if ((action === 'approve' || action === 'return') && !isDoor(actor, door, regencyCode)) {
    throw new AppError('forbidden', 'recipients.wrong_door', { role: actor.role });
  }
  return next;
}

/** Whether the actor is the programme's door for a proposal of this regency. */
export function isDoor(actor: ProposalActor, door: Door, regencyCode: string): boolean {
  if (door.door === 'pusdatin') return can(actor.role, 'recipients.approve_national');
  return (
    can(actor.role, 'recipients.approve_provincial') &&
    !!door.provinceCode &&
    isWithinTerritory(door.provinceCode, actor.regionCode) &&
    isWithinTerritory(regencyCode, door.provinceCode)
  );
}

/** Whether a programme applies in a regency at all: a provincial programme only in its own province. */
export function appliesIn(door: Door, regencyCode: string): boolean {
  return (
    door.door === 'pusdatin' || (!!door.provinceCode && isWithinTerritory(regencyCode, door.provinceCode))
  );
}

/** The regency (`PP.RR`) of a dotted region code at regency level or below. */
export function regencyOf(code: string): string {
  return code.split('.').slice(0, 2).join('.');
}
