/**
 * The household export job's crash and cancel semantics on every engine: a worker killed with SIGKILL in the
 * middle of an export, whose job another worker resumes from the checkpointed bytes, gives exactly the file a
 * direct export gives (no row twice, none missing); a run whose previous file is gone starts over and still
 * gives it; checkpoints (file synced, then bytes recorded) come every few pages; a cancelled export leaves no
 * file behind.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { HOUSEHOLD_EXPORT } from '../../src/modules/transfer/transfer.jobs.ts';
import { makeHousehold } from '../factories/households.ts';
import { importSeedCsv } from '../factories/households-csv.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const system = systemActor('test');
const N = 40;

async function seed(c: Container) {
  await importSeedCsv(
    c,
    Array.from({ length: N }, (_, i) => makeHousehold(PLACES.villageA, i)),
  );
}

const exportsDir = (c: Container) => join(c.config.dataDir, 'exports');
const files = (c: Container) => {
  try {
    return readdirSync(exportsDir(c));
  } catch {
    return [];
  }
};

async function direct(c: Container): Promise<string> {
  const { csv } = await c.transfer.exportHouseholdsCsv(system, { status: 'active' });
  return text(csv);
}

async function fileOf(c: Container, id: string): Promise<string> {
  const row = await c.database.db
    .selectFrom('jobs')
    .select('result')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const result = JSON.parse(row.result!) as { file: string };
  return readFileSync(join(exportsDir(c), result.file), 'utf8');
}

/** Runs a worker child on the database until it has committed `checkpoints` steps, then kills it with SIGKILL. */
async function killMidJob(t: TestDb, checkpoints: number) {
  const child = spawn(
    process.execPath,
    [resolve(import.meta.dirname, '../support/job-worker-child.ts'), t.url, t.container.config.dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let seen = 0;
  await new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString().split('checkpoint').length - 1;
      if (seen >= checkpoints) done();
    });
    child.on('exit', (code) => fail(new Error(`child ended first (${code})`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('close', r));
}

for (const engine of ENGINES) {
  describe(`household export job (${engine})`, () => {
    let t: TestDb;
    beforeEach(async () => {
      t = await openTestDb(engine);
      await seed(t.container);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('a worker killed with SIGKILL mid-export: another resumes it and the file has every row exactly once', async () => {
      const c = t.container;
      const job = await c.jobs.enqueue(system, HOUSEHOLD_EXPORT, {
        status: 'active',
        pageSize: 4,
        checkpointPages: 2,
      });
      await killMidJob(t, 4);
      const killed = await c.jobs.get(system, job.id);
      expect(killed.state).toBe('running');
      expect(killed.progress.done).toBeGreaterThan(0);
      expect(killed.progress.done).toBeLessThan(N);
      expect(files(c).some((f) => f.endsWith('.part'))).toBe(true);

      await new Promise((r) => setTimeout(r, 1100)); // the child's lease (1 s) runs out
      expect(await new JobWorker(c.jobs).runOne()).toBe(true);
      const v = await c.jobs.get(system, job.id);
      expect(v).toMatchObject({ state: 'done', attempts: 2, progress: { done: N, total: N } });
      expect(v.result).toMatchObject({ households: N });
      const content = await fileOf(c, job.id);
      expect(content).toBe(await direct(c));
      const ids = content
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').at(-7));
      expect(new Set(ids).size).toBe(N);
      // The killed run's unfinished file is gone; only the finished one stays.
      expect(files(c)).toEqual([`${job.id}-2.csv`]);
    });

    it('a resumed run whose previous file is gone starts over and still writes every row once', async () => {
      const c = t.container;
      const job = await c.jobs.enqueue(system, HOUSEHOLD_EXPORT, {
        status: 'active',
        pageSize: 4,
        checkpointPages: 2,
      });
      await killMidJob(t, 3);
      for (const f of files(c)) rmSync(join(exportsDir(c), f));
      await new Promise((r) => setTimeout(r, 1100));
      expect(await new JobWorker(c.jobs).runOne()).toBe(true);
      expect(await c.jobs.get(system, job.id)).toMatchObject({ state: 'done', result: { households: N } });
      expect(await fileOf(c, job.id)).toBe(await direct(c));
    });

    it('syncs and checkpoints every few pages, not every page, and still ends with every row', async () => {
      const c = t.container;
      const job = await c.jobs.enqueue(system, HOUSEHOLD_EXPORT, {
        status: 'active',
        pageSize: 4,
        checkpointPages: 3,
      });
      let steps = 0;
      const worker = new JobWorker(c.jobs, { afterCheckpoint: async () => void steps++ });
      expect(await worker.runOne()).toBe(true);
      expect(await c.jobs.get(system, job.id)).toMatchObject({
        state: 'done',
        progress: { done: N, total: N },
      });
      // The header, then after pages 3, 6 and 9 of 10 (one more if a page took EXPORT_CHECKPOINT_MS): not 11.
      expect(steps).toBeGreaterThanOrEqual(4);
      expect(steps).toBeLessThanOrEqual(6);
      expect(await fileOf(c, job.id)).toBe(await direct(c));
    });

    it('a cancelled export stops at its next checkpoint and leaves no file', async () => {
      const c = t.container;
      const job = await c.jobs.enqueue(system, HOUSEHOLD_EXPORT, {
        status: 'active',
        pageSize: 4,
        checkpointPages: 2,
      });
      let steps = 0;
      const worker = new JobWorker(c.jobs, {
        afterCheckpoint: async () => {
          if (++steps === 3) await c.jobs.cancel(system, job.id);
        },
      });
      expect(await worker.runOne()).toBe(true);
      const v = await c.jobs.get(system, job.id);
      expect(v.state).toBe('cancelled');
      expect(v.progress.done).toBeLessThan(N);
      expect(files(c)).toEqual([]);
    });
  });
}
