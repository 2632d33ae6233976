/** `dtks ineligible` in its own process, on the service the API uses. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks ineligible (sqlite, own process)', () => {
  let t: TestDb;
  let dir: string;
  let id = '';
  const dtks = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });

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

  it('declares a household ineligible, lists it, lifts it — only as the regency Dinas Sosial', async () => {
    const byOperator = await dtks('ineligible', 'declare', id, '--reason', 'Sudah mampu', '--as', 'op-a');
    expect(byOperator.code).toBe(2);
    expect(byOperator.stderr).toContain('eligibility.dinsos_only');
    const noReason = await dtks('ineligible', 'declare', id, '--as', 'dinsos');
    expect([noReason.code, noReason.stderr]).toEqual([2, expect.stringContaining('--reason')]);

    const declared = await dtks(
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
});
