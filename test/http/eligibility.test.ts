import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const clock = new Date('2026-03-16T09:00:00+07:00');
type Headers = Record<string, string>;

for (const engine of ENGINES) {
  describe(`ineligibility (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Headers;
    let dinsos: Headers;
    let dinsosOther: Headers;

    const api = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      dinsos = await login(app, 'dinsos');
      dinsosOther = await login(app, 'dinsos-other');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('removes the household, records its NIKs, and a later proposal naming one of them is refused', async () => {
      const input = makeHousehold(PLACES.villageA, 1);
      const h = (await api('POST', '/households', op, input)).json();

      const byOperator = await api('POST', `/households/${h.id}/ineligible`, op, {
        version: h.version,
        reason: 'Memiliki mobil',
      });
      expect(byOperator.statusCode).toBe(403);
      expect(byOperator.json().code).toBe('eligibility.dinsos_only');
      const otherRegency = await api('POST', `/households/${h.id}/ineligible`, dinsosOther, {
        version: h.version,
        reason: 'x y z',
      });
      expect(otherRegency.statusCode).toBe(404);
      const stale = await api('POST', `/households/${h.id}/ineligible`, dinsos, {
        version: h.version + 1,
        reason: 'Memiliki mobil',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('record.version_conflict');

      const res = await api('POST', `/households/${h.id}/ineligible`, dinsos, {
        version: h.version,
        reason: 'Memiliki mobil dan usaha toko besar (verivali)',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        householdId: h.id,
        period: '2026-03',
        niks: 3,
        version: h.version + 1,
      });

      const after = (await api('GET', `/households/${h.id}`, dinsos)).json();
      expect(after).toMatchObject({ status: 'removed', removalReason: 'declared_ineligible' });
      const list = (await api('GET', '/ineligible', dinsos)).json();
      expect(list.items).toEqual([
        expect.objectContaining({ householdId: h.id, persons: 3, period: '2026-03' }),
      ]);
      expect((await api('GET', '/ineligible', dinsosOther)).json().items).toEqual([]);

      const again = await api('POST', `/households/${h.id}/ineligible`, dinsos, {
        version: after.version,
        reason: 'lagi',
      });
      expect(again.statusCode).toBe(409);

      // The same family proposed again (new KK), with the former head among its members.
      const proposed = makeHousehold(PLACES.villageA, 2);
      proposed.members[0] = { ...input.members[0]! };
      const u = await api('POST', '/usulan', op, {
        kind: 'baru',
        household: proposed,
        reason: 'Diusulkan kembali',
      });
      expect(u.statusCode).toBe(400);
      expect(u.json().errors).toEqual([
        expect.objectContaining({ field: 'household.members.0.nik', code: 'usulan.ineligible' }),
      ]);
      // Another family is not affected.
      const fine = await api('POST', '/usulan', op, {
        kind: 'baru',
        household: makeHousehold(PLACES.villageA, 3),
        reason: 'Keluarga lain',
      });
      expect(fine.statusCode, fine.body).toBe(201);
    });
  });
}
