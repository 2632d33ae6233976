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

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-test-'));
  const sqliteTemplate = join(dir, 'template.sqlite');
  const sqlite = createDb(sqliteTemplate);
  await migrateToLatest(sqlite);
  await sqlite.close();
  project.provide('sqliteTemplate', sqliteTemplate);

  const url = process.env.TEST_DATABASE_URL;
  // Databases of this run are named after its pid, so several runs (several engineers, CI) can share one
  // PostgreSQL server; leftovers of runs that died are dropped when their pid no longer exists.
  const runId = String(process.pid);
  const template = pgTemplateName(runId);
  project.provide('pgRunId', runId);
  if (url) {
    await dropDatabases(url, (owner) => !isAlive(Number(owner)));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${template}"`);
    await admin.end();
    const tpl = createDb(withDatabase(url, template));
    await migrateToLatest(tpl);
    await tpl.close();
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) await dropDatabases(url, (owner) => owner === runId);
  };
}

export function pgTemplateName(runId: string): string {
  return `dtks_test_${runId}_template`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops `dtks_test_<pid>_…` databases whose owning run matches. */
async function dropDatabases(url: string, matches: (ownerPid: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const all = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname like 'dtks_test_%'`,
  );
  for (const { datname } of all.rows) {
    const owner = /^dtks_test_(\d+)_/.exec(datname)?.[1];
    if (!owner || matches(owner)) await admin.query(`drop database if exists "${datname}" with (force)`);
  }
  await admin.end();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgRunId: string;
  }
}
