import type { Selectable } from 'kysely';
import type { CitizenAccountState } from '../../domain/citizen/account-state.ts';

/**
 * A citizen's account on the public pages (migration 033): apart from staff `users`. `nikLive`/`emailLive`
 * repeat the NIK and e-mail while the account is not rejected (NULL after), under unique indexes.
 */
export interface CitizenAccountTable {
  id: string;
  nik: string;
  nikLive: string | null;
  kkNumber: string;
  fullName: string;
  address: string;
  rt: string;
  rw: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  phone: string;
  /** Lower-cased. */
  email: string;
  emailLive: string | null;
  /** Lower-cased. */
  username: string;
  passwordHash: string;
  state: CitizenAccountState;
  contactConfirmedAt: string | null;
  /** When and by which staff user the account was verified or rejected. */
  decidedAt: string | null;
  decidedBy: string | null;
  /** The reason of a rejection, shown to the citizen. */
  decisionNote: string | null;
  ktpAttachmentId: string | null;
  selfieAttachmentId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export type CitizenAccountRow = Selectable<CitizenAccountTable>;

/** One-time codes: only a keyed hash of the code is stored; single use, expiring, a few attempts. */
export interface CitizenCodeTable {
  id: string;
  accountId: string;
  purpose: 'contact' | 'reset';
  codeHash: string;
  channel: 'email' | 'phone';
  attempts: number;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}
export type CitizenCodeRow = Selectable<CitizenCodeTable>;

/** Citizen sessions; the id is the SHA-256 of the token, as for staff sessions. */
export interface CitizenSessionTable {
  id: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}
export type CitizenSessionRow = Selectable<CitizenSessionTable>;
