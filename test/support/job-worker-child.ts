/**
 * Child process for test/medium/jobs.test.ts: a job worker on the given database that pauses after every
 * checkpoint, so the test can kill it with SIGKILL in the middle of a job.
 *   node test/support/job-worker-child.ts <database url> <data dir> [dci-private-callbacks]
 * Prints `checkpoint` after each committed step.
 */
import { loadConfig } from '../../src/config.ts';
import { createContainer } from '../../src/container.ts';
import { createDb } from '../../src/db/dialect.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';

const c = createContainer(createDb(process.argv[2]!), {
  ...loadConfig({}),
  dataDir: process.argv[3]!,
  // DCI callbacks to the test's server on 127.0.0.1 (test/http/dci.test.ts).
  ...(process.argv[4] === 'dci-private-callbacks' ? { dciAllowPrivateCallbacks: true } : {}),
});
const worker = new JobWorker(c.jobs, {
  leaseMs: 1000,
  afterCheckpoint: async () => {
    process.stdout.write('checkpoint\n');
    await new Promise((r) => setTimeout(r, 150));
  },
});
await worker.drain();
await c.close();
