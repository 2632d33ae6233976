import { describe, expect, it } from 'vitest';
import { dateNameId, periodNameId } from './month-names.ts';

describe('month names', () => {
  it('names a period and a date in Indonesian words', () => {
    expect(periodNameId('2026-03')).toBe('Maret 2026');
    expect(dateNameId('2026-03-05')).toBe('5 Maret 2026');
    expect(dateNameId('2026-12-31T23:10:00.000Z')).toBe('31 Desember 2026');
    expect(dateNameId('2027-01-01')).toBe('1 Januari 2027');
  });
});
