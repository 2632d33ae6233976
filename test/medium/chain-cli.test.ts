/**
 * `dtks chain` against a SQLite file: a regency's and a province's settings (and a refused value), the
 * kecamatan's list and acknowledgement, the province forwarding by hand, and `forward-due` moving a
 * submission whose deadline has passed.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 2, stdout/stderr as pipes, text and --json): the settings
 * test. The list, acknowledgement and forwarding tests run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove is the commands' and services', not the process's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, previousPeriod } from '../../src/domain/cycle/period.ts';
import { newId } from '../../src/lib/ids.ts';
import { SubmissionsRepository } from '../../src/modules/pengesahan/pengesahan.repository.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { createUser } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = previousPeriod(periodOf(new Date()));

// Each command is its own Node process (seconds each on a loaded machine).
describe('dtks chain (sqlite)', { timeout: 300_000 }, () => {
  let t: TestDb;
  let dir: string;
  let sessionId = '';
  const subs = { due: '', waiting: '' };

  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url, env: { DATA_DIR: dir } });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url, env: { DATA_DIR: dir } });
  const stateOf = async (id: string) =>
    (
      await t.container.database.db
        .selectFrom('submissions')
        .select('state')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).state;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'dtks-chain-'));
    await createUsers(t.container);
    await createUser(t.container, 'prov', 'dinsos_prov', '33');
    const db = t.container.database.db;
    const now = new Date().toISOString();
    sessionId = newId();
    await db
      .insertInto('musdesSessions')
      .values({
        id: sessionId,
        period: PERIOD,
        state: 'signed',
        heldOn: `${PERIOD}-10`,
        place: 'Balai desa',
        participants: '[]',
        counts: null,
        beritaAcaraId: null,
        signedScanId: newId(),
        provinceCode: '33',
        regencyCode: PLACES.regency,
        districtCode: PLACES.districtA,
        villageCode: PLACES.villageA,
        version: 3,
        createdAt: now,
        createdBy: null,
        updatedAt: now,
        updatedBy: null,
      })
      .execute();
    const repo = new SubmissionsRepository();
    const submission = (regencyCode: string, forwardDueAt: string | null) => ({
      id: newId(),
      period: PERIOD,
      provinceCode: '33',
      regencyCode,
      state: 'at_province',
      approvalLetterId: null,
      beritaAcaraIds: '[]',
      submittedAt: now,
      forwardDueAt,
      note: null,
      version: 1,
      createdAt: now,
      createdBy: null,
      updatedAt: now,
      updatedBy: null,
    });
    const due = submission(PLACES.regency, '2020-01-01T00:00:00.000Z');
    const waiting = submission(PLACES.otherRegency, null);
    await repo.insert(db, due);
    await repo.insert(db, waiting);
    subs.due = due.id;
    subs.waiting = waiting.id;
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows and changes the settings of a regency and a province, refusing a bad number of days (own process)', async () => {
    const on = await spawned(
      'chain',
      'settings',
      '--region',
      PLACES.regency,
      '--kecamatan-ack',
      'on',
      '--as',
      'dinsos',
    );
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout.trim()).toBe('33.07: kecamatan acknowledgement on');
    const zero = await spawned(
      'chain',
      'settings',
      '--region',
      '33',
      '--province-review',
      'on',
      '--auto-forward-days',
      '0',
      '--as',
      'prov',
    );
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('chain.invalid_days');
    const review = await spawned(
      'chain',
      'settings',
      '--region',
      '33',
      '--province-review',
      'on',
      '--auto-forward-days',
      '5',
      '--as',
      'prov',
    );
    expect(review.stdout.trim()).toBe('33: province review on, forwards after 5 days');
    const shown = await spawned('chain', 'settings', '--region', '33', '--json', '--as', 'camat-a');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      level: 'province',
      provinceReview: true,
      autoForwardDays: 5,
    });
  });

  it("lists the kecamatan's Berita Acara and acknowledges one", async () => {
    const list = await dtks('chain', 'berita-acara', '--period', PERIOD, '--json', '--as', 'camat-a');
    expect(list.code, list.stderr).toBe(0);
    expect(
      JSON.parse(list.stdout).items.map((i: { sessionId: string; state: string }) => [i.sessionId, i.state]),
    ).toEqual([[sessionId, 'pending']]);
    const ok = await dtks('chain', 'acknowledge', '--session', sessionId, '--as', 'camat-a');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`${sessionId}  ${PLACES.villageA}`);
    expect(ok.stdout).toContain('acknowledged');
    const twice = await dtks('chain', 'acknowledge', '--session', sessionId, '--as', 'camat-a');
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain('acknowledgement.invalid_transition');
  });

  it('forwards by hand as the province, and what is due with forward-due', async () => {
    const due = await dtks('chain', 'forward-due');
    expect(due.code, due.stderr).toBe(0);
    expect(due.stdout.trim()).toBe('1 submissions forwarded automatically');
    expect(await stateOf(subs.due)).toBe('submitted');
    expect(await stateOf(subs.waiting)).toBe('at_province');
    // (Any read forwards what is due too; forward-due came first here so it had something to do.)
    const notProvince = await dtks('chain', 'forward', '--submission', subs.waiting, '--as', 'dinsos-other');
    expect(notProvince.code).not.toBe(0);
    expect(notProvince.stderr).toContain('submission.role_not_allowed');
    const forwarded = await dtks(
      'chain',
      'forward',
      '--submission',
      subs.waiting,
      '--comment',
      'Lengkap',
      '--as',
      'prov',
    );
    expect(forwarded.code, forwarded.stderr).toBe(0);
    expect(forwarded.stdout).toContain('at_province → submitted');
    expect(await stateOf(subs.waiting)).toBe('submitted');
  });
});
