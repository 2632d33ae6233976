/**
 * Abuse limits: requests of a logged-in account are counted per account (two accounts from one address do
 * not share a budget), anonymous requests per client address, login attempts per address whatever the
 * username; past the limit 429 problem+json with Retry-After. With REDIS_URL two server processes (here two
 * apps) count together. The defaults are the documented ones.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppOptions } from '../../src/http/app.ts';
import { DEFAULT_RATE_LIMITS, loadHttpSettings } from '../../src/http/settings.ts';
import { createUsers, login, PASSWORD, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

it('defaults: 600 a minute per account, 300 per anonymous address, 20 logins per address, 600 per DCI partner; env overrides', () => {
  expect(DEFAULT_RATE_LIMITS).toEqual({ account: 600, anonymous: 300, login: 20, dci: 600 });
  expect(loadHttpSettings({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS);
  expect(loadHttpSettings({}).redisUrl).toBeNull();
  expect(
    loadHttpSettings({
      RATE_LIMIT_ACCOUNT: '50',
      RATE_LIMIT_ANONYMOUS: '7',
      RATE_LIMIT_LOGIN: '3',
      DCI_RATE_LIMIT: '9',
    }).rateLimits,
  ).toEqual({ account: 50, anonymous: 7, login: 3, dci: 9 });
  expect(() => loadHttpSettings({ DCI_RATE_LIMIT: '0' })).toThrow(/DCI_RATE_LIMIT must be a whole number/);
  expect(() => loadHttpSettings({ RATE_LIMIT_LOGIN: 'lots' })).toThrow(
    /RATE_LIMIT_LOGIN must be a whole number/,
  );
});

for (const engine of ENGINES) {
  describe(`rate limits (${engine})`, () => {
    let t: TestDb;
    const apps: FastifyInstance[] = [];
    const small = { account: 6, anonymous: 4, login: 3, dci: 1000 };

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
    });
    afterAll(async () => {
      for (const a of apps) await a.close();
      await t.cleanup();
    });
    const appWith = async (settings: AppOptions) => {
      const a = await testApp(t.container, settings);
      apps.push(a);
      return a;
    };

    it('logins are limited per address, whatever the username; 429 problem+json with Retry-After', async () => {
      const app = await appWith({ settings: { rateLimits: { ...small, anonymous: 1000 } } });
      const attempt = (username: string, remoteAddress: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: PASSWORD },
          remoteAddress,
        });
      for (const u of ['op-a', 'op-b', 'kades-a'])
        expect((await attempt(u, '192.0.2.1')).statusCode).toBe(200);
      const limited = await attempt('dinsos', '192.0.2.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.json()).toMatchObject({ code: 'rate.limited', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      // The limiter answered before the password was checked: no login was recorded for it.
      const logins = await t.container.database.db
        .selectFrom('auditLog')
        .select('action')
        .where('actorUsername', '=', 'dinsos')
        .execute();
      expect(logins).toEqual([]);
      // Another address is unaffected.
      expect((await attempt('dinsos', '192.0.2.2')).statusCode).toBe(200);
    });

    it('logged-in requests are counted per account, anonymous ones per address', async () => {
      const app = await appWith({ settings: { rateLimits: { ...small, login: 1000 } } });
      const opA = await login(app, 'op-a');
      const opB = await login(app, 'op-b');
      const me = (headers: Record<string, string>) => app.inject({ url: '/api/v1/auth/me', headers });
      for (let i = 0; i < small.account; i++) expect((await me(opA)).statusCode).toBe(200);
      const over = await me(opA);
      expect(over.statusCode).toBe(429);
      expect(over.json().code).toBe('rate.limited');
      // Same address, another account: its own budget.
      expect((await me(opB)).statusCode).toBe(200);
      // Without a session: per address (the two logins above counted there too).
      const anonymous = await app.inject({ url: '/healthz', remoteAddress: '198.51.100.20' });
      expect(anonymous.statusCode).toBe(200);
      for (let i = 1; i < small.anonymous; i++)
        await app.inject({ url: '/healthz', remoteAddress: '198.51.100.20' });
      const blocked = await app.inject({ url: '/api/v1/households', remoteAddress: '198.51.100.20' });
      expect(blocked.statusCode).toBe(429);
      expect((await app.inject({ url: '/healthz', remoteAddress: '198.51.100.21' })).statusCode).toBe(200);
    });

    it('the web build (app page, assets, service worker, manifest, icon) is not counted; a page load over the limit gets a bilingual HTML page', async () => {
      const web = mkdtempSync(join(tmpdir(), 'dtks-web-'));
      try {
        mkdirSync(join(web, 'assets'));
        for (const file of ['index.html', 'public.html', 'sw.js', 'manifest.webmanifest', 'icon.svg'])
          writeFileSync(join(web, file), file);
        writeFileSync(join(web, 'assets/app.js'), 'app');
        const app = await appWith({ webRoot: web, settings: { rateLimits: { ...small, anonymous: 2 } } });
        const address = '198.51.100.40';
        const get = (url: string, accept = '*/*') =>
          app.inject({ url, remoteAddress: address, headers: { accept } });
        const page = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
        // Thirty fresh page loads of the whole app: none counted.
        for (let i = 0; i < 30; i++) {
          for (const url of [
            '/warga/usulan/tambah',
            '/households/1',
            '/sw.js',
            '/manifest.webmanifest',
            '/icon.svg',
          ])
            expect((await get(url, page)).statusCode).toBe(200);
          expect((await get('/assets/app.js')).statusCode).toBe(200);
        }
        // The API is counted as before: two calls, then 429 problem+json for the app's own calls…
        for (let i = 0; i < 2; i++) expect((await get('/api/v1/public/statistics')).statusCode).not.toBe(429);
        const api = await get('/api/v1/public/statistics', 'application/json');
        expect(api.statusCode).toBe(429);
        expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
        // …and a small page in both languages, with Retry-After, for a browser opening an API address.
        const opened = await get('/api/v1/public/statistics', page);
        expect(opened.statusCode).toBe(429);
        expect(opened.headers['content-type']).toMatch(/^text\/html/);
        expect(Number(opened.headers['retry-after'])).toBeGreaterThan(0);
        expect(opened.headers['cache-control']).toBe('no-store');
        expect(opened.payload).toContain('Terlalu banyak permintaan. Coba lagi dalam');
        expect(opened.payload).toContain('Too many requests. Try again in');
        // The app's page still loads.
        expect((await get('/warga/usulan/tambah', page)).statusCode).toBe(200);
      } finally {
        rmSync(web, { recursive: true, force: true });
      }
    });

    it('with REDIS_URL two servers count together', async () => {
      const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await probe.connect();
        expect(await probe.ping()).toBe('PONG');
      } catch (err) {
        throw new Error(
          `Redis is not reachable at ${REDIS_URL} (${err}): start it (apt-get install -y redis-server; redis-server --daemonize yes) or set TEST_REDIS_URL`,
        );
      } finally {
        probe.disconnect();
      }
      const settings = {
        rateLimits: { account: 1000, anonymous: 1000, login: 4, dci: 1000 },
        redisUrl: REDIS_URL,
        redisPrefix: `dtks-test:${randomUUID()}:`,
      };
      const one = await appWith({ settings });
      const two = await appWith({ settings });
      const attempt = (app: FastifyInstance) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'pusdatin', password: PASSWORD },
          remoteAddress: '203.0.113.77',
        });
      const statuses = [];
      for (const app of [one, two, one, two, one, two]) statuses.push((await attempt(app)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      // Each process alone would have let all six through.
      const alone = { ...settings, redisUrl: null };
      const three = await appWith({ settings: alone });
      const four = await appWith({ settings: alone });
      const local = [];
      for (const app of [three, four, three, four, three, four]) local.push((await attempt(app)).statusCode);
      expect(local).toEqual([200, 200, 200, 200, 200, 200]);
    });
  });
}
