import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.ts';
import { acknowledgementMachine, submissionMachine } from '../lifecycle/machines.ts';
import { allowedActions, automaticTransition, transition } from '../lifecycle/state-machine.ts';
import {
  acknowledgementState,
  CHAIN_DEFAULTS,
  type ChainSettings,
  checkChainSettings,
  countsForPengesahan,
  effectiveSettings,
  forwardDueAt,
  isForwardDue,
  submitSteps,
} from './chain.ts';

const REVIEW: ChainSettings = { kecamatanAcknowledgement: true, provinceReview: true, autoForwardDays: 7 };

describe('chain settings', () => {
  it('leaves both steps off for a region without settings (the cycle as before)', () => {
    expect(effectiveSettings(undefined, undefined)).toEqual(CHAIN_DEFAULTS);
    expect(submitSteps(CHAIN_DEFAULTS)).toEqual(['submit', 'forward']);
    expect(countsForPengesahan(CHAIN_DEFAULTS, 'pending')).toBe(true);
  });

  it('takes the kecamatan step from the regency and the review from the province', () => {
    expect(
      effectiveSettings(
        { kecamatanAcknowledgement: true, provinceReview: true, autoForwardDays: 3 },
        { kecamatanAcknowledgement: false, provinceReview: false, autoForwardDays: 5 },
      ),
    ).toEqual({ kecamatanAcknowledgement: true, provinceReview: false, autoForwardDays: null });
    expect(effectiveSettings(undefined, { provinceReview: true, autoForwardDays: 5 })).toEqual({
      kecamatanAcknowledgement: false,
      provinceReview: true,
      autoForwardDays: 5,
    });
  });

  it('accepts whole days from 1 to 90 or none, naming the field otherwise', () => {
    expect(checkChainSettings({ autoForwardDays: null })).toEqual([]);
    expect(checkChainSettings({ autoForwardDays: 1 })).toEqual([]);
    expect(checkChainSettings({ autoForwardDays: 90 })).toEqual([]);
    for (const bad of [0, 91, 2.5, -3]) {
      expect(checkChainSettings({ autoForwardDays: bad }).map((i) => [i.field, i.code])).toEqual([
        ['autoForwardDays', 'chain.invalid_days'],
      ]);
    }
  });
});

describe('kecamatan acknowledgement', () => {
  it('is pending until decided, and pending again once a returned Berita Acara is signed anew', () => {
    expect(acknowledgementState({ signedScanId: 'scan-1' }, undefined)).toBe('pending');
    const returned = { state: 'returned', signedScanId: 'scan-1' } as const;
    expect(acknowledgementState({ signedScanId: 'scan-1' }, returned)).toBe('returned');
    expect(acknowledgementState({ signedScanId: 'scan-2' }, returned)).toBe('pending');
    expect(
      acknowledgementState({ signedScanId: 'scan-2' }, { state: 'acknowledged', signedScanId: 'scan-2' }),
    ).toBe('acknowledged');
  });

  it('lets pengesahan count only acknowledged Berita Acara where the regency uses the step', () => {
    expect(countsForPengesahan(REVIEW, 'acknowledged')).toBe(true);
    expect(countsForPengesahan(REVIEW, 'pending')).toBe(false);
    expect(countsForPengesahan(REVIEW, 'returned')).toBe(false);
  });

  it('is decided once, by the kecamatan', () => {
    expect(transition(acknowledgementMachine, 'pending', 'acknowledge', 'kecamatan')).toBe('acknowledged');
    expect(transition(acknowledgementMachine, 'pending', 'return', 'kecamatan')).toBe('returned');
    expect(() => transition(acknowledgementMachine, 'pending', 'acknowledge', 'dinsos_kab')).toThrow(
      expect.objectContaining({ code: 'acknowledgement.role_not_allowed' }),
    );
    try {
      transition(acknowledgementMachine, 'acknowledged', 'acknowledge', 'kecamatan');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).status).toBe(409);
      expect((e as AppError).extra).toEqual({ currentState: 'acknowledged', allowed: [] });
    }
  });
});

describe('province review', () => {
  it('keeps a submission at the province until it forwards or returns it', () => {
    expect(submitSteps(REVIEW)).toEqual(['submit']);
    let s = transition(submissionMachine, 'draft', 'submit', 'dinsos_kab');
    expect(s).toBe('at_province');
    expect(allowedActions(submissionMachine, s, 'dinsos_prov')).toEqual(['forward', 'province_return']);
    expect(allowedActions(submissionMachine, s, 'pusdatin')).toEqual([]);
    expect(() => transition(submissionMachine, s, 'determine', 'pusdatin')).toThrow(
      expect.objectContaining({ code: 'submission.invalid_transition' }),
    );
    s = transition(submissionMachine, s, 'forward', 'dinsos_prov');
    expect(s).toBe('submitted');
    expect(allowedActions(submissionMachine, s, 'pusdatin')).toEqual(['return', 'determine']);
    expect(transition(submissionMachine, 'at_province', 'province_return', 'dinsos_prov')).toBe('returned');
  });

  it('forwards automatically only from the province, whoever is the clock', () => {
    expect(automaticTransition(submissionMachine, 'at_province', 'forward')).toBe('submitted');
    expect(() => automaticTransition(submissionMachine, 'submitted', 'forward')).toThrow(
      expect.objectContaining({ code: 'submission.invalid_transition' }),
    );
  });

  it('computes the deadline from the submission time and checks it against an injected clock', () => {
    const at = '2026-03-25T09:00:00.000Z';
    expect(forwardDueAt(REVIEW, at)).toBe('2026-04-01T09:00:00.000Z');
    expect(forwardDueAt({ ...REVIEW, autoForwardDays: null }, at)).toBeNull();
    expect(forwardDueAt({ ...REVIEW, provinceReview: false }, at)).toBeNull();
    const row = { state: 'at_province', forwardDueAt: '2026-04-01T09:00:00.000Z' };
    expect(isForwardDue(row, new Date('2026-04-01T08:59:59.999Z'))).toBe(false);
    expect(isForwardDue(row, new Date('2026-04-01T09:00:00.000Z'))).toBe(true);
    expect(isForwardDue({ ...row, state: 'submitted' }, new Date('2026-05-01T00:00:00Z'))).toBe(false);
    expect(isForwardDue({ ...row, forwardDueAt: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
