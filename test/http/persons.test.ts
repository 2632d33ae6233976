/**
 * `GET /api/v1/persons/{nik}`: a malformed NIK is 400 naming the rule it breaks; a well-formed NIK that is
 * not registered, registered outside the caller's territory, or no longer active is 404 with one body.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/domain/calendar.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const withoutInstance = (res: LightMyRequestResponse) => {
  const { instance: _i, requestId: _ir, ...rest } = res.json();
  return rest;
};

for (const engine of ENGINES) {
  describe(`persons API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    let household: {
      id: string;
      kkNumber: string;
      version: number;
      members: { id: string; nik: string; name: string; relationship: number }[];
    };
    let absentNotFound: Record<string, unknown>;
    const lookup = (nik: string, who = 'op-a', headers: Record<string, string> = {}) =>
      app.inject({ url: `/api/v1/persons/${encodeURIComponent(nik)}`, headers: { ...as[who], ...headers } });

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'camat-a', 'dinsos', 'dinsos-other', 'pusdatin'])
        as[u] = await login(app, u);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as['op-a'],
        payload: makeHousehold(PLACES.villageA, 1),
      });
      expect(res.statusCode, res.body).toBe(201);
      household = res.json();
      absentNotFound = withoutInstance(await lookup(makeNik('33.07.01', '1991-09-09', 'F', 4444)));
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('finds a registered person for everyone whose territory holds the village', async () => {
      const spouse = household.members.find((m) => m.relationship === 2)!;
      for (const who of ['op-a', 'camat-a', 'dinsos', 'pusdatin']) {
        const res = await lookup(spouse.nik, who);
        expect(res.statusCode, who).toBe(200);
        expect(res.json()).toMatchObject({
          person: { id: spouse.id, nik: spouse.nik, name: spouse.name, status: 'active', relationship: 2 },
          household: { id: household.id, kkNumber: household.kkNumber, regionCode: PLACES.villageA },
        });
        expect(res.json().regionPath.map((r: { code: string }) => r.code)).toEqual([
          '33',
          '33.07',
          '33.07.01',
          '33.07.01.2001',
        ]);
      }
    });

    describe('malformed NIK: 400 naming the rule', () => {
      const cases: [string, string, string][] = [
        ['letters', '33070115018OABCD', 'nik.not_digits'],
        ['spaces and dots', '3307.0115.0180.0001', 'nik.not_digits'],
        ['15 digits', '330701150180000', 'nik.length'],
        ['17 digits', '33070115018000011', 'nik.length'],
        ['31 February', '3307013102800001', 'nik.invalid_date'],
        ['month 13', '3307011513800001', 'nik.invalid_date'],
        ['female day 72', '3307017201800001', 'nik.invalid_date'],
        ['serial 0000', '3307011501800000', 'nik.serial_zero'],
        ['regency part 00', '3300011501800001', 'nik.region_zero'],
        ['district part 00', '3307001501800001', 'nik.region_zero'],
      ];
      for (const [label, nik, code] of cases) {
        it(label, async () => {
          const res = await lookup(nik);
          expect(res.statusCode, res.body).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json()).toMatchObject({ type: `urn:dtks:problem:${code}`, code });
          expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'nik', code }));
        });
      }

      // A two-digit year reads as the latest date not after today: a birth date later than today in this
      // two-digit year is a person born a century ago, a well-formed NIK that is simply not registered.
      it('a birth date later than today is a century ago: well-formed, 404 when not registered', async () => {
        const next = new Date();
        next.setDate(next.getDate() + 1);
        const res = await lookup(makeNik('33.07.01', localIsoDate(next), 'M', 1));
        expect(withoutInstance(res)).toEqual(absentNotFound);
      });

      it('the rule is explained in Indonesian by default, in English on request', async () => {
        const id = await lookup('330701150180000');
        expect(id.json().detail).toBe('Data tidak valid: nik: NIK harus 16 digit; yang diisi 15 karakter.');
        const en = await lookup('330701150180000', 'op-a', { 'accept-language': 'en' });
        expect(en.json().detail).toBe(
          'Invalid data: nik: NIK must be 16 digits long; 15 characters were entered.',
        );
      });

      it('over 32 characters is refused by the schema', async () => {
        const res = await lookup('1'.repeat(33));
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('request.invalid');
      });
    });

    it('a well-formed NIK that is not registered: 404', async () => {
      const res = await lookup(makeNik('33.07.01', '1991-09-09', 'F', 4444));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({
        type: 'urn:dtks:problem:record.not_found',
        code: 'record.not_found',
        detail: 'Orang dengan NIK ini tidak ditemukan',
      });
    });

    it('outside the territory: 404 with the same body as an absent NIK', async () => {
      const nik = household.members[0]!.nik;
      for (const who of ['op-b', 'dinsos-other']) {
        const res = await lookup(nik, who);
        expect(res.statusCode, who).toBe(404);
        expect(withoutInstance(res), who).toEqual(absentNotFound);
        expect(res.body).not.toContain(household.kkNumber);
        expect(res.body).not.toContain(household.members[0]!.name);
      }
    });

    it('a removed member and the people of a removed household are no longer found', async () => {
      const child = household.members.find((m) => m.relationship === 3)!;
      const out = await app.inject({
        method: 'POST',
        url: `/api/v1/households/${household.id}/members/${child.id}/removal`,
        headers: as['op-a'],
        payload: { version: 1, reasonCode: 'moved_out' },
      });
      expect(out.statusCode, out.body).toBe(200);
      expect(withoutInstance(await lookup(child.nik))).toEqual(absentNotFound);
      expect((await lookup(household.members[0]!.nik)).statusCode).toBe(200);

      const gone = await app.inject({
        method: 'POST',
        url: `/api/v1/households/${household.id}/removal`,
        headers: as['op-a'],
        payload: { version: 2, reasonCode: 'economic_improvement' },
      });
      expect(gone.statusCode, gone.body).toBe(200);
      for (const m of household.members) expect((await lookup(m.nik)).statusCode).toBe(404);
    });
  });
}
