/**
 * A recipients evaluation thread (see recipients.evaluate.ts): evaluates the page slices it is sent, in order.
 * A slice sent without its snapshots comes with the database to read them from: the thread reads them on a
 * connection of its own, opened at the first such slice and kept for the thread's life (the pool is kept
 * between computations), so the job's thread — the one writer — does not read and copy them.
 */
import { parentPort } from 'node:worker_threads';
import { createDb, type Database } from '../../db/dialect.ts';
import { serveCalls } from '../../lib/worker-pool.ts';
import { type EvaluationInput, evaluatePacked, withSnapshots } from './recipients.evaluate.ts';
import { RecipientsRepository } from './recipients.repository.ts';

/** SQLite page cache of a thread's connection, in MiB: point look-ups, few pages read twice. */
const READER_CACHE_MIB = 8;

let reader: { url: string; database: Database; repo: RecipientsRepository } | null = null;

function readerOf(url: string) {
  if (reader?.url !== url) {
    void reader?.database.close();
    const database = createDb(url, { cacheMib: READER_CACHE_MIB });
    reader = { url, database, repo: new RecipientsRepository(database.engine) };
  }
  return reader;
}

serveCalls(parentPort, async (input: EvaluationInput) => {
  if (!('source' in input)) return evaluatePacked(input.settings, input.page);
  const { database, repo } = readerOf(input.source);
  const page = await withSnapshots(input.settings, input.page, (keys) => repo.snapshotsOf(database.db, keys));
  return evaluatePacked(input.settings, page);
});
