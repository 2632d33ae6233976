/**
 * State machines as data. Each object of the update cycle (proposal, Musdes session, visit, regency
 * submission, period) declares its states and, per action, the states it may start from, the state it
 * leads to and the roles that may take it. Services call `transition()`; an invalid step becomes a 409
 * problem with `currentState` and `allowed`.
 */
import type { Role } from '../access/roles.ts';
import { label } from '../catalogue.ts';
import { AppError } from '../errors.ts';

/** The machines' names: each has its two codes in the catalogue. */
export type MachineName =
  | 'usulan'
  | 'musdes'
  | 'visit'
  | 'submission'
  | 'acknowledgement'
  | 'period'
  | 'recipients';

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  roles: readonly Role[];
}

export interface Machine<S extends string, A extends string> {
  /** Its codes are `<name>.invalid_transition` and `<name>.role_not_allowed`. */
  name: MachineName;
  states: readonly S[];
  initial: S;
  transitions: Record<A, Transition<S>>;
}

export function defineMachine<S extends string, A extends string>(m: Machine<S, A>): Machine<S, A> {
  for (const [action, t] of Object.entries(m.transitions) as [A, Transition<S>][]) {
    for (const s of [...t.from, t.to]) {
      if (!m.states.includes(s)) throw new Error(`${m.name}.${action}: unknown state ${s}`);
    }
  }
  return m;
}

/** Actions that may be taken from `state` (by `role`, when given). */
export function allowedActions<S extends string, A extends string>(
  m: Machine<S, A>,
  state: S,
  role?: Role,
): A[] {
  return (Object.entries(m.transitions) as [A, Transition<S>][])
    .filter(([, t]) => t.from.includes(state) && (!role || t.roles.includes(role)))
    .map(([a]) => a);
}

export function isTerminal<S extends string, A extends string>(m: Machine<S, A>, state: S): boolean {
  return allowedActions(m, state).length === 0;
}

/**
 * The state after `action`, or an AppError: 409 `<machine>.invalid_transition` (with `currentState` and
 * `allowed`) when the action is not possible from `state`, 403 `<machine>.role_not_allowed` when the role
 * may not take it.
 */
export function transition<S extends string, A extends string>(
  m: Machine<S, A>,
  state: S,
  action: A,
  role: Role,
): S {
  const t = m.transitions[action];
  if (!t?.from.includes(state)) {
    const allowed = allowedActions(m, state);
    throw new AppError(
      'state',
      `${m.name}.invalid_transition`,
      { action, state, allowed: allowed.join(', ') || label('none') },
      { extra: { currentState: state, allowed } },
    );
  }
  if (!t.roles.includes(role)) {
    throw new AppError('forbidden', `${m.name}.role_not_allowed`, { role, action });
  }
  return t.to;
}

/**
 * The state after an automatic step (a deadline, a setting): no role takes it, so only the starting state is
 * checked; otherwise the same 409 as `transition`.
 */
export function automaticTransition<S extends string, A extends string>(
  m: Machine<S, A>,
  state: S,
  action: A,
): S {
  const t = m.transitions[action];
  if (!t?.from.includes(state)) return transition(m, state, action, t?.roles[0] ?? 'admin');
  return t.to;
}

/**
 * A step taken twice (a double click, a second tab): the request carries the version it was loaded with,
 * the record has moved on since, and it already stands where `action` leads (or where the automatic steps
 * that follow it lead, `also`). The service then answers the current state instead of a conflict, and does
 * nothing again.
 */
export function alreadyTaken<S extends string, A extends string>(
  m: Machine<S, A>,
  action: A,
  current: { state: string; version: number },
  sentVersion: number,
  also: readonly string[] = [],
): boolean {
  return (
    sentVersion < current.version &&
    (m.transitions[action].to === current.state || also.includes(current.state))
  );
}
