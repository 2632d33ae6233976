/**
 * Migration 076 narrows `nik_registry` to (nik, person_id, village_code): every registered NIK a database
 * already holds is kept with its holder and village, the holder's household is then answered through
 * `persons` exactly as the dropped column held it, and the primary key still refuses a NIK registered twice.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/dialect.ts';
import { HouseholdsRepository } from '../../src/modules/households/households.repository.ts';
import { ENGINES, openDbBefore } from '../support/db.ts';

const NARROWING = '076_nik_registry_narrow';

function uuid(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** 333 people in households of four, in two villages; every third one inserted out of NIK order. */
const PEOPLE = Array.from({ length: 333 }, (_, i) => {
  const village = i % 2 ? '33.07.01.2001' : '32.01.02.2003';
  const [province, regency, district] = [1, 2, 3].map((n) => village.split('.').slice(0, n).join('.'));
  return {
    id: uuid(20_000 + i),
    household_id: uuid(30_000 + Math.floor(i / 4)),
    nik: String(3307019999990000 - ((i * 7919) % 333) * 7),
    name: `Warga ${i}`,
    birth_date: '1980-01-15',
    sex: i % 2 ? 'M' : 'F',
    relationship: i % 4 === 0 ? 1 : 3,
    province_code: province!,
    regency_code: regency!,
    district_code: district!,
    village_code: village,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
});

for (const engine of ENGINES) {
  describe(`narrowing nik_registry, migration 076 (${engine})`, () => {
    let database: Database;
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    // biome-ignore lint/suspicious/noExplicitAny: the tables as they were before the migration
    const raw = () => database.db as unknown as Kysely<any>;

    beforeAll(async () => {
      migration = await openDbBefore(engine, NARROWING);
      database = migration.database;
      for (let i = 0; i < PEOPLE.length; i += 100) {
        const chunk = PEOPLE.slice(i, i + 100);
        await raw().insertInto('persons').values(chunk).execute();
        await raw()
          .insertInto('nik_registry')
          .values(
            chunk.map((p) => ({
              nik: p.nik,
              person_id: p.id,
              household_id: p.household_id,
              province_code: p.province_code,
              village_code: p.village_code,
            })),
          )
          .execute();
      }
      await migration.apply();
    });
    afterAll(async () => {
      await migration?.close();
    });

    it('keeps every registered NIK with its holder and village, and drops household and province', async () => {
      const rows = await database.db.selectFrom('nikRegistry').selectAll().orderBy('nik').execute();
      const expected = PEOPLE.map((p) => ({ nik: p.nik, personId: p.id, villageCode: p.village_code })).sort(
        (a, b) => (a.nik < b.nik ? -1 : 1),
      );
      expect(rows).toEqual(expected);
      const columns = (await database.db.introspection.getTables())
        .find((t) => t.name === 'nik_registry')!
        .columns.map((c) => c.name)
        .sort();
      expect(columns).toEqual(['nik', 'person_id', 'village_code']);
    });

    it("answers each holder's household through persons as the dropped column held it", async () => {
      const repo = new HouseholdsRepository(database.engine.name);
      const holders = await repo.nikEntries(
        database.db,
        PEOPLE.map((p) => p.nik),
      );
      expect(holders.map((h) => [h.nik, h.personId, h.householdId, h.villageCode]).sort()).toEqual(
        PEOPLE.map((p) => [p.nik, p.id, p.household_id, p.village_code]).sort(),
      );
    });

    it('still refuses a NIK registered twice', async () => {
      await expect(
        database.db
          .insertInto('nikRegistry')
          .values({ nik: PEOPLE[0]!.nik, personId: uuid(1), villageCode: '33.07.01.2001' })
          .execute(),
      ).rejects.toThrow();
    });

    // SQLite only (its table storage): not declared for PostgreSQL, so nothing is skipped there.
    if (engine === 'sqlite')
      it('stays WITHOUT ROWID on SQLite, with no index besides the table', async () => {
        const { rows } = await sql<{ ddl: string }>`select sql as ddl from sqlite_schema
          where name = 'nik_registry'`.execute(database.db);
        expect(rows[0]!.ddl.toLowerCase()).toMatch(/without rowid$/);
        const { rows: indexes } = await sql<{ name: string }>`select name from sqlite_schema
          where type = 'index' and tbl_name = 'nik_registry'`.execute(database.db);
        expect(indexes).toEqual([]);
      });
  });
}
