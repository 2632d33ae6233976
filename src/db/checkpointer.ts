/**
 * Background WAL checkpoints for a served SQLite database.
 *
 * In WAL mode every commit appends pages to the -wal file, and by default the committing connection itself
 * copies them back into the database once the log reaches 1,000 pages: a burst of page writes and two
 * fsyncs on the thread that serves requests, stalling every request in flight for milliseconds. A server
 * instead runs those checkpoints on a worker thread with its own connection (checkpoint-worker.ts), and the
 * serving connection only checkpoints itself as a safety net if the log grows far beyond the usual size
 * (the worker stopped, or cannot keep up).
 */
import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { CheckpointReport, CheckpointWorkerData } from './checkpoint-worker.ts';

export interface CheckpointerOptions {
  intervalMs?: number;
  minFrames?: number;
  /** Pages the log may reach before the serving connection checkpoints by itself. */
  safetyNetFrames?: number;
  /** Receives each checkpoint the worker ran (tests, diagnostics). */
  onCheckpoint?: (report: CheckpointReport) => void;
}

export interface Checkpointer {
  /** Asks for a checkpoint now instead of at the next interval. */
  kick(): void;
  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void>;
}

const DEFAULT_AUTOCHECKPOINT = 1000;

export function startCheckpointer(
  raw: DatabaseSync,
  path: string,
  opts: CheckpointerOptions = {},
): Checkpointer {
  const data: CheckpointWorkerData = {
    path,
    intervalMs: opts.intervalMs ?? 200,
    minFrames: opts.minFrames ?? 256,
  };
  raw.exec(`PRAGMA wal_autocheckpoint = ${opts.safetyNetFrames ?? 10_000}`);
  const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), { workerData: data });
  // The worker never keeps a finished process alive; stop() still ends it cleanly when the server closes.
  worker.unref();
  let stopped = false;
  worker.on('message', (msg: CheckpointReport | { error: string }) => {
    if ('error' in msg) console.warn(`database: background checkpoint failed (${msg.error}); retrying`);
    else opts.onCheckpoint?.(msg);
  });
  const fallBack = (why: string) => {
    if (stopped) return;
    stopped = true;
    console.warn(`database: background checkpoints stopped (${why}); the server checkpoints itself again`);
    if (raw.isOpen) raw.exec(`PRAGMA wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.on('error', (err: Error) => fallBack(err.message));
  worker.on('exit', (code) => fallBack(`exit code ${code}`));
  return {
    kick: () => {
      if (!stopped) worker.postMessage('tick');
    },
    stop: () => {
      if (stopped) return Promise.resolve();
      stopped = true;
      if (raw.isOpen) raw.exec(`PRAGMA wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
      return new Promise((resolve) => {
        worker.once('exit', () => resolve());
        // Held until the worker has run its last checkpoint and ended: unreferenced, a process whose servers
        // are already closed would exit while waiting here, leaving the close unfinished.
        worker.ref();
        worker.postMessage('stop');
      });
    },
  };
}
