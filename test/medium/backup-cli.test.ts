/**
 * `dtks backup` and `dtks restore` on each engine: a backup of a database with
 * households, users, attachments and an audit chain, restored into an empty database and data directory,
 * reproduces every table row for row and every attachment file; the audit chain verifies. A non-empty target
 * is refused without --force and overwritten with it; a corrupt or truncated file is refused — with --force
 * too — before anything changes.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 2 as the shell sees them, stdout/stderr as pipes, --json):
 * the backup, the restore into an empty database and the `audit verify` after it, and the restore refused for
 * a non-empty target. The other runs use the same command tree inside the test's process (`runDtksInProcess`):
 * what they prove — --force, the refused files and folders, the missing pg_dump — is the commands' and
 * service's, not the process's.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import { createDb } from '../../src/db/dialect.ts';
import type { DB } from '../../src/db/schema/index.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { BackupRepository } from '../../src/modules/backup/backup.repository.ts';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { blobFiles } from '../support/blobs.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openEmptyDb, openTestDb, type TestDb } from '../support/db.ts';

const repo = new BackupRepository();

/** Every row of every table, as sorted JSON lines per table (regions compared by count: reference data). */
async function contents(db: Kysely<DB>): Promise<Record<string, string[]>> {
  const counts = await repo.tableCounts(db);
  const out: Record<string, string[]> = {};
  for (const table of Object.keys(counts)) {
    if (table === 'regions' || table === 'kysely_migration_lock') continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

async function fill(c: Container) {
  const admin = systemActor('test');
  await createUsers(c);
  for (let i = 0; i < 3; i++) {
    await c.households.create(admin, makeHousehold(PLACES.villageA, i + 1));
  }
  const photo = await c.attachments.ingest(jpegFile(300, 200, 30), 'house_front', 'rumah.jpg');
  const scan = await c.attachments.ingest(pdfFile('KK'), 'kk_copy', 'kk.pdf');
  await c.database.db.transaction().execute(async (trx) => {
    for (const [file, kind] of [
      [photo, 'house_front'],
      [scan, 'kk_copy'],
    ] as const) {
      await c.attachments.record(trx, admin, file, {
        ownerType: 'usulan',
        ownerId: '01900000-0000-7000-8000-00000000000a',
        kind,
        regionCode: PLACES.villageA,
      });
    }
  });
}

for (const engine of ENGINES) {
  describe(`dtks backup / restore (${engine})`, { timeout: 180_000 }, () => {
    let source: TestDb;
    let target: { url: string; cleanup(): Promise<void> };
    let targetDir: string;
    let work: string;
    let file: string;
    /** `dtks ARGS` on the target, in this process. */
    const onTarget = (...args: string[]) =>
      runDtksInProcess(args, { url: target.url, env: { DATA_DIR: targetDir } });
    /** `dtks ARGS` on the target, as a process of its own. */
    const spawnedOnTarget = (...args: string[]) =>
      runDtks(args, { url: target.url, env: { DATA_DIR: targetDir } });
    const targetDb = () => createDb(target.url);

    /** What a refused restore must leave as it was: every row and every blob file of the target. */
    async function targetState() {
      const d = targetDb();
      try {
        const c = createContainer(d, { ...loadConfig({}), dataDir: targetDir });
        return { rows: await contents(d.db), blobs: blobFiles(c) };
      } finally {
        await d.close();
      }
    }

    beforeAll(async () => {
      source = await openTestDb(engine);
      await fill(source.container);
      target = await openEmptyDb(engine);
      // Not created: a fresh installation's first command may be the restore.
      targetDir = join(mkdtempSync(join(tmpdir(), 'dtks-restore-')), 'data');
      work = mkdtempSync(join(tmpdir(), 'dtks-backup-'));
      file = join(work, 'dtks.backup');
    });
    afterAll(async () => {
      await source?.cleanup();
      await target?.cleanup();
      rmSync(dirname(targetDir), { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    });

    it('backup, then restore into an empty database: every table and attachment, audit chain intact', async () => {
      const backup = await runDtks(['backup', '--out', file, '--json'], {
        url: source.url,
        env: { DATA_DIR: source.container.config.dataDir },
      });
      expect(backup.code, backup.stderr).toBe(0);
      const summary = JSON.parse(backup.stdout);
      expect(summary.blobs).toBe(3); // the photo, its thumbnail, the scan

      const restore = await spawnedOnTarget('restore', file, '--json');
      expect(restore.code, restore.stderr + restore.stdout).toBe(0);
      const report = JSON.parse(restore.stdout);
      expect(report.mismatches).toEqual([]);
      expect(report.blobs).toEqual({ stored: 3, present: 0 });
      expect(report.audit.ok).toBe(true);

      const before = await contents(source.container.database.db);
      const after = await targetState();
      // The target's audit log holds one more entry: the restore's own.
      const { audit_log: sourceAudit, audit_chain: _sc, ...sourceRest } = before;
      const { audit_log: targetAudit, audit_chain: _tc, ...targetRest } = after.rows;
      expect(targetRest).toEqual(sourceRest);
      expect(targetAudit!.length).toBe(sourceAudit!.length + 1);
      for (const line of sourceAudit!) expect(targetAudit).toContain(line);
      expect(after.blobs).toEqual(blobFiles(source.container));
      expect(after.blobs).toHaveLength(3);

      const verify = await spawnedOnTarget('audit', 'verify');
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/audit chain intact/);
    });

    it('refuses a non-empty database without --force, changing nothing; overwrites it with --force', async () => {
      const before = await targetState();
      const refused = await spawnedOnTarget('restore', file);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/backup\.target_not_empty: The target database holds data .*--force/);
      expect(await targetState()).toEqual(before);

      const forced = await onTarget('restore', file, '--force', '--json');
      expect(forced.code, forced.stderr).toBe(0);
      expect(JSON.parse(forced.stdout).blobs).toEqual({ stored: 0, present: 3 });
    });

    it('refuses a corrupt or truncated file before changing anything, even with --force', async () => {
      const good = readFileSync(file);
      const before = await targetState();
      const corrupt = Buffer.from(good);
      corrupt[Math.floor(good.length / 2)]! ^= 0xff;
      const cases: [string, Buffer][] = [
        ['corrupt', corrupt],
        ['truncated', good.subarray(0, good.length - 100)],
        ['empty', Buffer.alloc(0)],
      ];
      for (const [what, bytes] of cases) {
        const bad = join(work, `${what}.backup`);
        writeFileSync(bad, bytes);
        const r = await onTarget('restore', bad, '--force');
        expect(r.code, `${what}: ${r.stdout}`).toBe(2);
        expect(r.stderr).toMatch(/backup\.file_refused: Backup file refused, nothing was changed/);
      }
      expect(await targetState()).toEqual(before);
      const missing = await onTarget('restore', join(work, 'absent.backup'));
      expect(missing.stderr).toMatch(/no such file/);
    });

    it('refuses an output folder that does not exist', async () => {
      const r = await runDtksInProcess(['backup', '--out', join(work, 'no', 'such', 'dir', 'x.backup')], {
        url: source.url,
        env: { DATA_DIR: source.container.config.dataDir },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /backup\.out_folder_missing: The folder .* does not exist; nothing was written/,
      );
    });

    if (engine === 'postgres') {
      it('refuses, even with --force, a target with tables the backup lacks (pg_restore would leave them)', async () => {
        const d = targetDb();
        try {
          await sql`create table from_a_newer_version (id integer)`.execute(d.db);
          const before = await targetState();
          const r = await onTarget('restore', file, '--force');
          expect(r.code).toBe(2);
          expect(r.stderr).toMatch(
            /backup\.target_has_other_tables: .*\(from_a_newer_version\); nothing was changed/,
          );
          expect(await targetState()).toEqual(before);
        } finally {
          await sql`drop table from_a_newer_version`.execute(d.db);
          await d.close();
        }
      });

      it('without pg_dump: a clear message and no file', async () => {
        const out = join(work, 'no-tool.backup');
        const r = await runDtksInProcess(['backup', '--out', out], {
          url: source.url,
          env: { DATA_DIR: source.container.config.dataDir, PG_DUMP_PATH: '/nonexistent/pg_dump' },
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          /backup\.pg_tool_missing: pg_dump was not found: install the PostgreSQL client tools/,
        );
        expect(existsSync(out)).toBe(false);
        expect(existsSync(`${out}.partial`)).toBe(false);
      });
    }
  });
}
