import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Config } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import { createDb, type Database, type EngineName } from '../../src/db/dialect.ts';
import { applyMigration, loadMigrations, type Migration } from '../../src/db/migrate.ts';
import { pgTemplateName, withDatabase } from '../global-setup.ts';

/**
 * The audit HMAC key of every test database, also given to `dtks` child processes (test/support/cli.ts), so
 * a chain written by the test and one checked by the CLI use one key (production: KEY_DIR or AUDIT_HMAC_KEY).
 */
export const TEST_AUDIT_HMAC_KEY = 'a5'.repeat(32);

/** The engines this run covers: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINES: EngineName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb {
  container: Container;
  url: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database (regions loaded) for one test file or test. */
export async function openTestDb(engine: EngineName, overrides: Partial<Config> = {}): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-t-'));
  const config: Config = { ...loadConfig({}), dataDir: dir, auditHmacKey: TEST_AUDIT_HMAC_KEY, ...overrides };
  if (engine === 'sqlite') {
    const url = join(dir, 'db.sqlite');
    copyFileSync(inject('sqliteTemplate'), url);
    const container = createContainer(createDb(url), config);
    return {
      container,
      url,
      cleanup: async () => {
        await container.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const runId = inject('pgRunId');
  const name = `dtks_test_${runId}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}" template "${pgTemplateName(runId)}"`);
  await admin.end();
  const url = withDatabase(base, name);
  const container = createContainer(createDb(url), config);
  return {
    container,
    url,
    cleanup: async () => {
      await container.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An empty database, not migrated (for migration tests): a new SQLite file or a new PostgreSQL database. */
export async function openEmptyDb(engine: EngineName): Promise<{ url: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-t-'));
  if (engine === 'sqlite') {
    return {
      url: join(dir, 'db.sqlite'),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `dtks_test_${inject('pgRunId')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  return {
    url: withDatabase(base, name),
    cleanup: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a migration's test: a new database migrated up to, not including, migration `name` (rows are written as
 * the tables were before it); `apply()` runs that migration in a transaction, as the migrator does; `close()`
 * closes and removes the database.
 */
export async function openDbBefore(
  engine: EngineName,
  name: string,
): Promise<{ database: Database; apply(): Promise<void>; close(): Promise<void> }> {
  const empty = await openEmptyDb(engine);
  const database = createDb(empty.url);
  const migrations = await loadMigrations();
  const at = migrations.findIndex((m) => m.name === name);
  if (at < 1) throw new Error(`openDbBefore: ${name} is not a migration after the first`);
  const run = (m: Migration) => database.db.transaction().execute((trx) => applyMigration(database, trx, m));
  for (const m of migrations.slice(0, at)) await run(m);
  return {
    database,
    apply: () => run(migrations[at]!),
    close: async () => {
      await database.close();
      await empty.cleanup();
    },
  };
}
