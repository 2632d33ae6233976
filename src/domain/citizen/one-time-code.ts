/**
 * One-time codes sent to a citizen's phone or e-mail (confirming the contact, resetting a password): six
 * digits, valid for 15 minutes, five wrong tries and the code is dead, used once. At most five codes per
 * account and purpose per hour are sent, so neither the sender nor the citizen's inbox can be flooded;
 * the answer to a request is the same whether a code was sent or not.
 */

export const CODE_RULES = {
  digits: 6,
  ttlMinutes: 15,
  maxAttempts: 5,
  maxPerHour: 5,
} as const;

export interface CodeState {
  expiresAt: string;
  attempts: number;
  usedAt: string | null;
}

export type CodeVerdict = 'usable' | 'expired' | 'used' | 'exhausted';

/** Whether a stored code may still be tried now (before comparing it with what was typed). */
export function codeVerdict(code: CodeState, now: Date): CodeVerdict {
  if (code.usedAt) return 'used';
  if (code.attempts >= CODE_RULES.maxAttempts) return 'exhausted';
  if (Date.parse(code.expiresAt) <= now.getTime()) return 'expired';
  return 'usable';
}

export function codeExpiry(now: Date): string {
  return new Date(now.getTime() + CODE_RULES.ttlMinutes * 60_000).toISOString();
}

/** Whether another code may be sent, given when the account's recent codes of this purpose were made. */
export function mayIssueCode(recentCreatedAt: readonly string[], now: Date): boolean {
  const hourAgo = now.getTime() - 3600_000;
  return recentCreatedAt.filter((t) => Date.parse(t) > hourAgo).length < CODE_RULES.maxPerHour;
}

/** What the citizen typed, as a code: digits only (spaces and dashes from copying are dropped). */
export function normalizeCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${CODE_RULES.digits}}$`).test(digits) ? digits : null;
}
