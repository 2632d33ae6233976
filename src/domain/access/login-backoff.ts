/**
 * The login lockout's rules, counted per account *and* client address, so a guesser elsewhere cannot lock
 * the real user out:
 * - the first `maxFailures` attempts of an account from one client are free;
 * - then each further attempt waits: 1 minute after the 5th failure, doubling with every failure after
 *   (2, 4, 8 … minutes), at most `maxLockMinutes`;
 * - once the account has `accountCeiling` failures from all clients together (a guesser spread over many
 *   addresses), every client of that account starts waiting after its first failure: that slows everyone,
 *   the real user included, but locks nobody out;
 * - a success clears the client's count and the account's; failures older than `forgetAfterHours` are
 *   forgotten; an administrator can clear an account's counts (`dtks user unlock`, the users page).
 * Attempts are counted before the password is checked, in one atomic statement, so parallel guesses count
 * one each and no more than `maxFailures` passwords are ever checked before the first wait.
 */
export const LOCKOUT = {
  maxFailures: 5,
  firstLockMinutes: 1,
  maxLockMinutes: 60,
  accountCeiling: 20,
  forgetAfterHours: 24,
} as const;

/** Free attempts for one client of an account, given the account's failures from all clients. */
export function freeAttempts(accountFailures: number): number {
  return accountFailures >= LOCKOUT.accountCeiling ? 1 : LOCKOUT.maxFailures;
}

/** Minutes to wait after the last attempt, for a client with `failures` counted; 0 while attempts are free. */
export function waitMinutes(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(LOCKOUT.maxLockMinutes, LOCKOUT.firstLockMinutes * 2 ** (failures - free));
}

/**
 * The waits in order (1, 2, 4 … up to the cap): step k applies to a client with `free + k` failures, the
 * last step to any count beyond.
 */
export function waitSteps(): number[] {
  const steps: number[] = [];
  for (let k = 0; ; k++) {
    const minutes = LOCKOUT.firstLockMinutes * 2 ** k;
    if (minutes >= LOCKOUT.maxLockMinutes) return [...steps, LOCKOUT.maxLockMinutes];
    steps.push(minutes);
  }
}

/** When a client with `failures` counted, the last at `lastAttemptAt`, may try again; null while free. */
export function lockedUntil(failures: number, lastAttemptAt: string, free: number): string | null {
  const minutes = waitMinutes(failures, free);
  return minutes ? new Date(Date.parse(lastAttemptAt) + minutes * 60_000).toISOString() : null;
}
