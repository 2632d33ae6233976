/**
 * Builds one migrated template database per engine (regions loaded once), so each test file starts from a
 * cheap copy: a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export const PG_TEMPLATE = 'dtks_test_template';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-test-'));
  const sqliteTemplate = join(dir, 'template.sqlite');
  const sqlite = createDb(sqliteTemplate);
  await migrateToLatest(sqlite);
  await sqlite.close();
  project.provide('sqliteTemplate', sqliteTemplate);

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname like 'dtks_test_%' and pid <> pg_backend_pid()`,
    );
    const old = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'dtks_test_%'`,
    );
    for (const { datname } of old.rows) await admin.query(`drop database if exists "${datname}"`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const tpl = createDb(withDatabase(url, PG_TEMPLATE));
    await migrateToLatest(tpl);
    await tpl.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
  }
}
