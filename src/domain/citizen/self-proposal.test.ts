import { describe, expect, it } from 'vitest';
import { usulanMachine } from '../lifecycle/machines.ts';
import {
  MANDIRI_LIMITS,
  mandiriRefusal,
  outcomeOf,
  STEP_TEXT,
  statusText,
  timelineOf,
} from './self-proposal.ts';

describe('usulan mandiri limits', () => {
  it('allows below both limits', () => {
    expect(mandiriRefusal({ open: 0, recent: 0 })).toBeNull();
    expect(mandiriRefusal({ open: MANDIRI_LIMITS.open - 1, recent: MANDIRI_LIMITS.recent - 1 })).toBeNull();
  });
  it('refuses at the open limit first, then at the recent limit', () => {
    expect(mandiriRefusal({ open: MANDIRI_LIMITS.open, recent: 0 })).toBe('usulan.mandiri_limit_open');
    expect(mandiriRefusal({ open: MANDIRI_LIMITS.open, recent: 99 })).toBe('usulan.mandiri_limit_open');
    expect(mandiriRefusal({ open: 0, recent: MANDIRI_LIMITS.recent })).toBe('usulan.mandiri_limit_recent');
  });
  it('takes other limits', () => {
    expect(mandiriRefusal({ open: 1, recent: 1 }, { open: 1, recent: 5, days: 1 })).toBe(
      'usulan.mandiri_limit_open',
    );
  });
});

describe('usulan mandiri timeline', () => {
  it('keeps the steps in time order and drops everything else', () => {
    const t = timelineOf([
      { action: 'usulan.musdes_accept', at: '2026-12-20T03:00:00Z' },
      { action: 'usulan.read', at: '2026-12-10T00:00:00Z' },
      { action: 'usulan.create_mandiri', at: '2026-12-05T03:00:00Z' },
      { action: 'attachment.upload', at: '2026-12-05T03:01:00Z' },
      { action: 'usulan.submit', at: '2026-12-15T03:00:00Z' },
      { action: 'usulan.list', at: '2026-12-16T03:00:00Z' },
      { action: 'household.update', at: '2026-12-17T03:00:00Z' },
      { action: 'usulan.update', at: '2026-12-06T03:00:00Z' },
    ]);
    expect(t.map((s) => s.step)).toEqual(['create', 'update', 'submit', 'musdes_accept']);
    expect(t[1]!.text.id).toMatch(/^Dilengkapi operator desa/);
    expect(t[2]!.text).toEqual(STEP_TEXT.submit);
  });
  it('has a text for every action of the usulan machine and every state', () => {
    for (const a of Object.keys(usulanMachine.transitions)) expect(STEP_TEXT).toHaveProperty(a);
    for (const s of usulanMachine.states) expect(statusText(s).id.length).toBeGreaterThan(5);
  });
  it('tells the outcome', () => {
    expect(outcomeOf('draft')).toBe('pending');
    expect(outcomeOf('verified')).toBe('pending');
    expect(outcomeOf('approved')).toBe('accepted');
    expect(outcomeOf('determined')).toBe('accepted');
    expect(outcomeOf('not_eligible')).toBe('not_accepted');
    expect(outcomeOf('musdes_rejected')).toBe('not_accepted');
    expect(outcomeOf('withdrawn')).toBe('not_accepted');
  });
});
