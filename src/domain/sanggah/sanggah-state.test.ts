import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  isOpen,
  SANGGAH_LIMITS,
  SANGGAH_STATES,
  sanggahRefusal,
  sanggahStep,
  sanggahSteps,
} from './sanggah-state.ts';

describe('sanggah state machine', () => {
  it('goes submitted → investigating → upheld/rejected by the Dinas Sosial', () => {
    expect(sanggahStep('submitted', 'investigate', 'dinsos')).toBe('investigating');
    expect(sanggahStep('investigating', 'uphold', 'dinsos')).toBe('upheld');
    expect(sanggahStep('investigating', 'reject', 'dinsos')).toBe('rejected');
    expect(sanggahStep('submitted', 'reject', 'dinsos')).toBe('rejected');
  });

  it('lets only the citizen withdraw, only while open', () => {
    expect(sanggahStep('investigating', 'withdraw', 'citizen')).toBe('withdrawn');
    expect(() => sanggahStep('submitted', 'withdraw', 'dinsos')).toThrow(AppError);
    expect(() => sanggahStep('submitted', 'uphold', 'citizen')).toThrow(AppError);
    expect(() => sanggahStep('upheld', 'withdraw', 'citizen')).toThrow(AppError);
  });

  it('refuses any step from a decided state, naming the state and no allowed step', () => {
    for (const s of ['upheld', 'rejected', 'withdrawn'] as const) {
      expect(sanggahSteps(s)).toEqual([]);
      expect(isOpen(s)).toBe(false);
      try {
        sanggahStep(s, 'reject', 'dinsos');
        expect.unreachable();
      } catch (e) {
        expect((e as AppError).code).toBe('sanggah.invalid_transition');
        expect((e as AppError).status).toBe(409);
        expect((e as AppError).extra).toMatchObject({ currentState: s, allowed: [] });
      }
    }
  });

  it('lists the steps per actor', () => {
    expect(sanggahSteps('submitted', 'dinsos')).toEqual(['investigate', 'uphold', 'reject']);
    expect(sanggahSteps('investigating', 'citizen')).toEqual(['withdraw']);
    expect(SANGGAH_STATES.filter(isOpen)).toEqual(['submitted', 'investigating']);
  });
});

describe('sanggah limits', () => {
  const none = { citizenOpen: 0, targetOpen: 0, sameTargetOpen: 0, villageRecent: 0 };
  it('allows below every limit', () => {
    expect(sanggahRefusal(none)).toBeNull();
    expect(
      sanggahRefusal({ citizenOpen: 2, targetOpen: 4, sameTargetOpen: 0, villageRecent: 29 }),
    ).toBeNull();
  });
  it('refuses a second open objection to the same household first', () => {
    expect(sanggahRefusal({ ...none, sameTargetOpen: 1, citizenOpen: 3 })).toBe('sanggah.duplicate');
  });
  it('refuses at each limit', () => {
    expect(sanggahRefusal({ ...none, citizenOpen: SANGGAH_LIMITS.perCitizen })).toBe('sanggah.limit_citizen');
    expect(sanggahRefusal({ ...none, targetOpen: SANGGAH_LIMITS.perTarget })).toBe('sanggah.limit_target');
    expect(sanggahRefusal({ ...none, villageRecent: SANGGAH_LIMITS.perVillage })).toBe(
      'sanggah.limit_village',
    );
    expect(sanggahRefusal(none, { perCitizen: 0, perTarget: 9, perVillage: 9 })).toBe(
      'sanggah.limit_citizen',
    );
  });
});
