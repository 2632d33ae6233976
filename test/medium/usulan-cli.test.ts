/**
 * `dtks usulan list|show` and `dtks public prune-checks` in their own process against a SQLite file: a
 * citizen's own proposal (usulan mandiri) in the village operator's list with `--source mandiri`, nothing
 * for another village, one proposal shown; the check log's retention applied on demand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { asMandiriHousehold } from '../../src/modules/usulan/usulan.schemas.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks } from '../support/cli.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('dtks usulan (sqlite, own process)', { timeout: 120_000 }, () => {
  let t: TestDb;
  let id = '';
  const dtks = (...args: string[]) => runDtks(args, { url: t.url });

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

  it('lists citizens’ own proposals of the territory and shows one', async () => {
    const list = await dtks('usulan', 'list', '--source', 'mandiri', '--as', 'op-a');
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
    const bad = await dtks('usulan', 'list', '--source', 'warga', '--as', 'op-a');
    expect(bad.code).toBe(2);
  });

  it('applies the check log retention on demand', async () => {
    const r = await dtks('public', 'prune-checks');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ removed: 0 });
  });
});
