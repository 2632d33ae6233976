/** The instrument answers added for targeting (migration 026) travel through the API, the CSV export and a visit. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  instrumentChanges,
  instrumentFromHousehold,
} from '../../src/modules/verivali/verivali.instrument.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`instrument gaps: BPS criteria, KKS, income and employer (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Record<string, string>;
    let dinsos: Record<string, string>;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      dinsos = await login(app, 'dinsos');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('stores and answers the new answers; a household without them reads them as unknown', async () => {
      const base = makeHousehold(PLACES.villageA, 1);
      const input = {
        ...base,
        mealsPerDay: 2,
        meatMilkPerWeek: 0,
        newClothesPerYear: 1,
        canPayClinic: false,
        headIncomeBelowLine: true,
        hasSavings500k: false,
        kksNumber: ' 6013012345678901 ',
        members: base.members.map((m, i) =>
          i === 0
            ? { ...m, monthlyIncome: 550_000, employerType: 7 }
            : { ...m, monthlyIncome: 0, employerType: 0 },
        ),
      };
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: op,
        payload: input,
      });
      expect(res.statusCode, res.body).toBe(201);
      const read = (await app.inject({ url: `/api/v1/households/${res.json().id}`, headers: op })).json();
      expect(read).toMatchObject({
        mealsPerDay: 2,
        meatMilkPerWeek: 0,
        newClothesPerYear: 1,
        canPayClinic: false,
        headIncomeBelowLine: true,
        hasSavings500k: false,
        kksNumber: '6013012345678901',
      });
      expect(
        read.members.map((m: { monthlyIncome: number; employerType: number }) => [
          m.monthlyIncome,
          m.employerType,
        ]),
      ).toEqual([
        [550_000, 7],
        [0, 0],
        [0, 0],
      ]);

      const old = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: op,
        payload: makeHousehold(PLACES.villageA, 2),
      });
      expect(old.json()).toMatchObject({ mealsPerDay: null, kksNumber: null, canPayClinic: null });
      expect(old.json().members[0]).toMatchObject({ monthlyIncome: null, employerType: null });

      const csv = await app.inject({
        url: `/api/v1/exports/households.csv?region=${PLACES.villageA}`,
        headers: dinsos,
      });
      expect(csv.statusCode, csv.body).toBe(200);
      const [header, ...rows] = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      const cols = header!.split(',');
      const row = rows
        .map((r) => r.split(','))
        .find((r) => r[cols.indexOf('kks_number')] === '6013012345678901')!;
      expect(row[cols.indexOf('meals_per_day')]).toBe('2');
      expect(row[cols.indexOf('head_income_below_line')]).toBe('1');
      expect(row[cols.indexOf('monthly_income')]).toBe('550000');
      expect(row[cols.indexOf('employer_type')]).toBe('7');

      // A visit starts from these answers and records a change to them as a change.
      const instrument = instrumentFromHousehold(read);
      expect(instrument.household).toMatchObject({ kksNumber: '6013012345678901', mealsPerDay: 2 });
      expect(instrument.members[0]).toMatchObject({ monthlyIncome: 550_000, employerType: 7 });
      instrument.household.mealsPerDay = 3;
      instrument.members[0]!.monthlyIncome = 2_600_000;
      const changes = instrumentChanges(read, instrument, {
        latitude: read.latitude,
        longitude: read.longitude,
      });
      expect(changes.changes).toEqual({ mealsPerDay: 3 });
      expect(changes.memberChanges).toEqual([{ personId: read.members[0].id, monthlyIncome: 2_600_000 }]);
    });

    it('refuses a malformed KKS number, a fractional income and an unknown employer, naming each, changing nothing', async () => {
      const created = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: op,
          payload: makeHousehold(PLACES.villageA, 3),
        })
      ).json();
      const bad = await app.inject({
        method: 'PATCH',
        url: `/api/v1/households/${created.id}`,
        headers: op,
        payload: { version: 1, reason: 'kunjungan', kksNumber: '12345', mealsPerDay: 4 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['mealsPerDay', 'instrument.invalid_code'],
        ['kksNumber', 'kks.invalid'],
      ]);
      const member = created.members[0];
      const badMember = await app.inject({
        method: 'PATCH',
        url: `/api/v1/households/${created.id}/members/${member.id}`,
        headers: op,
        payload: { version: 1, reason: 'kunjungan', monthlyIncome: 1_500_000.5, employerType: 9 },
      });
      expect(badMember.statusCode).toBe(400);
      expect(
        badMember
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(expect.arrayContaining(['monthlyIncome']));
      const after = (await app.inject({ url: `/api/v1/households/${created.id}`, headers: op })).json();
      expect([after.version, after.kksNumber, after.members[0].monthlyIncome]).toEqual([1, null, null]);
    });
  });
}
