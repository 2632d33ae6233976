import type { Insertable, Selectable, Updateable } from 'kysely';

export interface UserTable {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  /** The territory the user works in: a dotted region code, or '' for the whole nation. */
  regionCode: string;
  status: 'active' | 'disabled';
  /** Superseded by login_attempts (migrations 011, 015); kept because migrations are forward-only. */
  failedLogins: number;
  /** Superseded by login_attempts (migrations 011, 015). */
  lockedUntil: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;

/** Login sessions; the id is the SHA-256 of the bearer/cookie token, never the token itself. */
export interface AuthSessionTable {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}
export type AuthSessionRow = Selectable<AuthSessionTable>;

/**
 * Login attempts counted per username (existing or not, lower-cased) and client address (`'*'`: the
 * account over all clients); see src/domain/access/login-backoff.ts.
 */
export interface LoginAttemptTable {
  username: string;
  client: string;
  failures: number;
  lastAttemptAt: string;
}
