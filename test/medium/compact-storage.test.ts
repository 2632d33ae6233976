/**
 * Migration 021 rebuilds `record_versions` keyed by (entity_id, version) and, on SQLite, `nik_registry` and
 * `record_versions` WITHOUT ROWID, and drops `persons.name_search`: every row a database already holds is
 * kept, column for column, and the keys still refuse duplicates.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/dialect.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/db/version-snapshot.ts';
import { ENGINES, openDbBefore } from '../support/db.ts';

const COMPACTION = '021_compact_storage';

function uuid(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** Versions inserted in an order other than their key's, more than one per entity. */
const VERSIONS = Array.from({ length: 1234 }, (_, i) => ({
  id: uuid(100_000 + i),
  entityType: i % 3 === 0 ? 'ppks' : 'household',
  entityId: uuid(5_000 - Math.floor(i / 3)),
  provinceCode: '33',
  villageCode: '33.07.01.2001',
  version: (i % 3) + 1,
  changeType: i % 3 === 0 ? 'create' : 'update',
  reason: i % 3 === 0 ? null : `verivali 2026-0${(i % 9) + 1}: ubah — Ñ`,
  snapshot: encodeSnapshot({ id: uuid(5_000 - Math.floor(i / 3)), headName: `Kepala ${i} Sitti Aminah` }),
  changedBy: i % 5 === 0 ? null : uuid(1),
  changedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
}));
const NIKS = Array.from({ length: 777 }, (_, i) => ({
  nik: String(3307019999990000 - i * 7),
  personId: uuid(20_000 + i),
  householdId: uuid(30_000 + Math.floor(i / 4)),
  provinceCode: '33',
  villageCode: '33.07.01.2001',
}));

/** Heads registered before the migration: SQLite's name index is rebuilt from them. */
const HEADS = [
  {
    name: 'Soewarno Saputro',
    search: 'soewarno saputro',
    fold: 'suwarno saputro',
    village: '33.07.01.2001',
    status: 'active',
  },
  {
    name: 'Sitti Aminah',
    search: 'sitti aminah',
    fold: 'siti amina',
    village: '33.07.01.2002',
    status: 'removed',
  },
];

for (const engine of ENGINES) {
  describe(`compacting storage, migration 021 (${engine})`, () => {
    let database: Database;
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    // biome-ignore lint/suspicious/noExplicitAny: the tables as they were before the migration
    const raw = () => database.db as unknown as Kysely<any>;

    beforeAll(async () => {
      migration = await openDbBefore(engine, COMPACTION);
      database = migration.database;
      for (let i = 0; i < VERSIONS.length; i += 300) {
        await raw()
          .insertInto('record_versions')
          .values(VERSIONS.slice(i, i + 300))
          .execute();
      }
      await raw().insertInto('nik_registry').values(NIKS).execute();
      await raw()
        .insertInto('households')
        .values(
          HEADS.map((h, i) => ({
            id: uuid(40_000 + i),
            kk_number: String(3307010101260000 + i),
            rw: '001',
            rt: '002',
            address: 'Dusun Sumber',
            head_name: h.name,
            head_name_search: h.search,
            head_name_fold: h.fold,
            member_count: 1,
            province_code: '33',
            regency_code: '33.07',
            district_code: '33.07.01',
            village_code: h.village,
            status: h.status,
            created_at: '2026-01-01T00:00:00.000Z',
            updated_at: '2026-01-01T00:00:00.000Z',
          })),
        )
        .execute();
      await migration.apply();
    });
    afterAll(async () => {
      await migration?.close();
    });

    it('keeps every version, column for column, read in key order', async () => {
      const rows = await database.db
        .selectFrom('recordVersions')
        .selectAll()
        .orderBy('entityId')
        .orderBy('version')
        .execute();
      const expected = [...VERSIONS].sort((a, b) =>
        a.entityId === b.entityId ? a.version - b.version : a.entityId < b.entityId ? -1 : 1,
      );
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, i) => {
        const { snapshot, changedAt, ...rest } = row;
        const { snapshot: oldSnapshot, changedAt: oldAt, ...oldRest } = expected[i]!;
        expect(rest).toEqual(oldRest);
        expect(new Date(changedAt).toISOString()).toBe(oldAt);
        expect(decodeSnapshot(snapshot)).toEqual(decodeSnapshot(oldSnapshot));
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

    it('keeps every registered NIK and still refuses a NIK registered twice', async () => {
      const rows = await database.db.selectFrom('nikRegistry').selectAll().orderBy('nik').execute();
      expect(rows).toEqual([...NIKS].sort((a, b) => (a.nik < b.nik ? -1 : 1)));
      await expect(
        database.db
          .insertInto('nikRegistry')
          .values({ ...NIKS[0]!, personId: uuid(1) })
          .execute(),
      ).rejects.toThrow();
    });

    it('drops persons.name_search', async () => {
      const columns = (await database.db.introspection.getTables())
        .find((t) => t.name === 'persons')!
        .columns.map((c) => c.name);
      expect(columns).toContain('name');
      expect(columns).not.toContain('name_search');
    });

    // SQLite only (its FTS5 index and table storage): not declared for PostgreSQL, so nothing is skipped there.
    if (engine === 'sqlite')
      it('copies existing heads into the name index, village and status included', async () => {
        const { rows } = await sql<{ fold: string; village: string; status: string }>`select
          head_name_fold as fold, village_code as village, status from households_names
        where households_names match '{head_name_fold} : ("war" AND "sap")'`.execute(database.db);
        expect(rows).toEqual([{ fold: 'suwarno saputro', village: '33.07.01.2001', status: 'active' }]);
        const { rows: all } = await sql<{ n: number }>`select count(*) as n from households_names`.execute(
          database.db,
        );
        expect(Number(all[0]!.n)).toBe(HEADS.length);
      });

    // SQLite only (its FTS5 index and table storage): not declared for PostgreSQL, so nothing is skipped there.
    if (engine === 'sqlite')
      it('stores both tables WITHOUT ROWID on SQLite', async () => {
        const { rows } = await sql<{ name: string; ddl: string }>`select name, sql as ddl from sqlite_schema
        where name in ('record_versions', 'nik_registry') order by name`.execute(database.db);
        expect(rows.map((r) => r.name)).toEqual(['nik_registry', 'record_versions']);
        for (const r of rows) expect(r.ddl.toLowerCase()).toMatch(/without rowid$/);
        // No index besides the tables themselves: the key is the table.
        const { rows: indexes } = await sql<{ name: string }>`select name from sqlite_schema
        where type = 'index' and tbl_name in ('record_versions', 'nik_registry')`.execute(database.db);
        expect(indexes).toEqual([]);
      });
  });
}
