import { describe, expect, it } from 'vitest';
import { nextDeterminablePeriod, type PeriodDeliberation, placeProposal } from './placement.ts';

const none: PeriodDeliberation = { sessionId: null, sessionState: null, determined: false };
const of =
  (table: Record<string, Partial<PeriodDeliberation>>) =>
  (p: string): PeriodDeliberation => ({ ...none, ...table[p] });

describe('placing a submitted proposal', () => {
  it('waits for the session when there is none yet or it is still a draft', () => {
    expect(placeProposal('2026-03', of({}))).toEqual({
      period: '2026-03',
      carriedFrom: null,
      joinsSession: null,
    });
    expect(placeProposal('2026-03', of({ '2026-03': { sessionId: 's1', sessionState: 'draft' } }))).toEqual({
      period: '2026-03',
      carriedFrom: null,
      joinsSession: null,
    });
  });

  it('joins the open session of its period', () => {
    expect(placeProposal('2026-03', of({ '2026-03': { sessionId: 's1', sessionState: 'open' } }))).toEqual({
      period: '2026-03',
      carriedFrom: null,
      joinsSession: 's1',
    });
  });

  it('is carried over to the next period once the session is closed or signed', () => {
    for (const state of ['closed', 'signed'] as const) {
      expect(placeProposal('2026-03', of({ '2026-03': { sessionId: 's1', sessionState: state } }))).toEqual({
        period: '2026-04',
        carriedFrom: '2026-03',
        joinsSession: null,
      });
    }
  });

  it('is carried over past a determined period, across the year, and joins a session open there', () => {
    const table = of({
      '2026-12': { determined: true },
      '2027-01': { sessionId: 's2', sessionState: 'signed' },
      '2027-02': { sessionId: 's3', sessionState: 'open' },
    });
    expect(placeProposal('2026-12', table)).toEqual({
      period: '2027-02',
      carriedFrom: '2026-12',
      joinsSession: 's3',
    });
  });

  it('stops after two years of closed deliberations instead of looping', () => {
    const r = placeProposal('2026-01', () => ({ ...none, sessionState: 'signed', sessionId: 'x' }));
    expect(r).toEqual({ period: '2028-01', carriedFrom: '2026-01', joinsSession: null });
  });
});

describe('the period the penetapan form proposes', () => {
  it('is the month after the latest determined one', () => {
    expect(nextDeterminablePeriod(['2026-01', '2026-03', '2026-02'], '2026-06')).toBe('2026-04');
  });
  it('is last month when nothing is determined yet', () => {
    expect(nextDeterminablePeriod([], '2026-06')).toBe('2026-05');
    expect(nextDeterminablePeriod([], '2027-01')).toBe('2026-12');
  });
  it('may be the current month, never a future one', () => {
    expect(nextDeterminablePeriod(['2026-05'], '2026-06')).toBe('2026-06');
    expect(nextDeterminablePeriod(['2026-06'], '2026-06')).toBeNull();
  });
});
