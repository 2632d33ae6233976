/**
 * The files household.export jobs write, under `<dataDir>/exports` (shared by every server that runs jobs or
 * answers downloads, like `blobs/`).
 *
 * - Each run (attempt) of a job writes its own `<job>-<attempt>.csv.part`, appending page after page and
 *   syncing before the job's checkpoint records the bytes (every few pages or seconds, not every page): a
 *   worker that lost its lease but still runs can never write into the file of the worker that took the job
 *   over.
 * - A run that resumes copies exactly the checkpointed bytes of the previous run's file into its own, so a
 *   page written after the last checkpoint (the crash came before it committed) is dropped and written again.
 * - Only a finished run renames its file to `<job>-<attempt>.csv`: a `.part` is never offered for download.
 * - Files older than the retention (EXPORT_TTL_HOURS) are removed by `sweep`, which every export run calls.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A run's file name: job id (UUID), attempt, extension. Anything else is never opened. */
const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\d{1,6}\.csv(\.part)?$/;

const DEFAULT_TTL_HOURS = 24;

/** Where a run stands, saved by the job's checkpoint. */
export interface ExportFileState {
  /** The run's `.part` file. */
  file: string;
  /** Bytes written and synced when the checkpoint was taken. */
  bytes: number;
}

export interface ExportFileWriter {
  readonly name: string;
  /** Bytes in the file so far (resumed ones included). */
  readonly bytes: number;
  /** Appends, unsynced: a checkpoint may record the bytes only after `sync`. */
  append(content: string | Uint8Array): Promise<void>;
  /** Syncs what was appended (fdatasync): once this resolves, a checkpoint may record the bytes. */
  sync(): Promise<void>;
  /** Closes and renames the file to its final name; answers that name and its size. */
  publish(): Promise<{ file: string; bytes: number }>;
  /** Closes the file, keeping it for a later run to resume from. */
  close(): Promise<void>;
  /** Closes and removes the file (the job was cancelled): nothing half-written stays. */
  discard(): Promise<void>;
}

export class ExportFiles {
  readonly #dir: string;
  readonly #ttlMs: number;
  readonly #now: () => Date;

  constructor(dir: string, ttlHours: number | undefined, now: () => Date) {
    this.#dir = dir;
    this.#ttlMs = (ttlHours ?? DEFAULT_TTL_HOURS) * 3_600_000;
    this.#now = now;
  }

  /** When a file finished now expires. */
  expiresAt(): string {
    return new Date(this.#now().getTime() + this.#ttlMs).toISOString();
  }

  /**
   * The file of run `attempt` of `job`: empty, or holding exactly the `resume.bytes` the previous run's
   * checkpoint recorded. When that file is gone or shorter (removed by the sweep, a lost disk), `bytes` is 0
   * and the caller starts over. Other runs' `.part` files of the job are removed.
   */
  async writer(job: string, attempt: number, resume: ExportFileState | null): Promise<ExportFileWriter> {
    await mkdir(this.#dir, { recursive: true });
    const name = `${job}-${attempt}.csv.part`;
    const path = join(this.#dir, name);
    let bytes = 0;
    if (resume && resume.bytes > 0 && FILE_NAME.test(resume.file) && resume.file !== name) {
      const from = join(this.#dir, resume.file);
      const size = await stat(from).then(
        (s) => s.size,
        () => -1,
      );
      if (size >= resume.bytes) {
        await pipeline(
          createReadStream(from, { start: 0, end: resume.bytes - 1 }),
          createWriteStream(path, { flags: 'w' }),
        );
        bytes = resume.bytes;
      }
    }
    for (const other of await readdir(this.#dir)) {
      if (other !== name && other.startsWith(`${job}-`) && other.endsWith('.part')) {
        await unlinkQuietly(join(this.#dir, other));
      }
    }
    const handle: FileHandle = await open(path, bytes > 0 ? 'r+' : 'w');
    let closed = false;
    const close = async () => {
      if (!closed) {
        closed = true;
        await handle.close();
      }
    };
    const finalName = name.slice(0, -'.part'.length);
    const dir = this.#dir;
    return {
      name,
      get bytes() {
        return bytes;
      },
      async append(content) {
        const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        await handle.write(buffer, 0, buffer.length, bytes);
        bytes += buffer.length;
      },
      async sync() {
        await handle.datasync();
      },
      async publish() {
        await handle.truncate(bytes);
        await handle.datasync();
        await close();
        await rename(path, join(dir, finalName));
        return { file: finalName, bytes };
      },
      close,
      async discard() {
        await close();
        await unlinkQuietly(path);
      },
    };
  }

  /** A finished file for download, or null when it expired (then it is removed) or is gone. */
  async read(file: string, expiresAt: string): Promise<{ stream: Readable; size: number } | null> {
    if (!FILE_NAME.test(file) || file.endsWith('.part')) return null;
    const path = join(this.#dir, file);
    if (this.#now().getTime() >= Date.parse(expiresAt)) {
      await unlinkQuietly(path);
      return null;
    }
    try {
      const handle = await open(path, 'r');
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    } catch {
      return null;
    }
  }

  /** Removes export files (finished or abandoned `.part`) last written longer ago than the retention. */
  async sweep(): Promise<number> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    const before = this.#now().getTime() - this.#ttlMs;
    let removed = 0;
    for (const name of names) {
      if (!FILE_NAME.test(name)) continue;
      const path = join(this.#dir, name);
      const s = await stat(path).catch(() => null);
      if (s && s.mtimeMs < before) {
        await unlinkQuietly(path);
        removed++;
      }
    }
    return removed;
  }
}

async function unlinkQuietly(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
