/**
 * Where the invitation letters' PDFs are written: in the job's own thread, or on a pool of worker threads
 * (src/lib/worker-pool.ts, invitations.worker.ts) so that villages are written in parallel on several cores
 * (a letter is ≈ 1 ms of CPU: text layout, the QR matrix, deflate, Ed25519 — 1,000,000 letters are
 * 13–16 CPU-minutes, bench/results/invitations.md).
 *
 * Either way the same function writes the same bytes (invitations.pdf.ts): the job's thread reads a village's
 * lines from the database page by page and hands each page to the worker that writes that village's file; the
 * worker streams its file to disk (waiting for it to drain) and takes the next page only when it holds less
 * than one page, so memory stays bounded per worker however large the village.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { WorkerPool } from '../../lib/worker-pool.ts';
import { type InvitationFile, type InvitationSigner, writeInvitationsPdf } from './invitations.pdf.ts';
import type { InvitationLine } from './receipts.service.ts';

/** Lines sent to a worker per message (the database reads them 500 per statement too). */
export const LINES_PER_MESSAGE = 500;

export interface VillageWriter {
  /** Villages written at once. */
  readonly lanes: number;
  /**
   * Writes one village's letters to `path` (removed again when writing fails or `signal` aborts it);
   * returns the letters written.
   */
  write(
    path: string,
    file: InvitationFile,
    lines: AsyncIterable<InvitationLine>,
    signal?: AbortSignal,
  ): Promise<number>;
  close(): Promise<void>;
}

/** Messages to a letters worker (invitations.worker.ts); a village is open, lines…, end (or abort). */
export type LettersCall =
  | { op: 'open'; path: string; file: InvitationFile; signer: InvitationSigner }
  | { op: 'lines'; lines: InvitationLine[] }
  | { op: 'end' }
  | { op: 'abort' };

/** Threads = 1: every village in the job's own thread, one after another. */
export function inThreadWriter(signer: InvitationSigner): VillageWriter {
  return {
    lanes: 1,
    async write(path, file, lines, signal) {
      const out = createWriteStream(path);
      try {
        return await writeInvitationsPdf(out, abortable(lines, signal), file, signer);
      } catch (err) {
        out.destroy();
        await rm(path, { force: true });
        throw err;
      }
    },
    close: async () => {},
  };
}

/** Threads ≥ 2: `size` worker threads, one village each at a time. */
export function threadWriter(signer: InvitationSigner, size: number): VillageWriter {
  const pool = new WorkerPool(new URL('./invitations.worker.ts', import.meta.url), {
    size,
    name: 'invitation letters',
  });
  return {
    lanes: pool.size,
    write: (path, file, lines, signal) =>
      pool.lease(async (w) => {
        const call = (msg: LettersCall) => w.call<number>(msg);
        await call({ op: 'open', path, file, signer });
        try {
          let page: InvitationLine[] = [];
          for await (const line of abortable(lines, signal)) {
            page.push(line);
            if (page.length === LINES_PER_MESSAGE) {
              await call({ op: 'lines', lines: page });
              page = [];
            }
          }
          if (page.length > 0) await call({ op: 'lines', lines: page });
          return await call({ op: 'end' });
        } catch (err) {
          await call({ op: 'abort' }).catch(() => {});
          await rm(path, { force: true });
          throw err;
        }
      }),
    close: () => pool.close(),
  };
}

/** The lines, stopping with the signal's reason once it aborts. */
async function* abortable<T>(items: AsyncIterable<T>, signal?: AbortSignal): AsyncGenerator<T> {
  for await (const item of items) {
    signal?.throwIfAborted();
    yield item;
  }
}
