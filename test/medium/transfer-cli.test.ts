/**
 * `dtks import` and `dtks export` against a SQLite file: exit codes (0 all accepted, 3 some lines rejected,
 * 2 refused), the printed summary and rejected lines, the --report file, territory with --as, and the export
 * as a job (--job).
 *
 * Own process (`runDtks`: argv, exit codes 0 and 3 as the shell sees them, stdout/stderr as pipes, --json):
 * the export-then-import test and the rejected-lines test (exit 3, --report). The rest run the same command
 * tree inside the test's process (`runDtksInProcess`): what they prove — the job, territory, the identity
 * probe limit, the header check — is the commands' and services', not the process's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { householdRows, householdsCsv, line, setCell } from '../factories/households-csv.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

/** `dtks ARGS` in this process. */
const dtks = (url: string, ...args: string[]) => runDtksInProcess(args, { url });
/** `dtks ARGS` as a process of its own. */
const spawned = (url: string, ...args: string[]) => runDtks(args, { url });

describe('dtks import / dtks export (sqlite)', () => {
  let src: TestDb;
  let dst: TestDb;
  let dir: string;

  beforeAll(async () => {
    [src, dst] = await Promise.all([openTestDb('sqlite'), openTestDb('sqlite')]);
    dir = mkdtempSync(join(tmpdir(), 'dtks-cli-'));
    await createUsers(src.container);
    await createUsers(dst.container);
    for (const [n, village] of [
      [1, PLACES.villageA],
      [2, PLACES.villageA],
      [3, PLACES.villageB],
    ] as const) {
      await src.container.households.create(systemActor('test'), makeHousehold(village, n));
    }
  });
  afterAll(async () => {
    await Promise.all([src.cleanup(), dst.cleanup()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports to a file and imports it elsewhere (exit 0); the re-run creates nothing (own process)', async () => {
    const file = join(dir, 'all.csv');
    const exported = await spawned(src.url, 'export', '--out', file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/exported 3 households \(9 members\)/);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(10);

    const first = await spawned(dst.url, 'import', file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('households: 3 (created 3, unchanged 0, rejected 0)');
    expect(first.stdout).toContain('lines: 9 (rejected 0)');
    expect(first.stdout).toMatch(/time: [\d.]+ s/);
    const again = await spawned(dst.url, 'import', file, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, unchanged: 3, rejected: 0, rows: [] });
  });

  it('--job queues a household.export job, runs it and writes its file: the rows the direct export gives', async () => {
    const file = join(dir, 'job.csv');
    const exported = await dtks(src.url, 'export', '--as', 'op-a', '--job', '--out', file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/exported 2 households \(6 members\) to .+ as job [0-9a-f-]{36}/);
    const direct = await dtks(src.url, 'export', '--as', 'op-a');
    expect(readFileSync(file, 'utf8')).toBe(direct.stdout);
    const listed = await dtks(src.url, 'jobs', 'list', '--as', 'op-a', '--mine');
    expect(listed.stdout).toMatch(/household\.export +done +2\/2/);
    // The file is its owner's download: the system operator has no user to own it.
    const refused = await dtks(src.url, 'export', '--job');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--job needs --as');
  });

  it('exits 3 when lines are rejected, printing each one and writing --report (own process)', async () => {
    const rows = householdRows(makeHousehold(PLACES.villageA, 7));
    rows[2] = setCell(rows[2]!, 'birth_date', '20/11/2010');
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      `${householdsCsv([makeHousehold(PLACES.villageA, 8)])}${rows.map(line).join('\n')}\n`,
    );
    const report = join(dir, 'rejected.csv');
    const r = await spawned(dst.url, 'import', file, '--report', report);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain('line 7  birth_date  "20/11/2010" is not a date in YYYY-MM-DD form');
    expect(r.stdout).toMatch(/line 5 {2}kk_number {2}Rejected with its household .* because of line 7/);
    expect(r.stdout).toContain('households: 2 (created 1, unchanged 0, rejected 1)');
    expect(r.stdout).toContain('lines: 6 (rejected 3)');
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('line,kk_number,field,code,severity,message');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      `5,${makeHousehold(PLACES.villageA, 7).kkNumber},kk_number,import.household_rejected`,
      `6,${makeHousehold(PLACES.villageA, 7).kkNumber},kk_number,import.household_rejected`,
      `7,${makeHousehold(PLACES.villageA, 7).kkNumber},birth_date,csv.invalid_date`,
    ]);
  });

  it('applies the territory of --as: an operator exports only their village and cannot import', async () => {
    const own = await dtks(src.url, 'export', '--as', 'op-a');
    expect(own.code, own.stderr).toBe(0);
    const data = own.stdout.trim().split('\n').slice(1);
    expect(data).toHaveLength(6);
    expect(data.every((l) => l.split(',')[1] === PLACES.villageA)).toBe(true);

    const otherVillage = await dtks(src.url, 'export', '--as', 'op-b', '--region', PLACES.villageA);
    expect(otherVillage.code).toBe(0);
    expect(otherVillage.stdout.trim().split('\n')).toHaveLength(1);
    expect(otherVillage.stdout).not.toContain(PLACES.villageA);

    const file = join(dir, 'one.csv');
    writeFileSync(file, householdsCsv([makeHousehold(PLACES.villageA, 9)]));
    const refused = await dtks(dst.url, 'import', file, '--as', 'op-a');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('access.forbidden');
  });

  it('--as a user outside the holder: neutral reasons, then not processed at IDENTITY_PROBE_LIMIT (exit 3); the operator sees why', async () => {
    // Households of the other regency reusing people src registered in village A (n = 1).
    const held = makeHousehold(PLACES.villageA, 1);
    const file = join(dir, 'probes.csv');
    const probing = (k: number, member: number) => {
      const h = makeHousehold(PLACES.otherVillage, k);
      h.members[member] = { ...held.members[member]! };
      return h;
    };
    writeFileSync(
      file,
      householdsCsv([probing(20, 1), probing(21, 2), makeHousehold(PLACES.otherVillage, 22)]),
    );
    const env = { IDENTITY_PROBE_LIMIT: '1' };
    const r = await runDtksInProcess(['import', file, '--as', 'dinsos-other'], { url: src.url, env });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain('line 3  nik  This NIK cannot be used here.');
    expect(r.stdout).toContain('(identity.unavailable)');
    expect(r.stdout).toMatch(
      /line 5 {2}kk_number {2}Too many NIKs or KK numbers were refused .*; not processed\. .*\(identity\.probe_limit\)/,
    );
    expect(r.stdout).toContain('households: 3 (created 0, unchanged 0, rejected 1)');
    expect(r.stdout).toContain('not processed: 2 households (6 lines)');
    expect(r.stdout).not.toContain(PLACES.villageA);
    // At the limit the next import is refused before the file is read.
    const again = await runDtksInProcess(['import', file, '--as', 'dinsos-other'], { url: src.url, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('error identity.probe_limit');
    // The machine's operator sees every territory: the detailed reason, and no probe.
    const system = await runDtksInProcess(['import', file, '--json'], { url: src.url, env });
    expect(system.code).toBe(3);
    const rows = JSON.parse(system.stdout).rows as {
      line: number;
      issues: { code: string; message: string }[];
    }[];
    expect(rows.find((x) => x.line === 3)!.issues[0]).toMatchObject({ code: 'nik.already_registered' });
    expect(rows.find((x) => x.line === 3)!.issues[0]!.message).toContain(PLACES.villageA);
  });

  it('refuses a file with a bad header (exit 2) and names the columns', async () => {
    const file = join(dir, 'header.csv');
    writeFileSync(file, 'kk_number,region,rw\n1,2,3\n');
    const r = await dtks(dst.url, 'import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error csv.unknown_column: The header row (line 1) does not match the household CSV format — unknown columns: region; missing required columns: region_code, rt, address, nik,',
    );
    expect(r.stderr).toContain(
      'error region: Unknown column "region" in the header row (csv.unknown_column)',
    );
    expect(r.stderr).toContain(
      'error nik: Required column "nik" is missing from the header row (csv.missing_column)',
    );
  });
});
