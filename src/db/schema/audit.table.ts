import type { Selectable } from 'kysely';

/**
 * Append-only audit log of every write and every read of personal data, linked into a keyed hash chain by
 * the sealer (`pos`, `prev_hash`, `hash`, `key_id` stay NULL/empty until then).
 */
export interface AuditLogTable {
  /** The entry's number in the log, given at append: listing order and API cursor. */
  seq: number;
  id: string;
  chain: string;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  provinceCode: string | null;
  regionCode: string | null;
  ip: string | null;
  userAgent: string | null;
  details: string;
  prevHash: string;
  hash: string;
  /** Place in the chain (1, 2, …), given when sealed; null while unsealed. */
  pos: number | null;
  /** Id of the HMAC key of `hash`; null for a legacy plain SHA-256 entry (or an unsealed one). */
  keyId: string | null;
  /**
   * Why a staff member read or changed the record (the screen's default, or free text for a NIK lookup;
   * migration 033). Covered by the entry's hash when present; entries without one hash as before.
   */
  purpose: string | null;
}
export type AuditLogRow = Selectable<AuditLogTable>;

/** The sealed head of each chain: its last position and that entry's hash; only the sealer updates it. */
export interface AuditChainTable {
  chain: string;
  lastSeq: number;
  lastHash: string;
}

/**
 * The records a list or search read returned (migration 056): one row per record and read, with what the
 * citizen's "who read my data" shows, keyed by the record so that answer reads by key.
 */
export interface AuditSubjectTable {
  entityId: string;
  at: string;
  auditId: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  purpose: string | null;
}
