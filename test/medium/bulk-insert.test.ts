import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows, paddedInList } from '../../src/db/bulk-insert.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/db/version-snapshot.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const entry = (n: number) => ({
  nik: String(3307010101900000 + n),
  personId: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  householdId: '0190a000-0000-7000-8000-000000000000',
  provinceCode: '33',
  villageCode: '33.07.01.2001',
});

describe('paddedInList', () => {
  it('pads to a power of two (at least 8) with the last value', () => {
    expect(paddedInList([])).toEqual([]);
    expect(paddedInList([1, 2, 3])).toEqual([1, 2, 3, 3, 3, 3, 3, 3]);
    expect(paddedInList(Array.from({ length: 9 }, (_, i) => i))).toHaveLength(16);
    expect(paddedInList(Array.from({ length: 16 }, (_, i) => i))).toHaveLength(16);
  });
});

for (const engine of ENGINES) {
  describe(`insertRows (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await openTestDb(engine);
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('writes every row once, in full batches and power-of-two remainders', async () => {
      const db = t.container.database.db;
      await insertRows(db, 'nikRegistry', []);
      const rows = Array.from({ length: 1000 + 437 }, (_, i) => entry(i));
      await insertRows(db, 'nikRegistry', rows);
      const stored = await db.selectFrom('nikRegistry').selectAll().orderBy('nik').execute();
      expect(stored).toEqual(rows);
    });

    it('falls back to plain inserts for rows with missing or undefined columns', async () => {
      const db = t.container.database.db;
      await insertRows(db, 'recordVersions', [
        {
          id: '0190a000-0000-7000-8000-0000000000a1',
          entityType: 'household',
          entityId: '0190a000-0000-7000-8000-0000000000b1',
          provinceCode: '33',
          villageCode: '33.07.01.2001',
          version: 1,
          changeType: 'create',
          reason: undefined,
          snapshot: encodeSnapshot({}),
          changedBy: null,
          changedAt: '2026-01-01T00:00:00.000Z',
        },
      ]);
      const [v] = await db.selectFrom('recordVersions').selectAll().execute();
      expect(v).toMatchObject({ version: 1, reason: null });
      expect(decodeSnapshot(v!.snapshot)).toEqual({});
    });
  });
}
