/**
 * `dtks backup` and `dtks restore`: the whole database and the attachments in one verified file
 * (archive.ts). A backup is a consistent snapshot — SQLite: the online backup API copies the live database
 * into a temporary file while the server keeps writing; PostgreSQL: pg_dump reads a snapshot exported by a
 * repeatable-read transaction, the same one the row counts are taken in. The blobs of every attachment in the
 * snapshot are packed beside it.
 *
 * A restore proves the whole file intact (every checksum, the manifest, its length) and checks that it fits —
 * same engine, migrations this version knows, an empty database unless forced — before it changes anything.
 * Then blobs first (unreferenced files are harmless), then the database in one step: SQLite's backup API
 * writes the target in one transaction (another process sees the old or the new database), pg_restore runs
 * in a single transaction. Afterwards the row counts are compared with the manifest.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DatabaseSync, backup as sqliteBackup } from 'node:sqlite';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import { createDb, type Database, uuidBlobsReread } from '../../db/dialect.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { AppError } from '../../domain/errors.ts';
import type { AttachmentsRepository } from '../attachments/attachments.repository.ts';
import type { BlobStore } from '../attachments/blob-store.ts';
import { BackupFileError, type Manifest, readArchive, writeArchive } from './archive.ts';
import { type BackupRepository, REFERENCE_TABLES } from './backup.repository.ts';
import { runPgTool } from './pg-tools.ts';

export interface BackupDeps {
  database: Database;
  /** The database's URL or SQLite path, with its password (pg_dump/pg_restore connect with it). */
  url: string;
  blobs: BlobStore;
  repo: BackupRepository;
  attachmentsRepo: AttachmentsRepository;
  /** Where temporary files go (the data directory: same file system as the blobs). */
  workDir: string;
}

export interface BackupReport {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  blobs: number;
  manifest: Manifest;
}

export interface RestoreReport {
  tables: number;
  rows: number;
  blobs: { stored: number; present: number };
  /** Tables whose rows differ from the manifest's count after the restore (empty when all match). */
  mismatches: { table: string; expected: number; actual: number }[];
  manifest: Manifest;
}

interface Snapshot {
  file: string;
  counts: Record<string, number>;
  migrations: string[];
  blobs: string[];
}

export class BackupService {
  readonly #deps: BackupDeps;

  constructor(deps: BackupDeps) {
    this.#deps = deps;
  }

  async backup(out: string): Promise<BackupReport> {
    const { database, blobs, workDir } = this.#deps;
    if (!(await stat(dirname(out)).catch(() => null))?.isDirectory()) {
      throw new AppError('validation', 'backup.out_folder_missing', { folder: dirname(out) });
    }
    const staging = await mkdtemp(join(await ensureDir(workDir), '.backup-'));
    try {
      const snap =
        database.engine.name === 'sqlite'
          ? await this.#sqliteSnapshot(staging)
          : await this.#pgSnapshot(staging);
      const missing: string[] = [];
      for (const sha of snap.blobs) if (!(await blobs.has(sha))) missing.push(sha);
      if (missing.length > 0) {
        throw new AppError('state', 'backup.blobs_missing', {
          count: missing.length,
          root: blobs.root,
          example: missing[0]!,
        });
      }
      const manifest = await writeArchive(
        out,
        {
          createdAt: new Date().toISOString(),
          engine: database.engine.name,
          databaseFormat: database.engine.name === 'sqlite' ? 'sqlite-gzip' : 'pg_dump-custom',
          migrations: snap.migrations,
          counts: snap.counts,
        },
        [
          { name: 'database', path: snap.file },
          ...snap.blobs.map((sha) => ({ name: `blobs/${sha}`, path: blobs.path(sha) })),
        ],
      );
      return {
        file: out,
        bytes: (await stat(out)).size,
        tables: Object.keys(snap.counts).length,
        rows: Object.values(snap.counts).reduce((a, b) => a + b, 0),
        blobs: snap.blobs.length,
        manifest,
      };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** The online backup API into a temporary file, then counts read from that copy. */
  async #sqliteSnapshot(staging: string): Promise<Snapshot> {
    const { database, repo, attachmentsRepo } = this.#deps;
    if (database.location === ':memory:') throw new Error('an in-memory database cannot be backed up');
    const file = join(staging, 'database.sqlite');
    const source = new DatabaseSync(database.location, { readOnly: true });
    try {
      // All pages in one step: a write by another connection between steps would restart the copy.
      await sqliteBackup(source, file, { rate: 2 ** 31 - 1 });
    } finally {
      source.close();
    }
    const copy = createDb(file);
    let snapshot: Snapshot;
    try {
      snapshot = {
        file,
        counts: await repo.tableCounts(copy.db),
        migrations: await repo.appliedMigrations(copy.db),
        blobs: await attachmentsRepo.blobsReferenced(copy.db),
      };
    } finally {
      await copy.close();
    }
    // A self-contained file (no -wal beside it), openable read-only when restored.
    const raw = new DatabaseSync(file);
    raw.exec('PRAGMA journal_mode = DELETE');
    raw.close();
    // Compressed, as pg_dump's archive is: a registry's pages are mostly text and indexes (~4× smaller).
    const packed = `${file}.gz`;
    await pipeline(createReadStream(file), createGzip({ level: 6 }), createWriteStream(packed));
    await rm(file);
    return { ...snapshot, file: packed };
  }

  /** pg_dump of the snapshot a repeatable-read transaction exports; the counts come from that transaction. */
  async #pgSnapshot(staging: string): Promise<Snapshot> {
    const { database, repo, attachmentsRepo, url } = this.#deps;
    const file = join(staging, 'database.pgdump');
    return database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const exported = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(
          trx,
        );
        const snapshot = {
          file,
          counts: await repo.tableCounts(trx),
          migrations: await repo.appliedMigrations(trx),
          blobs: await attachmentsRepo.blobsReferenced(trx),
        };
        await runPgTool(
          'pg_dump',
          [
            '--format=custom',
            '--no-owner',
            '--no-privileges',
            `--snapshot=${exported.rows[0]!.snapshot}`,
            `--file=${file}`,
          ],
          url,
        );
        return snapshot;
      });
  }

  async restore(file: string, opts: { force?: boolean } = {}): Promise<RestoreReport> {
    const { database, blobs, repo, workDir } = this.#deps;
    const staging = await mkdtemp(join(await ensureDir(workDir), '.restore-'));
    try {
      const manifest = await readArchive(file, (e) =>
        join(staging, e.name === 'database' ? 'database' : e.sha256),
      ).catch((err: unknown) => {
        if (err instanceof BackupFileError) throw refused(err.message);
        throw err;
      });
      if (manifest.engine !== database.engine.name) {
        throw refused(
          `it is a ${manifest.engine} backup and this database is ${database.engine.name}; restore it into a ${manifest.engine} database`,
        );
      }
      const known = (await loadMigrations()).map((m) => m.name);
      if (manifest.migrations.some((name, i) => known[i] !== name)) {
        throw refused(
          `it was made by a newer or different version of DTKS (migrations ${manifest.migrations.filter((n) => !known.includes(n)).join(', ') || 'in another order'}); restore it with that version`,
        );
      }
      const before = await repo.tableCounts(database.db);
      const holding = Object.entries(before).filter(([table, n]) => n > 0 && !REFERENCE_TABLES.has(table));
      if (holding.length > 0 && !opts.force) {
        throw new AppError('conflict', 'backup.target_not_empty', { tables: describe(holding) });
      }

      // pg_restore --clean replaces the dumped tables only: a table the backup lacks (a newer version's, or
      // someone else's) would survive beside an older migration list. Refused; SQLite replaces the whole file.
      const extra = Object.keys(before).filter((table) => !(table in manifest.counts));
      if (database.engine.name === 'postgres' && extra.length > 0) {
        throw new AppError('conflict', 'backup.target_has_other_tables', {
          tables: extra.slice(0, 5).join(', '),
        });
      }

      const stored = { stored: 0, present: 0 };
      for (const e of manifest.entries) {
        if (e.name === 'database') continue;
        stored[await blobs.adopt(e.sha256, join(staging, e.sha256))]++;
      }
      const staged = join(staging, 'database');
      if (database.engine.name === 'sqlite') {
        const unpacked = `${staged}.sqlite`;
        await pipeline(
          createReadStream(staged),
          createGunzip(),
          createWriteStream(unpacked, { mode: 0o600 }),
        );
        const source = new DatabaseSync(unpacked, { readOnly: true });
        try {
          await sqliteBackup(source, database.location, { rate: 2 ** 31 - 1 });
        } finally {
          source.close();
        }
        // A backup made before migration 083 holds text ids: the connection reads what the file records.
        uuidBlobsReread(database.db);
      } else {
        const name = new URL(this.#deps.url).pathname.replace(/^\//, '');
        await runPgTool(
          'pg_restore',
          [
            '--clean',
            '--if-exists',
            '--no-owner',
            '--no-privileges',
            '--single-transaction',
            '--exit-on-error',
            `--dbname=${decodeURIComponent(name)}`,
            staged,
          ],
          this.#deps.url,
        );
      }

      const after = await repo.tableCounts(database.db);
      const mismatches = Object.entries(manifest.counts)
        .filter(([table, n]) => after[table] !== n)
        .map(([table, expected]) => ({ table, expected, actual: after[table] ?? 0 }));
      return {
        tables: Object.keys(manifest.counts).length,
        rows: Object.values(manifest.counts).reduce((a, b) => a + b, 0),
        blobs: stored,
        mismatches,
        manifest,
      };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

/** The data directory may not exist yet on a fresh installation (restore is its first command). */
async function ensureDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return dir;
}

function refused(reason: string): AppError {
  return new AppError('validation', 'backup.file_refused', { reason });
}

function describe(tables: [string, number][]): string {
  const shown = tables.slice(0, 3).map(([t, n]) => `${t}: ${n}`);
  return tables.length > 3 ? `${shown.join(', ')}, …` : shown.join(', ');
}
