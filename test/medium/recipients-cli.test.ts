/**
 * `dtks recipients` on the service the API uses.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 2, stdout/stderr as pipes, the list streamed to standard
 * output, files written with --out): in the first test `compute` refused and done, `list`, and the CSV and
 * Excel exports (one refused). Every other command runs the same command tree inside the test's process
 * (`runDtksInProcess`): what those prove — transitions, a pass over every programme, exclusions, the diff,
 * totals, a return with its note — is the commands' and services', not the process's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';
import { cellAt, readXlsx, rowValues } from '../support/xlsx.ts';

const PERIOD = '2026-04';

describe('dtks recipients (sqlite)', () => {
  let t: TestDb;
  let dir: string;
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url, env: { DATA_DIR: dir } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });
  const ids: string[] = [];

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-recipients-'));
    await createUsers(t.container);
    await publishProgrammes(t.container);
    for (let n = 1; n <= 3; n++) {
      const h = makeHousehold(PLACES.villageA, n);
      ids.push((await t.container.households.create(systemActor('test'), h)).id);
    }
    await determinedRankedPeriod(
      t.container,
      PERIOD,
      ids.map((id, i) => ({ id, village: PLACES.villageA, decile: i === 2 ? 9 : 1 })),
    );
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes, submits and approves BPNT for a regency, then lists and exports the recipients (partly own process)', async () => {
    const args = ['--period', PERIOD, '--programme', 'BPNT', '--regency', PLACES.regency];
    const operator = await spawned('recipients', 'compute', ...args, '--as', 'op-a');
    expect(operator.code).toBe(2);
    expect(operator.stderr).toContain('recipients.role_not_allowed');
    const computed = await spawned('recipients', 'compute', ...args, '--as', 'dinsos');
    expect(computed.code, computed.stderr).toBe(0);
    expect(JSON.parse(computed.stdout)).toMatchObject({ state: 'computed', candidates: 2, amount: 400_000 });
    expect((await dtks('recipients', 'submit', ...args, '--as', 'dinsos')).code).toBe(0);
    const approved = await dtks('recipients', 'approve', ...args, '--as', 'pusdatin');
    expect(JSON.parse(approved.stdout).state).toBe('approved');
    const twice = await dtks('recipients', 'approve', ...args);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('recipients.invalid_transition');

    const list = await spawned(
      'recipients',
      'list',
      '--period',
      PERIOD,
      '--programme',
      'BPNT',
      '--as',
      'dinsos',
    );
    expect(list.code, list.stderr).toBe(0);
    // Streamed page by page, yet exactly what printJson printed.
    expect(list.stdout).toBe(`${JSON.stringify(JSON.parse(list.stdout), null, 2)}\n`);
    expect(JSON.parse(list.stdout).items.map((r: { householdId: string }) => r.householdId)).toEqual(
      [ids[0], ids[1]].sort(),
    );
    const out = join(dir, 'kpm.csv');
    expect(
      (await spawned('recipients', 'export', '--period', PERIOD, '--programme', 'BPNT', '--out', out)).code,
    ).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,200000,$/);

    // The Excel file streams to --out the same rows; without --out it is refused.
    const xlsx = join(dir, 'kpm.xlsx');
    const excel = ['recipients', 'export', '--period', PERIOD, '--programme', 'BPNT', '--format', 'xlsx'];
    const noOut = await spawned(...excel);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const written = await spawned(...excel, '--out', xlsx);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain(`2 recipients written to ${xlsx}`);
    const wb = readXlsx(readFileSync(xlsx));
    expect(rowValues(wb, 1)).toEqual([`KPM BPNT ${PERIOD}`]);
    expect(wb.rows.size).toBe(3 + 2);
    expect([4, 5].map((r) => cellAt(wb, `A${r}`)?.value)).toEqual([ids[0], ids[1]].sort());
    expect([4, 5].map((r) => cellAt(wb, `F${r}`))).toEqual([
      { ref: 'F4', type: 'n', value: 200_000, style: 0 },
      { ref: 'F5', type: 'n', value: 200_000, style: 0 },
    ]);
  }, 240_000);

  it('computes every programme of the regency in one pass without --programme, skipping the approved one', async () => {
    const pass = await dtks(
      'recipients',
      'compute',
      '--period',
      PERIOD,
      '--regency',
      PLACES.regency,
      '--as',
      'dinsos',
    );
    expect(pass.code, pass.stderr).toBe(0);
    const out = JSON.parse(pass.stdout) as {
      proposals: { programme: string; state: string; evaluated: number }[];
      skipped: { programme: string; code: string }[];
    };
    expect(out.proposals.map((p) => [p.programme, p.state, p.evaluated])).toEqual([
      ['KIP_KULIAH', 'computed', 3],
      ['PBI_JK', 'computed', 3],
      ['PKH', 'computed', 3],
    ]);
    // BPNT was approved by the test above: skipped with the refusal computing it alone gives.
    expect(out.skipped).toMatchObject([{ programme: 'BPNT', code: 'recipients.invalid_transition' }]);
    const listWithout = await dtks('recipients', 'list', '--period', PERIOD);
    expect(listWithout.code).toBe(2);
    expect(listWithout.stderr).toContain('--programme');
  }, 240_000);

  it('lists proposals, reads exclusions, the diff and totals, and returns a submitted proposal with a note', async () => {
    const base = ['--period', PERIOD];
    const regency = ['--regency', PLACES.regency];
    const proposals = await dtks('recipients', 'proposals', ...base, '--as', 'dinsos');
    expect(proposals.code, proposals.stderr).toBe(0);
    const states = (JSON.parse(proposals.stdout) as { items: { programme: string; state: string }[] }).items
      .map((p) => [p.programme, p.state])
      .sort();
    expect(states).toEqual([
      ['BPNT', 'approved'],
      ['KIP_KULIAH', 'computed'],
      ['PBI_JK', 'computed'],
      ['PKH', 'computed'],
    ]);

    // The review declares the second household ineligible: PBI-JK's exclusions name it with its code.
    const pbiArgs = [...base, '--programme', 'PBI_JK', ...regency];
    const declared = await dtks(
      'recipients',
      'declare',
      ...pbiArgs,
      '--household',
      ids[1]!,
      '--reason',
      'Rumah tangga mampu',
      '--evidence',
      'BA verifikasi 12/2026',
      '--as',
      'dinsos',
    );
    expect(declared.code, declared.stderr).toBe(0);
    const exclusions = await dtks(
      'recipients',
      'exclusions',
      ...base,
      '--programme',
      'PBI_JK',
      '--as',
      'dinsos',
    );
    expect(exclusions.code, exclusions.stderr).toBe(0);
    expect(JSON.parse(exclusions.stdout)).toEqual({
      period: PERIOD,
      programme: 'PBI_JK',
      items: [expect.objectContaining({ householdId: ids[1], codes: ['INELIGIBLE'] })],
    });

    // BPNT's diff: the first approved period, so both recipients are new; one kind asked, or a bad one refused.
    const diff = await dtks('recipients', 'diff', ...base, '--programme', 'BPNT', '--as', 'dinsos');
    expect(diff.code, diff.stderr).toBe(0);
    const d = JSON.parse(diff.stdout);
    expect(d).toMatchObject({
      period: PERIOD,
      previousPeriod: null,
      counts: { new: 2, continuing: 0, stopped: 0 },
    });
    expect(d.items.map((i: { householdId: string; change: string }) => [i.householdId, i.change])).toEqual(
      [ids[0], ids[1]].sort().map((id) => [id, 'new']),
    );
    const stopped = await dtks('recipients', 'diff', ...base, '--programme', 'BPNT', '--change', 'stopped');
    expect(JSON.parse(stopped.stdout).items).toEqual([]);
    const badChange = await dtks('recipients', 'diff', ...base, '--programme', 'BPNT', '--change', 'gone');
    expect(badChange.code).toBe(2);
    expect(badChange.stderr).toContain('request.invalid_value');

    const totals = await dtks('recipients', 'totals', ...base, '--as', 'dinsos');
    expect(totals.code, totals.stderr).toBe(0);
    expect(JSON.parse(totals.stdout).programmes).toEqual([
      expect.objectContaining({ programme: 'BPNT', households: 2, amount: 400_000 }),
    ]);

    // Submitted by the regency, returned by Pusdatin with what to correct (a note is required).
    expect((await dtks('recipients', 'submit', ...pbiArgs, '--as', 'dinsos')).code).toBe(0);
    const noNote = await dtks('recipients', 'return', ...pbiArgs, '--as', 'pusdatin');
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toContain('recipients.return_note');
    const returned = await dtks(
      'recipients',
      'return',
      ...pbiArgs,
      '--note',
      'Periksa ulang desa A',
      '--as',
      'pusdatin',
    );
    expect(returned.code, returned.stderr).toBe(0);
    expect(JSON.parse(returned.stdout)).toMatchObject({ state: 'returned', note: 'Periksa ulang desa A' });

    // The household's programme history, period by period, as the household page shows it.
    const history = await dtks('household-programmes', ids[0]!, '--as', 'dinsos');
    expect(history.code, history.stderr).toBe(0);
    const h = JSON.parse(history.stdout) as {
      householdId: string;
      history: { period: string; programmes: { programme: string; status: string; amount: number }[] }[];
    };
    expect(h.householdId).toBe(ids[0]);
    expect(h.history.map((p) => p.period)).toEqual([PERIOD]);
    expect(h.history[0]!.programmes).toContainEqual(
      expect.objectContaining({ programme: 'BPNT', status: 'recipient', amount: 200_000 }),
    );
    const elsewhere = await dtks('household-programmes', ids[0]!, '--as', 'dinsos-other');
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('record.not_found');
  }, 240_000);
});
