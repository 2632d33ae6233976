import { describe, expect, it } from 'vitest';
import { CODE_RULES, codeExpiry, codeVerdict, mayIssueCode, normalizeCode } from './one-time-code.ts';

const now = new Date('2026-12-05T10:00:00.000Z');
const fresh = { expiresAt: codeExpiry(now), attempts: 0, usedAt: null };

describe('one-time codes', () => {
  it('is usable until it expires, 15 minutes after it was made', () => {
    expect(codeVerdict(fresh, now)).toBe('usable');
    expect(codeVerdict(fresh, new Date(now.getTime() + 14 * 60_000 + 59_999))).toBe('usable');
    expect(codeVerdict(fresh, new Date(now.getTime() + 15 * 60_000))).toBe('expired');
  });

  it('dies after five wrong tries', () => {
    expect(codeVerdict({ ...fresh, attempts: CODE_RULES.maxAttempts - 1 }, now)).toBe('usable');
    expect(codeVerdict({ ...fresh, attempts: CODE_RULES.maxAttempts }, now)).toBe('exhausted');
  });

  it('is used once', () => {
    expect(codeVerdict({ ...fresh, usedAt: now.toISOString() }, now)).toBe('used');
  });

  it('sends at most five codes per hour', () => {
    const at = (min: number) => new Date(now.getTime() - min * 60_000).toISOString();
    expect(mayIssueCode([at(1), at(2), at(3), at(4)], now)).toBe(true);
    expect(mayIssueCode([at(1), at(2), at(3), at(4), at(5)], now)).toBe(false);
    expect(mayIssueCode([at(61), at(62), at(63), at(64), at(65), at(1)], now)).toBe(true);
  });

  it('reads six digits, forgiving spaces and dashes', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
    expect(normalizeCode('12345')).toBeNull();
    expect(normalizeCode('12345a')).toBeNull();
    expect(normalizeCode('1234567')).toBeNull();
  });
});
