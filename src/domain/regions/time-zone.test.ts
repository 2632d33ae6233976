import { describe, expect, it } from 'vitest';
import { dayStart, localDay, timeZoneOfRegion } from './time-zone.ts';

describe('timeZoneOfRegion', () => {
  it('knows WIB, WITA and WIT by province, at any level, dotted or not', () => {
    expect(timeZoneOfRegion('33.07.01.2001')).toBe('WIB'); // Jawa Tengah
    expect(timeZoneOfRegion('11')).toBe('WIB'); // Aceh
    expect(timeZoneOfRegion('62.01')).toBe('WIB'); // Kalimantan Tengah
    expect(timeZoneOfRegion('5171')).toBe('WITA'); // Bali
    expect(timeZoneOfRegion('64.72')).toBe('WITA'); // Kalimantan Timur
    expect(timeZoneOfRegion('73.71.01.1001')).toBe('WITA'); // Sulawesi Selatan
    expect(timeZoneOfRegion('81')).toBe('WIT'); // Maluku
    expect(timeZoneOfRegion('94.71')).toBe('WIT'); // Papua
    expect(timeZoneOfRegion('')).toBe('WIB'); // national
  });
});

describe('localDay and dayStart', () => {
  it('puts a WIB midnight at 17:00 UTC the day before', () => {
    expect(localDay('2026-10-05T16:59:59.999Z', 'WIB')).toBe('2026-10-05');
    expect(localDay('2026-10-05T17:00:00.000Z', 'WIB')).toBe('2026-10-06');
    expect(dayStart('2026-10-06', 'WIB')).toBe('2026-10-05T17:00:00.000Z');
    expect(dayStart('2026-10-06', 'WITA')).toBe('2026-10-05T16:00:00.000Z');
    expect(dayStart('2026-10-06', 'WIT')).toBe('2026-10-05T15:00:00.000Z');
  });
  it('round-trips across a year end', () => {
    expect(localDay(dayStart('2027-01-01', 'WIT'), 'WIT')).toBe('2027-01-01');
    expect(localDay('2026-12-31T15:00:00.000Z', 'WIT')).toBe('2027-01-01');
  });
});
