import { describe, expect, it } from 'vitest';
import { freeAttempts, LOCKOUT, lockedUntil, waitMinutes, waitSteps } from './login-backoff.ts';

describe('login back-off', () => {
  it('documented values: 5 free attempts, then 1 minute doubling up to 60; 20 for the account', () => {
    expect(LOCKOUT).toEqual({
      maxFailures: 5,
      firstLockMinutes: 1,
      maxLockMinutes: 60,
      accountCeiling: 20,
      forgetAfterHours: 24,
    });
  });

  it('waits nothing during the free attempts, then 1, 2, 4 … 32, 60, 60 minutes', () => {
    const free = freeAttempts(0);
    expect(free).toBe(5);
    expect([0, 1, 4].map((f) => waitMinutes(f, free))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 40].map((f) => waitMinutes(f, free))).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
    expect(waitSteps()).toEqual([1, 2, 4, 8, 16, 32, 60]);
  });

  it('past the account ceiling every client has one free attempt', () => {
    expect(freeAttempts(LOCKOUT.accountCeiling - 1)).toBe(5);
    expect(freeAttempts(LOCKOUT.accountCeiling)).toBe(1);
    expect(waitMinutes(1, 1)).toBe(1);
  });

  it('lockedUntil is the last attempt plus the wait, null while free', () => {
    expect(lockedUntil(4, '2026-12-01T10:00:00.000Z', 5)).toBeNull();
    expect(lockedUntil(6, '2026-12-01T10:00:00.000Z', 5)).toBe('2026-12-01T10:02:00.000Z');
  });
});
