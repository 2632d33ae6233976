/**
 * `dtks distribution accept|invitations|receipts|undelivered|move|export` on the service the API uses:
 * invitations and receipts need the batch accepted first.
 *
 * Own process (`runDtks`: argv, exit codes, stdout/stderr as pipes, --json, the CSV streamed to standard
 * output, files written with --out): the first test (invitations refused, accept done and refused) and the
 * exports. The invitations, receipts, undelivered, the invitations job and the move run the same command tree
 * inside the test's process (`runDtksInProcess`): what they prove is the commands' and services', not the
 * process's.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { entriesWithSubjects } from '../support/audit-subjects.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { createUser } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { invitationQrs, pngBase64 } from '../support/receipts.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';
import { cellAt, readXlsx, rowValues } from '../support/xlsx.ts';

const PERIOD = '2026-04';

describe('dtks distribution invitations|receipts|undelivered (sqlite)', () => {
  let t: TestDb;
  let out: string;
  let batchId = '';
  // The CLI shares the test container's DATA_DIR, hence its QR signing key.
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) =>
    runDtksInProcess(args, { url: t.url, env: { DATA_DIR: dirname(t.url) } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dirname(t.url) } });

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    out = mkdtempSync(join(tmpdir(), 'dtks-receipts-cli-'));
    await createUsers(t.container);
    await createUser(t.container, 'pos', 'pos', PLACES.regency);
    await publishProgrammes(t.container);
    const system = systemActor('test');
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) {
      ids.push((await t.container.households.create(system, makeHousehold(PLACES.villageA, n))).id);
    }
    await determinedRankedPeriod(
      t.container,
      PERIOD,
      ids.map((id) => ({ id, village: PLACES.villageA, decile: 1 })),
    );
    const c = t.container;
    const proposal = await c.recipients.compute(system, {
      period: PERIOD,
      programme: 'BPNT',
      regency: PLACES.regency,
    });
    await c.recipients.submit(system, proposal.id);
    await c.recipients.approve(system, proposal.id);
    batchId = (
      await c.distribution.createBatch(system, { period: PERIOD, programme: 'BPNT', regency: PLACES.regency })
    ).id;
    const point = await c.distribution.createPoint(system, {
      code: 'KP-A',
      name: 'Kantor Pos A',
      districtCode: PLACES.districtA,
      villageCode: PLACES.villageA,
      place: 'Jl. Raya 1',
      coverage: [{ villageCode: PLACES.villageA }],
    });
    await c.distribution.addSchedule(system, point.id, {
      batchId,
      tranche: 1,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await c.distribution.mapBatch(system, batchId);
  });
  /** `dtks distribution invitations` of the batch into `out`, as the PT Pos user, by `run`. */
  const invitationsAsPos = (run = dtks) =>
    run('distribution', 'invitations', '--period', PERIOD, '--batch', batchId, '--out', out, '--as', 'pos');
  afterAll(async () => {
    await t?.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it('refuses invitations before PT Pos accepts the batch; the partner accepts it from the command line; a second accept is refused (own process)', async () => {
    const early = await invitationsAsPos(spawned);
    expect(early.code).not.toBe(0);
    expect(early.stderr).toContain('distribution.batch_not_accepted');
    const args = [
      'distribution',
      'accept',
      '--period',
      PERIOD,
      '--programme',
      'BPNT',
      '--regency',
      PLACES.regency,
    ];
    const first = await spawned(...args, '--as', 'pos', '--note', 'dipadankan');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ state: 'accepted', counts: { cleaned: 3 } });
    const again = await spawned(...args, '--as', 'pos');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('distribution.batch_state');
  }, 120_000);
  it('writes one invitation PDF per village, records a receipt from a scanned code, refuses a repeat', async () => {
    const inv = await invitationsAsPos();
    const wrong = await dtks(
      'distribution',
      'invitations',
      '--period',
      '2026-05',
      '--batch',
      batchId,
      '--out',
      out,
    );
    expect(wrong.code).toBe(2);
    expect(inv.code, inv.stderr).toBe(0);
    const files = JSON.parse(inv.stdout).files;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ village: PLACES.villageA, letters: 3 });
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    expect(readFileSync(files[0].path).subarray(0, 5).toString()).toBe('%PDF-');

    const photo = join(out, 'photo.png');
    writeFileSync(photo, Buffer.from(pngBase64(1), 'base64'));
    const [qr] = await invitationQrs(t.container, batchId, PLACES.villageA);
    const args = [
      'distribution',
      'receipts',
      '--period',
      PERIOD,
      '--qr',
      qr!,
      '--photo',
      photo,
      '--signature',
      photo,
      '--as',
      'pos',
    ];
    const first = await dtks(...args);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ representative: false });
    const again = await dtks(...args);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('distribution.already_received');

    const undelivered = await dtks(
      'distribution',
      'undelivered',
      '--period',
      PERIOD,
      '--batch',
      batchId,
      '--reason',
      'NOT_COLLECTED',
    );
    expect(undelivered.code, undelivered.stderr).toBe(0);
    // The schedule has not ended: nothing is returned yet.
    expect(JSON.parse(undelivered.stdout)).toEqual({ returned: 0, amount: 0, packages: 0 });
  }, 120_000);
  it('writes the invitations as a job into a ZIP (one PDF per village)', async () => {
    const zip = join(out, 'undangan.zip');
    const args = [
      'distribution',
      'invitations',
      '--period',
      PERIOD,
      '--batch',
      batchId,
      '--job',
      '--out',
      zip,
    ];
    const refused = await dtks(...args);
    expect(refused.code).toBe(2);
    const done = await dtks(...args, '--as', 'dinsos');
    expect(done.code, done.stderr).toBe(0);
    const r = JSON.parse(done.stdout);
    // Letters for the outstanding entitlements only (the first test recorded one receipt of three).
    expect(r).toMatchObject({ letters: 2, files: [{ village: PLACES.villageA, letters: 2 }] });
    expect(readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
  }, 300_000);
  it('moves one KPM to another point by hand; refused for the KPM who received', async () => {
    const c = t.container;
    const other = await c.distribution.createPoint(systemActor('test'), {
      code: 'KP-A2',
      name: 'Balai RW 2',
      districtCode: PLACES.districtA,
      villageCode: PLACES.villageA,
      place: 'Balai RW 2',
      coverage: [{ villageCode: PLACES.villageA, rw: ['2'] }],
    });
    const rows = await c.database.db
      .selectFrom('entitlements')
      .select(['householdId', 'state'])
      .where('batchId', '=', batchId)
      .orderBy('householdId')
      .execute();
    const open = rows.find((r) => r.state === 'allocated')!;
    const received = rows.find((r) => r.state === 'delivered')!;
    const args = (household: string) => [
      'distribution',
      'move',
      '--period',
      PERIOD,
      '--programme',
      'BPNT',
      '--regency',
      PLACES.regency,
      '--household',
      household,
      '--point',
      'KP-A2',
      '--as',
      'pos',
    ];
    const moved = await dtks(...args(open.householdId), '--note', 'dekat rumah');
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ householdId: open.householdId, pointId: other.id });
    const refused = await dtks(...args(received.householdId));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('distribution.move_received');
  }, 120_000);

  it('exports the batch for the partner, streamed: CSV to standard output or a file, Excel to a file only (own process)', async () => {
    const key = ['--period', PERIOD, '--programme', 'BPNT', '--regency', PLACES.regency, '--as', 'pos'];
    const households = (
      await t.container.database.db
        .selectFrom('distributionRecords')
        .select('householdId')
        .where('batchId', '=', batchId)
        .orderBy('householdId')
        .execute()
    ).map((r) => r.householdId);
    expect(households).toHaveLength(3);
    const csv = await spawned('distribution', 'export', ...key);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^household_id,programme,period,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(households);
    const file = join(out, 'salur.csv');
    const written = await spawned('distribution', 'export', ...key, '--out', file);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain(`3 records written to ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(csv.stdout);

    const excel = ['distribution', 'export', ...key, '--format', 'xlsx'];
    const noOut = await spawned(...excel);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const xlsx = join(out, 'salur.xlsx');
    const sheet = await spawned(...excel, '--out', xlsx);
    expect(sheet.code, sheet.stderr).toBe(0);
    const wb = readXlsx(readFileSync(xlsx));
    expect(rowValues(wb, 1)).toEqual([`KPM BPNT ${PERIOD} ${PLACES.regency}`]);
    expect([4, 5, 6].map((r) => cellAt(wb, `A${r}`)?.value)).toEqual(households);
    // Each export audited with the count, and a page naming the households, for the PT Pos user.
    const db = t.container.database.db;
    expect((await entriesWithSubjects(db, 'distribution.export', 'pos')).map((e) => e.details)).toEqual([
      { records: 3 },
      { records: 3 },
      { records: 3 },
    ]);
    const pages = await entriesWithSubjects(db, 'distribution.export_page', 'pos');
    expect(pages.map((p) => p.subjects)).toEqual([households, households, households]);
  }, 120_000);
});
