import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { MACHINES, musdesMachine, submissionMachine, usulanMachine } from './machines.ts';
import { allowedActions, alreadyTaken, isTerminal, transition } from './state-machine.ts';

describe('update-cycle state machines', () => {
  it('walks a proposal from draft to determined', () => {
    let s = usulanMachine.initial;
    s = transition(usulanMachine, s, 'submit', 'operator_desa');
    s = transition(usulanMachine, s, 'musdes_accept', 'kepala_desa');
    s = transition(usulanMachine, s, 'verify', 'petugas');
    s = transition(usulanMachine, s, 'approve', 'dinsos_kab');
    s = transition(usulanMachine, s, 'determine', 'pusdatin');
    expect(s).toBe('determined');
    expect(isTerminal(usulanMachine, s)).toBe(true);
  });

  it('refuses a step out of order with the current state and the allowed actions', () => {
    try {
      transition(usulanMachine, 'draft', 'approve', 'dinsos_kab');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.status).toBe(409);
      expect(err.code).toBe('usulan.invalid_transition');
      expect(err.extra).toEqual({ currentState: 'draft', allowed: ['submit', 'withdraw'] });
    }
  });

  it('refuses a role that does not own the step', () => {
    expect(() => transition(usulanMachine, 'verified', 'approve', 'operator_desa')).toThrow(
      expect.objectContaining({ code: 'usulan.role_not_allowed', kind: 'forbidden' }),
    );
  });

  it('lists actions per role', () => {
    expect(allowedActions(musdesMachine, 'closed', 'kepala_desa')).toEqual(['reopen', 'upload_signed']);
    expect(allowedActions(musdesMachine, 'closed', 'operator_desa')).toEqual(['upload_signed']);
  });

  it('only references declared states, and every state is reachable', () => {
    for (const m of MACHINES) {
      const reachable = new Set<string>([m.initial]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const t of Object.values(m.transitions) as { from: readonly string[]; to: string }[]) {
          if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) {
            reachable.add(t.to);
            grew = true;
          }
        }
      }
      expect([...reachable].sort(), m.name).toEqual([...m.states].sort());
    }
  });

  it('recognises a step taken twice: an older version and the record already where the step leads', () => {
    const atProvince = { state: 'at_province', version: 3 };
    expect(alreadyTaken(submissionMachine, 'submit', atProvince, 2)).toBe(true);
    // Same version: not a repeat (the machine refuses it as an invalid step).
    expect(alreadyTaken(submissionMachine, 'submit', atProvince, 3)).toBe(false);
    // Where the step's automatic follow-up leads (a province that forwards at once) counts when named.
    const submitted = { state: 'submitted', version: 3 };
    expect(alreadyTaken(submissionMachine, 'submit', submitted, 2)).toBe(false);
    expect(alreadyTaken(submissionMachine, 'submit', submitted, 2, ['submitted'])).toBe(true);
    // Moved on elsewhere: a real conflict.
    expect(alreadyTaken(submissionMachine, 'submit', { state: 'returned', version: 4 }, 2)).toBe(false);
    expect(alreadyTaken(musdesMachine, 'reopen', { state: 'open', version: 5 }, 4)).toBe(true);
  });

  it('lets the village operator withdraw a returned proposal too (no dead end after a return)', () => {
    expect(allowedActions(usulanMachine, 'returned', 'operator_desa')).toEqual(['withdraw', 'revise']);
  });
});
