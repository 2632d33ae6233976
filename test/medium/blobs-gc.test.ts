/**
 * Collecting unreferenced blobs (`AttachmentsService.collectGarbage`, `dtks blobs gc`, and at server start):
 * a blob whose row was never written (the transaction failed after the blob was stored) and stale temporary
 * files go; every blob an attachment refers to — as its file or its thumbnail, also one shared by several
 * attachments — stays, and so does anything younger than the grace period (an upload in flight).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import { GC_GRACE_MS, type Ingested } from '../../src/modules/attachments/attachments.service.ts';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { PLACES } from '../support/app.ts';
import { ROOT, runDtks } from '../support/cli.ts';
import { actorFor, createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const HOUR = 60 * 60 * 1000;

/** Sets a file's times `ms` into the past, as if it had been written then. */
function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

function blobPath(c: Container, sha256: string): string {
  return join(c.config.dataDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function recordFor(c: Container, file: Ingested, ownerId: string): Promise<string> {
  const actor = await actorFor(c, 'op-gc');
  const row = await c.database.db.transaction().execute((trx) =>
    c.attachments.record(trx, actor, file, {
      ownerType: 'usulan',
      ownerId,
      kind: 'house_front',
      regionCode: PLACES.villageA,
    }),
  );
  return row.id;
}

for (const engine of ENGINES) {
  describe(`blobs gc (${engine})`, { timeout: 120_000 }, () => {
    let t: TestDb;
    let c: Container;

    beforeAll(async () => {
      t = await openTestDb(engine);
      c = t.container;
      await createUser(c, 'op-gc', 'operator_desa', PLACES.villageA);
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('removes an orphan of a failed transaction and stale temporary files, never a referenced blob', async () => {
      const photo = await c.attachments.ingest(jpegFile(300, 200, 40), 'house_front', 'rumah.jpg');
      expect(photo.thumbSha256).not.toBeNull();
      // Two attachments share one blob (the same photo attached twice).
      const ownerA = '01900000-0000-7000-8000-00000000000a';
      const ownerB = '01900000-0000-7000-8000-00000000000b';
      const first = await recordFor(c, photo, ownerA);
      await recordFor(
        c,
        await c.attachments.ingest(jpegFile(300, 200, 40), 'house_front', 'lagi.jpg'),
        ownerB,
      );

      // The blob is stored, then the transaction that would write its row fails.
      const orphan = await c.attachments.ingest(pdfFile('orphan'), 'kk_copy', 'kk.pdf');
      const actor = await actorFor(c, 'op-gc');
      await expect(
        c.database.db.transaction().execute(async (trx) => {
          await c.attachments.record(trx, actor, orphan, {
            ownerType: 'usulan',
            ownerId: ownerA,
            kind: 'kk_copy',
            regionCode: PLACES.villageA,
          });
          throw new Error('version conflict');
        }),
      ).rejects.toThrow('version conflict');
      const fresh = await c.attachments.ingest(pdfFile('in flight'), 'kk_copy', 'kk2.pdf');

      const tmp = join(c.config.dataDir, 'blobs', 'tmp');
      mkdirSync(tmp, { recursive: true });
      writeFileSync(join(tmp, 'stale-upload'), Buffer.alloc(1000));
      writeFileSync(join(tmp, 'current-upload'), Buffer.alloc(1000));
      for (const sha of [photo.sha256, photo.thumbSha256!, orphan.sha256]) age(blobPath(c, sha), 2 * HOUR);
      age(join(tmp, 'stale-upload'), 2 * HOUR);
      age(join(tmp, 'current-upload'), GC_GRACE_MS - 60_000);

      const report = await c.attachments.collectGarbage();
      expect(report).toEqual({ removedBlobs: 1, removedBytes: orphan.size, removedTemp: 1, kept: 3 });
      expect(existsSync(blobPath(c, orphan.sha256))).toBe(false);
      expect(existsSync(join(tmp, 'stale-upload'))).toBe(false);
      for (const sha of [photo.sha256, photo.thumbSha256!, fresh.sha256])
        expect(existsSync(blobPath(c, sha))).toBe(true);
      expect(existsSync(join(tmp, 'current-upload'))).toBe(true);
      const audit = await c.database.db
        .selectFrom('auditLog')
        .select(['actorUsername', 'details'])
        .where('action', '=', 'blobs.gc')
        .execute();
      expect(audit.map((a) => [a.actorUsername, JSON.parse(a.details)])).toEqual([
        ['system:blobs-gc', report],
      ]);

      // One of the two attachments sharing the blob goes: the other still refers to it.
      await c.database.db.deleteFrom('attachments').where('id', '=', first).execute();
      expect(await c.attachments.collectGarbage()).toMatchObject({ removedBlobs: 0, kept: 3 });
      expect(existsSync(blobPath(c, photo.sha256))).toBe(true);
      // Once no attachment refers to the photo and its thumbnail, both go.
      await c.database.db.deleteFrom('attachments').where('ownerId', '=', ownerB).execute();
      expect(await c.attachments.collectGarbage()).toMatchObject({ removedBlobs: 2, kept: 1 });
      expect(existsSync(blobPath(c, photo.sha256))).toBe(false);
      expect(existsSync(blobPath(c, photo.thumbSha256!))).toBe(false);
    });

    it('storing content again refreshes an orphan, so gc cannot take it while its row is being written', async () => {
      const once = await c.attachments.ingest(jpegFile(50, 50, 77), 'house_front', 'a.jpg');
      age(blobPath(c, once.sha256), 2 * HOUR);
      const again = await c.attachments.ingest(jpegFile(50, 50, 77), 'house_front', 'b.jpg');
      expect(again.sha256).toBe(once.sha256);
      await c.attachments.collectGarbage();
      expect(existsSync(blobPath(c, once.sha256))).toBe(true);
    });

    it('dtks blobs gc removes them from the command line', async () => {
      const orphan = await c.attachments.ingest(pdfFile('cli orphan'), 'kk_copy', 'kk.pdf');
      age(blobPath(c, orphan.sha256), 2 * HOUR);
      const r = await runDtks(['blobs', 'gc'], { url: t.url, env: { DATA_DIR: c.config.dataDir } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toMatch(
        /^blobs gc: removed 1 unreferenced blob\(s\) \(0\.0 MiB\) and 0 stale temporary file\(s\); kept \d+$/,
      );
      expect(existsSync(blobPath(c, orphan.sha256))).toBe(false);
      const json = await runDtks(['blobs', 'gc', '--json'], {
        url: t.url,
        env: { DATA_DIR: c.config.dataDir },
      });
      expect(JSON.parse(json.stdout)).toMatchObject({ removedBlobs: 0, removedTemp: 0 });
    });
  });
}

describe('blobs gc at server start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-gc-serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dtks serve collects unreferenced blobs once it listens', async () => {
    const db = join(dir, 'db.sqlite');
    copyFileSync(inject('sqliteTemplate'), db);
    const sha = 'ab'.repeat(32);
    const orphan = join(dir, 'blobs', 'ab', 'ab', sha);
    mkdirSync(join(orphan, '..'), { recursive: true });
    writeFileSync(orphan, 'left behind');
    age(orphan, 2 * HOUR);

    const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db,
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      },
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      out += d;
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no gc line; output: ${out}`)), 60_000);
        child.stdout.on('data', (d: string) => {
          out += d;
          const m = /^blobs gc: .*$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      expect(line).toBe(
        'blobs gc: removed 1 unreferenced blob(s) (0.0 MiB) and 0 stale temporary file(s); kept 0',
      );
      expect(existsSync(orphan)).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
