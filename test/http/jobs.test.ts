/**
 * The jobs API: an import answers 202 with its job, whose progress and result are read at /jobs/{id} in the
 * request's language; the list shows the caller's territory (or only their own jobs); a job outside the
 * territory answers exactly like an absent one; cancel by the owner, refused to a user without the kind's
 * permission, 409 once ended.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const CSV = { 'content-type': 'text/csv; charset=utf-8' };

for (const engine of ENGINES) {
  describe(`jobs API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let as: Record<string, Record<string, string>>;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      const names = ['dinsos', 'dinsos-other', 'op-a', 'pusdatin'];
      as = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(app, n)])));
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const start = async (who: string, payload: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/households',
        headers: { ...as[who], ...CSV },
        payload,
      });
      expect(res.statusCode, res.body).toBe(202);
      return res.json().jobId as string;
    };
    const get = (who: string, id: string, q = '') =>
      app.inject({ url: `/api/v1/jobs/${id}${q}`, headers: as[who] });

    it('a queued import shows its state, then its progress and result once a worker ran it', async () => {
      const bad = makeHousehold(PLACES.villageA, 2);
      bad.members[0] = { ...bad.members[0]!, nik: '3201' };
      const id = await start('dinsos', householdsCsv([makeHousehold(PLACES.villageA, 1), bad]));
      const queued = await get('dinsos', id);
      expect(queued.statusCode).toBe(200);
      expect(queued.headers['cache-control']).toBe('no-store');
      expect(queued.json()).toMatchObject({
        id,
        kind: 'household.import',
        state: 'queued',
        progress: { done: 0, total: null, phase: null },
        result: null,
        error: null,
        owner: 'dinsos',
      });
      await new JobWorker(t.container.jobs).drain();
      const done = (await get('dinsos', id, '?lang=en')).json();
      expect(done).toMatchObject({ state: 'done', result: { households: 2, created: 1, rejected: 1 } });
      expect(done.progress.done).toBe(done.progress.total);
      expect(done.result.rows[0].issues[0].message).toEqual(expect.any(String));
      expect(Object.keys(done).sort()).toEqual(
        expect.arrayContaining(['id', 'kind', 'state', 'progress', 'result', 'error']),
      );
    });

    it('lists jobs of the territory (or only mine); outside the territory a job is absent', async () => {
      const mine = await start('dinsos', householdsCsv([makeHousehold(PLACES.villageA, 20)]));
      const theirs = await start('dinsos-other', householdsCsv([makeHousehold(PLACES.otherVillage, 21)]));
      const list = async (who: string, q = '') => {
        const res = await app.inject({ url: `/api/v1/jobs${q}`, headers: as[who] });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items.map((j: { id: string }) => j.id) as string[];
      };
      expect(await list('dinsos')).toContain(mine);
      expect(await list('dinsos')).not.toContain(theirs);
      expect(await list('dinsos-other', '?mine=true')).toEqual([theirs]);
      expect(await list('pusdatin')).toEqual(expect.arrayContaining([mine, theirs]));
      // A village operator sees no regency-wide job; a national user sees every job.
      expect(await list('op-a')).toEqual([]);

      const hidden = await get('dinsos', theirs);
      const absent = await get('dinsos', '01900000-0000-7000-8000-000000000000');
      const malformed = await get('dinsos', 'nope');
      for (const r of [hidden, absent, malformed]) expect(r.statusCode).toBe(404);
      const cancelHidden = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${theirs}/cancel`,
        headers: as.dinsos,
      });
      expect(cancelHidden.statusCode).toBe(404);
      // The same body but for the path and the request's own id.
      const bodyOf = (r: typeof hidden) => {
        const { instance: _i, requestId: _r, ...body } = r.json();
        return body;
      };
      for (const r of [hidden, malformed, cancelHidden]) expect(bodyOf(r)).toEqual(bodyOf(absent));
    });

    it('cancel: the owner cancels a queued job; an ended job answers 409 with its state', async () => {
      const id = await start('dinsos', householdsCsv([makeHousehold(PLACES.villageA, 30)]));
      const byOperator = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${id}/cancel`,
        headers: as['op-a'],
      });
      expect(byOperator.statusCode).toBe(404); // a regency job lies outside a village's territory
      const res = await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: as.dinsos });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id, state: 'cancelled', cancelRequested: true });
      const again = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${id}/cancel`,
        headers: as.dinsos,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'job.finished', currentState: 'cancelled' });
      await new JobWorker(t.container.jobs).drain();
      const households = await t.container.database.db
        .selectFrom('households')
        .select('kkNumber')
        .where('kkNumber', '=', makeHousehold(PLACES.villageA, 30).kkNumber)
        .execute();
      expect(households).toEqual([]);
    });

    it('POST /jobs queues penetapan after checking role and parameters; nothing is queued when refused', async () => {
      const queue = (who: string, body: unknown) =>
        app.inject({ method: 'POST', url: '/api/v1/jobs', headers: as[who], payload: body as object });
      const count = async () =>
        (await app.inject({ url: '/api/v1/jobs?limit=200', headers: as.pusdatin })).json().items.length;
      const before = await count();
      const byOperator = await queue('op-a', { kind: 'penetapan.determine', params: { period: '2026-11' } });
      expect(byOperator.statusCode).toBe(403);
      expect(byOperator.json().code).toBe('penetapan.pusdatin_only');
      const badPeriod = await queue('pusdatin', {
        kind: 'penetapan.determine',
        params: { period: '2026-13' },
      });
      expect(badPeriod.statusCode).toBe(400);
      expect(badPeriod.json().errors.map((e: { field: string }) => e.field)).toEqual(['params.period']);
      const noFile = await queue('dinsos', {
        kind: 'household.import',
        params: { source: 'a.csv', acceptWarnings: false },
      });
      expect(noFile.json().code).toBe('job.input_required');
      const unknown = await queue('pusdatin', { kind: 'nope', params: {} });
      expect(unknown.json().code).toBe('job.unknown_kind');
      expect(await count()).toBe(before);

      const started = await queue('pusdatin', { kind: 'penetapan.determine', params: { period: '2026-11' } });
      expect(started.statusCode, started.body).toBe(202);
      await new JobWorker(t.container.jobs).drain();
      const job = (await get('pusdatin', started.json().jobId)).json();
      expect(job).toMatchObject({
        kind: 'penetapan.determine',
        state: 'done',
        progress: { done: 1, total: 1 },
      });
      expect(job.result).toMatchObject({ period: '2026-11' });
    });
  });
}
