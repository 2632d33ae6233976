/**
 * The job queue on every engine: parameters refused before queuing, lease expiry and takeover (the old
 * worker can no longer commit), cancel (queued at once; running at its next checkpoint, that step rolled
 * back), two workers sharing the queue never running one job twice, and a worker killed with SIGKILL in the
 * middle of an import whose job another worker resumes: every household exactly once.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Container } from '../../src/container.ts';
import { createContainer } from '../../src/container.ts';
import { createDb } from '../../src/db/dialect.ts';
import { AppError } from '../../src/domain/errors.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { JobStopped } from '../../src/modules/jobs/jobs.service.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { HOUSEHOLD_IMPORT } from '../../src/modules/transfer/transfer.jobs.ts';
import { makeHousehold } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { PLACES, USERS } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

const system = systemActor('test');

function userActor(username: string): Actor {
  const u = USERS.find((x) => x.username === username)!;
  return { userId: null, username, role: u.role, regionCode: u.regionCode, ip: null, userAgent: 'vitest' };
}

const households = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => makeHousehold(PLACES.villageA, from + i));

function queueImport(c: Container, n: number, chunkSize: number) {
  const content = Buffer.from(householdsCsv(households(n)));
  return c.jobs.enqueue(
    system,
    HOUSEHOLD_IMPORT,
    { source: 'jobs.csv', acceptWarnings: false, chunkSize },
    { name: 'jobs.csv', content },
  );
}

async function jobCount(c: Container) {
  const r = await c.database.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

for (const engine of ENGINES) {
  describe(`jobs (${engine})`, () => {
    let t: TestDb;
    beforeEach(async () => {
      t = await openTestDb(engine);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('refuses invalid parameters, an unknown kind and a missing file before anything is queued', async () => {
      const c = t.container;
      const refused = async (p: Promise<unknown>) => {
        const err = await p.then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AppError);
        return err as AppError;
      };
      const bad = await refused(
        c.jobs.enqueue(
          system,
          HOUSEHOLD_IMPORT,
          { source: '', acceptWarnings: 'yes', extra: 1 },
          { name: 'x.csv', content: Buffer.from('kk_number\n') },
        ),
      );
      expect(bad.kind).toBe('validation');
      expect(bad.issues.map((i) => i.field).sort()).toEqual([
        'params.acceptWarnings',
        'params.extra',
        'params.source',
      ]);
      expect((await refused(c.jobs.enqueue(system, 'no.such.kind', {}))).code).toBe('job.unknown_kind');
      expect(
        (await refused(c.jobs.enqueue(system, HOUSEHOLD_IMPORT, { source: 'a.csv', acceptWarnings: false })))
          .code,
      ).toBe('job.input_required');
      const operator = await refused(
        c.jobs.enqueue(
          userActor('op-a'),
          HOUSEHOLD_IMPORT,
          { source: 'a.csv', acceptWarnings: false },
          { name: 'a.csv', content: Buffer.from('x') },
        ),
      );
      expect(operator.code).toBe('access.forbidden');
      // A file whose header cannot be read is refused by the import before it is queued.
      const header = await refused(
        c.transfer.startImport(system, [Buffer.from('kk_number,nama\n1,2\n')], {
          source: 'h.csv',
          acceptWarnings: false,
        }),
      );
      expect(header.kind).toBe('validation');
      expect(await jobCount(c)).toBe(0);
    });

    it('runs an import job to its end: progress, result and the households, once', async () => {
      const c = t.container;
      const job = await queueImport(c, 12, 5);
      expect(job).toMatchObject({ state: 'queued', progress: { done: 0, total: null } });
      expect(await new JobWorker(c.jobs).drain()).toBe(1);
      const done = await c.jobs.get(system, job.id);
      expect(done).toMatchObject({ state: 'done', attempts: 1, error: null });
      const lines = households(12).reduce((n, h) => n + h.members.length, 0);
      expect(done.progress).toEqual({ phase: 'import', done: lines, total: lines });
      expect(done.result).toMatchObject({ households: 12, created: 12, unchanged: 0, rejected: 0, rows: [] });
      expect((await rowCounts(c)).households).toBe(12);
    });

    it('an expired lease is taken over; the worker that lost it can neither checkpoint nor finish', async () => {
      const c = t.container;
      const job = await queueImport(c, 3, 5);
      // A lease long enough that the second claim comes inside it even on a loaded machine (50 ms did not).
      const first = await c.jobs.claim('worker-a', 1_000);
      expect(first?.id).toBe(job.id);
      expect(await c.jobs.claim('worker-b', 1_000)).toBeUndefined(); // leased, not expired yet
      await new Promise((r) => setTimeout(r, 1_100));
      const taken = await c.jobs.claim('worker-b', 60_000);
      expect(taken).toMatchObject({ id: job.id, leaseOwner: 'worker-b', attempts: 2, state: 'running' });
      expect(await c.jobs.renew(job.id, 'worker-a', 60_000)).toBeUndefined();
      await expect(
        c.jobs.checkpoint(job.id, 'worker-a', { phase: 'x', done: 1, total: 1 }, { a: 1 }, undefined),
      ).rejects.toEqual(new JobStopped('lease_lost'));
      expect(await c.jobs.finish(job.id, 'worker-a', { state: 'done', result: {} })).toBe(false);
      expect(await c.jobs.finish(job.id, 'worker-b', { state: 'done', result: { ok: 1 } })).toBe(true);
      expect(await c.jobs.get(system, job.id)).toMatchObject({ state: 'done', result: { ok: 1 } });
    });

    it('cancel: a queued job at once; a running one at its next checkpoint, its step rolled back', async () => {
      const c = t.container;
      const queued = await queueImport(c, 2, 5);
      expect(await c.jobs.cancel(system, queued.id)).toMatchObject({ state: 'cancelled' });
      expect(await new JobWorker(c.jobs).drain()).toBe(0);
      await expect(c.jobs.cancel(system, queued.id)).rejects.toMatchObject({ code: 'job.finished' });

      const running = await queueImport(c, 20, 5);
      let cancelled: Promise<unknown> | null = null;
      const worker = new JobWorker(c.jobs, {
        afterCheckpoint: async () => {
          // Not awaited: the hook runs inside the chunk's transaction, which the cancel must wait for. The
          // pause lets the cancel commit before the next chunk reaches its checkpoint.
          cancelled ??= c.jobs.cancel(system, running.id);
          await new Promise((r) => setTimeout(r, 100));
        },
      });
      await worker.drain();
      await cancelled;
      const v = await c.jobs.get(system, running.id);
      expect(v).toMatchObject({ state: 'cancelled', cancelRequested: true, result: null });
      // Whole chunks committed with their checkpoints; the chunk whose checkpoint found the cancel was rolled
      // back with it: nothing half-written, and the progress counts exactly what stayed.
      const counts = await rowCounts(c);
      expect(counts.households % 5).toBe(0);
      expect(counts.households).toBeGreaterThanOrEqual(5);
      expect(counts.households).toBeLessThan(20);
      const kept = households(counts.households);
      expect(counts.persons).toBe(kept.reduce((n, h) => n + h.members.length, 0));
      expect(counts.recordVersions).toBe(counts.households);
      expect(v.progress.done).toBe(counts.persons);
    });

    it('two workers share the queue and never run one job twice (PostgreSQL: separate connections)', async () => {
      const runs: string[] = [];
      const register = (c: Container) => {
        c.jobs.register({
          kind: 'test.tally',
          authorize: () => {},
          label: { id: 'uji', en: 'test' },
          params: z.strictObject({ n: z.int() }),
          async run(ctx) {
            runs.push(ctx.id);
            await new Promise((r) => setTimeout(r, 5));
            await ctx.checkpoint({ phase: 'tally', done: 1, total: 1 });
            return { n: ctx.params.n };
          },
        });
        return c;
      };
      // SQLite: one writer; node:sqlite blocks the thread while it waits for a lock, so two connections in one
      // process would wait on each other: the workers share the process's connection (the SIGKILL test below
      // has a second process).
      const separate = engine === 'postgres';
      const make = () => register(createContainer(createDb(t.url), t.container.config));
      const a = make();
      const b = separate ? make() : a;
      try {
        const ids: string[] = [];
        for (let n = 0; n < 30; n++) ids.push((await a.jobs.enqueue(system, 'test.tally', { n })).id);
        const [ranA, ranB] = await Promise.all([
          new JobWorker(a.jobs, { id: 'a' }).drain(),
          new JobWorker(b.jobs, { id: 'b' }).drain(),
        ]);
        expect(ranA + ranB).toBe(30);
        expect(runs.toSorted()).toEqual(ids.toSorted());
        const states = await a.jobs.countsByState();
        expect(states).toEqual({ queued: 0, running: 0, done: 30, failed: 0, cancelled: 0 });
        if (engine === 'postgres') {
          // Both really worked: SKIP LOCKED handed each its own rows instead of serializing them.
          expect(ranA).toBeGreaterThan(0);
          expect(ranB).toBeGreaterThan(0);
        }
      } finally {
        await a.close();
        if (separate) await b.close();
      }
    });

    it('a worker killed with SIGKILL mid-import: another takes the job over and every household is there once', async () => {
      const c = t.container;
      const n = 40;
      const job = await queueImport(c, n, 4);
      const child = spawn(
        process.execPath,
        [resolve(import.meta.dirname, '../support/job-worker-child.ts'), t.url, c.config.dataDir],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let seen = 0;
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString().split('checkpoint').length - 1;
          if (seen >= 3) done();
        });
        child.on('exit', (code) => fail(new Error(`child ended first (${code})`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      const killed = await c.jobs.get(system, job.id);
      expect(killed.state).toBe('running');
      expect(killed.progress.done).toBeGreaterThan(0);
      expect(killed.progress.done).toBeLessThan(killed.progress.total!);

      // Its lease (1 s) runs out; until then nobody else may take the job.
      const worker = new JobWorker(c.jobs);
      expect(await worker.runOne()).toBe(false);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await worker.runOne()).toBe(true);
      const v = await c.jobs.get(system, job.id);
      expect(v).toMatchObject({ state: 'done', attempts: 2 });
      // Resumed from the last committed checkpoint: no household counted twice (created, not unchanged).
      expect(v.result).toMatchObject({ households: n, created: n, unchanged: 0, rejected: 0 });
      const counts = await rowCounts(c);
      const persons = households(n).reduce((k, h) => k + h.members.length, 0);
      expect(counts).toMatchObject({ households: n, persons, nikRegistry: persons, recordVersions: n });
    });
  });
}
