/**
 * Migration 019 re-encodes the version snapshots a database already holds: every row keeps its id, entity,
 * version, reason, author and time, and decodes to exactly the JSON it held; the uniqueness of
 * (entity, version) still holds afterwards.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/dialect.ts';
import { decodeSnapshot } from '../../src/db/version-snapshot.ts';
import { ENGINES, openDbBefore } from '../support/db.ts';

const COMPACTION = '019_compact_record_versions';

function uuid(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** Old rows: JSON text snapshots, more than one page of the migration's copy loop. */
const OLD_ROWS = Array.from({ length: 2345 }, (_, i) => ({
  id: uuid(100_000 + i),
  entityType: i % 3 === 0 ? 'ppks' : 'household',
  entityId: uuid(Math.floor(i / 2)),
  provinceCode: '33',
  villageCode: '33.07.01.2001',
  version: (i % 2) + 1,
  changeType: i % 2 === 0 ? 'create' : 'update',
  reason: i % 2 === 0 ? null : `verivali 2026-0${(i % 9) + 1}: ubah — Ñ`,
  snapshot: JSON.stringify({
    id: uuid(Math.floor(i / 2)),
    headName: `Kepala ${i} Sitti Aminah 漢字`,
    members: [{ nik: String(3307010101900000 + i), pregnant: i % 2 === 0 ? null : false }],
  }),
  changedBy: i % 5 === 0 ? null : uuid(1),
  changedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
}));

for (const engine of ENGINES) {
  describe(`compacting record_versions (${engine})`, () => {
    let database: Database;
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    // biome-ignore lint/suspicious/noExplicitAny: the table as it was before the migration
    const raw = () => database.db as unknown as Kysely<any>;

    beforeAll(async () => {
      migration = await openDbBefore(engine, COMPACTION);
      database = migration.database;
      for (let i = 0; i < OLD_ROWS.length; i += 500) {
        await raw()
          .insertInto('record_versions')
          .values(OLD_ROWS.slice(i, i + 500))
          .execute();
      }
      await migration.apply();
    });
    afterAll(async () => {
      await migration?.close();
    });

    it('keeps every row and column, and each snapshot decodes to the JSON it held', async () => {
      const rows = await database.db.selectFrom('recordVersions').selectAll().orderBy('id').execute();
      expect(rows).toHaveLength(OLD_ROWS.length);
      rows.forEach((row, i) => {
        const old = OLD_ROWS[i]!;
        const { snapshot, changedAt, ...rest } = row;
        const { snapshot: oldSnapshot, changedAt: oldAt, ...oldRest } = old;
        expect(rest).toEqual(oldRest);
        expect(new Date(changedAt).toISOString()).toBe(oldAt);
        expect(decodeSnapshot(snapshot)).toEqual(JSON.parse(oldSnapshot));
        expect(snapshot.byteLength).toBeLessThan(Buffer.byteLength(oldSnapshot));
      });
    });

    it('still refuses a second row for the same entity and version', async () => {
      const [first] = await database.db.selectFrom('recordVersions').selectAll().limit(1).execute();
      await expect(
        database.db
          .insertInto('recordVersions')
          .values({ ...first!, id: uuid(9_999_999) })
          .execute(),
      ).rejects.toThrow();
    });
  });
}
