import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointReport } from './checkpoint-worker.ts';
import { createDb, serverCacheMib, serverOpenOptions, workerOpenOptions } from './dialect.ts';

describe('background checkpoints (SQLite file)', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function writeRows(db: ReturnType<typeof createDb>['db'], batches: number) {
    for (let b = 0; b < batches; b++) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 20; i++) {
          await sql`insert into t (b, payload) values (${b}, ${'x'.repeat(2000)})`.execute(trx);
        }
      });
    }
  }

  it('copies the WAL into the database file on the worker, and the data stays whole', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dtks-ckpt-'));
    const path = join(dir, 'db.sqlite');
    const reports: CheckpointReport[] = [];
    const d = createDb(path, {
      backgroundCheckpoints: { intervalMs: 10, minFrames: 16, onCheckpoint: (r) => reports.push(r) },
    });
    await sql`create table t (b integer, payload text)`.execute(d.db);
    // The serving connection leaves checkpoints to the worker: its own threshold is only a safety net.
    const auto = await sql<{ walAutocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(d.db);
    expect(auto.rows[0]!.walAutocheckpoint).toBe(10_000);

    await writeRows(d.db, 30); // ~600 rows of 2 kB: several hundred WAL pages, below the safety net
    const deadline = Date.now() + 10_000;
    while (!reports.some((r) => r.checkpointed > 0 && r.checkpointed === r.frames) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.some((r) => r.checkpointed > 0 && r.checkpointed === r.frames)).toBe(true);
    // The pages reached the database file itself, not only the log.
    expect(statSync(path).size).toBeGreaterThan(600 * 2000);
    await d.close();

    const check = new DatabaseSync(path, { readOnly: true });
    try {
      expect(check.prepare('select count(*) as n from t').get()).toEqual({ n: 600 });
      expect(check.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    } finally {
      check.close();
    }
  });

  it('is not started for an in-memory database, and close() ends the worker', async () => {
    const memory = createDb(':memory:', { backgroundCheckpoints: true });
    const auto = await sql<{ walAutocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(memory.db);
    expect(auto.rows[0]!.walAutocheckpoint).toBe(1000);
    await memory.close();

    dir = mkdtempSync(join(tmpdir(), 'dtks-ckpt-'));
    const d = createDb(join(dir, 'db.sqlite'), { backgroundCheckpoints: true });
    await sql`create table t (b integer, payload text)`.execute(d.db);
    await expect(d.close()).resolves.toBeUndefined();
  });
});

describe('closing a database with background checkpoints', () => {
  it('finishes even when nothing else keeps the process alive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtks-close-'));
    const path = join(dir, 'db.sqlite');
    try {
      const child = await new Promise<{ code: number | null; out: string }>((done) => {
        execFile(
          process.execPath,
          [resolve(import.meta.dirname, '../../test/support/checkpoint-close-child.ts'), path],
          { timeout: 30_000 },
          (err, out) => done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, out }),
        );
      });
      // Exit code 13 and no output: the process ended while close() still waited for the worker.
      expect(child).toEqual({ code: 0, out: 'closed\n' });
      // The last checkpoint ran: every row is in the database file, none only in the log.
      expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
      const check = new DatabaseSync(path, { readOnly: true });
      try {
        expect(check.prepare('select count(*) as n from t').get()).toEqual({ n: 200 });
      } finally {
        check.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite transactions take the write lock when they begin', () => {
  it('so a read-then-write transaction cannot be invalidated by another connection committing between', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtks-begin-'));
    const path = join(dir, 'db.sqlite');
    const d = createDb(path);
    const other = new DatabaseSync(path);
    try {
      await sql`create table t (n integer)`.execute(d.db);
      await sql`insert into t (n) values (1)`.execute(d.db);
      other.exec('PRAGMA busy_timeout = 0');
      await d.db.transaction().execute(async (trx) => {
        const before = await sql<{ n: number }>`select max(n) as n from t`.execute(trx);
        // Another writer (a CLI import, another process) cannot slip in between our read and our write…
        expect(() => other.exec('insert into t (n) values (100)')).toThrow(/locked|busy/i);
        // …so the write that depends on the read succeeds.
        await sql`insert into t (n) values (${before.rows[0]!.n + 1})`.execute(trx);
      });
      expect(other.prepare('select group_concat(n) as ns from t').get()).toEqual({ ns: '1,2' });
    } finally {
      other.close();
      await d.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite page cache size', () => {
  const GiB = 2 ** 30;

  it("a server's defaults to an eighth of the memory, between 64 MiB and 1 GiB", () => {
    expect(serverCacheMib({}, 2 * GiB)).toBe(256);
    expect(serverCacheMib({}, 24 * GiB)).toBe(1024);
    expect(serverCacheMib({}, 256 * 2 ** 20)).toBe(64);
    expect(serverCacheMib({ SQLITE_CACHE_MIB: '' }, 4 * GiB)).toBe(512);
    expect(serverOpenOptions({ SQLITE_CACHE_MIB: '200' })).toEqual({
      backgroundCheckpoints: true,
      cacheMib: 200,
    });
  });

  it("a job worker's checkpoints in the background and keeps the CLI's 64 MiB", () => {
    expect(workerOpenOptions()).toEqual({ backgroundCheckpoints: true });
  });

  it('takes SQLITE_CACHE_MIB as a whole number of MiB and refuses anything else', () => {
    expect(serverCacheMib({ SQLITE_CACHE_MIB: '32' }, 24 * GiB)).toBe(32);
    expect(serverCacheMib({ SQLITE_CACHE_MIB: '4096' }, 2 * GiB)).toBe(4096);
    for (const bad of ['0', '-5', '1.5', '64MB', ' 64', '1e3', '99999999']) {
      expect(() => serverCacheMib({ SQLITE_CACHE_MIB: bad })).toThrow(
        /SQLITE_CACHE_MIB must be a whole number/,
      );
    }
  });

  it('is what the connection is opened with: 64 MiB unless the caller asks for more', async () => {
    const cacheKib = async (d: ReturnType<typeof createDb>) => {
      const r = await sql<{ cacheSize: number }>`PRAGMA cache_size`.execute(d.db);
      await d.close();
      return -r.rows[0]!.cacheSize;
    };
    expect(await cacheKib(createDb(':memory:'))).toBe(64 * 1024);
    expect(await cacheKib(createDb(':memory:', { cacheMib: 300 }))).toBe(300 * 1024);
  });
});
