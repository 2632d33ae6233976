import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { acceptedProposal, createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const clock = new Date('2026-03-16T09:00:00+07:00');
const PERIOD = '2026-03';
type Headers = Record<string, string>;

interface Row {
  code: string;
  districtCode: string;
  usulan: Record<string, number>;
  musdes: { state: string } | null;
  visits: Record<string, number>;
  dukcapilOpen: number;
}

for (const engine of ENGINES) {
  describe(`regency progress (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Headers;
    let dinsos: Headers;
    let dinsosOther: Headers;

    const get = (url: string, headers: Headers) =>
      app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      const petugas = await createUser(t.container, 'petugas-a', 'petugas', PLACES.districtA);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      dinsos = await login(app, 'dinsos');
      dinsosOther = await login(app, 'dinsos-other');

      // Village A: two proposals accepted at the Musdes (one visited), one still submitted.
      const accepted = [];
      for (const n of [1, 2]) {
        accepted.push(
          await acceptedProposal(app, t.container, op, {
            kind: 'baru',
            household: makeHousehold(PLACES.villageA, n),
            reason: 'Keluarga miskin baru',
          }),
        );
      }
      const draft = await app.inject({
        method: 'POST',
        url: '/api/v1/usulan',
        headers: op,
        payload: {
          kind: 'perbaikan',
          householdId: (await makeRegistered(3)).id,
          changes: { roomCount: 3 },
          reason: 'Kamar bertambah',
        },
      });
      expect(draft.statusCode, draft.body).toBe(201);
      await app.inject({
        method: 'POST',
        url: '/api/v1/visits',
        headers: dinsos,
        payload: { usulanId: accepted[0], assignedTo: petugas.id },
      });

      const now = clock.toISOString();
      await t.container.database.db
        .insertInto('musdesSessions')
        .values({
          id: newId(),
          period: PERIOD,
          state: 'signed',
          heldOn: '2026-03-26',
          place: 'Balai Desa',
          participants: '[]',
          counts: null,
          beritaAcaraId: null,
          signedScanId: null,
          provinceCode: '33',
          regencyCode: PLACES.regency,
          districtCode: PLACES.districtA,
          villageCode: PLACES.villageA,
          version: 1,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
          updatedBy: null,
        })
        .execute();

      // One open Dukcapil finding in village A (a registered member under another name).
      const h = await makeRegistered(4);
      const m = h.members[0]!;
      const csv = `nik,kk_number,name,birth_date,sex,region_code,status\n${m.nik},${h.kkNumber},Nama Lain,${m.birthDate},${m.sex},${PLACES.villageA},alive\n`;
      const imp = await app.inject({
        method: 'POST',
        url: '/api/v1/dukcapil/imports',
        headers: { ...dinsos, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(imp.statusCode, imp.body).toBe(200);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    async function makeRegistered(n: number) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: op,
        payload: makeHousehold(PLACES.villageA, n),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as {
        id: string;
        kkNumber: string;
        members: { nik: string; birthDate: string; sex: string }[];
      };
    }

    it('shows every village of the regency with proposals, Musdes, visits and open Dukcapil findings, and totals', async () => {
      const res = await get(`/progress?region=${PLACES.regency}&period=${PERIOD}`, dinsos);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.region).toMatchObject({ code: PLACES.regency, level: 2 });
      const villages: Row[] = body.villages;
      expect(villages.length).toBeGreaterThan(100);
      expect(villages.every((v) => v.code.startsWith(`${PLACES.regency}.`))).toBe(true);
      const a = villages.find((v) => v.code === PLACES.villageA)!;
      expect(a).toMatchObject({
        districtCode: PLACES.districtA,
        usulan: { musdes_accepted: 2, draft: 1 },
        musdes: { state: 'signed' },
        visits: { assigned: 1 },
        dukcapilOpen: 1,
      });
      expect(villages.find((v) => v.code === PLACES.villageB)).toMatchObject({
        usulan: {},
        musdes: null,
        visits: {},
        dukcapilOpen: 0,
      });
      expect(body.totals).toMatchObject({
        usulan: { musdes_accepted: 2, draft: 1 },
        visits: { assigned: 1 },
        dukcapilOpen: 1,
        musdes: { signed: 1, none: villages.length - 1 },
      });
    });

    it('drills down to a village; another regency is absent (404); a province or the nation is too large (400)', async () => {
      const village = (
        await get(`/progress?region=${PLACES.villageA.replaceAll('.', '')}&period=${PERIOD}`, op)
      ).json();
      expect(village.villages).toHaveLength(1);
      expect(village.villages[0]).toMatchObject({
        code: PLACES.villageA,
        usulan: { musdes_accepted: 2, draft: 1 },
      });
      expect((await get(`/progress?region=${PLACES.regency}&period=${PERIOD}`, op)).statusCode).toBe(404);
      expect((await get(`/progress?region=${PLACES.regency}&period=${PERIOD}`, dinsosOther)).statusCode).toBe(
        404,
      );
      const own = (await get(`/progress?period=${PERIOD}`, dinsosOther)).json();
      expect(own.region.code).toBe(PLACES.otherRegency);
      expect(own.totals).toMatchObject({ usulan: {}, visits: {}, dukcapilOpen: 0 });
      const pusdatin = await login(app, 'pusdatin');
      for (const url of [`/progress?region=33&period=${PERIOD}`, `/progress?period=${PERIOD}`]) {
        const tooLarge = await get(url, pusdatin);
        expect(tooLarge.statusCode).toBe(400);
        expect(tooLarge.json().code).toBe('progress.region_too_large');
      }
    });
  });
}
