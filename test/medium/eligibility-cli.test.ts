/**
 * `dtks ineligible` and `dtks opt-out` on the service the API uses.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 2, a missing option refused, stdout/stderr as pipes, JSON):
 * an operator's refused declaration, one without a reason and the declaration; an opt-out without a date and
 * the recorded one. The lists, lifts and the withdrawal run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove is the commands' and services', not the process's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { publishProgrammes } from '../support/recipients.ts';

describe('dtks ineligible (sqlite)', () => {
  let t: TestDb;
  let dir: string;
  let id = '';
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url, env: { DATA_DIR: dir } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-ineligible-'));
    await createUsers(t.container);
    id = (await t.container.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 1))).id;
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('declares a household ineligible, lists it, lifts it — only as the regency Dinas Sosial (partly own process)', async () => {
    const byOperator = await spawned('ineligible', 'declare', id, '--reason', 'Sudah mampu', '--as', 'op-a');
    expect(byOperator.code).toBe(2);
    expect(byOperator.stderr).toContain('eligibility.dinsos_only');
    const noReason = await spawned('ineligible', 'declare', id, '--as', 'dinsos');
    expect([noReason.code, noReason.stderr]).toEqual([2, expect.stringContaining('--reason')]);

    const declared = await spawned(
      'ineligible',
      'declare',
      id,
      '--reason',
      'Sudah mampu',
      '--evidence',
      'BA verifikasi 12/2026',
      '--as',
      'dinsos',
    );
    expect(declared.code, declared.stderr).toBe(0);
    expect(JSON.parse(declared.stdout)).toMatchObject({ householdId: id, reason: 'Sudah mampu' });
    const listed = JSON.parse((await dtks('ineligible', 'list', '--as', 'dinsos')).stdout);
    expect(listed.items.map((i: { householdId: string }) => i.householdId)).toEqual([id]);

    const lifted = await dtks('ineligible', 'lift', id, '--reason', 'Keliru data', '--as', 'dinsos');
    expect(lifted.code, lifted.stderr).toBe(0);
    expect(JSON.parse(lifted.stdout)).toMatchObject({ householdId: id });
    expect(JSON.parse((await dtks('ineligible', 'list', '--as', 'dinsos')).stdout).items).toEqual([]);
    const again = await dtks('ineligible', 'lift', id, '--reason', 'Keliru data', '--as', 'dinsos');
    expect(again.code).toBe(2);
  }, 240_000);

  it('records an opt-out of a programme, lists it, withdraws it (partly own process)', async () => {
    await publishProgrammes(t.container);
    const hid = (await t.container.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 2)))
      .id;
    const noDate = await spawned(
      'opt-out',
      'record',
      hid,
      '--programme',
      'BPNT',
      '--reason',
      'Surat',
      '--as',
      'op-a',
    );
    expect([noDate.code, noDate.stderr]).toEqual([2, expect.stringContaining('--date')]);
    const recorded = await spawned(
      'opt-out',
      'record',
      hid,
      '--programme',
      'BPNT',
      '--date',
      '2026-01-05',
      '--reason',
      'Sudah mampu, surat keluarga',
      '--as',
      'op-a',
    );
    expect(recorded.code, recorded.stderr).toBe(0);
    const o = JSON.parse(recorded.stdout);
    expect(o).toMatchObject({ householdId: hid, programme: 'BPNT', standing: true });
    const listed = JSON.parse((await dtks('opt-out', 'list', hid, '--as', 'dinsos')).stdout);
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([o.id]);
    const withdrawn = await dtks(
      'opt-out',
      'withdraw',
      hid,
      o.id,
      '--reason',
      'Minta kembali',
      '--as',
      'op-a',
    );
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    expect(JSON.parse(withdrawn.stdout)).toMatchObject({ id: o.id, standing: false });
    const other = await dtks('opt-out', 'list', hid, '--as', 'op-b');
    expect(other.code).toBe(2);
  }, 240_000);
});
