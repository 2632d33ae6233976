/**
 * The background checkpointer's thread (see checkpointer.ts): its own connection to the SQLite file, which
 * copies committed WAL frames back into the database file whenever the WAL has grown — the page copies and
 * fsyncs a checkpoint costs, off the serving thread. PASSIVE checkpoints never wait for, or block, the
 * serving connection's readers and writers; a frame a reader still needs is simply left for the next round.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointWorkerData {
  path: string;
  /** Milliseconds between looks at the WAL. */
  intervalMs: number;
  /** Checkpoint once the WAL holds at least this many frames (pages). */
  minFrames: number;
}

export interface CheckpointReport {
  /** Frames in the WAL when the checkpoint ran, and how many of them it copied into the database. */
  frames: number;
  checkpointed: number;
}

const { path, intervalMs, minFrames } = workerData as CheckpointWorkerData;
const db = new DatabaseSync(path);
// The serving connection may hold the write lock for a moment; a checkpoint never needs to wait for it.
db.exec('PRAGMA busy_timeout = 0');
// A shared cache is not needed: a checkpoint reads WAL frames and writes database pages directly.
db.exec('PRAGMA cache_size = -2048');
const walState = db.prepare('PRAGMA wal_checkpoint(NOOP)');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function tick(): void {
  try {
    // NOOP only reads the WAL index: how many frames the log holds and how many are already copied.
    const state = walState.get() as { log: number; checkpointed: number };
    if (state.log - state.checkpointed >= minFrames) {
      const done = checkpoint.get() as { busy: number; log: number; checkpointed: number };
      parentPort?.postMessage({
        frames: done.log,
        checkpointed: done.checkpointed,
      } satisfies CheckpointReport);
    }
  } catch (err) {
    // SQLITE_BUSY (another checkpoint is running) and the like: the next tick tries again.
    parentPort?.postMessage({ error: (err as Error).message });
  }
}

const timer = setInterval(tick, intervalMs);
parentPort?.on('message', (msg: unknown) => {
  if (msg === 'stop') {
    clearInterval(timer);
    tick();
    db.close();
    parentPort?.close();
  } else if (msg === 'tick') {
    tick();
  }
});
