import type { AuditLogTable } from '../../src/db/schema/audit.table.ts';

/** What a fixture says of an audit entry; the rest is as the audit service appends it before sealing. */
export type AuditFixture = Pick<AuditLogTable, 'seq' | 'id' | 'chain' | 'at' | 'action'> &
  Partial<Omit<AuditLogTable, 'seq' | 'id' | 'chain' | 'at' | 'action'>>;

/**
 * An unsealed audit log row written straight into the table (a fixture's history: many days of reads without
 * going through the service and its chain). Nothing of it is verified as part of a chain.
 */
export function unsealedAuditRow(entry: AuditFixture): AuditLogTable {
  return {
    actorId: null,
    actorUsername: null,
    actorRole: null,
    entityType: null,
    entityId: null,
    provinceCode: null,
    regionCode: null,
    ip: null,
    userAgent: null,
    details: '{}',
    prevHash: '',
    hash: '',
    pos: null,
    keyId: null,
    purpose: null,
    ...entry,
  };
}
