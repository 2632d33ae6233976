/**
 * Migrations on each engine. A fresh database gets every migration once, in list order. A database migrated
 * by the old runner (bookkeeping in `schema_migrations` under the old names, applied in the old order — also
 * one left between releases with migrations missing between applied ones) is carried over without
 * re-applying anything and ends with the schema of a fresh database, its data intact. A database with a
 * migration this code does not know is refused and left unchanged, by `migrateToLatest` and by `dtks migrate`
 * and `dtks serve` (exit 1, naming it). Two migrators started together on a fresh database both finish and
 * apply each migration once (two processes; on PostgreSQL also two pools in one process).
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContainer } from '../../src/container.ts';
import { insertRows } from '../../src/db/bulk-insert.ts';
import { createDb, type Database } from '../../src/db/dialect.ts';
import { loadMigrations, MigrationError, migrateToLatest } from '../../src/db/migrate.ts';
import { decodeSnapshot } from '../../src/db/version-snapshot.ts';
import { searchForm } from '../../src/domain/names/name-fold.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { AuditRepository } from '../../src/modules/audit/audit.repository.ts';
import { DuplicateFinder } from '../../src/modules/duplicates/duplicates.finder.ts';
import { HouseholdsRepository } from '../../src/modules/households/households.repository.ts';
import { makeHousehold } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { runDtks } from '../support/cli.ts';
import { ENGINES, openEmptyDb, openTestDb } from '../support/db.ts';
import { rowCounts, schemaOf } from '../support/db-state.ts';

/**
 * The old runner's names, in the order a database created at the first release with login throttling
 * (before 005_verivali_dukcapil existed) applied them through the later releases, with the file each is now.
 */
const OLD_ORDER: [old: string, now: string][] = [
  ['001_registry', '001_registry'],
  ['002_regions', '002_regions'],
  ['003_social_registers', '003_social_registers'],
  ['004_cycle', '004_cycle'],
  ['005_penetapan', '005_penetapan'],
  ['006_penetapan_snapshot', '006_penetapan_snapshot'],
  ['007_household_counts', '010_household_counts'],
  ['008_login_throttle', '011_login_throttle'],
  ['005_verivali_dukcapil', '009_verivali_dukcapil'],
  ['007_penetapan_changes', '007_penetapan_changes'],
  ['008_penetapan_sk_sequence', '008_penetapan_sk_sequence'],
  ['009_household_search_indexes', '012_household_search_indexes'],
];

// biome-ignore lint/suspicious/noExplicitAny: the bookkeeping tables are not part of the domain schema
const raw = (database: Database) => database.db as unknown as Kysely<any>;

/** As the old runner migrated: `schema_migrations`, each migration in a transaction of its own, claimed first. */
async function migrateTheOldWay(database: Database, steps: [old: string, now: string][]) {
  const byName = new Map((await loadMigrations()).map((m) => [m.name, m]));
  const db = raw(database);
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  let day = Date.parse('2026-03-01T08:00:00Z');
  for (const [old, now] of steps) {
    day += 86_400_000;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('schema_migrations')
        .values({ name: old, appliedAt: new Date(day).toISOString() })
        .execute();
      await byName.get(now)!.up(trx, database.engine);
    });
  }
}

/** The Migrator's bookkeeping in the order it reads it (time, then name). */
async function recorded(database: Database): Promise<string[]> {
  const rows = await raw(database)
    .selectFrom('kysely_migration')
    .select(['name', 'timestamp'])
    .orderBy('timestamp')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name as string);
}

/**
 * Today's services write compressed snapshots; the old releases wrote JSON text into
 * `record_versions.snapshot`. Runs `body` with household versions written the old way.
 */
async function writingSnapshotsAsJson<T>(body: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(HouseholdsRepository.prototype, 'insertVersions').mockImplementation((db, rows) =>
    insertRows(
      db,
      'recordVersions',
      rows.map((r) => ({
        ...r,
        snapshot: JSON.stringify(decodeSnapshot(r.snapshot)) as unknown as Uint8Array,
      })),
    ),
  );
  try {
    return await body();
  } finally {
    spy.mockRestore();
  }
}

async function hasTable(database: Database, name: string): Promise<boolean> {
  return (await database.db.introspection.getTables()).some((t) => t.name === name);
}

async function regionCount(database: Database): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from regions`.execute(database.db);
  return Number(r.rows[0]!.n);
}

/** The names a `dtks migrate` run printed as applied (none when up to date). */
function appliedBy(stdout: string): string[] {
  const line = /^applied (.+) in \d+ ms/m.exec(stdout);
  return line ? line[1]!.split(', ') : [];
}

for (const engine of ENGINES) {
  describe(`migrations (${engine})`, { timeout: 180_000 }, () => {
    let names: string[];
    let fresh: { url: string; cleanup(): Promise<void> };
    let freshSchema: Awaited<ReturnType<typeof schemaOf>>;
    let freshRegions: number;
    const cleanups: (() => Promise<void>)[] = [];

    /** An empty database, closed after the file's tests. */
    async function emptyDatabase(): Promise<{ url: string; database: Database }> {
      const empty = await openEmptyDb(engine);
      const database = createDb(empty.url);
      cleanups.push(async () => {
        await database.close();
        await empty.cleanup();
      });
      return { url: empty.url, database };
    }

    beforeAll(async () => {
      names = (await loadMigrations()).map((m) => m.name);
      fresh = await openEmptyDb(engine);
    });
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
      await fresh?.cleanup();
    });

    it('a fresh database gets every migration once, in list order; a second run applies nothing', async () => {
      const database = createDb(fresh.url);
      try {
        expect(await migrateToLatest(database)).toEqual({
          applied: names,
          alreadyApplied: 0,
          carriedOver: [],
        });
        expect(await migrateToLatest(database)).toEqual({
          applied: [],
          alreadyApplied: names.length,
          carriedOver: [],
        });
        expect(await recorded(database)).toEqual(names);
        expect(await hasTable(database, 'schema_migrations')).toBe(false);
        freshSchema = await schemaOf(database);
        freshRegions = await regionCount(database);
        expect(freshSchema.tables.map((t) => t.table)).toContain('household_counts');
        expect(freshRegions).toBeGreaterThan(90_000);
      } finally {
        await database.close();
      }
    });

    it('a database the old runner migrated in the old order is carried over: nothing re-applied, data kept', async () => {
      const { url, database } = await emptyDatabase();
      await migrateTheOldWay(database, OLD_ORDER);
      const c = createContainer(createDb(url));
      cleanups.unshift(() => c.close());
      // Today's audit append needs migration 016's columns (and PostgreSQL's sequence), which this old schema
      // lacks; what must survive the migration is the household, so its audit entry is left out here.
      const noAudit = vi.spyOn(AuditRepository.prototype, 'append').mockResolvedValue();
      const noReadAudit = vi.spyOn(AuditRepository.prototype, 'appendUnsealedAlone').mockResolvedValue();
      // Nor migration 018's folded head name and duplicate candidates, nor 026's instrument answers: the row is
      // written without them.
      const insertHouseholds = HouseholdsRepository.prototype.insertHouseholds;
      const noFold = vi
        .spyOn(HouseholdsRepository.prototype, 'insertHouseholds')
        .mockImplementation(function (this: HouseholdsRepository, db, rows) {
          return insertHouseholds.call(
            this,
            db,
            rows.map(
              ({
                headNameFold: _added018,
                mealsPerDay: _meals026,
                meatMilkPerWeek: _meat026,
                newClothesPerYear: _clothes026,
                canPayClinic: _clinic026,
                headIncomeBelowLine: _income026,
                hasSavings500k: _savings026,
                kksNumber: _kks026,
                ...row
              }) => row as (typeof rows)[number],
            ),
          );
        });
      const noDuplicates = vi.spyOn(DuplicateFinder.prototype, 'flagNew').mockResolvedValue(0);
      // And persons have the search form of their name that migration 021 drops, and their NIKs a row each in
      // the registry table (with the household and province columns migration 076 drops) that migration 082
      // replaces by a view over the active persons: written as then.
      const insertPersons = HouseholdsRepository.prototype.insertPersons;
      const withNameSearch = vi
        .spyOn(HouseholdsRepository.prototype, 'insertPersons')
        .mockImplementation(async function (this: HouseholdsRepository, db, rows) {
          await insertPersons.call(
            this,
            db,
            rows.map(
              ({ monthlyIncome: _income026, employerType: _employer026, ...row }) =>
                ({ ...row, nameSearch: searchForm(row.name) }) as (typeof rows)[number],
            ),
          );
          // biome-ignore lint/suspicious/noExplicitAny: the table as it was before migration 076
          await (db as unknown as Kysely<any>)
            .insertInto('nik_registry')
            .values(
              rows.map((p) => ({
                nik: p.nik,
                person_id: p.id,
                household_id: p.householdId,
                province_code: p.provinceCode,
                village_code: p.villageCode,
              })),
            )
            .execute();
        });
      const household = await writingSnapshotsAsJson(() =>
        c.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 1)),
      );
      noFold.mockRestore();
      withNameSearch.mockRestore();
      noDuplicates.mockRestore();
      const before = await rowCounts(c);
      const counts = await c.database.db.selectFrom('householdCounts').selectAll().execute();

      const report = await migrateToLatest(database);
      noAudit.mockRestore();
      noReadAudit.mockRestore();
      // The old runner knew the first 12; the migrations added since apply after the carried-over ones.
      expect(report).toEqual({
        applied: names.slice(12),
        alreadyApplied: 12,
        carriedOver: names.slice(0, 12),
      });
      expect(await recorded(database)).toEqual(names);
      expect(await hasTable(database, 'schema_migrations')).toBe(false);
      expect(await schemaOf(database)).toEqual(freshSchema);
      expect(await rowCounts(c)).toEqual(before);
      expect(await c.database.db.selectFrom('householdCounts').selectAll().execute()).toEqual(counts);
      expect((await c.households.get(systemActor('test'), household.id)).kkNumber).toBe(household.kkNumber);

      // Accepted from now on by the Migrator's order check, and up to date.
      expect(await migrateToLatest(database)).toEqual({
        applied: [],
        alreadyApplied: names.length,
        carriedOver: [],
      });
    });

    it('a database left between releases gets the migrations inserted ahead of applied ones, in list order', async () => {
      const { database } = await emptyDatabase();
      // The list of the release that added login throttling: three migrations were later inserted before
      // 007_household_counts and 008_login_throttle, and one appended.
      await migrateTheOldWay(database, OLD_ORDER.slice(0, 8));

      const report = await migrateToLatest(database);
      expect(report).toEqual({
        applied: [
          '007_penetapan_changes',
          '008_penetapan_sk_sequence',
          '009_verivali_dukcapil',
          ...names.slice(11),
        ],
        alreadyApplied: 8,
        carriedOver: names.slice(0, 6).concat('010_household_counts', '011_login_throttle'),
      });
      expect(await recorded(database)).toEqual(names);
      expect(await schemaOf(database)).toEqual(freshSchema);
      expect(await migrateToLatest(database)).toEqual({
        applied: [],
        alreadyApplied: names.length,
        carriedOver: [],
      });
    });

    it('refuses a database with a migration this version does not know, changing nothing, in the API and the CLI', async () => {
      const t = await openTestDb(engine);
      cleanups.push(() => t.cleanup());
      const database = t.container.database;
      await raw(database)
        .insertInto('kysely_migration')
        .values({ name: '099_from_a_newer_version', timestamp: new Date().toISOString() })
        .execute();
      const before = { schema: await schemaOf(database), recorded: await recorded(database) };
      const message =
        'the database has migration 099_from_a_newer_version applied, which this version does not know ' +
        `(its last migration is ${names.at(-1)}): the database was migrated by a newer version of DTKS. ` +
        'Run that version or a newer one; nothing was changed.';

      await expect(migrateToLatest(database)).rejects.toThrow(new MigrationError(message));

      const cli = await runDtks(['migrate'], { url: t.url });
      expect(cli.code, cli.stdout).toBe(1);
      expect(cli.stderr.trim()).toBe(`database: ${message}`);
      const serve = await runDtks(['serve'], { url: t.url, env: { PORT: '0', LOG_LEVEL: 'silent' } });
      expect(serve.code, serve.stdout).toBe(1);
      expect(serve.stderr.trim()).toBe(`database: ${message}`);

      expect(await schemaOf(database)).toEqual(before.schema);
      expect(await recorded(database)).toEqual(before.recorded);
    });

    it('refuses old bookkeeping naming a migration it does not know, keeping schema_migrations', async () => {
      const { database } = await emptyDatabase();
      await migrateTheOldWay(database, OLD_ORDER.slice(0, 2));
      await raw(database)
        .insertInto('schema_migrations')
        .values({ name: '010_from_a_newer_version', appliedAt: '2026-06-01T00:00:00.000Z' })
        .execute();

      await expect(migrateToLatest(database)).rejects.toThrow(
        /^the database has migration 010_from_a_newer_version applied, which this version does not know/,
      );
      expect(await hasTable(database, 'schema_migrations')).toBe(true);
      const old = await raw(database)
        .selectFrom('schema_migrations')
        .select('name')
        .orderBy('name')
        .execute();
      expect(old.map((r) => r.name)).toEqual(['001_registry', '002_regions', '010_from_a_newer_version']);
      // Rolled back whole: no bookkeeping table of the Migrator, no later migration (004 creates periods).
      expect(await hasTable(database, 'kysely_migration')).toBe(false);
      expect(await hasTable(database, 'periods')).toBe(false);
    });

    it('two processes migrating a fresh database together both finish, applying each migration once', async () => {
      const { url, database } = await emptyDatabase();
      const [a, b] = await Promise.all([runDtks(['migrate'], { url }), runDtks(['migrate'], { url })]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const applied = [...appliedBy(a.stdout), ...appliedBy(b.stdout)];
      expect(applied.sort()).toEqual(names);
      expect(await recorded(database)).toEqual(names);
      expect(await regionCount(database)).toBe(freshRegions);
      expect(await schemaOf(database)).toEqual(freshSchema);
    });

    // SQLite runs a statement to completion on the calling thread: two connections of one process cannot
    // wait for each other's lock, so there the two migrators are the two processes above.
    if (engine === 'postgres') {
      it('two migrators in one process (two pools) on a fresh database both finish, applying each once', async () => {
        const { url, database } = await emptyDatabase();
        const other = createDb(url);
        cleanups.unshift(() => other.close());
        const [a, b] = await Promise.all([migrateToLatest(database), migrateToLatest(other)]);
        expect([...a.applied, ...b.applied].sort()).toEqual(names);
        expect(a.applied.filter((name) => b.applied.includes(name))).toEqual([]);
        expect(await recorded(database)).toEqual(names);
        expect(await regionCount(database)).toBe(freshRegions);
      });
    }
  });
}
