/**
 * `dtks rank`, `dtks household-ranking`, `dtks ranking-runs`, `dtks ranking-model` and `dtks wage` on the
 * service the API uses.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 2, stdout/stderr as pipes, --json): in the first test a
 * refused model upload, `rank` refused, forbidden and done, and `household-ranking`; `ranking-runs`; the first
 * `wage set`. The rest run the same command tree inside the test's
 * process (`runDtksInProcess`): what they prove — past runs by model, territory, wage refusals — is the
 * commands' and services', not the process's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../src/domain/ranking/default-model.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';

describe('dtks rank, ranking-model and wage (sqlite)', () => {
  let t: TestDb;
  let dir: string;
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url, env: { DATA_DIR: dir } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });
  const ids: string[] = [];

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-ranking-'));
    await createUsers(t.container);
    for (let n = 1; n <= 5; n++) {
      const h = makeHousehold(PLACES.villageA, n, { floorMaterial: n % 2 ? 9 : 2, hasCar: n === 5 });
      ids.push((await t.container.households.create(systemActor('test'), h)).id);
    }
    const db = t.container.database.db;
    await db
      .insertInto('periods')
      .values({ period: PERIOD, state: 'determined', createdAt: new Date().toISOString() } as never)
      .execute();
    await db
      .insertInto('snapshotHouseholds')
      .values(
        ids.map((householdId) => ({
          period: PERIOD,
          householdId,
          provinceCode: '33',
          regencyCode: '33.07',
          villageCode: PLACES.villageA,
          version: 1,
          memberCount: 3,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad model file naming the path, then ranks with the published default, the same checksum twice (partly own process)', async () => {
    const file = join(dir, 'model.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 'bad-1', intercept: 1, variables: [{ name: 'x', weight: 1 }] }),
    );
    const bad = await spawned('ranking-model', 'upload', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('variables.0.source');
    const none = await spawned('rank', '--period', PERIOD, '--json');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('ranking.no_published_model');

    expect((await dtks('ranking-model', 'upload', '--default')).code).toBe(0);
    expect((await dtks('ranking-model', 'publish', 'pmt-default-1')).code).toBe(0);
    const operator = await spawned('rank', '--period', PERIOD, '--as', 'op-a');
    expect(operator.code).toBe(2);
    expect(operator.stderr).toContain('access.forbidden');
    const first = await spawned('rank', '--period', PERIOD, '--json', '--as', 'pusdatin');
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(Object.keys(summary).sort()).toEqual(['checksum', 'households', 'modelVersion', 'period']);
    expect(summary).toMatchObject({ period: PERIOD, modelVersion: 'pmt-default-1', households: 5 });
    const again = await dtks('rank', '--period', PERIOD, '--json');
    expect(JSON.parse(again.stdout)).toEqual(summary);

    // Why this desil, as the API answers it; another village's operator gets what an absent household gives.
    const why = await spawned('household-ranking', ids[4]!, '--period', PERIOD, '--as', 'op-a');
    expect(why.code, why.stderr).toBe(0);
    const answer = JSON.parse(why.stdout);
    expect(answer).toMatchObject({ period: PERIOD, modelVersion: 'pmt-default-1' });
    expect(Object.keys(answer.decile).sort()).toEqual(['national', 'province', 'regency']);
    expect(answer.contributions).toContainEqual(expect.objectContaining({ variable: 'car', value: 1 }));
    const other = await dtks('household-ranking', ids[4]!, '--period', PERIOD, '--as', 'op-b');
    const absent = await dtks(
      'household-ranking',
      ids[4]!.replace(/.$/, (d) => (d === '0' ? '1' : '0')),
      '--period',
      PERIOD,
      '--as',
      'op-b',
    );
    expect(other.stderr).toContain('record.not_found');
    expect([other.code, other.stderr, other.stdout]).toEqual([absent.code, absent.stderr, absent.stdout]);
  }, 240_000);

  it('reads a past run with --model: a second version ranks the period, each run stays readable, ranking-runs names both', async () => {
    const file = join(dir, 'model-2.json');
    writeFileSync(file, JSON.stringify({ ...DEFAULT_MODEL, version: 'pmt-cli-2', intercept: 20 }));
    expect((await dtks('ranking-model', 'upload', file)).code).toBe(0);
    expect((await dtks('ranking-model', 'publish', 'pmt-cli-2')).code).toBe(0);
    const ranked = await dtks('rank', '--period', PERIOD, '--json', '--model', 'pmt-cli-2');
    expect(JSON.parse(ranked.stdout)).toMatchObject({ modelVersion: 'pmt-cli-2', households: 5 });
    const read = async (...more: string[]) => {
      const r = await dtks('household-ranking', ids[4]!, '--period', PERIOD, '--as', 'op-a', ...more);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const newest = await read();
    const past = await read('--model', 'pmt-default-1');
    expect(newest.modelVersion).toBe('pmt-cli-2');
    expect(past.modelVersion).toBe('pmt-default-1');
    expect(newest.score).toBeCloseTo(past.score + 20 - DEFAULT_MODEL.intercept, 5);
    expect(await read('--model', 'pmt-cli-2')).toEqual(newest);
    const never = await dtks(
      'household-ranking',
      ids[4]!,
      '--period',
      PERIOD,
      '--model',
      'pmt-x',
      '--as',
      'op-a',
    );
    const hidden = await dtks(
      'household-ranking',
      ids[4]!,
      '--period',
      PERIOD,
      '--model',
      'pmt-default-1',
      '--as',
      'op-b',
    );
    expect(never.stderr).toContain('record.not_found');
    expect([never.code, never.stderr]).toEqual([hidden.code, hidden.stderr]);
    const runs = await spawned('ranking-runs', '--period', PERIOD, '--as', 'op-a');
    expect(runs.code, runs.stderr).toBe(0);
    expect(JSON.parse(runs.stdout).items.map((r: { modelVersion: string }) => r.modelVersion)).toEqual([
      'pmt-cli-2',
      'pmt-default-1',
    ]);
  }, 240_000);

  it('sets and lists minimum wages, refusing a village and a fractional amount', async () => {
    const set = await spawned(
      'wage',
      'set',
      '--region',
      '33.07',
      '--year',
      '2026',
      '--amount',
      '2474000',
      '--json',
    );
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ kind: 'UMK', monthlyAmount: 2_474_000, version: 1 });
    const village = await dtks('wage', 'set', '--region', PLACES.villageA, '--year', '2026', '--amount', '1');
    expect(village.code).toBe(2);
    expect(village.stderr).toContain('wage.region_level');
    const fraction = await dtks('wage', 'set', '--region', '33', '--year', '2026', '--amount', '2.5');
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toContain('monthlyAmount');
    const list = await dtks('wage', 'list', '--region', '33.07', '--json');
    expect(JSON.parse(list.stdout).items.map((w: { regionCode: string }) => w.regionCode)).toEqual(['33.07']);
  }, 120_000);
});
