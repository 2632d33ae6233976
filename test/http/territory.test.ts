/**
 * Territory: an officer sees and changes only their own region, and a record outside it answers exactly
 * like a record that does not exist (same status, same body apart from `instance`).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts, storedHousehold } from '../support/db-state.ts';

interface Created {
  id: string;
  kkNumber: string;
  headName: string;
  members: { id: string; nik: string; name: string }[];
  input: HouseholdCreate;
}

/** Same status and the same problem document, `instance` aside: nothing tells the two apart. */
function expectIndistinguishable(hidden: LightMyRequestResponse, absent: LightMyRequestResponse) {
  expect(hidden.statusCode, hidden.body).toBe(404);
  expect(absent.statusCode, absent.body).toBe(404);
  expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
  expect(hidden.headers['content-type']).toMatch(/^application\/problem\+json/);
  const { instance: _a, requestId: _ar, ...h } = hidden.json();
  const { instance: _b, requestId: _br, ...a } = absent.json();
  expect(h).toEqual(a);
  expect(h.code).toBe('record.not_found');
}

const ids = (res: LightMyRequestResponse) => (res.json().items as { id: string }[]).map((i) => i.id).sort();

for (const engine of ENGINES) {
  describe(`territory (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    let A: Created;
    let A2: Created;
    let B: Created;
    let O: Created;

    async function create(user: string, input: HouseholdCreate): Promise<Created> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as[user],
        payload: input,
      });
      expect(res.statusCode, res.body).toBe(201);
      return { ...res.json(), input };
    }

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'camat-a', 'dinsos', 'dinsos-other', 'pusdatin', 'admin'])
        as[u] = await login(app, u);
      A = await create('op-a', makeHousehold(PLACES.villageA, 1));
      B = await create('op-b', makeHousehold(PLACES.villageB, 2));
      A2 = await create('admin', makeHousehold(PLACES.villageA2, 3));
      O = await create('admin', makeHousehold(PLACES.otherVillage, 4));
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    describe('a village operator and a household of another village', () => {
      const absentId = newId();
      const absentPerson = newId();

      it('cannot read it: same answer as an id that does not exist', async () => {
        const hidden = await app.inject({ url: `/api/v1/households/${B.id}`, headers: as['op-a'] });
        const absent = await app.inject({ url: `/api/v1/households/${absentId}`, headers: as['op-a'] });
        expectIndistinguishable(hidden, absent);
        // The owner does see it: the 404 above is the territory rule, not a broken record.
        const own = await app.inject({ url: `/api/v1/households/${B.id}`, headers: as['op-b'] });
        expect(own.statusCode).toBe(200);
      });

      it('cannot see its history', async () => {
        const hidden = await app.inject({ url: `/api/v1/households/${B.id}/history`, headers: as['op-a'] });
        const absent = await app.inject({
          url: `/api/v1/households/${absentId}/history`,
          headers: as['op-a'],
        });
        expectIndistinguishable(hidden, absent);
      });

      it('cannot look up its members by NIK', async () => {
        const nik = B.members[1]!.nik;
        const hidden = await app.inject({ url: `/api/v1/persons/${nik}`, headers: as['op-a'] });
        const absentNik = makeNik('33.07.02', '1990-05-05', 'M', 9999);
        const absent = await app.inject({ url: `/api/v1/persons/${absentNik}`, headers: as['op-a'] });
        expect(hidden.statusCode).toBe(404);
        const { instance: _a, requestId: _ar, ...h } = hidden.json();
        const { instance: _b, requestId: _br, ...a } = absent.json();
        expect(h).toEqual(a);
        expect(hidden.body).not.toContain(B.kkNumber);
        const own = await app.inject({ url: `/api/v1/persons/${nik}`, headers: as['op-b'] });
        expect(own.statusCode).toBe(200);
      });

      it('does not find it in lists or searches (name, NIK, KK) nor with region= that village', async () => {
        const queries = [
          '',
          `?q=${encodeURIComponent(B.headName)}`,
          `?q=${encodeURIComponent('Budi Santoso')}`,
          `?q=${B.members[2]!.nik}`,
          `?q=${B.kkNumber}`,
          '?status=all',
        ];
        for (const q of queries) {
          const res = await app.inject({ url: `/api/v1/households${q}`, headers: as['op-a'] });
          expect(res.statusCode, q).toBe(200);
          expect(ids(res), q).not.toContain(B.id);
          for (const item of res.json().items) expect(item.regionCode, q).toBe(PLACES.villageA);
        }
        const byName = await app.inject({
          url: `/api/v1/households?q=${encodeURIComponent('Budi Santoso')}`,
          headers: as['op-a'],
        });
        expect(ids(byName)).toEqual([A.id]);
        for (const region of [PLACES.villageB, PLACES.districtB, '3307022001', PLACES.otherRegency]) {
          const res = await app.inject({
            url: `/api/v1/households?region=${region}&status=all`,
            headers: as['op-a'],
          });
          expect(res.statusCode, region).toBe(200);
          // The first page's total counts nothing of the other village either.
          expect(res.json(), region).toEqual({ items: [], nextCursor: null, total: 0 });
        }
      });

      it('does not count it in /stats/regions', async () => {
        const own = await app.inject({ url: '/api/v1/stats/regions', headers: as['op-a'] });
        expect(own.statusCode, own.body).toBe(200);
        expect(own.json().rows).toEqual([
          { code: PLACES.villageA, name: 'Kaligowong', households: 1, persons: 3 },
        ]);
        const widened = await app.inject({
          url: `/api/v1/stats/regions?region=${PLACES.regency}`,
          headers: as['op-a'],
        });
        expect(widened.json().rows.map((r: { code: string }) => r.code)).toEqual([PLACES.villageA]);
        for (const region of [PLACES.villageB, PLACES.districtB, PLACES.otherVillage]) {
          const res = await app.inject({
            url: `/api/v1/stats/regions?region=${region}`,
            headers: as['op-a'],
          });
          expect(res.statusCode, region).toBe(200);
          expect(res.json(), region).toEqual({ region: null, rows: [] });
        }
      });

      it('cannot change it in any way; the database stays as it was', async () => {
        const before = await rowCounts(t.container);
        const stored = await storedHousehold(t.container, B.id);
        const member = B.members.find((m) => m.nik === B.input.members[2]!.nik)!;
        const extra = {
          nik: makeNik('33.07.01', '2019-02-03', 'F', 4321),
          name: 'Sari',
          birthDate: '2019-02-03',
          sex: 'F',
          relationship: 3,
        };
        const attempts: {
          method: 'PATCH' | 'POST';
          path: (h: string, p: string) => string;
          payload: object;
        }[] = [
          {
            method: 'PATCH',
            path: (h) => `/api/v1/households/${h}`,
            payload: { version: 1, reason: 'ganti alamat', address: 'Jalan Lain 1' },
          },
          {
            method: 'POST',
            path: (h) => `/api/v1/households/${h}/members`,
            payload: { version: 1, reason: 'lahir', member: extra },
          },
          {
            method: 'PATCH',
            path: (h, p) => `/api/v1/households/${h}/members/${p}`,
            payload: { version: 1, reason: 'ganti nama', name: 'Nama Lain' },
          },
          {
            method: 'POST',
            path: (h, p) => `/api/v1/households/${h}/members/${p}/removal`,
            payload: { version: 1, reasonCode: 'moved_out' },
          },
          {
            method: 'POST',
            path: (h) => `/api/v1/households/${h}/removal`,
            payload: { version: 1, reasonCode: 'moved_out', note: 'pindah' },
          },
        ];
        for (const a of attempts) {
          const hidden = await app.inject({
            method: a.method,
            url: a.path(B.id, member.id),
            headers: as['op-a'],
            payload: a.payload,
          });
          const absent = await app.inject({
            method: a.method,
            url: a.path(absentId, absentPerson),
            headers: as['op-a'],
            payload: a.payload,
          });
          expectIndistinguishable(hidden, absent);
        }
        expect(await rowCounts(t.container)).toEqual(before);
        expect(await storedHousehold(t.container, B.id)).toEqual(stored);
      });
    });

    it('a district user sees both villages of the district, not a village of another district', async () => {
      const list = await app.inject({ url: '/api/v1/households', headers: as['camat-a'] });
      expect(ids(list)).toEqual([A.id, A2.id].sort());
      const counts = await app.inject({ url: '/api/v1/stats/regions', headers: as['camat-a'] });
      expect(counts.json().rows.map((r: { code: string }) => r.code)).toEqual([
        PLACES.villageA,
        PLACES.villageA2,
      ]);
      expect(
        (await app.inject({ url: `/api/v1/households/${A2.id}`, headers: as['camat-a'] })).statusCode,
      ).toBe(200);
      const hidden = await app.inject({ url: `/api/v1/households/${B.id}`, headers: as['camat-a'] });
      const absent = await app.inject({ url: `/api/v1/households/${newId()}`, headers: as['camat-a'] });
      expectIndistinguishable(hidden, absent);
      const byRegion = await app.inject({
        url: `/api/v1/households?region=${PLACES.villageB}`,
        headers: as['camat-a'],
      });
      expect(byRegion.json().items).toEqual([]);
      const person = await app.inject({
        url: `/api/v1/persons/${B.members[0]!.nik}`,
        headers: as['camat-a'],
      });
      expect(person.statusCode).toBe(404);
    });

    it('the regency office sees its regency; the office of another regency sees none of it', async () => {
      const own = await app.inject({ url: '/api/v1/households', headers: as.dinsos });
      expect(ids(own)).toEqual([A.id, A2.id, B.id].sort());
      const other = await app.inject({ url: '/api/v1/households', headers: as['dinsos-other'] });
      expect(ids(other)).toEqual([O.id]);
      for (const h of [A, A2, B]) {
        const hidden = await app.inject({ url: `/api/v1/households/${h.id}`, headers: as['dinsos-other'] });
        expect(hidden.statusCode).toBe(404);
        const q = await app.inject({
          url: `/api/v1/households?q=${h.kkNumber}`,
          headers: as['dinsos-other'],
        });
        expect(q.json().items).toEqual([]);
      }
      const counts = await app.inject({
        url: `/api/v1/stats/regions?region=${PLACES.regency}`,
        headers: as['dinsos-other'],
      });
      expect(counts.json()).toEqual({ region: null, rows: [] });
    });

    it('pusdatin sees every region', async () => {
      const all = await app.inject({ url: '/api/v1/households', headers: as.pusdatin });
      expect(ids(all)).toEqual([A.id, A2.id, B.id, O.id].sort());
      for (const h of [A, B, O]) {
        const res = await app.inject({ url: `/api/v1/households/${h.id}`, headers: as.pusdatin });
        expect(res.statusCode).toBe(200);
      }
      const counts = await app.inject({ url: '/api/v1/stats/regions', headers: as.pusdatin });
      expect(counts.json().rows).toEqual([{ code: '33', name: 'Jawa Tengah', households: 4, persons: 12 }]);
    });

    describe('CSV export (GET /api/v1/exports/households.csv)', () => {
      const exportAs = (user: string, query = '') =>
        app.inject({ url: `/api/v1/exports/households.csv${query}`, headers: as[user] });
      /** The KK numbers and NIKs a CSV body mentions, of the households created above. */
      const mentioned = (csv: string) =>
        [A, A2, B, O].filter(
          (h) => csv.includes(h.kkNumber) || h.input.members.some((m) => csv.includes(m.nik)),
        );

      it('an operator exports only their village; region= another village gives the header alone', async () => {
        const own = await exportAs('op-a');
        expect(own.statusCode, own.body).toBe(200);
        expect(own.headers['content-type']).toMatch(/^text\/csv/);
        expect(mentioned(own.body)).toEqual([A]);
        for (const m of A.input.members) expect(own.body).toContain(m.nik);
        const header = own.body.split(/\r?\n/)[0]!;
        for (const region of [PLACES.villageB, PLACES.districtB, PLACES.otherVillage]) {
          const res = await exportAs('op-a', `?region=${region}&status=all`);
          expect(res.statusCode, region).toBe(200);
          expect(mentioned(res.body), region).toEqual([]);
          expect(res.body.trim(), region).toBe(header);
        }
        // Asking for the whole regency still yields only the operator's village.
        expect(mentioned((await exportAs('op-a', `?region=${PLACES.regency}`)).body)).toEqual([A]);
      });

      it('district, regency, other regency and pusdatin export exactly what they may see', async () => {
        expect(mentioned((await exportAs('camat-a')).body)).toEqual([A, A2]);
        expect(mentioned((await exportAs('dinsos')).body)).toEqual([A, A2, B]);
        expect(mentioned((await exportAs('dinsos-other')).body)).toEqual([O]);
        expect(mentioned((await exportAs('pusdatin')).body)).toEqual([A, A2, B, O]);
      });
    });

    describe('NIK and KK conflicts name the place only to those who may see it', () => {
      it('operator B registering a NIK held in village A gets only the neutral answer', async () => {
        const before = await rowCounts(t.container);
        const input = makeHousehold(PLACES.villageB, 10);
        const taken = A.input.members[1]!;
        input.members[1] = {
          ...input.members[1]!,
          nik: taken.nik,
          birthDate: taken.birthDate,
          sex: taken.sex,
        };
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: as['op-b'],
          payload: input,
        });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json()).toMatchObject({
          code: 'identity.unavailable',
          detail: expect.stringMatching(/^NIK ini tidak dapat digunakan di sini\./),
          errors: [{ field: 'members.1.nik', code: 'identity.unavailable' }],
        });
        for (const secret of [A.kkNumber, PLACES.villageA, 'Kaligowong', A.headName, A.input.address])
          expect(res.body).not.toContain(secret);
        // Nothing registered; only the probe's own audit entry was added (test/http/identity-probes.test.ts).
        expect(await rowCounts(t.container)).toEqual({ ...before, auditLog: before.auditLog + 1 });

        // Same rule when adding a member to an existing household of village B.
        const add = await app.inject({
          method: 'POST',
          url: `/api/v1/households/${B.id}/members`,
          headers: { ...as['op-b'], 'accept-language': 'en' },
          payload: {
            version: 1,
            reason: 'pindah masuk',
            member: { ...taken, relationship: 8 },
          },
        });
        expect(add.statusCode, add.body).toBe(409);
        expect(add.json()).toMatchObject({
          code: 'identity.unavailable',
          detail: expect.stringMatching(/^This NIK cannot be used here\./),
          errors: [{ field: 'member.nik', code: 'identity.unavailable' }],
        });
        expect(add.body).not.toContain(A.kkNumber);
        expect(add.body).not.toContain(PLACES.villageA);
        expect(await rowCounts(t.container)).toEqual({ ...before, auditLog: before.auditLog + 2 });
      });

      it('a KK number of village A is only "unavailable" to operator B', async () => {
        const input = makeHousehold(PLACES.villageB, 11, { kkNumber: A.kkNumber });
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: as['op-b'],
          payload: input,
        });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().errors).toEqual([
          expect.objectContaining({ field: 'kkNumber', code: 'identity.unavailable' }),
        ]);
        expect(res.json().detail).toMatch(/^Nomor KK ini tidak dapat digunakan di sini\./);
        expect(res.body).not.toContain(A.headName);
        expect(res.body).not.toContain(PLACES.villageA);
      });

      it('the regency office, who may see village A, is told where the NIK is', async () => {
        const input = makeHousehold(PLACES.villageB, 12);
        input.members[0] = { ...input.members[0]!, nik: A.input.members[0]!.nik };
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: as.dinsos,
          payload: input,
        });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().detail).toContain(A.kkNumber);
        expect(res.json().detail).toContain(PLACES.villageA);
      });
    });
  });
}
