/**
 * `dtks penetapan` against a SQLite file: the JSON summary (the API's contract), the same answer on a repeat,
 * the plain-text summary with the SK number, and refusals (role with --as, bad period).
 *
 * Own process (`runDtks`: argv, exit codes 2 and 0 as the shell sees them, stdout/stderr as pipes, --json and
 * the plain text): the refusal of an operator, the first determination (JSON) and the plain-text summary. The
 * rest run the same command tree inside the test's process (`runDtksInProcess`): what they prove — the period
 * check, the repeat, "next" — is the command's and service's, not the process's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, previousPeriod } from '../../src/domain/cycle/period.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { SubmissionsRepository } from '../../src/modules/pengesahan/pengesahan.repository.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

/** Last month: always a period that has started, whatever the date the test runs. */
const PERIOD = previousPeriod(periodOf(new Date()));

describe('dtks penetapan (sqlite)', () => {
  let t: TestDb;
  let dir: string;

  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url, env: { DATA_DIR: dir } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-penetapan-'));
    await createUsers(t.container);
    for (const [n, village] of [
      [1, PLACES.villageA],
      [2, PLACES.villageB],
      [3, PLACES.otherVillage],
    ] as const) {
      await t.container.households.create(systemActor('test'), makeHousehold(village, n));
    }
    const now = new Date().toISOString();
    await new SubmissionsRepository().insert(t.container.database.db, {
      id: newId(),
      period: PERIOD,
      provinceCode: '33',
      regencyCode: PLACES.regency,
      state: 'submitted',
      approvalLetterId: null,
      beritaAcaraIds: '[]',
      submittedAt: now,
      note: null,
      version: 1,
      createdAt: now,
      createdBy: null,
      updatedAt: now,
      updatedBy: null,
    });
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a user who is not Pusdatin, and a malformed period', async () => {
    const asOperator = await spawned('penetapan', '--period', PERIOD, '--as', 'op-a');
    expect(asOperator.code).toBe(2);
    expect(asOperator.stderr).toContain('penetapan.pusdatin_only');
    const bad = await dtks('penetapan', '--period', '2026-13', '--json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('period.invalid');
  });

  it('determines the period and answers the same summary when run again', async () => {
    const first = await spawned('penetapan', '--period', PERIOD, '--json', '--as', 'pusdatin');
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(Object.keys(summary).sort()).toEqual([
      'added',
      'changed',
      'checksum',
      'households',
      'period',
      'persons',
      'removed',
    ]);
    // Only the submitting regency (33.07) contributes: two households, three members each.
    expect(summary).toMatchObject({
      period: PERIOD,
      households: 2,
      persons: 6,
      added: 2,
      removed: 0,
      changed: 0,
    });
    const again = await dtks('penetapan', '--period', PERIOD, '--json');
    expect(JSON.parse(again.stdout)).toEqual(summary);
    const plain = await spawned('penetapan', '--period', PERIOD);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`SK-DTKS/${PERIOD}/0001`);
    expect(plain.stdout).toContain(summary.checksum);
  });

  it('determines "next": the month after the latest determined one, then says nothing is left', async () => {
    const next = await dtks('penetapan', '--period', 'next', '--json');
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout).period).toBe(periodOf(new Date()));
    const none = await dtks('penetapan', '--period', 'next');
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('penetapan.nothing_to_determine');
  });
});
