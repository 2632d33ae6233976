/**
 * `dtks usulan list|show|edit` and `dtks public prune-checks` against a SQLite file: a
 * citizen's own proposal (usulan mandiri) in the village operator's list with `--source mandiri`, nothing
 * for another village, one proposal shown and completed by the operator from a file (it stays the
 * citizen's; another village cannot; a bad file changes nothing); the check log's retention applied on demand;
 * `dtks public statistics`.
 *
 * Own process (`runDtks`: argv, exit codes 0 and 2, stdout/stderr as pipes, JSON): the first `usulan list` and
 * the refused one, and the public statistics test. The rest run the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove — territory, the edit from a file, the retention — is the commands' and
 * services', not the process's.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { asMandiriHousehold } from '../../src/modules/usulan/usulan.schemas.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks usulan (sqlite)', { timeout: 120_000 }, () => {
  let t: TestDb;
  let id = '';
  /** `dtks ARGS` in this process. */
  const dtks = (...args: string[]) => runDtksInProcess(args, { url: t.url });
  /** `dtks ARGS` as a process of its own. */
  const spawned = (...args: string[]) => runDtks(args, { url: t.url });

  beforeAll(async () => {
    const sender = new LogCodeSender(() => {});
    t = await openTestDb('sqlite', { codeSender: sender });
    await createUsers(t.container);
    const c = t.container;
    const client = { ip: '203.0.113.9', userAgent: 'test' };
    const email = 'usul.cli@example.id';
    await c.citizen.register(
      {
        nik: makeNik('33.07.01', '1987-03-04', 'F', 8301),
        kkNumber: makeKk('33.07.01', '2013-02-03', 8301),
        fullName: 'Warga Pengusul',
        address: 'Dusun Krajan No. 9',
        rt: '1',
        rw: '1',
        villageCode: PLACES.villageA,
        phone: '081234560901',
        email,
        username: 'usulcli',
        password: 'Kebun-Salak-Wonosobo-77',
      },
      client,
    );
    await c.citizen.confirmContact(email, sender.sent.find((m) => m.to === email)!.code!, client);
    await c.database.db.updateTable('citizenAccounts').set({ state: 'verified' }).execute();
    const { token } = await c.citizen.login(email, 'Kebun-Salak-Wonosobo-77', client);
    const session = (await c.citizen.authenticate(token, client))!;
    const h = makeHousehold(PLACES.villageA, 90);
    ({ id } = await c.usulan.createMandiri(session, {
      relation: 'other',
      household: asMandiriHousehold(h),
      reason: 'Keluarga buruh tani tanpa lahan',
      consent: true,
      confirmWarnings: true,
    }));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('lists citizens’ own proposals of the territory and shows one (partly own process)', async () => {
    const list = await spawned('usulan', 'list', '--source', 'mandiri', '--as', 'op-a');
    expect(list.code, list.stderr).toBe(0);
    const answer = JSON.parse(list.stdout);
    expect(answer.items.map((u: { id: string; source: string }) => [u.id, u.source])).toEqual([
      [id, 'mandiri'],
    ]);
    expect(
      JSON.parse((await dtks('usulan', 'list', '--source', 'operator', '--as', 'op-a')).stdout).items,
    ).toEqual([]);
    expect(
      JSON.parse((await dtks('usulan', 'list', '--source', 'mandiri', '--as', 'op-b')).stdout).total,
    ).toBe(0);
    const show = await dtks('usulan', 'show', id, '--as', 'op-a');
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ id, source: 'mandiri', kind: 'baru', state: 'draft' });
    expect((await dtks('usulan', 'show', id, '--as', 'op-b')).code).not.toBe(0);
    const bad = await spawned('usulan', 'list', '--source', 'warga', '--as', 'op-a');
    expect(bad.code).toBe(2);
  });

  it('completes the citizen’s draft from a file (the operator’s edit), which stays the citizen’s', async () => {
    const before = JSON.parse((await dtks('usulan', 'show', id, '--as', 'op-a')).stdout);
    const { reason: _r, confirmWarnings: _c, ...household } = makeHousehold(PLACES.villageA, 90);
    const file = join(dirname(t.url), 'lengkapi.json');
    const body = { kind: 'baru', household, reason: 'Dilengkapi dari KK', confirmWarnings: true };
    writeFileSync(file, JSON.stringify({ ...body, version: before.version }));
    expect((await dtks('usulan', 'edit', id, '--file', file, '--as', 'op-b')).code).toBe(2);
    const bad = join(dirname(t.url), 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...body, version: 'satu' }));
    const refused = await dtks('usulan', 'edit', id, '--file', bad, '--as', 'op-a');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/version/);
    const r = await dtks('usulan', 'edit', id, '--file', file, '--as', 'op-a');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      id,
      source: 'mandiri',
      version: before.version + 1,
      payload: { household: { floorAreaM2: household.floorAreaM2 } },
    });
    const session = await t.container.database.db
      .selectFrom('usulan')
      .select('citizenAccountId')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(session.citizenAccountId).not.toBeNull();
  });

  it('applies the check log retention on demand', async () => {
    const r = await dtks('public', 'prune-checks');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ removed: 0 });
  });

  it('prints the public statistics as the API gives them, and refuses a bad period (own process)', async () => {
    const r = await spawned('public', 'statistics', '--region', '33.07');
    expect(r.code, r.stderr).toBe(0);
    // No period determined in this database: the region and the setting, no figures.
    expect(JSON.parse(r.stdout)).toMatchObject({
      region: { code: '33.07', level: 2 },
      minCell: 10,
      period: null,
      periods: [],
      children: [],
    });
    const bad = await spawned('public', 'statistics', '--period', '2026-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period must be YYYY-MM');
  });
});
