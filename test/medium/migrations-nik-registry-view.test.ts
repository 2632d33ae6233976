/**
 * Migration 082 replaces the `nik_registry` table by a view over the active persons and a unique partial index
 * on their NIK: a database written before it answers the same registry rows and the same regency NIK lists
 * afterwards (removed people's NIKs stay out), and a database whose registry is not exactly its active
 * persons' NIKs is refused with a message naming the counts, nothing changed.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/dialect.ts';
import { DukcapilRepository } from '../../src/modules/dukcapil/dukcapil.repository.ts';
import { ENGINES, openDbBefore } from '../support/db.ts';

const VIEW = '082_nik_registry_view';

function uuid(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** 120 people in households of four, in two regencies; every fifth one removed (its NIK not registered). */
function people(engine: string) {
  const at = engine === 'sqlite' ? Date.parse('2026-01-01T00:00:00.000Z') : '2026-01-01T00:00:00.000Z';
  return Array.from({ length: 120 }, (_, i) => {
    const village = i % 3 ? '33.07.01.2001' : '32.01.02.2003';
    const [province, regency, district] = [1, 2, 3].map((n) => village.split('.').slice(0, n).join('.'));
    return {
      id: uuid(20_000 + i),
      household_id: uuid(30_000 + Math.floor(i / 4)),
      nik: String(3307019999990000 - ((i * 7919) % 120) * 7),
      name: `Warga ${i}`,
      birth_date: '1980-01-15',
      sex: i % 2 ? 'M' : 'F',
      relationship: i % 4 === 0 ? 1 : 3,
      status: i % 5 === 4 ? 'removed' : 'active',
      province_code: province!,
      regency_code: regency!,
      district_code: district!,
      village_code: village,
      created_at: at,
      updated_at: at,
    };
  });
}

for (const engine of ENGINES) {
  describe(`nik_registry as a view over active persons, migration 082 (${engine})`, () => {
    let database: Database;
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    // biome-ignore lint/suspicious/noExplicitAny: the tables as they were before the migration
    const raw = () => database.db as unknown as Kysely<any>;
    const PEOPLE = people(engine);
    const active = PEOPLE.filter((p) => p.status === 'active');
    // (Read through the connection's camel-case plugin: `personId`, `villageCode`.)
    const registryRows = async () =>
      (await raw()
        .selectFrom('nik_registry')
        .select(['nik', 'person_id', 'village_code'])
        .orderBy('nik')
        .execute()) as unknown as { nik: string; personId: string; villageCode: string }[];
    const indexes = async () =>
      engine === 'sqlite'
        ? (
            await sql<{ name: string }>`select name from sqlite_schema where type = 'index'
              and name = 'persons_nik_active_idx'`.execute(database.db)
          ).rows
        : (
            await sql<{ name: string }>`select indexname as name from pg_indexes
              where indexname = 'persons_nik_active_idx'`.execute(database.db)
          ).rows;
    let before: Awaited<ReturnType<typeof registryRows>> = [];

    beforeAll(async () => {
      migration = await openDbBefore(engine, VIEW);
      database = migration.database;
      await raw().insertInto('persons').values(PEOPLE).execute();
      await raw()
        .insertInto('nik_registry')
        .values(active.map((p) => ({ nik: p.nik, person_id: p.id, village_code: p.village_code })))
        .execute();
      before = await registryRows();
    });
    afterAll(async () => {
      await migration?.close();
    });

    /** Applying the migration is refused with `message`, and the registry and persons are as they were. */
    async function refused(message: RegExp): Promise<void> {
      const persons = await raw().selectFrom('persons').selectAll().orderBy('id').execute();
      const registry = await registryRows();
      await expect(migration!.apply()).rejects.toThrow(message);
      expect(await registryRows()).toEqual(registry);
      expect(await raw().selectFrom('persons').selectAll().orderBy('id').execute()).toEqual(persons);
      expect(await indexes()).toEqual([]);
    }

    it('refuses a registry entry whose holder is not active, naming the count, changing nothing', async () => {
      const removed = PEOPLE.filter((p) => p.status === 'removed').slice(0, 2);
      await raw()
        .insertInto('nik_registry')
        .values(removed.map((p) => ({ nik: p.nik, person_id: p.id, village_code: p.village_code })))
        .execute();
      await refused(
        /^082: nik_registry is not the active persons' NIKs.*: 2 nik_registry entr\(y\/ies\) whose holder is not an active person with that NIK and village\. /,
      );
      await raw()
        .deleteFrom('nik_registry')
        .where(
          'nik',
          'in',
          removed.map((p) => p.nik),
        )
        .execute();
    });

    it('refuses an active person whose NIK is not registered (or in another village), changing nothing', async () => {
      const [missing, moved] = active;
      await raw().deleteFrom('nik_registry').where('nik', '=', missing!.nik).execute();
      await raw()
        .updateTable('nik_registry')
        .set({ village_code: '33.07.01.2002' })
        .where('nik', '=', moved!.nik)
        .execute();
      await refused(
        /: 2 active person\(s\) whose NIK, id and village are not in nik_registry; 1 nik_registry entr\(y\/ies\) whose holder/,
      );
      await raw()
        .insertInto('nik_registry')
        .values({ nik: missing!.nik, person_id: missing!.id, village_code: missing!.village_code })
        .execute();
      await raw()
        .updateTable('nik_registry')
        .set({ village_code: moved!.village_code })
        .where('nik', '=', moved!.nik)
        .execute();
      expect(await registryRows()).toEqual(before);
    });

    it('refuses two active persons holding one NIK, changing nothing', async () => {
      const twin = { ...active[1]!, id: uuid(29_999), name: 'Kembar' };
      await raw().insertInto('persons').values(twin).execute();
      await refused(/: 1 NIK\(s\) held by more than one active person; 1 active person\(s\) whose NIK/);
      await raw().deleteFrom('persons').where('id', '=', twin.id).execute();
    });

    it("answers the registry's rows and a regency's NIKs as the table did, removed people's NIKs left out", async () => {
      await migration!.apply();
      const after = await database.db.selectFrom('nikRegistry').selectAll().orderBy('nik').execute();
      expect(after).toEqual(before);
      expect(after).toHaveLength(active.length);
      const repo = new DukcapilRepository();
      for (const regency of ['33.07', '32.01']) {
        const niks = before.filter((r) => r.villageCode.startsWith(`${regency}.`)).map((r) => r.nik);
        expect(await repo.countNiks(database.db, regency)).toBe(niks.length);
        const pages: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await repo.niksOf(database.db, regency, after, 7);
          pages.push(...page);
          if (page.length < 7) break;
          after = page.at(-1);
        }
        expect(pages).toEqual(niks);
      }
      expect(await indexes()).toEqual([{ name: 'persons_nik_active_idx' }]);
    });

    it('refuses a second active holder of a NIK, and takes a NIK whose holder was removed', async () => {
      const holder = active[0]!;
      await expect(
        raw()
          .insertInto('persons')
          .values({ ...holder, id: uuid(29_998) })
          .execute(),
      ).rejects.toThrow();
      const removed = PEOPLE.find((p) => p.status === 'removed')!;
      await raw()
        .insertInto('persons')
        .values({ ...removed, id: uuid(29_997), status: 'active' })
        .execute();
      expect(
        await database.db.selectFrom('nikRegistry').selectAll().where('nik', '=', removed.nik).execute(),
      ).toEqual([{ nik: removed.nik, personId: uuid(29_997), villageCode: removed.village_code }]);
    });

    it('cannot be written: a delete through the view is refused and deletes no person', async () => {
      const persons = Number(
        (
          await raw()
            .selectFrom('persons')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      await expect(
        database.db.deleteFrom('nikRegistry').where('nik', '=', active[2]!.nik).execute(),
      ).rejects.toThrow(
        engine === 'sqlite'
          ? /cannot modify nik_registry because it is a view/
          : /cannot modify nik_registry/,
      );
      await expect(
        raw()
          .updateTable('nik_registry')
          .set({ nik: '3307010000000001' })
          .where('nik', '=', active[2]!.nik)
          .execute(),
      ).rejects.toThrow(/cannot modify nik_registry/);
      expect(
        Number(
          (
            await raw()
              .selectFrom('persons')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(persons);
      expect(
        await database.db.selectFrom('nikRegistry').select('nik').where('nik', '=', active[2]!.nik).execute(),
      ).toEqual([{ nik: active[2]!.nik }]);
    });
  });
}
