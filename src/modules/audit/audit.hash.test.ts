import { createHmac, createSecretKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditEntryHmac, type ChainedEntry, GENESIS_HASH } from './audit.hash.ts';

const key = Buffer.alloc(32, 7);
const entry: ChainedEntry = {
  seq: 3,
  pos: 3,
  id: '01900000-0000-7000-8000-000000000003',
  chain: 'main',
  at: '2026-12-05T10:00:00.000Z',
  actorId: null,
  actorUsername: 'op-a',
  actorRole: 'operator_desa',
  action: 'person.read',
  entityType: 'person',
  entityId: 'p1',
  provinceCode: '33',
  regionCode: '33.07.01.2001',
  ip: null,
  userAgent: null,
  details: '{}',
  prevHash: GENESIS_HASH,
};

describe('audit entry hash and the purpose (migration 033)', () => {
  it('hashes an entry without a purpose exactly as before the column existed', () => {
    const before = createHmac('sha256', key)
      .update(
        JSON.stringify([
          'dtks-audit/2',
          'main',
          3,
          3,
          entry.id,
          entry.at,
          null,
          'op-a',
          'operator_desa',
          'person.read',
          'person',
          'p1',
          '33',
          '33.07.01.2001',
          null,
          null,
          '{}',
          GENESIS_HASH,
        ]),
      )
      .digest('hex');
    expect(auditEntryHmac(key, entry)).toBe(before);
    expect(auditEntryHmac(key, { ...entry, purpose: null })).toBe(before);
  });

  it('covers the purpose when there is one: changing it changes the hash', () => {
    const a = auditEntryHmac(key, { ...entry, purpose: 'Warga datang ke kantor desa' });
    const b = auditEntryHmac(key, { ...entry, purpose: 'Pemutakhiran data' });
    expect(a).not.toBe(auditEntryHmac(key, entry));
    expect(a).not.toBe(b);
  });

  it('gives the same hash with the key as a KeyObject (the hot path) as with its bytes', () => {
    const purposed = { ...entry, purpose: 'Pemutakhiran data' };
    expect(auditEntryHmac(createSecretKey(key), entry)).toBe(auditEntryHmac(key, entry));
    expect(auditEntryHmac(createSecretKey(key), purposed)).toBe(auditEntryHmac(key, purposed));
    expect(auditEntryHmac(createSecretKey(Buffer.alloc(32, 8)), entry)).not.toBe(auditEntryHmac(key, entry));
  });
});
