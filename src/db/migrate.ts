/**
 * Forward-only migrations, applied by Kysely's Migrator in name order and recorded in `kysely_migration`.
 * Migrations are plain modules listed below (no directory scanning, so a bundle or package holds them like any
 * other import), portable across engines: they get the engine's capability values and use Kysely's schema
 * builder, never engine-specific SQL.
 *
 * - Order: names are `NNN_what`; the list, the sorted names and the files in `migrations/` agree
 *   (`migrate.test.ts`), and the Migrator refuses a database whose applied migrations are not the first ones
 *   of the list (`allowUnorderedMigrations: false`).
 * - A database with a migration the code does not know (migrated by a newer version) is refused, unchanged.
 * - Lock: one process migrates at a time — PostgreSQL: an advisory lock (Kysely's adapter); SQLite: the write
 *   lock of `BEGIN IMMEDIATE`, waited for up to MIGRATION_LOCK_WAIT_MS (src/db/dialect.ts). Pending migrations
 *   run in one transaction on both engines (DDL is transactional in both), so a failure applies none of them.
 * - Databases migrated before this runner kept their bookkeeping in `schema_migrations` under older names in
 *   another order; the first run carries it over (adoptLegacyBookkeeping) and drops that table.
 */
import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  type Migration as KyselyMigration,
  MIGRATION_LOCK_ID,
  type MigrationLockOptions,
  type MigrationResultSet,
  Migrator,
  sql,
  type Transaction,
} from 'kysely';
import { forgetColumnTypes } from './bulk-insert.ts';
import { type Database, type DbEngine, uuidBlobsMigrated, uuidBlobsReread } from './dialect.ts';

export interface Migration {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
  up(db: Kysely<any>, engine: DbEngine): Promise<void>;
}

/** A migration module: it exports its Migration and nothing else. */
type MigrationModule = () => Promise<Record<string, Migration>>;

/**
 * Every migration, in the order it applies. To add one, create `migrations/NNN_what.ts` (NNN one above the
 * last) exporting its Migration named `NNN_what`, and append one line here.
 */
const MIGRATION_MODULES: readonly MigrationModule[] = [
  () => import('./migrations/001_registry.ts'),
  () => import('./migrations/002_regions.ts'),
  () => import('./migrations/003_social_registers.ts'),
  () => import('./migrations/004_cycle.ts'),
  () => import('./migrations/005_penetapan.ts'),
  () => import('./migrations/006_penetapan_snapshot.ts'),
  () => import('./migrations/007_penetapan_changes.ts'),
  () => import('./migrations/008_penetapan_sk_sequence.ts'),
  () => import('./migrations/009_verivali_dukcapil.ts'),
  () => import('./migrations/010_household_counts.ts'),
  () => import('./migrations/011_login_throttle.ts'),
  () => import('./migrations/012_household_search_indexes.ts'),
  () => import('./migrations/013_attachment_blob_indexes.ts'),
  () => import('./migrations/014_identity_probes.ts'),
  () => import('./migrations/015_login_attempts.ts'),
  () => import('./migrations/016_audit_keyed_chain.ts'),
  () => import('./migrations/017_jobs.ts'),
  () => import('./migrations/018_name_search_duplicates.ts'),
  () => import('./migrations/019_compact_record_versions.ts'),
  () => import('./migrations/021_compact_storage.ts'),
  () => import('./migrations/022_usulan_carry_over.ts'),
  () => import('./migrations/023_cycle_chain.ts'),
  () => import('./migrations/026_instrument_gaps_minimum_wages.ts'),
  () => import('./migrations/027_ranking.ts'),
  () => import('./migrations/028_programmes.ts'),
  () => import('./migrations/029_recipients.ts'),
  () => import('./migrations/030_aid_sources.ts'),
  () => import('./migrations/032_public_checks.ts'),
  () => import('./migrations/033_citizen_accounts.ts'),
  () => import('./migrations/035_name_trigram_indexes.ts'),
  () => import('./migrations/036_reports.ts'),
  () => import('./migrations/037_sanggah.ts'),
  () => import('./migrations/038_distribution.ts'),
  () => import('./migrations/040_dci.ts'),
  () => import('./migrations/041_bundles.ts'),
  () => import('./migrations/042_sync_changes.ts'),
  () => import('./migrations/043_usulan_mandiri.ts'),
  () => import('./migrations/044_distribution_accept.ts'),
  () => import('./migrations/045_programme_opt_outs.ts'),
  () => import('./migrations/053_dci_notify_cursor.ts'),
  () => import('./migrations/056_citizen_opt_outs_read_subjects.ts'),
  () => import('./migrations/057_distribution_point_by_hand.ts'),
  () => import('./migrations/058_dci_callback_jobs.ts'),
  () => import('./migrations/059_offline_mirror.ts'),
  () => import('./migrations/061_offline_mirror_sent.ts'),
  () => import('./migrations/064_period_village_counts.ts'),
  () => import('./migrations/065_offline_mirror_chain.ts'),
  () => import('./migrations/066_name_index_terms.ts'),
  () => import('./migrations/068_snapshot_regency_index.ts'),
  () => import('./migrations/069_recipient_candidates_by_run.ts'),
  () => import('./migrations/074_region_name_acronyms.ts'),
  () => import('./migrations/075_ranking_result_identity.ts'),
  () => import('./migrations/076_nik_registry_narrow.ts'),
  () => import('./migrations/078_audit_entity_time_index.ts'),
  () => import('./migrations/079_ranking_result_regency_index.ts'),
  () => import('./migrations/081_person_timestamps_epoch.ts'),
  () => import('./migrations/082_nik_registry_view.ts'),
  () => import('./migrations/083_uuid_blobs.ts'),
  () => import('./migrations/084_name_index_external_content.ts'),
  () => import('./migrations/085_territory_indexes_narrow.ts'),
];

/** `NNN_what`: a three-digit number, then lowercase words joined by underscores. */
export const MIGRATION_NAME = /^(\d{3})_[a-z0-9]+(_[a-z0-9]+)*$/;

/** The migrations in list order; throws if a module does not export exactly one, or names are out of order. */
export async function loadMigrations(): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const load of MIGRATION_MODULES) {
    const exported = Object.values(await load());
    if (exported.length !== 1) {
      throw new MigrationError(
        `a migration module must export exactly one migration, found ${exported.map((m) => m.name).join(', ') || 'none'}`,
      );
    }
    const migration = exported[0]!;
    const previous = migrations.at(-1);
    if (!MIGRATION_NAME.test(migration.name) || (previous && previous.name >= migration.name)) {
      throw new MigrationError(
        `migration ${migration.name} is out of order: names are NNN_what and sort in list order${previous ? ` (it follows ${previous.name})` : ''}`,
      );
    }
    migrations.push(migration);
  }
  return migrations;
}

/**
 * What `schema_migrations` called each migration before the files were renumbered to sort in the order they
 * apply. Old databases applied 005_verivali_dukcapil, 007_household_counts and 008_login_throttle before the
 * three migrations later inserted ahead of them in the list, so their order differs from a fresh database's.
 */
export const LEGACY_NAMES: Readonly<Record<string, string>> = {
  '001_registry': '001_registry',
  '002_regions': '002_regions',
  '003_social_registers': '003_social_registers',
  '004_cycle': '004_cycle',
  '005_penetapan': '005_penetapan',
  '006_penetapan_snapshot': '006_penetapan_snapshot',
  '007_penetapan_changes': '007_penetapan_changes',
  '008_penetapan_sk_sequence': '008_penetapan_sk_sequence',
  '005_verivali_dukcapil': '009_verivali_dukcapil',
  '007_household_counts': '010_household_counts',
  '008_login_throttle': '011_login_throttle',
  '009_household_search_indexes': '012_household_search_indexes',
};
const LEGACY_TABLE = 'schema_migrations';

/** The database cannot be migrated by this code: nothing was changed. */
export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationReport {
  /** Applied by this run, in order. */
  applied: string[];
  /** Already applied before this run (under an old name or not). */
  alreadyApplied: number;
  /** Found applied under their old names in `schema_migrations` by this run (new names); empty once done. */
  carriedOver: string[];
}

const LOCK: MigrationLockOptions = {
  lockTable: DEFAULT_MIGRATION_LOCK_TABLE,
  lockRowId: MIGRATION_LOCK_ID,
};

export async function migrateToLatest({ db, engine }: Database): Promise<MigrationReport> {
  // biome-ignore lint/suspicious/noExplicitAny: the bookkeeping tables are not part of the domain schema
  const anyDb = db as unknown as Kysely<any>;
  const migrations = await loadMigrations();
  const current = await upToDate(anyDb, migrations);
  if (current !== null) return { applied: [], alreadyApplied: current, carriedOver: [] };
  const prepared = await withMigrationLock(anyDb, (trx) => prepareBookkeeping(trx, engine, migrations));
  const migrator = new Migrator({
    db: anyDb,
    allowUnorderedMigrations: false,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          migrations.map((m): [string, KyselyMigration] => [
            m.name,
            { up: (trx) => applyMigration({ db, engine }, trx, m) },
          ]),
        ),
    },
  });
  const result = await migrator.migrateToLatest();
  // Column types may have changed under the bulk writer's cached casts.
  forgetColumnTypes(db);
  if (result.error !== undefined) {
    uuidBlobsReread(db);
    throw migrationFailure(result, migrations);
  }
  return {
    applied: [...prepared.legacy.applied, ...(result.results ?? []).map((r) => r.migrationName)],
    alreadyApplied: prepared.applied.length - prepared.legacy.applied.length,
    carriedOver: prepared.legacy.carriedOver,
  };
}

/**
 * Runs one migration in the migration transaction `trx` of `database`, then tells the connection what it
 * changed for the statements after it (migration 083: UUIDs stored as blobs on SQLite, src/db/uuid-blob.ts).
 */
export async function applyMigration(
  { db, engine }: Pick<Database, 'db' | 'engine'>,
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
  trx: Kysely<any>,
  m: Migration,
): Promise<void> {
  await m.up(trx, engine);
  uuidBlobsMigrated(db, m.name);
}

/**
 * Whether the database has exactly the migrations of this version applied (readiness check): false when one
 * is pending or the database was migrated by a newer version. Throws when the database cannot be read.
 */
export async function migrationsCurrent({ db }: Database): Promise<boolean> {
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
  const anyDb = db as unknown as Kysely<any>;
  return (await upToDate(anyDb, await loadMigrations())) !== null;
}

/**
 * The number of migrations applied when every one is and nothing else is (every start of a migrated
 * database): one read, no lock and no catalog queries; null otherwise. A database without the Migrator's
 * table (fresh, or migrated by the old runner) fails the read and takes the locked path, which creates it.
 */
async function upToDate(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
  db: Kysely<any>,
  migrations: Migration[],
): Promise<number | null> {
  let recorded: string[];
  try {
    recorded = (await db.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute()).map(
      (r) => r.name as string,
    );
  } catch {
    return null;
  }
  const known = new Set(migrations.map((m) => m.name));
  return recorded.length === known.size && recorded.every((name) => known.has(name)) ? recorded.length : null;
}

/**
 * Runs `body` in one transaction holding the lock the Migrator takes (the dialect adapter's migration lock;
 * on SQLite the transaction's own write lock), so that preparing the bookkeeping cannot race another process
 * that is migrating.
 */
async function withMigrationLock<T>(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
  db: Kysely<any>,
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
  body: (trx: Transaction<any>) => Promise<T>,
): Promise<T> {
  const adapter = db.getExecutor().adapter;
  return db.connection().execute(async (conn) => {
    await adapter.acquireMigrationLock(conn, LOCK);
    try {
      return await conn.transaction().execute(body);
    } finally {
      await adapter.releaseMigrationLock(conn, LOCK);
    }
  });
}

/**
 * Creates the Migrator's tables (as Kysely creates them), carries over `schema_migrations`, and refuses a
 * database that has a migration this code does not know. Answers the applied names.
 */
async function prepareBookkeeping(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
  trx: Transaction<any>,
  engine: DbEngine,
  migrations: Migration[],
): Promise<{ legacy: LegacyAdoption; applied: string[] }> {
  await trx.schema
    .createTable(DEFAULT_MIGRATION_TABLE)
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
    .execute();
  await trx.schema
    .createTable(DEFAULT_MIGRATION_LOCK_TABLE)
    .ifNotExists()
    .addColumn('id', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const lockRow = await trx
    .selectFrom(DEFAULT_MIGRATION_LOCK_TABLE)
    .select('id')
    .where('id', '=', MIGRATION_LOCK_ID)
    .executeTakeFirst();
  if (!lockRow) {
    await trx
      .insertInto(DEFAULT_MIGRATION_LOCK_TABLE)
      .values({ id: MIGRATION_LOCK_ID, is_locked: 0 })
      .execute();
  }

  const tables = await trx.introspection.getTables();
  const legacy = tables.some((t) => t.name === LEGACY_TABLE)
    ? await adoptLegacyBookkeeping(trx, engine, migrations)
    : { carriedOver: [], applied: [] };

  const applied = (await trx.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute()).map(
    (r) => r.name as string,
  );
  const known = new Set(migrations.map((m) => m.name));
  const unknown = applied.filter((name) => !known.has(name)).sort();
  if (unknown.length > 0) throw unknownMigrations(unknown, migrations);
  return { legacy, applied };
}

interface LegacyAdoption {
  /** Applied under their old names. */
  carriedOver: string[];
  /** Missing between them, applied now. */
  applied: string[];
}

/**
 * Moves `schema_migrations` (old names, old order) into `kysely_migration` under the new names, in the
 * caller's transaction. A database left between releases may lack a migration that was inserted ahead of
 * others it has: the old runner would have applied it next, so it is applied here, in list order, before
 * the bookkeeping is written. Rows are stamped so that their time order is the list order — the Migrator
 * reads applied migrations by time — keeping each original time where that order allows.
 */
async function adoptLegacyBookkeeping(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
  trx: Transaction<any>,
  engine: DbEngine,
  migrations: Migration[],
): Promise<LegacyAdoption> {
  const rows = await trx.selectFrom(LEGACY_TABLE).select(['name', 'appliedAt']).execute();
  await trx.schema.dropTable(LEGACY_TABLE).execute();
  const appliedAt = new Map<string, string>();
  for (const row of rows) {
    const name = LEGACY_NAMES[row.name as string];
    if (!name) throw unknownMigrations([row.name as string], migrations);
    appliedAt.set(name, row.appliedAt as string);
  }
  const recorded = new Set(
    (await trx.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute()).map((r) => r.name as string),
  );
  const last = migrations.findLastIndex((m) => appliedAt.has(m.name));
  const now = new Date().toISOString();
  const rowsToRecord: { name: string; timestamp: string }[] = [];
  const adoption: LegacyAdoption = { carriedOver: [], applied: [] };
  let timestamp = '';
  for (const m of migrations.slice(0, last + 1)) {
    if (recorded.has(m.name)) continue;
    if (appliedAt.has(m.name)) adoption.carriedOver.push(m.name);
    else {
      await m.up(trx, engine);
      adoption.applied.push(m.name);
    }
    const original = appliedAt.get(m.name) ?? now;
    timestamp = original > timestamp ? original : timestamp;
    rowsToRecord.push({ name: m.name, timestamp });
  }
  if (rowsToRecord.length > 0) await trx.insertInto(DEFAULT_MIGRATION_TABLE).values(rowsToRecord).execute();
  return adoption;
}

function unknownMigrations(names: string[], migrations: Migration[]): MigrationError {
  return new MigrationError(
    `the database has ${names.length === 1 ? 'migration' : 'migrations'} ${names.join(', ')} applied, which this version does not know ` +
      `(its last migration is ${migrations.at(-1)?.name ?? 'none'}): the database was migrated by a newer version of DTKS. ` +
      'Run that version or a newer one; nothing was changed.',
  );
}

/** The Migrator's error as a MigrationError naming the migration (it never throws, it answers). */
function migrationFailure(result: MigrationResultSet, migrations: Migration[]): MigrationError {
  const error = result.error;
  const message = error instanceof Error ? error.message : String(error);
  // Another process of a newer version may have migrated between our check and the Migrator's.
  const missing = /previously executed migration (\S+) is missing/.exec(message);
  if (missing) return unknownMigrations([missing[1]!], migrations);
  const failed = result.results?.find((r) => r.status === 'Error');
  if (failed) {
    return new MigrationError(
      `migration ${failed.migrationName} failed, so none of this run's migrations was applied: ${message}`,
      { cause: error },
    );
  }
  return new MigrationError(`the database cannot be migrated: ${message}`, { cause: error });
}

/** Drops every table (tests only). */
export async function resetDatabase({ db, engine }: Database): Promise<void> {
  forgetColumnTypes(db);
  if (engine.name === 'postgres') {
    await sql`drop schema public cascade; create schema public`.execute(db);
    return;
  }
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  for (const t of tables.rows) await sql`drop table if exists ${sql.id(t.name)}`.execute(db);
}
