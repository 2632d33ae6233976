/**
 * HEAD requests (src/http/app.ts, `exposeHeadRoutes: false`): Fastify would answer HEAD on every GET route by
 * running the GET's handler and dropping the body — on an audited read (a household, an export) an audit
 * entry for a read that delivered nothing, and an export's work done for no one. Only the probes, the web
 * build's files and the offline shell files answer HEAD; every other HEAD is refused before any handler runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { importSeedCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Where HEAD is answered: the probes, the web build's assets, the API docs' files and the offline shell. */
const HEAD_ALLOWED =
  /^(\/healthz|\/readyz|\/assets\/\*|\/api\/docs\/static\/\*|\/sw\.js|\/manifest\.webmanifest|\/icon\.svg)$/;

for (const engine of ENGINES) {
  describe(`HEAD requests (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let web: string;
    let opA: Record<string, string>;
    let household: string;
    const routes: { method: string; url: string }[] = [];

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      await importSeedCsv(t.container, [
        makeHousehold(PLACES.villageA, 1),
        makeHousehold(PLACES.villageA, 2),
      ]);
      household = (
        await t.container.database.db
          .selectFrom('households')
          .select('id')
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id;
      web = mkdtempSync(join(tmpdir(), 'dtks-web-'));
      mkdirSync(join(web, 'assets'));
      writeFileSync(join(web, 'index.html'), '<!doctype html><html lang="id"></html>');
      writeFileSync(join(web, 'public.html'), '<!doctype html><html lang="id"></html>');
      writeFileSync(join(web, 'assets/app.js'), 'console.log(1);');
      writeFileSync(join(web, 'sw.js'), 'self.addEventListener("fetch", () => {});');
      const collect = (r: RouteOptions) => {
        for (const method of [r.method].flat()) routes.push({ method, url: r.url });
      };
      app = await testApp(t.container, { webRoot: web, onRoute: collect });
      opA = await login(app, 'op-a');
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
      rmSync(web, { recursive: true, force: true });
    });

    const auditCount = async () =>
      Number(
        (
          await t.container.database.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('no route answers HEAD but the probes and the static files', () => {
      expect(routes.length).toBeGreaterThan(80);
      expect(routes.filter((r) => r.method === 'HEAD' && !HEAD_ALLOWED.test(r.url))).toEqual([]);
      expect(routes.filter((r) => r.method === 'HEAD').map((r) => r.url)).toEqual(
        expect.arrayContaining(['/healthz', '/readyz', '/assets/*', '/sw.js']),
      );
    });

    for (const [what, url] of [
      ['a household', () => `/api/v1/households/${household}`],
      ['the household export', () => `/api/v1/exports/households.csv?region=${PLACES.villageA}`],
    ] as const) {
      it(`HEAD on ${what} is refused and audits nothing; GET audits the read`, async () => {
        const before = await auditCount();
        const head = await app.inject({ method: 'HEAD', url: url(), headers: opA });
        expect(await auditCount()).toBe(before);
        expect(head.statusCode).toBe(404);
        expect(head.body).toBe('');
        // The same route read with GET is audited: the HEAD above would have been too.
        const get = await app.inject({ url: url(), headers: opA });
        expect(get.statusCode, get.body).toBe(200);
        expect(await auditCount()).toBeGreaterThan(before);
      });
    }

    it('HEAD on the probes and the static files still answers', async () => {
      for (const url of ['/healthz', '/readyz', '/assets/app.js', '/sw.js']) {
        const res = await app.inject({ method: 'HEAD', url });
        expect([url, res.statusCode]).toEqual([url, 200]);
        expect(res.body).toBe('');
      }
      // The web app's pages are served for GET only, as before.
      expect((await app.inject({ url: '/statistik' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'HEAD', url: '/statistik' })).statusCode).toBe(404);
    });
  });
}
