import { describe, expect, it } from 'vitest';
import { checkOptOutRequestDate } from './opt-out.ts';

describe('the date of a written opt-out request', () => {
  const today = '2026-12-05';
  const codes = (d: string) => checkOptOutRequestDate(d, today).map((i) => `${i.field}:${i.code}`);

  it('accepts a real date up to today', () => {
    expect(codes('2026-12-05')).toEqual([]);
    expect(codes('2024-02-29')).toEqual([]);
    expect(codes('2010-01-01')).toEqual([]);
  });

  it('refuses a date after today, before 2010, or not in the calendar', () => {
    expect(codes('2026-12-06')).toEqual(['requestedOn:opt_out.date_future']);
    expect(codes('2009-12-31')).toEqual(['requestedOn:opt_out.date_too_old']);
    expect(codes('2025-02-29')).toEqual(['requestedOn:opt_out.date_invalid']);
    expect(codes('2026-13-01')).toEqual(['requestedOn:opt_out.date_invalid']);
  });
});
