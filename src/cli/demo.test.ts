import { describe, expect, it } from 'vitest';
import { parseWindow } from '../domain/cycle/period.ts';
import { proposalWindowLine } from './demo.ts';

describe('proposalWindowLine', () => {
  const window = parseWindow('15-24', 'Asia/Jakarta');

  it('says until when the window is open', () => {
    expect(proposalWindowLine(new Date('2026-12-20T03:00:00Z'), window)).toBe(
      'Proposal window (usulan): open today, until 2026-12-24',
    );
  });

  it('says when it opens next and how to open it now', () => {
    expect(proposalWindowLine(new Date('2026-12-05T03:00:00Z'), window)).toBe(
      'Proposal window (usulan): closed today; next 2026-12-15 – 2026-12-24. To try the cycle now, start with PROPOSAL_WINDOW=1-28',
    );
    // Local date in Jakarta: 2026-12-25 already, so the next window is January's.
    expect(proposalWindowLine(new Date('2026-12-24T18:00:00Z'), window)).toMatch(
      /next 2027-01-15 – 2027-01-24\. To try/,
    );
  });

  it('offers no setting on days 29–31, which no window can cover', () => {
    expect(proposalWindowLine(new Date('2026-12-30T03:00:00Z'), window)).toBe(
      'Proposal window (usulan): closed today; next 2027-01-15 – 2027-01-24.',
    );
  });
});
