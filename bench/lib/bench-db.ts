/**
 * A seeded database for the HTTP benchmarks, on either engine: SQLite `bench/tmp/http-<N>.sqlite` or the
 * PostgreSQL database `dtks_bench_http_<N>` on `--pg` (default the local server), seeded once through the
 * real seed service (`dtks seed --households N --region 33.07`) and reused by later runs.
 *
 *   node bench/lib/bench-db.ts --engine sqlite|postgres [--households 100000] [--pg URL] [--pg-db NAME]
 *                              (seeds only; `--pg-db`: another database name than `dtks_bench_http_<N>`)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { createContainer } from '../../src/container.ts';
import { createDb } from '../../src/db/dialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { REGENCY } from './regency.ts';
import { flags, int } from './report.ts';

export type BenchEngine = 'sqlite' | 'postgres';

export function benchEngine(value: string | undefined): BenchEngine {
  const engine = value ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine sqlite|postgres');
  return engine;
}

/** The database's URL, seeded with `households` households in regency 33.07 unless it already holds them. */
export async function benchDatabase(
  engine: BenchEngine,
  households: number,
  pgBase = 'postgres://postgres@127.0.0.1:5432/postgres',
  pgName = `dtks_bench_http_${households}`,
): Promise<string> {
  let url: string;
  if (engine === 'sqlite') {
    mkdirSync('bench/tmp', { recursive: true });
    url = `bench/tmp/http-${households}.sqlite`;
  } else {
    const name = pgName;
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(pgBase);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const fresh = engine === 'sqlite' && !existsSync(url);
  const database = createDb(url);
  await migrateToLatest(database);
  const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-seed-'));
  const c = createContainer(database, { ...loadConfig({}), dataDir, auditHmacKey: 'c7'.repeat(32) });
  try {
    if (fresh || (await c.seed.isEmpty())) {
      const t = performance.now();
      const r = await c.seed.seed(systemActor('bench'), {
        households,
        regionCode: REGENCY,
        seed: 'http-bench',
      });
      console.error(
        `seeded ${r.created} households, ${r.persons} persons (${engine}) in ${Math.round(performance.now() - t)} ms`,
      );
    }
  } finally {
    await c.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return url;
}

/**
 * A new, empty PostgreSQL database `<prefix>_<pid>` for a benchmark that writes what a reused one cannot hold
 * twice; `drop()` removes it (also when the run failed).
 */
export async function freshPgDatabase(
  prefix: string,
  pgBase = 'postgres://postgres@127.0.0.1:5432/postgres',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: pgBase });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  const u = new URL(pgBase);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = flags();
  console.log(
    await benchDatabase(
      benchEngine(f.get('engine')),
      int(f.get('households'), 100_000),
      f.get('pg'),
      f.get('pg-db'),
    ),
  );
}
