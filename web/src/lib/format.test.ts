import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPeriod, formatTime, setOfficeTimeZone } from './format.ts';

describe('formatPeriod', () => {
  it('names the month in the reader’s language', () => {
    expect(formatPeriod('2026-11', 'id')).toBe('November 2026');
    expect(formatPeriod('2026-08', 'id')).toBe('Agustus 2026');
    expect(formatPeriod('2026-08', 'en')).toBe('August 2026');
    expect(formatPeriod('2027-01', 'id')).toBe('Januari 2027');
  });
  it('shows anything that is not a period as it is, and nothing as a dash', () => {
    expect(formatPeriod('2026-13', 'en')).toBe('2026-13');
    expect(formatPeriod('', 'id')).toBe('—');
    expect(formatPeriod(null, 'id')).toBe('—');
  });
});

describe('formatDateTime in an Indonesian time zone', () => {
  it('shows the office’s time with the zone’s name, whatever the browser’s zone', () => {
    // 01:00 UTC is 08.00 WIB, 09.00 WITA, 10.00 WIT.
    expect(formatDateTime('2026-12-06T01:00:00.000Z', 'id', 'WIB')).toMatch(/^6 Des 2026.*08\.00 WIB$/);
    expect(formatDateTime('2026-12-06T01:00:00.000Z', 'en', 'WITA')).toMatch(/^6 Dec 2026.*09:00 WITA$/);
    expect(formatDateTime('2026-12-05T23:30:00.000Z', 'id', 'WIT')).toMatch(/^6 Des 2026.*08\.30 WIT$/);
    expect(formatTime('2026-12-06T01:00:00.000Z', 'id', 'WIB')).toBe('08.00');
  });
  it('shows nothing as a dash and a non-date as it is', () => {
    expect(formatDateTime(null, 'id', 'WIB')).toBe('—');
    expect(formatDateTime('kemarin', 'id', 'WIB')).toBe('kemarin');
  });
});

describe('formatDateTime on staff screens', () => {
  it('uses the office’s zone once the session set it, unless a zone is given', () => {
    setOfficeTimeZone('WITA');
    try {
      expect(formatDateTime('2026-12-06T01:00:00.000Z', 'id')).toMatch(/09\.00 WITA$/);
      expect(formatDateTime('2026-12-06T01:00:00.000Z', 'id', 'WIB')).toMatch(/08\.00 WIB$/);
    } finally {
      setOfficeTimeZone(undefined);
    }
    expect(formatDateTime('2026-12-06T01:00:00.000Z', 'id')).not.toMatch(/WI/);
  });
});
