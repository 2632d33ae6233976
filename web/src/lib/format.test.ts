import { describe, expect, it } from 'vitest';
import { formatPeriod } from './format.ts';

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
