import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  CITIZEN_ACCOUNT_STATES,
  CITIZEN_ACCOUNT_STEPS,
  citizenStep,
  citizenSteps,
  seesOwnRecord,
  verificationBlockers,
} from './account-state.ts';

describe('citizen account states', () => {
  it('walks registered → contact confirmed → verified', () => {
    let s = citizenStep('pending_contact', 'confirm_contact');
    expect(s).toBe('pending_verification');
    s = citizenStep(s, 'verify');
    expect(s).toBe('verified');
    expect(citizenSteps(s)).toEqual([]);
  });

  it('rejects only an account whose contact is confirmed', () => {
    expect(citizenStep('pending_verification', 'reject')).toBe('rejected');
    try {
      citizenStep('pending_contact', 'verify');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.status).toBe(409);
      expect(err.code).toBe('citizen.invalid_transition');
      expect(err.extra).toEqual({ currentState: 'pending_contact', allowed: ['confirm_contact'] });
    }
  });

  it('cannot confirm twice or decide twice', () => {
    expect(() => citizenStep('pending_verification', 'confirm_contact')).toThrow(AppError);
    expect(() => citizenStep('verified', 'reject')).toThrow(AppError);
    expect(() => citizenStep('rejected', 'verify')).toThrow(AppError);
  });

  it('reaches every state from the first, and names only known states', () => {
    const reached = new Set<string>(['pending_contact']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of Object.values(CITIZEN_ACCOUNT_STEPS)) {
        if (t.from.some((f) => reached.has(f)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...CITIZEN_ACCOUNT_STATES].sort());
  });

  it('shows the record and its access log to verified accounts only', () => {
    expect(CITIZEN_ACCOUNT_STATES.filter(seesOwnRecord)).toEqual(['verified']);
  });

  it('names the missing photos', () => {
    expect(verificationBlockers({ ktpAttachmentId: null, selfieAttachmentId: null })).toEqual([
      'ktp_photo',
      'ktp_selfie',
    ]);
    expect(verificationBlockers({ ktpAttachmentId: 'a', selfieAttachmentId: null })).toEqual(['ktp_selfie']);
    expect(verificationBlockers({ ktpAttachmentId: 'a', selfieAttachmentId: 'b' })).toEqual([]);
  });
});
