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
  failedLogins: number;
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
