/**
 * `dtks worker --drain` and `dtks jobs list|show|cancel` against a SQLite file: a job queued through the
 * service is run by the worker process; a user sees the jobs of their territory only.
 *
 * Own process (`runDtks`: argv, exit code 0 as the shell sees it, stdout/stderr as pipes, --json): the first
 * `jobs list` and `worker --drain`. The rest run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove — the job's result, the refused cancel, territory — is the commands'
 * and services', not the process's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { HOUSEHOLD_IMPORT } from '../../src/modules/transfer/transfer.jobs.ts';
import { makeHousehold } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks worker and dtks jobs (sqlite)', () => {
  let t: TestDb;
  let id: string;
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) =>
    runDtksInProcess(args, { url: t.url, env: { DATA_DIR: t.container.config.dataDir } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) =>
    runDtks(args, { url: t.url, env: { DATA_DIR: t.container.config.dataDir } });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const content = Buffer.from(
      householdsCsv([makeHousehold(PLACES.villageA, 1), makeHousehold(PLACES.villageA, 2)]),
    );
    id = (
      await t.container.jobs.enqueue(
        systemActor('test'),
        HOUSEHOLD_IMPORT,
        { source: 'cli.csv', acceptWarnings: false },
        { name: 'cli.csv', content },
      )
    ).id;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('lists the queued job, runs it in a worker process, shows its result; an ended job cannot be cancelled', async () => {
    const listed = await spawned('jobs', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id, state: 'queued' })]);

    const worker = await spawned('worker', '--drain');
    expect(worker.code, worker.stderr).toBe(0);
    expect(worker.stdout).toContain('ran 1 job(s)');

    const shown = await dtks('jobs', 'show', id);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      id,
      state: 'done',
      result: { households: 2, created: 2 },
    });
    const cancel = await dtks('jobs', 'cancel', id);
    expect(cancel.code).toBe(2);
    expect(cancel.stderr).toContain('job.finished');
  }, 180_000);

  it('a user outside the job territory gets the not-found of an absent job', async () => {
    const hidden = await dtks('jobs', 'show', id, '--as', 'dinsos-other');
    const absent = await dtks('jobs', 'show', '01900000-0000-7000-8000-000000000000', '--as', 'dinsos-other');
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toBe(absent.stderr);
    const list = await dtks('jobs', 'list', '--as', 'dinsos-other', '--json');
    expect(JSON.parse(list.stdout)).toEqual([]);
  }, 120_000);
});
