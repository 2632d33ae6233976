import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { allowedActions, isTerminal } from '../lifecycle/state-machine.ts';
import {
  appliesIn,
  isDoor,
  type ProposalState,
  proposalMachine,
  proposalStep,
  regencyOf,
} from './proposal.ts';

const kab = { role: 'dinsos_kab', regionCode: '35.07' } as const;
const pusdatin = { role: 'pusdatin', regionCode: '' } as const;
const prov35 = { role: 'dinsos_prov', regionCode: '35' } as const;
const prov33 = { role: 'dinsos_prov', regionCode: '33' } as const;
const national = { door: 'pusdatin' } as const;
const provincial = { door: 'province', provinceCode: '35' } as const;

function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('recipient proposal', () => {
  it('walks computed → submitted → approved for a national programme', () => {
    let s: ProposalState = proposalMachine.initial;
    s = proposalStep(s, 'finish', kab, national, '35.07');
    expect(s).toBe('computed');
    s = proposalStep(s, 'review', kab, national, '35.07');
    s = proposalStep(s, 'submit', kab, national, '35.07');
    expect(s).toBe('submitted');
    s = proposalStep(s, 'approve', pusdatin, national, '35.07');
    expect(s).toBe('approved');
    expect(isTerminal(proposalMachine, s)).toBe(true);
  });

  it('goes back to the regency when returned, and is submitted again', () => {
    let s = proposalStep('submitted', 'return', prov35, provincial, '35.07');
    expect(s).toBe('returned');
    expect(allowedActions(proposalMachine, s, 'dinsos_kab')).toEqual(['compute', 'review', 'submit']);
    s = proposalStep(s, 'review', kab, provincial, '35.07');
    s = proposalStep(s, 'submit', kab, provincial, '35.07');
    expect(proposalStep(s, 'approve', prov35, provincial, '35.07')).toBe('approved');
  });

  it('refuses approving twice and any change after approval with the current state (409)', () => {
    for (const action of ['approve', 'return', 'compute', 'review', 'submit'] as const) {
      const actor = action === 'approve' || action === 'return' ? pusdatin : kab;
      const err = refusal(() => proposalStep('approved', action, actor, national, '35.07'));
      expect(err.status).toBe(409);
      expect(err.code).toBe('recipients.invalid_transition');
      expect(err.extra).toEqual({ currentState: 'approved', allowed: [] });
    }
  });

  it('refuses approving what was not submitted', () => {
    const err = refusal(() => proposalStep('computed', 'approve', pusdatin, national, '35.07'));
    expect(err.extra.currentState).toBe('computed');
    expect(err.extra.allowed).toEqual(['compute', 'review', 'submit']);
  });

  it('lets only the regency propose and only approvers approve', () => {
    expect(refusal(() => proposalStep('computed', 'submit', pusdatin, national, '35.07')).code).toBe(
      'recipients.role_not_allowed',
    );
    expect(refusal(() => proposalStep('submitted', 'approve', kab, national, '35.07')).code).toBe(
      'recipients.role_not_allowed',
    );
  });

  it('sends each programme through its own door', () => {
    // A province may not approve a national programme, Pusdatin not a provincial one.
    const a = refusal(() => proposalStep('submitted', 'approve', prov35, national, '35.07'));
    expect([a.status, a.code]).toEqual([403, 'recipients.wrong_door']);
    expect(refusal(() => proposalStep('submitted', 'approve', pusdatin, provincial, '35.07')).code).toBe(
      'recipients.wrong_door',
    );
    // Another province may not approve this province's programme.
    expect(isDoor(prov33, provincial, '35.07')).toBe(false);
    expect(isDoor(prov35, provincial, '35.07')).toBe(true);
    expect(isDoor(prov35, { door: 'province', provinceCode: '35' }, '33.01')).toBe(false);
    expect(isDoor({ role: 'admin', regionCode: '' }, provincial, '35.07')).toBe(true);
  });

  it('applies a provincial programme only in its province', () => {
    expect(appliesIn(national, '11.01')).toBe(true);
    expect(appliesIn(provincial, '35.07')).toBe(true);
    expect(appliesIn(provincial, '33.07')).toBe(false);
    expect(appliesIn({ door: 'province', provinceCode: null }, '35.07')).toBe(false);
  });

  it('reads the regency of a village code', () => {
    expect(regencyOf('35.07.01.2001')).toBe('35.07');
    expect(regencyOf('35.07')).toBe('35.07');
  });
});
