import { hash } from 'node:crypto';
import type { AuditLogRow } from '../../db/schema/index.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The hash covers every column but the hash itself, in a fixed order. */
export function auditEntryHash(e: Omit<AuditLogRow, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.id,
    e.chain,
    e.at,
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
    e.prevHash,
  ]);
  return hash('sha256', canonical);
}
