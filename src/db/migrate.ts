/**
 * Forward-only migrations, each in one transaction, recorded in `schema_migrations`.
 * Migrations are plain modules listed in order below (no directory scanning), portable across engines:
 * they get the engine's capability values and use Kysely's schema builder, never engine-specific SQL.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, DbEngine } from './dialect.ts';
import { registryMigration } from './migrations/001_registry.ts';
import { regionsMigration } from './migrations/002_regions.ts';
import { socialRegistersMigration } from './migrations/003_social_registers.ts';
import { cycleMigration } from './migrations/004_cycle.ts';
import { penetapanMigration } from './migrations/005_penetapan.ts';
import { verivaliDukcapilMigration } from './migrations/005_verivali_dukcapil.ts';
import { penetapanSnapshotMigration } from './migrations/006_penetapan_snapshot.ts';
import { householdCountsMigration } from './migrations/007_household_counts.ts';
import { penetapanChangesMigration } from './migrations/007_penetapan_changes.ts';
import { loginThrottleMigration } from './migrations/008_login_throttle.ts';
import { penetapanSkSequenceMigration } from './migrations/008_penetapan_sk_sequence.ts';
import { householdSearchIndexesMigration } from './migrations/009_household_search_indexes.ts';
import { loginAttemptsMigration } from './migrations/014_login_attempts.ts';

export interface Migration {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
  up(db: Kysely<any>, engine: DbEngine): Promise<void>;
}

export const migrations: Migration[] = [
  registryMigration,
  regionsMigration,
  socialRegistersMigration,
  cycleMigration,
  penetapanMigration,
  penetapanSnapshotMigration,
  penetapanChangesMigration,
  penetapanSkSequenceMigration,
  verivaliDukcapilMigration,
  householdCountsMigration,
  loginThrottleMigration,
  householdSearchIndexesMigration,
  loginAttemptsMigration,
];

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function migrateToLatest({ db, engine }: Database): Promise<MigrationReport> {
  // biome-ignore lint/suspicious/noExplicitAny: the bookkeeping table is not part of the domain schema
  const anyDb = db as unknown as Kysely<any>;
  await anyDb.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const done = new Set(
    (await anyDb.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name as string),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    await anyDb.transaction().execute(async (trx) => {
      // Claim the migration first: a second process migrating at the same time fails on the primary key
      // and rolls back instead of applying it twice.
      await trx
        .insertInto('schema_migrations')
        .values({ name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      await migration.up(trx, engine);
    });
    applied.push(migration.name);
  }
  return { applied, alreadyApplied: done.size };
}

/** Drops every table (tests only). */
export async function resetDatabase({ db, engine }: Database): Promise<void> {
  if (engine.name === 'postgres') {
    await sql`drop schema public cascade; create schema public`.execute(db);
    return;
  }
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  for (const t of tables.rows) await sql`drop table if exists ${sql.id(t.name)}`.execute(db);
}
