import { describe, expect, it } from 'vitest';
import {
  checkPeriod,
  latestOpenedPeriod,
  parseWindow,
  previousPeriod,
  shiftPeriod,
  windowDaysLeft,
  windowStatus,
} from './period.ts';

describe('periods', () => {
  it('validates YYYY-MM', () => {
    expect(checkPeriod('2026-03')).toEqual([]);
    expect(checkPeriod('2026-13')[0]?.code).toBe('period.invalid');
    expect(checkPeriod('2026-3')[0]?.code).toBe('period.invalid');
  });
  it('shifts across years', () => {
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(previousPeriod('2026-01')).toBe('2025-12');
  });
});

describe('proposal window', () => {
  const w = parseWindow('15-24');
  it('is open from the 15th to the 24th in Jakarta time', () => {
    expect(windowStatus(new Date('2026-03-15T00:30:00+07:00'), w)).toEqual({
      open: true,
      period: '2026-03',
      opens: '2026-03-15',
      closes: '2026-03-24',
    });
    // 14 March 17:30 UTC is already the 15th in Jakarta
    expect(windowStatus(new Date('2026-03-14T17:30:00Z'), w).open).toBe(true);
    expect(windowStatus(new Date('2026-03-24T23:59:00+07:00'), w).open).toBe(true);
  });
  it('names the next window when closed', () => {
    expect(windowStatus(new Date('2026-03-10T12:00:00+07:00'), w)).toMatchObject({
      open: false,
      opens: '2026-03-15',
    });
    expect(windowStatus(new Date('2026-12-25T12:00:00+07:00'), w)).toMatchObject({
      open: false,
      opens: '2027-01-15',
      closes: '2027-01-24',
    });
  });
  it('rejects a nonsensical configuration', () => {
    expect(() => parseWindow('24-15')).toThrow(/PROPOSAL_WINDOW/);
    expect(() => parseWindow('1-31')).toThrow(/PROPOSAL_WINDOW/);
    expect(parseWindow(undefined)).toMatchObject({ startDay: 15, endDay: 24 });
  });
});

describe('the period being worked on and the days left', () => {
  const w = parseWindow('15-24');
  it("is this month from the window's first day, last month before it (Jakarta dates)", () => {
    expect(latestOpenedPeriod(new Date('2026-03-15T00:10:00+07:00'), w)).toBe('2026-03');
    expect(latestOpenedPeriod(new Date('2026-03-14T23:50:00+07:00'), w)).toBe('2026-02');
    expect(latestOpenedPeriod(new Date('2026-03-31T12:00:00+07:00'), w)).toBe('2026-03');
    expect(latestOpenedPeriod(new Date('2026-01-03T12:00:00+07:00'), w)).toBe('2025-12');
    // 14 March 18:00 UTC is already the 15th in Jakarta.
    expect(latestOpenedPeriod(new Date('2026-03-14T18:00:00Z'), w)).toBe('2026-03');
  });
  it("counts whole days to the window's last day, null when closed", () => {
    expect(windowDaysLeft(new Date('2026-03-20T09:00:00+07:00'), w)).toBe(4);
    expect(windowDaysLeft(new Date('2026-03-24T23:00:00+07:00'), w)).toBe(0);
    expect(windowDaysLeft(new Date('2026-03-15T00:00:00+07:00'), w)).toBe(9);
    expect(windowDaysLeft(new Date('2026-03-25T00:00:00+07:00'), w)).toBeNull();
    expect(windowDaysLeft(new Date('2026-03-14T12:00:00+07:00'), w)).toBeNull();
  });
});
