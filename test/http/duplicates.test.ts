/**
 * `GET /api/v1/households/search` and the duplicate worklist over HTTP: sessions and roles, no-store
 * answers, problem+json for bad input, and a candidate outside the territory answering as an absent one.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const withoutInstance = (res: LightMyRequestResponse) => {
  const { instance: _i, requestId: _r, ...rest } = res.json();
  return rest;
};

for (const engine of ENGINES) {
  describe(`search and duplicates API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    let candidateId: string;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'dinsos', 'dinsos-other']) as[u] = await login(app, u);
      for (const [n, head] of [
        [61, 'Soewarno Saputro'],
        [62, 'Suwarno Saputro'],
      ] as const) {
        const h = makeHousehold(PLACES.villageA, n);
        h.members[0]!.name = head;
        h.address = 'Dusun Krajan 5';
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: as['op-a'],
          payload: h,
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const list = await app.inject({ url: '/api/v1/duplicates', headers: as.dinsos });
      candidateId = list.json().items.find((i: { rule: string }) => i.rule === 'head_name_address').id;
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('answers a tolerant name search, ranked, not cached', async () => {
      const res = await app.inject({ url: '/api/v1/households/search?q=suwarno', headers: as['op-a'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const items = res.json().items as { headName: string; score: number }[];
      expect(items.map((i) => i.headName)).toEqual(['Suwarno Saputro', 'Soewarno Saputro']);
      expect(items.map((i) => i.score)).toEqual([1, 1]);
      const bad = await app.inject({ url: '/api/v1/households/search', headers: as['op-a'] });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    });

    it('lists the worklist for Dinas Sosial only, not cached', async () => {
      expect((await app.inject({ url: '/api/v1/duplicates' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/duplicates', headers: as['op-a'] })).statusCode).toBe(403);
      const res = await app.inject({ url: '/api/v1/duplicates', headers: as.dinsos });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(
        res
          .json()
          .items.map((i: { rule: string }) => i.rule)
          .sort(),
      ).toContain('head_name_address');
      const other = await app.inject({ url: '/api/v1/duplicates', headers: as['dinsos-other'] });
      expect(other.json().items).toEqual([]);
    });

    it('hides a candidate outside the territory exactly like an absent one', async () => {
      const hidden = await app.inject({
        url: `/api/v1/duplicates/${candidateId}`,
        headers: as['dinsos-other'],
      });
      const absent = await app.inject({
        url: '/api/v1/duplicates/00000000-0000-7000-8000-000000000000',
        headers: as['dinsos-other'],
      });
      expect(hidden.statusCode).toBe(404);
      expect(withoutInstance(hidden)).toEqual(withoutInstance(absent));
      const seen = await app.inject({ url: `/api/v1/duplicates/${candidateId}`, headers: as.dinsos });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().households).toHaveLength(2);
    });

    it('refuses a resolution without a reason, naming the field, changing nothing', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/duplicates/${candidateId}/resolve`,
        headers: as.dinsos,
        payload: { action: 'same_family', note: '' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json())).toContain('note');
      const after = await app.inject({ url: `/api/v1/duplicates/${candidateId}`, headers: as.dinsos });
      expect(after.json().state).toBe('open');
      const ok = await app.inject({
        method: 'POST',
        url: `/api/v1/duplicates/${candidateId}/resolve`,
        headers: as.dinsos,
        payload: { action: 'same_family', note: 'satu keluarga, dua ejaan' },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ state: 'linked', resolution: 'same_family' });
    });
  });
}
