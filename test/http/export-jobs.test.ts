/**
 * The household export as a job: POST answers 202, the job's progress counts households, the finished file
 * is byte for byte the streamed export, downloaded only by the job's owner (anyone else: the 404 of an absent
 * job), audited, never cached, and gone once it expired. The requester's territory bounds the file.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { importSeedCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { latestAudit } from '../support/db-state.ts';

const HOUR = 3_600_000;

for (const engine of ENGINES) {
  describe(`household export as a job (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let as: Record<string, Record<string, string>>;
    let clock = Date.now();

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date(clock), exportTtlHours: 2 });
      await createUsers(t.container);
      const seed = [
        ...Array.from({ length: 7 }, (_, i) => makeHousehold(PLACES.villageA, i)),
        ...Array.from({ length: 3 }, (_, i) => makeHousehold(PLACES.villageB, 10 + i)),
        ...Array.from({ length: 2 }, (_, i) => makeHousehold(PLACES.otherVillage, 20 + i)),
      ];
      await importSeedCsv(t.container, seed);
      app = await testApp(t.container);
      const names = ['op-a', 'op-b', 'kades-a', 'dinsos', 'auditor'];
      as = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(app, n)])));
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const start = async (who: string, q = '') => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/exports/households${q}`,
        headers: as[who],
      });
      expect(res.statusCode, res.body).toBe(202);
      return res.json().jobId as string;
    };
    const get = (who: string, id: string) => app.inject({ url: `/api/v1/jobs/${id}`, headers: as[who] });
    const download = (who: string, id: string, q = '') =>
      app.inject({ url: `/api/v1/jobs/${id}/result${q}`, headers: as[who] });
    const exportFiles = () => {
      try {
        return readdirSync(join(t.container.config.dataDir, 'exports'));
      } catch {
        return [];
      }
    };

    it('runs as a job and its owner downloads the same file the streamed export gives, audited', async () => {
      const id = await start('op-a');
      expect((await get('op-a', id)).json()).toMatchObject({
        kind: 'household.export',
        state: 'queued',
        result: null,
      });
      // Not done yet: nothing to download.
      const early = await download('op-a', id, '?lang=en');
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'job.result_not_ready', currentState: 'queued' });

      await new JobWorker(t.container.jobs).drain();
      const done = (await get('op-a', id)).json();
      expect(done).toMatchObject({
        state: 'done',
        progress: { done: 7, total: 7, phase: 'export' },
        result: {
          filename: `dtks-households-${PLACES.villageA}-active.csv`,
          region: PLACES.villageA,
          households: 7,
          status: 'active',
        },
      });
      expect(done.result.file).toBeUndefined();
      expect(Date.parse(done.result.expiresAt) - clock).toBe(2 * HOUR);

      const res = await download('op-a', id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename=dtks-households-${PLACES.villageA}-active.csv`,
      );
      expect(Number(res.headers['content-length'])).toBe(done.result.bytes);
      const audit = (await latestAudit(t.container, 1))[0]!;
      expect(audit).toMatchObject({
        action: 'household.export',
        actorUsername: 'op-a',
        regionCode: PLACES.villageA,
      });
      expect(JSON.parse(audit.details)).toMatchObject({ job: id, households: 7, complete: true });

      const streamed = await app.inject({ url: '/api/v1/exports/households.csv', headers: as['op-a'] });
      expect(res.body).toBe(streamed.body);
      const lines = res.body.trim().split('\n');
      expect(lines.slice(1).every((l) => l.split(',')[1] === PLACES.villageA)).toBe(true);
      expect(exportFiles().filter((f) => f.endsWith('.part'))).toEqual([]);
    });

    it('only the owner downloads: anyone else, even in the territory, gets the 404 of an absent job', async () => {
      const id = await start('op-a');
      await new JobWorker(t.container.jobs).drain();
      const absent = await download('kades-a', '01900000-0000-7000-8000-000000000000');
      expect(absent.statusCode).toBe(404);
      for (const who of ['kades-a', 'dinsos', 'op-b']) {
        const res = await download(who, id);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe(absent.json().code);
        expect(res.json().detail).toBe(absent.json().detail);
      }
      // The regency's Dinas Sosial still follows the job itself (its territory), just not its file.
      expect((await get('dinsos', id)).statusCode).toBe(200);
    });

    it("holds only the requester's territory: another village asked for gives a header-only file", async () => {
      const id = await start('op-b', `?region=${PLACES.villageA}`);
      const mine = await start('op-b');
      await new JobWorker(t.container.jobs).drain();
      const other = await download('op-b', id);
      expect(other.statusCode).toBe(200);
      expect(other.body.trim().split('\n')).toHaveLength(1);
      const own = await download('op-b', mine);
      expect(own.body).not.toContain(PLACES.villageA);
      expect(own.body.trim().split('\n').length).toBeGreaterThan(3);
      const regency = await start('dinsos', '?status=all');
      await new JobWorker(t.container.jobs).drain();
      expect((await get('dinsos', regency)).json().result).toMatchObject({
        households: 10,
        filename: 'dtks-households-33.07-all.csv',
      });
    });

    it('refuses a bad region or a user without the permission before anything is queued', async () => {
      const before = (await t.container.jobs.list(systemActor('test'), { limit: 200 })).items.length;
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/exports/households?region=../../etc/passwd&lang=en',
        headers: as['op-a'],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('region');
      const auditor = await app.inject({
        method: 'POST',
        url: '/api/v1/exports/households',
        headers: as.auditor,
      });
      expect(auditor.statusCode).toBe(403);
      const anonymous = await app.inject({ method: 'POST', url: '/api/v1/exports/households' });
      expect(anonymous.statusCode).toBe(401);
      expect((await t.container.jobs.list(systemActor('test'), { limit: 200 })).items).toHaveLength(before);
    });

    it('a cancelled export leaves no file; an expired one is removed and says so', async () => {
      const cancelled = await start('op-a');
      const c = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${cancelled}/cancel`,
        headers: as['op-a'],
      });
      expect(c.json().state).toBe('cancelled');
      expect(exportFiles().filter((f) => f.startsWith(cancelled))).toEqual([]);

      const id = await start('op-a');
      await new JobWorker(t.container.jobs).drain();
      expect(exportFiles().filter((f) => f.startsWith(id))).toHaveLength(1);
      clock += 2 * HOUR + 1000;
      const expired = await download('op-a', id, '?lang=en');
      expect(expired.statusCode).toBe(404);
      expect(expired.json()).toMatchObject({ code: 'job.result_expired' });
      expect(exportFiles().filter((f) => f.startsWith(id))).toEqual([]);
    });
  });
}
