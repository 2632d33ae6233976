import { createHmac, hash, type KeyObject } from 'node:crypto';
import type { AuditLogRow } from '../../db/schema/index.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** What a sealed entry's hash covers: every column but the hash and the key id, in a fixed order. */
export type ChainedEntry = Omit<AuditLogRow, 'hash' | 'keyId' | 'pos' | 'purpose'> & {
  pos: number;
  purpose?: string | null;
};

/** The columns both hash versions cover between their leading numbers and the previous hash. */
function described(
  e: Omit<AuditLogRow, 'hash' | 'keyId' | 'pos' | 'seq' | 'id' | 'chain' | 'at' | 'prevHash' | 'purpose'>,
) {
  return [
    e.actorId,
    e.actorUsername,
    e.actorRole,
    e.action,
    e.entityType,
    e.entityId,
    e.provinceCode,
    e.regionCode,
    e.ip,
    e.userAgent,
    e.details,
  ];
}

/**
 * HMAC-SHA256 under the installation's audit key (src/modules/audit/audit.keys.ts) over the entry and the
 * previous entry's hash: without the key, an edited entry's hash cannot be recomputed, so rewriting the log
 * and every following hash — what plain SHA-256 allowed anyone with write access to the database — fails
 * verification at the first rewritten entry. Hot callers pass the key as a KeyObject (AuditKeys.hmacKey):
 * the same hash at a seventh of the cost.
 */
export function auditEntryHmac(key: Buffer | KeyObject, e: ChainedEntry): string {
  const canonical = JSON.stringify([
    'dtks-audit/2',
    e.chain,
    e.pos,
    e.seq,
    e.id,
    e.at,
    ...described(e),
    e.prevHash,
    // The purpose (migration 033) is covered only when there is one, so every entry written before it
    // (and every entry without one) keeps exactly the hash it had.
    ...(e.purpose == null ? [] : [e.purpose]),
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/**
 * The plain SHA-256 of entries chained before migration 016 (where `pos` equals `seq`): checked once, when
 * such a chain is re-keyed, never accepted by `verify`.
 */
export function legacyEntryHash(e: Omit<AuditLogRow, 'hash' | 'keyId' | 'pos' | 'purpose'>): string {
  const canonical = JSON.stringify([e.seq, e.id, e.chain, e.at, ...described(e), e.prevHash]);
  return hash('sha256', canonical);
}
