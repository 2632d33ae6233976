import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupFileError, type ManifestEntry, readArchive, writeArchive } from './archive.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('backup archive', () => {
  let dir: string;
  let file: string;
  const database = Buffer.from('SQLite format 3\0'.repeat(5000));
  const blob = Buffer.from('a photo of a house');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dtks-archive-'));
    writeFileSync(join(dir, 'db'), database);
    writeFileSync(join(dir, 'blob'), blob);
    file = join(dir, 'backup.dtksbak');
    await writeArchive(
      file,
      {
        createdAt: '2026-12-05T00:00:00.000Z',
        engine: 'sqlite',
        databaseFormat: 'sqlite-gzip',
        migrations: ['001_registry'],
        counts: { households: 2 },
      },
      [
        { name: 'database', path: join(dir, 'db') },
        { name: `blobs/${sha(blob)}`, path: join(dir, 'blob') },
      ],
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Reads `bytes` as a backup into a fresh staging folder; answers the manifest or the error. */
  async function read(bytes: Buffer) {
    const staging = mkdtempSync(join(dir, 'staging-'));
    const candidate = join(staging, 'candidate');
    writeFileSync(candidate, bytes);
    const target = (e: ManifestEntry) => join(staging, e.name === 'database' ? 'database' : e.sha256);
    return readArchive(candidate, target).then(
      (manifest) => ({ manifest, staging }),
      (error: unknown) => ({ error, staging }),
    );
  }

  it('round trip: the entries come back byte for byte with the manifest', async () => {
    const r = await read(readFileSync(file));
    expect('manifest' in r && r.manifest.counts).toEqual({ households: 2 });
    expect(readFileSync(join(r.staging, 'database'))).toEqual(database);
    expect(readFileSync(join(r.staging, sha(blob)))).toEqual(blob);
  });

  it('is written readable by its owner only', async () => {
    const { statSync } = await import('node:fs');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).some((n) => n.endsWith('.partial'))).toBe(false);
  });

  it('refuses a file with any one byte changed, wherever it is', async () => {
    const good = readFileSync(file);
    const positions = [
      0,
      5,
      20,
      200,
      1000,
      good.length / 2,
      good.length - 60,
      good.length - 2,
      good.length - 1,
    ];
    for (const at of positions.map(Math.floor)) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x01;
      const r = await read(bad);
      expect('error' in r && r.error, `byte ${at}`).toBeInstanceOf(BackupFileError);
    }
  });

  it('refuses a truncated file and one with bytes appended', async () => {
    const good = readFileSync(file);
    for (const length of [0, 10, 14, 100, good.length - 1000, good.length - 80, good.length - 1]) {
      const r = await read(good.subarray(0, length));
      expect('error' in r && r.error, `first ${length} bytes`).toBeInstanceOf(BackupFileError);
    }
    const padded = await read(Buffer.concat([good, Buffer.from('x')]));
    expect('error' in padded && padded.error).toBeInstanceOf(BackupFileError);
  });

  it('refuses a manifest naming a path outside the staging area or a blob under another hash', async () => {
    const good = readFileSync(file).toString('latin1');
    for (const [from, to] of [
      [`blobs/${sha(blob)}`, 'blobs/../../etc/passwd'],
      [`"name":"blobs/${sha(blob)}"`, `"name":"blobs/${'0'.repeat(64)}"`],
      ['"version":1', '"version":2'],
    ] as const) {
      const r = await read(Buffer.from(good.replace(from, to), 'latin1'));
      expect('error' in r && r.error, to).toBeInstanceOf(BackupFileError);
    }
  });
});
