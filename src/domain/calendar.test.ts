import { describe, expect, it } from 'vitest';
import { ageInYears, daysInMonth, isLeapYear, isoDate, localIsoDate, parseIsoDate } from './calendar.ts';

describe('calendar', () => {
  it('isLeapYear follows the Gregorian rules', () => {
    expect([1900, 1996, 2000, 2001, 2024, 2100].map(isLeapYear)).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
  });

  it('daysInMonth', () => {
    expect(daysInMonth(2001, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2000, 4)).toBe(30);
    expect(daysInMonth(2000, 12)).toBe(31);
    expect(daysInMonth(2000, 13)).toBe(0);
    expect(daysInMonth(2000, 0)).toBe(0);
  });

  it('isoDate and localIsoDate pad', () => {
    expect(isoDate(985, 1, 2)).toBe('0985-01-02');
    expect(localIsoDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });

  it('parseIsoDate accepts only real dates', () => {
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('2001-02-29')).toBeNull();
    expect(parseIsoDate('2001-13-01')).toBeNull();
    expect(parseIsoDate('2001-1-01')).toBeNull();
    expect(parseIsoDate('2001-01-01T00:00')).toBeNull();
  });

  it('ageInYears counts completed years', () => {
    expect(ageInYears('2000-06-15', '2025-06-14')).toBe(24);
    expect(ageInYears('2000-06-15', '2025-06-15')).toBe(25);
    expect(ageInYears('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageInYears('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageInYears('nope', '2025-03-01')).toBeNull();
  });
});
