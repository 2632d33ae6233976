import type { Selectable } from 'kysely';

/** Append-only, hash-chained audit log of every write and every read of personal data. */
export interface AuditLogTable {
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
}
export type AuditLogRow = Selectable<AuditLogTable>;

/** The head of each chain, locked by every append so concurrent writers (any process) stay in order. */
export interface AuditChainTable {
  chain: string;
  lastSeq: number;
  lastHash: string;
}
