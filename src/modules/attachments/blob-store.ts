/**
 * Content-addressed file storage outside the database: `<root>/ab/cd/<sha256>`. Uploads stream to a
 * temporary file while being hashed and counted; an oversized or interrupted upload leaves nothing behind.
 * Storing the same content twice stores it once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../domain/errors.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
  /** The first bytes, for content sniffing. */
  head: Buffer;
}

const HEAD_BYTES = 4100;

export class BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid blob id');
    return join(this.#root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable | Buffer, maxBytes: number): Promise<StoredBlob> {
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
        if (size > maxBytes) {
          throw new AppError(
            'too_large',
            'attachment.too_large',
            {
              id: `Berkas melebihi batas ${Math.round(maxBytes / 1024 / 1024)} MiB`,
              en: `File exceeds the ${Math.round(maxBytes / 1024 / 1024)} MiB limit`,
            },
            { extra: { maxBytes } },
          );
        }
        if (headLength < HEAD_BYTES) {
          heads.push(chunk);
          headLength += chunk.length;
        }
        hash.update(chunk);
        yield chunk;
      }
    }
    try {
      await pipeline(
        Buffer.isBuffer(source) ? [source] : source,
        meter,
        createWriteStream(tmp, { flags: 'wx' }),
      );
    } catch (err) {
      await rm(tmp, { force: true });
      if (err instanceof AppError) throw err;
      throw new AppError('validation', 'attachment.interrupted', {
        id: 'Unggahan terputus sebelum selesai; tidak ada yang disimpan',
        en: 'The upload was interrupted before it finished; nothing was stored',
      });
    }
    const sha256 = hash.digest('hex');
    const target = this.path(sha256);
    if (await exists(target)) {
      await rm(tmp, { force: true });
    } else {
      await mkdir(join(target, '..'), { recursive: true });
      await rename(tmp, target);
    }
    return { sha256, size, head: Buffer.concat(heads).subarray(0, HEAD_BYTES) };
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.path(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.path(sha256));
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
