/**
 * Cek Bansos over HTTP (issue 14), on both engines: masked answers by NIK and by village, a wrong name
 * answering exactly like an absent NIK, the check log holding keyed hashes only, the limits (429 with
 * Retry-After per client, NIK and village), the challenge modes with a real ALTCHA solution (and no replay),
 * abuse reports for staff by territory, and the region cascade.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { seedDetermined } from '../support/public.ts';

const PERIOD = '2026-11';
const NOW = new Date('2026-12-05T03:00:00Z');
const BIG = { client: 1000, nik: 1000, village: 1000, challengeAfter: 1000 };

async function publicApp(engine: (typeof ENGINES)[number], overrides: Partial<Config>) {
  const t = await openTestDb(engine, {
    now: () => NOW,
    publicChallenge: 'off',
    publicLimits: BIG,
    ...overrides,
  });
  const households = [1, 2, 3].map((n) => makeHousehold(PLACES.villageA, n));
  households.push(makeHousehold(PLACES.otherVillage, 4));
  await seedDetermined(t.container, PERIOD, households);
  const app = await testApp(t.container);
  return { t, app, households };
}

const check = (app: FastifyInstance, payload: object, remoteAddress = '203.0.113.7') =>
  app.inject({ method: 'POST', url: '/api/v1/public/status', payload, remoteAddress });

async function solved(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ url: '/api/v1/public/challenge' });
  expect(res.statusCode, res.body).toBe(200);
  const challenge = res.json();
  const solution = await solveChallenge({ challenge, deriveKey });
  expect(solution).not.toBeNull();
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

for (const engine of ENGINES) {
  describe(`public status check (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let head: { nik: string; name: string };
    let s2: Awaited<ReturnType<typeof publicApp>>;

    beforeAll(async () => {
      const s = await publicApp(engine, {});
      s2 = s;
      t = s.t;
      app = s.app;
      const m = s.households[0]!.members[0]!;
      head = { nik: m.nik, name: m.name };
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('finds a person by NIK and name, masked, with age, village and period, never cached', async () => {
      const res = await check(app, head);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({
        result: 'found',
        period: PERIOD,
        people: [
          {
            name: 'BU** SA***** 1',
            age: 46,
            village: {
              code: PLACES.villageA,
              name: expect.any(String),
              district: expect.any(String),
              regency: expect.any(String),
              province: expect.any(String),
            },
            dtks: { member: true, period: PERIOD },
            programmes: [],
          },
        ],
      });
      expect(res.body).not.toContain(head.nik);
      expect(res.body).not.toContain('1980');
      expect(res.body).not.toMatch(/Krajan|"rt"|"rw"/);
    });

    it('matches names whatever the case, spacing or old spelling', async () => {
      for (const name of ['budi santoso 1', '  BUDI   SANTOSO 1 ', 'Boedi Santoso 1']) {
        const res = await check(app, { nik: head.nik, name });
        expect(res.json().result, name).toBe('found');
      }
    });

    it('answers a wrong name for an existing NIK exactly like a NIK that does not exist', async () => {
      const wrong = await check(app, { nik: head.nik, name: 'Siti Aminah 1' });
      const absent = await check(app, { nik: '3307015501809999', name: 'Siti Aminah 1' });
      expect(wrong.statusCode).toBe(200);
      expect(absent.statusCode).toBe(200);
      expect(wrong.json()).toEqual({ result: 'not_found', period: PERIOD, people: [] });
      expect(absent.body).toBe(wrong.body);
      expect(Object.keys(absent.headers).sort()).toEqual(Object.keys(wrong.headers).sort());
    });

    it('finds by village and full name, not by a part of it, and not in another village', async () => {
      const found = await check(app, {
        regionCode: PLACES.villageA.replaceAll('.', ''),
        name: 'siti aminah 2',
      });
      expect(found.json()).toMatchObject({ result: 'found', people: [{ name: 'SI** AM**** 2', age: 41 }] });
      const part = await check(app, { regionCode: PLACES.villageA, name: 'Siti' });
      expect(part.json().result).toBe('not_found');
      const elsewhere = await check(app, { regionCode: PLACES.villageB, name: 'Siti Aminah 2' });
      expect(elsewhere.json().result).toBe('not_found');
    });

    it('refuses bad input with the field named and logs nothing for it', async () => {
      const before = await t.container.database.db.selectFrom('publicChecks').select('id').execute();
      for (const payload of [
        { nik: head.nik, regionCode: PLACES.villageA, name: 'Budi' },
        { name: 'Budi' },
        { nik: '12345', name: 'Budi' },
        { nik: head.nik, name: '' },
        { nik: head.nik, name: 'Budi', extra: 1 },
      ]) {
        const res = await check(app, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().errors?.length).toBeGreaterThan(0);
      }
      // The refinement's message reaches an Indonesian reader in Indonesian.
      const both = await check(app, { nik: head.nik, regionCode: PLACES.villageA, name: 'Budi' });
      expect(both.json().errors[0].message).toContain('Kirim NIK atau kode wilayah (bukan keduanya)');
      expect(both.body).not.toContain('Send either');
      for (const regionCode of [PLACES.districtA, '33.07.01.2999', 'abc']) {
        const res = await check(app, { regionCode, name: 'Budi' });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0]).toMatchObject({
          field: 'regionCode',
          code: 'public.region_not_village',
        });
      }
      const after = await t.container.database.db.selectFrom('publicChecks').select('id').execute();
      expect(after.length).toBe(before.length);
    });

    it('logs every check with keyed hashes, never the NIK or the name', async () => {
      const rows = await t.container.database.db.selectFrom('publicChecks').selectAll().execute();
      expect(rows.length).toBeGreaterThan(5);
      const text = JSON.stringify(rows);
      expect(text).not.toContain(head.nik);
      expect(text).not.toContain('203.0.113.7');
      expect(text.toLowerCase()).not.toContain('budi');
      const byNik = rows.filter((r) => r.nikHash !== null);
      expect(new Set(byNik.map((r) => r.nikHash)).size).toBe(2);
      expect(byNik.every((r) => /^[0-9a-f]{32}$/.test(r.nikHash!))).toBe(true);
      expect(rows.map((r) => r.outcome)).toEqual(expect.arrayContaining(['found', 'not_found']));
    });

    it('checks made together each get their own answer (PostgreSQL reads their NIKs in one statement)', async () => {
      const second = s2.households[1]!.members[1]!;
      const asked = [
        head,
        { nik: second.nik, name: second.name },
        { nik: head.nik, name: 'Siti Aminah 1' },
        { nik: '3307015501809998', name: second.name },
        head,
      ];
      const answers = await Promise.all(asked.map((body) => check(app, body)));
      expect(answers.map((r) => r.json().result)).toEqual([
        'found',
        'found',
        'not_found',
        'not_found',
        'found',
      ]);
      expect(answers[0]!.json().people[0].name).toBe('BU** SA***** 1');
      expect(answers[1]!.json().people[0].name).not.toBe('BU** SA***** 1');
      expect(answers[4]!.body).toBe(answers[0]!.body);
    });

    it('serves the region cascade publicly, cached', async () => {
      const provinces = await app.inject({ url: '/api/v1/public/regions' });
      expect(provinces.statusCode).toBe(200);
      expect(provinces.headers['cache-control']).toBe('public, max-age=86400');
      expect(provinces.json().items).toContainEqual({ code: '33', name: expect.any(String) });
      const districts = await app.inject({ url: `/api/v1/public/regions/${PLACES.regency}` });
      expect(districts.json().items).toContainEqual({ code: PLACES.districtA, name: expect.any(String) });
      const villages = await app.inject({ url: `/api/v1/public/regions/${PLACES.districtA}` });
      expect(villages.json().items.map((v: { code: string }) => v.code)).toContain(PLACES.villageA);
    });
  });

  describe(`public check limits and challenges (${engine})`, () => {
    const opened: { t: TestDb; app: FastifyInstance }[] = [];
    afterAll(async () => {
      for (const o of opened) {
        await o.app.close();
        await o.t.cleanup();
      }
    });
    const open = async (overrides: Partial<Config>) => {
      const s = await publicApp(engine, overrides);
      opened.push(s);
      return s;
    };

    it('limits one client to PUBLIC_LIMIT_CLIENT checks an hour: 429 with Retry-After, reported', async () => {
      const { app, t, households } = await open({ publicLimits: { ...BIG, client: 3 } });
      const m = households[0]!.members[0]!;
      for (let i = 0; i < 3; i++)
        expect((await check(app, { nik: m.nik, name: m.name })).statusCode).toBe(200);
      const res = await check(app, { nik: m.nik, name: m.name });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(3500);
      expect(res.json()).toMatchObject({
        code: 'rate.limited',
        retryAfter: Number(res.headers['retry-after']),
      });
      // Another client goes on.
      expect((await check(app, { nik: m.nik, name: m.name }, '198.51.100.1')).statusCode).toBe(200);
      const reports = await t.container.database.db.selectFrom('abuseReports').selectAll().execute();
      expect(reports).toEqual([
        expect.objectContaining({ kind: 'client_limit', count: 1, districtCode: PLACES.districtA }),
      ]);
    });

    it('limits one NIK asked from many clients, and one village swept by many', async () => {
      const { app, households } = await open({ publicLimits: { ...BIG, nik: 2, village: 3 } });
      const m = households[1]!.members[0]!;
      const from = (i: number) => `198.51.100.${i}`;
      expect((await check(app, { nik: m.nik, name: m.name }, from(1))).statusCode).toBe(200);
      expect((await check(app, { nik: m.nik, name: 'Wrong' }, from(2))).statusCode).toBe(200);
      const third = await check(app, { nik: m.nik, name: m.name }, from(3));
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBeDefined();
      // Other NIKs are not affected.
      const other = households[2]!.members[0]!;
      expect((await check(app, { nik: other.nik, name: other.name }, from(3))).statusCode).toBe(200);
      for (let i = 10; i < 13; i++) {
        expect((await check(app, { regionCode: PLACES.villageA, name: `X ${i}` }, from(i))).statusCode).toBe(
          200,
        );
      }
      expect((await check(app, { regionCode: PLACES.villageA, name: 'X' }, from(20))).statusCode).toBe(429);
      expect((await check(app, { regionCode: PLACES.villageB, name: 'X' }, from(20))).statusCode).toBe(200);
    });

    it('PUBLIC_CHALLENGE=always asks every check for a proof of work, good once', async () => {
      const { app, households } = await open({ publicChallenge: 'always' });
      const m = households[0]!.members[1]!;
      const bare = await check(app, { nik: m.nik, name: m.name });
      expect(bare.statusCode).toBe(403);
      expect(bare.json()).toMatchObject({
        code: 'public.challenge_required',
        challenge: '/api/v1/public/challenge',
      });
      const altcha = await solved(app);
      const ok = await check(app, { nik: m.nik, name: m.name, altcha });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().result).toBe('found');
      const replay = await check(app, { nik: m.nik, name: m.name, altcha });
      expect(replay.statusCode).toBe(403);
      expect(replay.json().code).toBe('public.challenge_invalid');
      const forged = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(await solved(app), 'base64').toString()),
          solution: { counter: 1, derivedKey: '00' },
        }),
      ).toString('base64');
      expect((await check(app, { nik: m.nik, name: m.name, altcha: forged })).json().code).toBe(
        'public.challenge_invalid',
      );
      expect((await check(app, { nik: m.nik, name: m.name, altcha: 'not base64 json' })).statusCode).toBe(
        403,
      );
    });

    it('PUBLIC_CHALLENGE=adaptive asks once a client passes its mark', async () => {
      const { app, households } = await open({
        publicChallenge: 'adaptive',
        publicLimits: { ...BIG, challengeAfter: 2 },
      });
      const m = households[0]!.members[0]!;
      expect((await check(app, { nik: m.nik, name: m.name })).statusCode).toBe(200);
      expect((await check(app, { nik: m.nik, name: m.name })).statusCode).toBe(200);
      const third = await check(app, { nik: m.nik, name: m.name });
      expect(third.statusCode).toBe(403);
      expect(third.json().code).toBe('public.challenge_required');
      expect((await check(app, { nik: m.nik, name: m.name, altcha: await solved(app) })).statusCode).toBe(
        200,
      );
      // A fresh client is not asked.
      expect((await check(app, { nik: m.nik, name: m.name }, '198.51.100.9')).statusCode).toBe(200);
    });

    it('PUBLIC_CHALLENGE=off never asks, and the limits still apply', async () => {
      const { app, households } = await open({
        publicChallenge: 'off',
        publicLimits: { ...BIG, client: 2, challengeAfter: 1 },
      });
      const m = households[0]!.members[0]!;
      expect((await check(app, { nik: m.nik, name: m.name })).statusCode).toBe(200);
      expect((await check(app, { nik: m.nik, name: m.name })).statusCode).toBe(200);
      expect((await check(app, { nik: m.nik, name: m.name })).statusCode).toBe(429);
    });

    it('shows abuse reports to staff of the territory concerned only', async () => {
      const { app, t, households } = await open({ publicLimits: { ...BIG, nik: 1 } });
      await createUsers(t.container);
      const m = households[0]!.members[0]!;
      await check(app, { nik: m.nik, name: m.name }, '198.51.100.1');
      expect((await check(app, { nik: m.nik, name: m.name }, '198.51.100.2')).statusCode).toBe(429);
      const list = async (who: string) =>
        app.inject({ url: '/api/v1/abuse-reports', headers: await login(app, who) });
      const dinsos = await list('dinsos');
      expect(dinsos.statusCode).toBe(200);
      expect(dinsos.json().items).toEqual([
        expect.objectContaining({
          kind: 'nik_limit',
          regionCode: PLACES.districtA,
          count: 1,
          channel: 'web',
        }),
      ]);
      expect(dinsos.body).not.toContain(m.nik);
      expect((await list('pusdatin')).json().items).toHaveLength(1);
      expect((await list('dinsos-other')).json().items).toEqual([]);
      expect((await list('op-a')).statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/abuse-reports' })).statusCode).toBe(401);
    });
  });
}
