import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { createUsers, login, PASSWORD, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`minimum wages API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      await t.container.users.create(systemActor('test'), {
        username: 'prov-jateng',
        role: 'dinsos_prov',
        regionCode: '33',
        password: PASSWORD,
      });
      app = await testApp(t.container);
      for (const u of ['prov-jateng', 'dinsos', 'op-a', 'pusdatin']) as[u] = await login(app, u);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const put = (user: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/api/v1/minimum-wages', headers: as[user], payload });

    it("lets a province user set its UMP and its regencies' UMK, versioned and audited", async () => {
      const ump = await put('prov-jateng', {
        regionCode: '33',
        year: 2026,
        monthlyAmount: 2_327_386,
        decree: 'SK Gubernur 561/57/2025',
      });
      expect(ump.statusCode, ump.body).toBe(200);
      expect(ump.json()).toMatchObject({ kind: 'UMP', regionName: 'Jawa Tengah', version: 1 });
      const umk = await put('prov-jateng', { regionCode: '3307', year: 2026, monthlyAmount: 2_474_000 });
      expect(umk.statusCode, umk.body).toBe(200);
      expect(umk.json()).toMatchObject({ regionCode: '33.07', kind: 'UMK', decree: null });

      const stale = await put('prov-jateng', { regionCode: '33.07', year: 2026, monthlyAmount: 2_500_000 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'record.version_conflict', currentVersion: 1 });
      const changed = await put('prov-jateng', {
        regionCode: '33.07',
        year: 2026,
        monthlyAmount: 2_500_000,
        version: 1,
      });
      expect(changed.json()).toMatchObject({ monthlyAmount: 2_500_000, version: 2 });

      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select(['action', 'entityId'])
        .where('action', '=', 'minimum_wage.set')
        .execute();
      expect(audit.map((a) => a.entityId)).toEqual(['33/2026', '33.07/2026', '33.07/2026']);

      // A regency's user reads its UMK and its province's UMP, not other regencies' figures.
      await put('pusdatin', { regionCode: '33.08', year: 2026, monthlyAmount: 2_400_000 });
      const list = await app.inject({ url: '/api/v1/minimum-wages?region=33.07', headers: as.dinsos });
      expect(list.statusCode, list.body).toBe(200);
      expect(
        list.json().items.map((w: { regionCode: string; kind: string }) => [w.regionCode, w.kind]),
      ).toEqual([
        ['33', 'UMP'],
        ['33.07', 'UMK'],
      ]);
      const all = await app.inject({ url: '/api/v1/minimum-wages?year=2026', headers: as['op-a'] });
      expect(all.json().items).toHaveLength(3);
    });

    it('refuses a region outside the territory like an absent one, a village, a bad amount, other roles', async () => {
      const outside = await put('prov-jateng', { regionCode: '34', year: 2026, monthlyAmount: 2_264_080 });
      const absent = await put('prov-jateng', { regionCode: '33.98', year: 2026, monthlyAmount: 2_264_080 });
      expect([outside.statusCode, absent.statusCode]).toEqual([404, 404]);
      expect(outside.json().code).toBe('record.not_found');
      expect(absent.json().code).toBe('record.not_found');
      const village = await put('prov-jateng', {
        regionCode: '33.07.01.2001',
        year: 2026,
        monthlyAmount: 2_000_000,
      });
      expect(village.statusCode).toBe(400);
      expect(village.json().errors[0]).toMatchObject({ field: 'regionCode', code: 'wage.region_level' });
      const fraction = await put('prov-jateng', { regionCode: '33', year: 2025, monthlyAmount: 2169349.5 });
      expect(fraction.statusCode).toBe(400);
      expect(fraction.json().errors[0].field).toBe('monthlyAmount');
      const regencyUser = await put('dinsos', { regionCode: '33.07', year: 2025, monthlyAmount: 2_306_000 });
      expect(regencyUser.statusCode).toBe(403);
      const none = await app.inject({ url: '/api/v1/minimum-wages?year=2025', headers: as.dinsos });
      expect(none.json().items).toEqual([]);
    });
  });
}
