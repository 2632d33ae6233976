/**
 * The backup file: one file holding the database (a SQLite snapshot or a pg_dump archive) and the attachment
 * blobs, described by a manifest and guarded by checksums, so a restore can prove the whole file intact before
 * it changes anything.
 *
 *   DTKS-BACKUP 1\n
 *   <manifest, one line of JSON>\n
 *   <entry bytes, in manifest order, back to back>
 *   \nDTKS-BACKUP-END <sha256 of every byte before this trailer (before its leading newline)>\n
 *
 * Each entry carries its size and SHA-256 in the manifest; the trailer's hash covers the header, the manifest and
 * every entry, and nothing may follow it. A truncated file lacks the trailer; a flipped bit fails an entry's hash or
 * the trailer's. (A tar file would add no integrity of its own — its header checksums cover headers only — so the
 * manifest would be needed anyway; this format stays readable with `head -2`.)
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';

export const MAGIC = 'DTKS-BACKUP 1\n';
const TRAILER_PREFIX = '\nDTKS-BACKUP-END ';
/** The trailer: prefix, 64 hex digits, newline. */
const TRAILER_LENGTH = TRAILER_PREFIX.length + 64 + 1;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const ENTRY_NAME = /^(database|blobs\/[0-9a-f]{64})$/;

export interface ManifestEntry {
  name: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 'dtks-backup';
  version: 1;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  /** What the database entry is: a SQLite database file (gzip-compressed), or pg_dump's custom-format archive. */
  databaseFormat: 'sqlite-gzip' | 'pg_dump-custom';
  /** Migrations applied in the backed-up database, in order. */
  migrations: string[];
  /** Rows per table in the snapshot. */
  counts: Record<string, number>;
  entries: ManifestEntry[];
}

/** A backup file that cannot be trusted: named, with the reason, before anything was changed. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/**
 * Writes the backup file from files on disk: hashes each entry, then writes header, manifest, entries and
 * trailer to `<out>.partial` (mode 0600: it holds personal data) and renames it to `out` only when complete.
 */
export async function writeArchive(
  out: string,
  header: Omit<Manifest, 'entries' | 'format' | 'version'>,
  files: { name: string; path: string }[],
): Promise<Manifest> {
  const entries: ManifestEntry[] = [];
  for (const f of files) {
    if (!ENTRY_NAME.test(f.name)) throw new Error(`invalid entry name ${f.name}`);
    entries.push({ name: f.name, ...(await hashFile(f.path)) });
  }
  const manifest: Manifest = { format: 'dtks-backup', version: 1, ...header, entries };
  const partial = `${out}.partial`;
  const whole = createHash('sha256');
  const stream = createWriteStream(partial, { mode: 0o600 });
  try {
    await put(stream, whole, Buffer.from(MAGIC));
    await put(stream, whole, Buffer.from(`${JSON.stringify(manifest)}\n`));
    for (const [i, f] of files.entries()) {
      let size = 0;
      for await (const chunk of createReadStream(f.path)) {
        size += (chunk as Buffer).length;
        await put(stream, whole, chunk as Buffer);
      }
      if (size !== entries[i]!.size) throw new Error(`${f.path} changed while the backup was written`);
    }
    stream.write(`${TRAILER_PREFIX}${whole.digest('hex')}\n`);
    stream.end();
    await once(stream, 'finish');
    const fh = await open(partial, 'r+');
    await fh.sync();
    await fh.close();
    await rename(partial, out);
  } catch (err) {
    stream.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  return manifest;
}

async function put(stream: WriteStream, hash: Hash, chunk: Buffer): Promise<void> {
  hash.update(chunk);
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Reads and checks the whole file: header, manifest, every entry's size and hash, the trailer's hash, and that
 * nothing follows. Each entry's bytes go to the file `target(entry)` names (a staging area); the caller may use
 * them only once this resolves. Throws BackupFileError naming the first fault.
 */
export async function readArchive(file: string, target: (entry: ManifestEntry) => string): Promise<Manifest> {
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) throw new BackupFileError(`${file}: no such file`);
  const reader = new ByteReader(file);
  try {
    const magic = await reader.take(MAGIC.length);
    if (magic.toString('latin1') !== MAGIC)
      throw new BackupFileError('not a DTKS backup file (header missing)');
    const manifest = parseManifest(await reader.line(MAX_MANIFEST_BYTES));
    const declared = manifest.entries.reduce((n, e) => n + e.size, 0);
    if (reader.offset + declared + TRAILER_LENGTH !== size) {
      throw new BackupFileError(
        `file is ${size} bytes, its manifest describes ${reader.offset + declared + TRAILER_LENGTH}: truncated or padded`,
      );
    }
    for (const entry of manifest.entries) {
      const out = createWriteStream(target(entry), { flags: 'wx', mode: 0o600 });
      const hash = createHash('sha256');
      try {
        await reader.pipe(entry.size, async (chunk) => {
          hash.update(chunk);
          if (!out.write(chunk)) await once(out, 'drain');
        });
      } finally {
        out.end();
        await once(out, 'close');
      }
      if (hash.digest('hex') !== entry.sha256) {
        throw new BackupFileError(`entry ${entry.name} is corrupt (its SHA-256 does not match the manifest)`);
      }
    }
    const wholeDigest = reader.digest();
    const trailer = (await reader.take(TRAILER_LENGTH)).toString('latin1');
    if (trailer !== `${TRAILER_PREFIX}${wholeDigest}\n`) {
      throw new BackupFileError('the file checksum does not match (corrupt, or an entry was changed)');
    }
    return manifest;
  } finally {
    await reader.close();
  }
}

function parseManifest(line: Buffer): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(line.toString('utf8')) as Manifest;
  } catch {
    throw new BackupFileError('the manifest is not valid JSON (corrupt file)');
  }
  const valid =
    m?.format === 'dtks-backup' &&
    m.version === 1 &&
    (m.engine === 'sqlite' || m.engine === 'postgres') &&
    (m.databaseFormat === 'sqlite-gzip' || m.databaseFormat === 'pg_dump-custom') &&
    Array.isArray(m.migrations) &&
    m.migrations.every((n) => typeof n === 'string') &&
    typeof m.counts === 'object' &&
    m.counts !== null &&
    Object.values(m.counts).every((n) => Number.isSafeInteger(n) && n >= 0) &&
    Array.isArray(m.entries) &&
    m.entries.every(
      (e) =>
        typeof e?.name === 'string' &&
        ENTRY_NAME.test(e.name) &&
        Number.isSafeInteger(e.size) &&
        e.size >= 0 &&
        typeof e.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(e.sha256) &&
        (e.name === 'database' || e.name === `blobs/${e.sha256}`),
    ) &&
    m.entries.filter((e) => e.name === 'database').length === 1 &&
    new Set(m.entries.map((e) => e.name)).size === m.entries.length;
  if (!valid) throw new BackupFileError('the manifest is not a DTKS backup manifest of version 1');
  return m;
}

/** Sequential reads of exact byte counts from a file, hashing everything read (the trailer's checksum). */
class ByteReader {
  readonly #iterator: AsyncIterator<Buffer>;
  readonly #stream: ReturnType<typeof createReadStream>;
  readonly #hash = createHash('sha256');
  #pending: Buffer = Buffer.alloc(0);
  #hashing = true;
  offset = 0;

  constructor(file: string) {
    this.#stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
    this.#iterator = this.#stream[Symbol.asyncIterator]();
  }

  /** The hash of everything read so far; later reads are no longer hashed. */
  digest(): string {
    this.#hashing = false;
    return this.#hash.digest('hex');
  }

  async #fill(): Promise<boolean> {
    const next = await this.#iterator.next();
    if (next.done) return false;
    this.#pending = this.#pending.length ? Buffer.concat([this.#pending, next.value]) : next.value;
    return true;
  }

  #consume(n: number): Buffer {
    const out = this.#pending.subarray(0, n);
    this.#pending = this.#pending.subarray(n);
    this.offset += n;
    if (this.#hashing) this.#hash.update(out);
    return out;
  }

  async take(n: number): Promise<Buffer> {
    while (this.#pending.length < n) {
      if (!(await this.#fill())) throw new BackupFileError('the file ends early (truncated)');
    }
    return Buffer.from(this.#consume(n));
  }

  async line(max: number): Promise<Buffer> {
    let searched = 0;
    for (;;) {
      const at = this.#pending.indexOf(10, searched);
      if (at !== -1) {
        const line = Buffer.from(this.#consume(at + 1));
        return line.subarray(0, at);
      }
      searched = this.#pending.length;
      if (searched > max) throw new BackupFileError('the manifest is too long (corrupt file)');
      if (!(await this.#fill())) throw new BackupFileError('the file ends early (truncated)');
    }
  }

  async pipe(n: number, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.#pending.length === 0 && !(await this.#fill())) {
        throw new BackupFileError('the file ends early (truncated)');
      }
      const chunk = this.#consume(Math.min(left, this.#pending.length));
      left -= chunk.length;
      await sink(chunk);
    }
  }

  async close(): Promise<void> {
    this.#stream.destroy();
  }
}
