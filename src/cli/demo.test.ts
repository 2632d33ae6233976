import { describe, expect, it } from 'vitest';
import { parseWindow } from '../domain/cycle/period.ts';
import { proposalWindowLine } from './demo.ts';
import { demoCalendar, type Moment } from './demo-cycle.ts';

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

describe('demoCalendar', () => {
  const at = (m: Moment) =>
    `${m.period}-${String(m.day).padStart(2, '0')}T${String(m.hour).padStart(2, '0')}`;

  it('orders the steps of a period as a real office takes them, whatever the window', () => {
    for (const spec of ['15-24', '1-28', '10-27', '20-26', '1-1']) {
      const cal = demoCalendar('2026-10', parseWindow(spec, 'Asia/Jakarta'));
      const steps = [
        cal.proposals,
        cal.musdes,
        cal.signed,
        cal.visits,
        cal.acknowledged,
        cal.submitted,
        cal.forwarded,
        cal.determined,
      ].map(at);
      expect(steps, spec).toEqual([...steps].sort());
      expect(new Set(steps).size, spec).toBe(steps.length);
      // The Musdes is held after the window closes, on the day its Berita Acara is signed.
      expect(cal.heldOn, spec).toBe(at(cal.signed).slice(0, 10));
      expect(
        cal.heldOn > `2026-10-${spec.split('-')[1]!.padStart(2, '0')}` || cal.heldOn === '2026-10-28',
      ).toBe(true);
    }
  });

  it('sends the pengesahan in the month after the period, before the province deadline', () => {
    const cal = demoCalendar('2026-12', parseWindow('15-24', 'Asia/Jakarta'));
    expect(cal.heldOn).toBe('2026-12-25');
    expect([cal.acknowledged, cal.submitted, cal.forwarded, cal.determined].map(at)).toEqual([
      '2027-01-02T10',
      '2027-01-05T09',
      '2027-01-07T10',
      '2027-01-10T09',
    ]);
  });
});
