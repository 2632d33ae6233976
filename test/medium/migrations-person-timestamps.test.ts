/**
 * Migration 081 stores a person's `created_at` and `updated_at` as epoch milliseconds on SQLite (ISO text
 * before; PostgreSQL keeps `timestamptz`): every person a database already holds keeps its row, rowid and
 * indexes, each timestamp reads back as the same ISO text, a value that was not a canonical ISO time is kept
 * as it was, and people written afterwards are stored compactly and answered as before.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/dialect.ts';
import { isoTimestamp } from '../../src/db/stored-timestamp.ts';
import { memberRecord } from '../../src/modules/dci/dci.records.ts';
import { HouseholdsRepository } from '../../src/modules/households/households.repository.ts';
import { ENGINES, openDbBefore } from '../support/db.ts';

const EPOCH = '081_person_timestamps_epoch';

function uuid(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** 250 people in households of four; times a millisecond apart, created before they were last updated. */
const PEOPLE = Array.from({ length: 250 }, (_, i) => ({
  id: uuid(20_000 + i),
  household_id: uuid(30_000 + Math.floor(i / 4)),
  nik: String(3307010101800000 + i),
  name: `Warga ${i}`,
  birth_date: '1980-01-15',
  sex: i % 2 ? 'M' : 'F',
  relationship: i % 4 === 0 ? 1 : 3,
  province_code: '33',
  regency_code: '33.07',
  district_code: '33.07.01',
  village_code: '33.07.01.2001',
  status: i % 10 === 9 ? 'removed' : 'active',
  created_at: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, i)).toISOString(),
  updated_at: new Date(Date.UTC(2026, 11, 6, 23, 59, 59, 999 - i)).toISOString(),
}));
/** Written by hand long ago: no milliseconds, so not the text `Date#toISOString` would give back. */
const ODD = { ...PEOPLE[0]!, id: uuid(1), nik: '3307010101809999', created_at: '2024-05-01T08:00:00Z' };

for (const engine of ENGINES) {
  describe(`person timestamps as epoch milliseconds, migration 081 (${engine})`, () => {
    let database: Database;
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    // biome-ignore lint/suspicious/noExplicitAny: the table as it was before the migration
    const raw = () => database.db as unknown as Kysely<any>;
    let rowidsBefore: Map<string, number>;

    beforeAll(async () => {
      migration = await openDbBefore(engine, EPOCH);
      database = migration.database;
      for (let i = 0; i < PEOPLE.length; i += 100) {
        await raw()
          .insertInto('persons')
          .values(PEOPLE.slice(i, i + 100))
          .execute();
      }
      await raw().insertInto('persons').values(ODD).execute();
      rowidsBefore =
        engine === 'sqlite'
          ? new Map(
              (
                await sql<{ id: string; r: number }>`select id, rowid as r from persons`.execute(raw())
              ).rows.map((r) => [r.id, r.r]),
            )
          : new Map();
      await migration.apply();
    });
    afterAll(async () => {
      await migration?.close();
    });

    it('keeps every person, each timestamp reading back as the same ISO text', async () => {
      const rows = await database.db.selectFrom('persons').selectAll().where('id', '!=', ODD.id).execute();
      expect(rows).toHaveLength(PEOPLE.length);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const p of PEOPLE) {
        const row = byId.get(p.id)!;
        expect([isoTimestamp(row.createdAt), isoTimestamp(row.updatedAt)]).toEqual([
          p.created_at,
          p.updated_at,
        ]);
        expect([row.nik, row.householdId, row.status, row.villageCode]).toEqual([
          p.nik,
          p.household_id,
          p.status,
          p.village_code,
        ]);
        expect(memberRecord(row)).toMatchObject({
          registration_date: p.created_at,
          last_updated: p.updated_at,
        });
      }
    });

    it('writes people afterwards in the compact form, answered as the ISO text they were given', async () => {
      const repo = new HouseholdsRepository(database.engine.name);
      const at = '2026-12-07T01:02:03.456Z';
      await repo.insertPersons(database.db, [
        { ...camel(PEOPLE[1]!), id: uuid(2), nik: '3307010101808888', createdAt: at, updatedAt: at },
      ]);
      const later = '2026-12-07T02:00:00.001Z';
      await repo.updatePerson(database.db, uuid(2), { updatedAt: later });
      const row = await database.db
        .selectFrom('persons')
        .selectAll()
        .where('id', '=', uuid(2))
        .executeTakeFirstOrThrow();
      expect(memberRecord(row)).toMatchObject({ registration_date: at, last_updated: later });
      if (engine === 'sqlite')
        expect([row.createdAt, row.updatedAt]).toEqual([Date.parse(at), Date.parse(later)]);
    });

    // SQLite only (its storage): not declared for PostgreSQL, so nothing is skipped there.
    if (engine === 'sqlite') {
      it('stores integers on SQLite, keeps a time that was not canonical ISO text as it was, and keeps rowids', async () => {
        const { rows } = await sql<{ id: string; c: string; u: string; r: number }>`select id,
            typeof(created_at) as c, typeof(updated_at) as u, rowid as r from persons`.execute(database.db);
        for (const r of rows) {
          if (r.id === uuid(2)) continue;
          expect([r.c, r.u]).toEqual([r.id === ODD.id ? 'text' : 'integer', 'integer']);
          expect(r.r).toBe(rowidsBefore.get(r.id));
        }
        const odd = await database.db
          .selectFrom('persons')
          .select('createdAt')
          .where('id', '=', ODD.id)
          .executeTakeFirstOrThrow();
        expect(odd.createdAt).toBe(ODD.created_at);
      });

      it("recreates the table's indexes and declares the two columns INTEGER", async () => {
        const { rows } = await sql<{
          name: string;
          ddl: string | null;
        }>`select name, sql as ddl from sqlite_schema
          where tbl_name = 'persons' order by name`.execute(database.db);
        expect(rows.map((r) => r.name)).toEqual([
          'persons',
          'persons_household_idx',
          'persons_nik_removed_idx',
          'persons_regency_birth_idx',
          'sqlite_autoindex_persons_1',
        ]);
        const table = rows.find((r) => r.name === 'persons')!.ddl!;
        expect(table).toContain('"created_at" integer not null');
        expect(table).toContain('"updated_at" integer not null');
        expect(table).toMatch(/^CREATE TABLE "persons"/);
        const plan = await sql<{ detail: string }>`explain query plan
          select id from persons where household_id = ${uuid(30_000)}`.execute(database.db);
        expect(plan.rows.map((r) => r.detail).join(' ')).toContain('persons_household_idx');
      });
    }
  });
}

/** A snake_case row of the table as it was, as the repository's camelCase insert takes it. */
function camel(row: (typeof PEOPLE)[number]) {
  return {
    householdId: row.household_id,
    name: row.name,
    birthDate: row.birth_date,
    sex: row.sex as 'M' | 'F',
    relationship: row.relationship,
    provinceCode: row.province_code,
    regencyCode: row.regency_code,
    districtCode: row.district_code,
    villageCode: row.village_code,
    status: 'active' as const,
    version: 1,
  };
}
