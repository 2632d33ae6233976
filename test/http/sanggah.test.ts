/**
 * Sanggah (issue 14) over HTTP on both engines: a verified citizen objects to a current recipient of their
 * own village (anyone else — another village, a non-recipient, a wrong name — is the same 404), the limits
 * hold, evidence photos are checked, the regency Dinas Sosial sees it on its list and to-do (another
 * regency sees nothing), and upholding declares the household ineligible, which the recipients
 * computation reads as standing (so the next period leaves it out); the objector sees the decision.
 * Recipients are written directly (an approved period of the recipients module) to keep the test short.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { citizenAccount, CITIZEN_PASSWORD as PASSWORD } from '../support/citizen.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';

const ABSENT = '01900000-0000-7000-8000-000000000000';

interface Household {
  id: string;
  kkNumber: string;
  villageCode: string;
  members: { id: string; nik: string; name: string }[];
}

for (const engine of ENGINES) {
  describe(`sanggah (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const sender = new LogCodeSender(() => {});
    const as: Record<string, Record<string, string>> = {};
    const hh: Record<string, Household> = {};
    let citizen: Record<string, string>;
    let pending: Record<string, string>;

    const post = (url: string, payload: unknown, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: `/api/v1/${url}`, payload: payload as object, headers });

    const account = (n: number, verified: boolean) =>
      citizenAccount(app, t.container, sender, n, { prefix: 'sanggah', serial: 8000, verified });

    const recipient = async (h: Household, period: string) => {
      await t.container.database.db
        .insertInto('recipients')
        .values({
          period,
          programmeCode: 'PKH',
          householdId: h.id,
          runId: ABSENT,
          programmeVersion: '1',
          provinceCode: h.villageCode.slice(0, 2),
          regencyCode: h.villageCode.slice(0, 5),
          villageCode: h.villageCode,
          kkNumber: h.kkNumber,
          headName: h.members[0]!.name,
          decile: 1,
          components: '[]',
          amount: 750000,
          approvedAt: '2026-06-01T00:00:00.000Z',
        })
        .execute();
    };
    const target = (h: Household, reason = 'Keluarga ini punya mobil dan toko besar di pasar') => ({
      nik: h.members[0]!.nik,
      name: h.members[0]!.name,
      reason,
    });

    beforeAll(async () => {
      t = await openTestDb(engine, { codeSender: sender });
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'dinsos', 'dinsos-other', 'pusdatin']) as[u] = await login(app, u);
      const make = async (key: string, who: string, village: string, serial: number) => {
        const res = await post('households', makeHousehold(village, serial), as[who]!);
        expect(res.statusCode, res.body).toBe(201);
        hh[key] = { ...res.json(), villageCode: village };
      };
      await make('rich', 'op-a', PLACES.villageA, 61);
      await make('old', 'op-a', PLACES.villageA, 62);
      await make('plain', 'op-a', PLACES.villageA, 63);
      await make('far', 'op-b', PLACES.villageB, 64);
      for (const n of [1, 2, 3, 4, 5]) await make(`r${n}`, 'op-a', PLACES.villageA, 64 + n);
      await recipient(hh.old!, '2026-05');
      for (const k of ['rich', 'far', 'r1', 'r2', 'r3', 'r4', 'r5']) await recipient(hh[k]!, '2026-06');
      citizen = await account(1, true);
      pending = await account(2, false);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('answers the same 404 for everyone but a current recipient of the citizen’s village', async () => {
      const absent = await post(
        'public/citizen/sanggah',
        { ...target(hh.rich!), nik: '3307010101010099' },
        citizen,
      );
      expect(absent.statusCode, absent.body).toBe(404);
      const cases = [
        target(hh.far!), // another village
        target(hh.plain!), // not a recipient
        target(hh.old!), // a recipient of an older period only
        { ...target(hh.rich!), name: 'Nama Lain Sekali' }, // wrong name
      ];
      for (const body of cases) {
        const res = await post('public/citizen/sanggah', body, citizen);
        expect(res.statusCode, body.nik).toBe(404);
        expect({ ...res.json(), instance: 0, requestId: 0 }).toEqual({
          ...absent.json(),
          instance: 0,
          requestId: 0,
        });
      }
      const unverified = await post('public/citizen/sanggah', target(hh.rich!), pending);
      expect(unverified.statusCode).toBe(403);
      expect(unverified.json().code).toBe('citizen.not_verified');
      const anonymous = await post('public/citizen/sanggah', target(hh.rich!), {});
      expect(anonymous.statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/sanggah', headers: {} })).statusCode).toBe(401);
    });

    it('files an objection with evidence, limits per citizen and per family, and lets it be withdrawn', async () => {
      const res = await post('public/citizen/sanggah', target(hh.rich!), citizen);
      expect(res.statusCode, res.body).toBe(201);
      const s = res.json();
      expect(s).toMatchObject({ state: 'submitted', recipientPeriod: '2026-06', evidenceCount: 0 });
      expect(s.targetName).not.toBe(hh.rich!.members[0]!.name);
      expect(s.targetName).toMatch(/\*/);
      expect(JSON.stringify(s)).not.toContain(hh.rich!.kkNumber);

      const photo = await app.inject({
        method: 'POST',
        url: `/api/v1/public/citizen/sanggah/${s.id}/evidence?name=mobil.jpg`,
        headers: { ...citizen, 'content-type': 'image/jpeg' },
        payload: jpegFile(80, 60),
      });
      expect(photo.statusCode, photo.body).toBe(201);
      expect(photo.json().evidenceCount).toBe(1);
      const fake = await app.inject({
        method: 'POST',
        url: `/api/v1/public/citizen/sanggah/${s.id}/evidence?name=x.jpg`,
        headers: { ...citizen, 'content-type': 'image/jpeg' },
        payload: Buffer.from('not a picture at all'),
      });
      expect(fake.statusCode).toBeGreaterThanOrEqual(400);
      expect(fake.statusCode).toBeLessThan(500);
      expect(fake.statusCode).not.toBe(201);
      const other = await app.inject({
        method: 'POST',
        url: `/api/v1/public/citizen/sanggah/${s.id}/withdraw`,
        headers: pending,
      });
      expect(other.statusCode).toBe(404);

      const again = await post('public/citizen/sanggah', target(hh.rich!), citizen);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('sanggah.duplicate');
      const ids: string[] = [];
      for (const k of ['r1', 'r2']) {
        const r = await post('public/citizen/sanggah', target(hh[k]!), citizen);
        expect(r.statusCode, r.body).toBe(201);
        ids.push(r.json().id);
      }
      const fourth = await post('public/citizen/sanggah', target(hh.r3!), citizen);
      expect(fourth.statusCode).toBe(409);
      expect(fourth.json().code).toBe('sanggah.limit_citizen');

      const mine = await app.inject({ url: '/api/v1/public/citizen/sanggah', headers: citizen });
      expect(mine.json().items).toHaveLength(3);
      const r2 = { id: ids[1] };
      const withdrawn = await app.inject({
        method: 'POST',
        url: `/api/v1/public/citizen/sanggah/${r2.id}/withdraw`,
        headers: citizen,
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json().state).toBe('withdrawn');
      expect((await post('public/citizen/sanggah', target(hh.r3!), citizen)).statusCode).toBe(201);
    });

    it('is on the regency Dinas Sosial’s list and to-do only; upheld → declared ineligible → left out', async () => {
      const list = await app.inject({ url: '/api/v1/sanggah', headers: as.dinsos! });
      expect(list.statusCode, list.body).toBe(200);
      const item = list.json().items.find((i: { householdId: string }) => i.householdId === hh.rich!.id);
      expect(item).toMatchObject({
        state: 'submitted',
        objector: 'sanggah1',
        evidence: [{ mime: 'image/jpeg' }],
      });
      expect(item.allowed).toEqual(['investigate', 'uphold', 'reject']);
      const todo = await app.inject({ url: '/api/v1/todo', headers: as.dinsos! });
      expect(todo.json().items.map((i: { code: string }) => i.code)).toContain('sanggah_open');

      for (const who of ['dinsos-other', 'op-a']) {
        const one = await app.inject({ url: `/api/v1/sanggah/${item.id}`, headers: as[who]! });
        const absent = await app.inject({ url: `/api/v1/sanggah/${ABSENT}`, headers: as[who]! });
        expect(one.statusCode, who).toBe(absent.statusCode);
      }
      const theirs = await app.inject({ url: '/api/v1/sanggah', headers: as['dinsos-other']! });
      expect(theirs.json().items).toEqual([]);
      const byPusdatin = await post(
        `sanggah/${item.id}/decision`,
        { step: 'investigate', version: item.version },
        as.pusdatin!,
      );
      expect(byPusdatin.statusCode).toBe(403);

      const officer = await t.container.users.create(systemActor('test'), {
        username: 'petugas-a',
        role: 'petugas',
        regionCode: PLACES.villageA,
        password: PASSWORD,
      });
      const inv = await post(
        `sanggah/${item.id}/decision`,
        { step: 'investigate', version: item.version, visitOfficer: officer.id },
        as.dinsos!,
      );
      expect(inv.statusCode, inv.body).toBe(200);
      expect(inv.json().state).toBe('investigating');
      const visit = await app.inject({ url: `/api/v1/visits/${inv.json().visitId}`, headers: as.dinsos! });
      expect(visit.statusCode, visit.body).toBe(200);
      expect(visit.json()).toMatchObject({ householdId: hh.rich!.id, state: 'assigned' });
      const noReason = await post(
        `sanggah/${item.id}/decision`,
        { step: 'uphold', version: inv.json().version },
        as.dinsos!,
      );
      expect(noReason.statusCode).toBe(400);
      const stale = await post(
        `sanggah/${item.id}/decision`,
        { step: 'uphold', version: item.version, reason: 'Terbukti mampu' },
        as.dinsos!,
      );
      expect(stale.statusCode).toBe(409);
      const upheld = await post(
        `sanggah/${item.id}/decision`,
        { step: 'uphold', version: inv.json().version, reason: 'Kunjungan membuktikan keluarga mampu' },
        as.dinsos!,
      );
      expect(upheld.statusCode, upheld.body).toBe(200);
      expect(upheld.json().state).toBe('upheld');
      const standing = await t.container.eligibility.standing(t.container.database.db, [
        hh.rich!.id,
        hh.r1!.id,
      ]);
      expect([...standing]).toEqual([hh.rich!.id]);
      const household = await app.inject({ url: `/api/v1/households/${hh.rich!.id}`, headers: as.dinsos! });
      expect(household.json().status).toBe('removed');

      const again = await post(
        `sanggah/${item.id}/decision`,
        { step: 'reject', version: upheld.json().version, reason: 'x x x' },
        as.dinsos!,
      );
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('sanggah.invalid_transition');

      const r1 = list.json().items.find((i: { householdId: string }) => i.householdId === hh.r1!.id);
      const rejected = await post(
        `sanggah/${r1.id}/decision`,
        { step: 'reject', version: r1.version, reason: 'Tidak ada bukti yang cukup' },
        as.dinsos!,
      );
      expect(rejected.statusCode, rejected.body).toBe(200);

      const mine = (await app.inject({ url: '/api/v1/public/citizen/sanggah', headers: citizen })).json()
        .items;
      expect(mine.find((i: { id: string }) => i.id === item.id)).toMatchObject({
        state: 'upheld',
        decisionReason: 'Kunjungan membuktikan keluarga mampu',
      });
      expect(mine.find((i: { id: string }) => i.id === r1.id)).toMatchObject({
        state: 'rejected',
        decisionReason: 'Tidak ada bukti yang cukup',
      });
      // A household no longer in DTKS cannot be objected to any more.
      const gone = await post('public/citizen/sanggah', target(hh.rich!), await account(3, true));
      expect(gone.statusCode).toBe(404);
    });

    it('leaves the upheld household out of the next recipient computation (INELIGIBLE)', async () => {
      const c = t.container;
      await publishProgrammes(c);
      await c.wages.set(systemActor('test'), {
        regionCode: PLACES.regency,
        year: 2026,
        monthlyAmount: 2_474_000,
      });
      await determinedRankedPeriod(
        c,
        '2026-07',
        ['rich', 'r1'].map((k) => ({ id: hh[k]!.id, village: PLACES.villageA, decile: 1 })),
      );
      await c.recipients.compute(systemActor('test'), {
        period: '2026-07',
        programme: 'PKH',
        regency: PLACES.regency,
      });
      const ex = await app.inject({
        url: '/api/v1/periods/2026-07/recipients/exclusions?programme=PKH',
        headers: as.dinsos!,
      });
      expect(ex.statusCode, ex.body).toBe(200);
      const rich = ex.json().items.find((e: { householdId: string }) => e.householdId === hh.rich!.id);
      expect(rich?.codes).toContain('INELIGIBLE');
      const r1 = ex.json().items.find((e: { householdId: string }) => e.householdId === hh.r1!.id);
      expect(r1?.codes ?? []).not.toContain('INELIGIBLE');
    });
  });
}
