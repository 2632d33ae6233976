/**
 * Content-addressed file storage outside the database: `<root>/ab/cd/<sha256>`. An upload streams to a
 * temporary file under `<root>/tmp` (same file system) while it is hashed and counted; only once the caller
 * has checked it is it renamed into place, atomically. A refused, oversized or interrupted upload leaves
 * nothing behind. Storing the same content twice stores it once, so several attachments may share a blob.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../domain/errors.ts';

/** Received bytes waiting in a temporary file for the checks: `commit()` stores them, `discard()` drops them. */
export interface PendingBlob {
  sha256: string;
  size: number;
  /** The first bytes, for content sniffing. */
  head: Buffer;
  /** The temporary file, to read the whole content for checks. */
  path: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  head: Buffer;
}

export interface GcReport {
  /** Blob files no attachment refers to, removed, and their bytes. */
  removedBlobs: number;
  removedBytes: number;
  /** Temporary files of uploads that never finished, removed. */
  removedTemp: number;
  /** Blob files kept: referenced, or unreferenced but younger than the grace period. */
  kept: number;
}

const HEAD_BYTES = 4100;
const SHA256 = /^[0-9a-f]{64}$/;
/** Blobs are looked up in the index this many at a time. */
const GC_BATCH = 500;

export class BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  get root(): string {
    return this.#root;
  }

  path(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('invalid blob id');
    return join(this.#root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Streams `source` into a temporary file, hashing and counting as it goes; more than `maxBytes` stops
   * the stream (413). The result is not stored until `commit()`.
   */
  async receive(source: Readable | Buffer, maxBytes: number): Promise<PendingBlob> {
    const tmpDir = join(this.#root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const heads: Buffer[] = [];
    let headLength = 0;
    async function* meter(chunks: AsyncIterable<Buffer> | Buffer[]) {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge(maxBytes);
        if (headLength < HEAD_BYTES) {
          heads.push(chunk);
          headLength += chunk.length;
        }
        hash.update(chunk);
        yield chunk;
      }
    }
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      await pipeline(Buffer.isBuffer(source) ? [source] : source, meter, out);
    } catch (err) {
      // A stream refused at once may still be opening its file: wait until it has closed, or the file it
      // creates after the `rm` below stays behind (an empty temporary file, seen under load).
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(tmp, { force: true });
      if (err instanceof AppError) throw err;
      throw new AppError('validation', 'attachment.interrupted');
    }
    const sha256 = hash.digest('hex');
    const target = this.path(sha256);
    return {
      sha256,
      size,
      head: Buffer.concat(heads).subarray(0, HEAD_BYTES),
      path: tmp,
      commit: async () => {
        if (await exists(target)) {
          // Already stored (maybe an orphan): refreshing its time keeps `gc` from taking it before the row
          // that is about to refer to it is written.
          const now = new Date();
          await utimes(target, now, now);
          await rm(tmp, { force: true });
        } else {
          await mkdir(join(target, '..'), { recursive: true });
          await rename(tmp, target);
        }
      },
      discard: () => rm(tmp, { force: true }),
    };
  }

  /** Stores content that needs no checks (what the system generates): `receive()` then `commit()`. */
  async put(source: Readable | Buffer, maxBytes: number): Promise<StoredBlob> {
    const pending = await this.receive(source, maxBytes);
    await pending.commit();
    return { sha256: pending.sha256, size: pending.size, head: pending.head };
  }

  /**
   * Moves a file whose content is known to hash to `sha256` (checked by the caller: a verified backup) into
   * the store; if the blob is already there, the file is removed. Across file systems it is copied first,
   * then renamed, so a blob is never seen half-written.
   */
  async adopt(sha256: string, file: string): Promise<'stored' | 'present'> {
    const target = this.path(sha256);
    if (await exists(target)) {
      await rm(file, { force: true });
      return 'present';
    }
    await mkdir(join(target, '..'), { recursive: true });
    try {
      await rename(file, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      const tmpDir = join(this.#root, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
      await copyFile(file, tmp);
      await rename(tmp, target);
      await rm(file, { force: true });
    }
    return 'stored';
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.path(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.path(sha256));
  }

  /**
   * Removes what no attachment refers to: blob files for which `referenced` (asked in batches) does not
   * answer their hash, and temporary files. Only files last modified before `olderThan` are touched: a blob
   * younger than that may belong to an upload whose row is being written right now.
   */
  async gc(referenced: (hashes: string[]) => Promise<Set<string>>, olderThan: Date): Promise<GcReport> {
    const report: GcReport = { removedBlobs: 0, removedBytes: 0, removedTemp: 0, kept: 0 };
    const cutoff = olderThan.getTime();
    for (const file of await files(join(this.#root, 'tmp'))) {
      const s = await statOrNull(file);
      if (s && s.mtimeMs < cutoff) {
        await rm(file, { force: true });
        report.removedTemp++;
      }
    }
    let batch: { sha256: string; path: string }[] = [];
    const sweep = async () => {
      const used = await referenced(batch.map((b) => b.sha256));
      for (const b of batch) {
        const s = used.has(b.sha256) ? null : await statOrNull(b.path);
        if (!s || s.mtimeMs >= cutoff) {
          report.kept++;
          continue;
        }
        await rm(b.path, { force: true });
        report.removedBlobs++;
        report.removedBytes += s.size;
      }
      batch = [];
    };
    for (const a of await dirs(this.#root, /^[0-9a-f]{2}$/)) {
      for (const b of await dirs(join(this.#root, a), /^[0-9a-f]{2}$/)) {
        for (const file of await files(join(this.#root, a, b))) {
          const sha256 = basename(file);
          if (!SHA256.test(sha256) || !sha256.startsWith(a + b)) continue;
          batch.push({ sha256, path: file });
          if (batch.length >= GC_BATCH) await sweep();
        }
      }
    }
    if (batch.length) await sweep();
    return report;
  }
}

function tooLarge(maxBytes: number): AppError {
  const mib = Math.round(maxBytes / 1024 / 1024);
  return new AppError('too_large', 'attachment.too_large', { mib }, { extra: { maxBytes } });
}

async function exists(p: string): Promise<boolean> {
  return (await statOrNull(p)) !== null;
}

async function statOrNull(p: string) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function dirs(dir: string, pattern: RegExp): Promise<string[]> {
  return (await entries(dir)).filter((e) => e.isDirectory() && pattern.test(e.name)).map((e) => e.name);
}

async function files(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((e) => e.isFile()).map((e) => join(dir, e.name));
}
