/**
 * Security headers and browser-facing rules: a Content-Security-Policy (and frame, sniffing and referrer
 * headers) on every answer, the web app's pages and the API docs included; `Cache-Control: no-store` on
 * logged-in answers and on the login; HSTS and a `Secure` session cookie only when the deployment is
 * reached over HTTPS (`TLS=1`, or `X-Forwarded-Proto: https` behind a trusted proxy); a
 * cookie-authenticated write, and a login, from another site's page is refused (403 problem+json), while
 * Bearer clients are exempt.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSTS } from '../../src/http/headers.ts';
import { createUsers, login, PASSWORD, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data: blob:;" +
  "font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

for (const engine of ENGINES) {
  describe(`security headers and origin checks (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let web: string;
    const others: FastifyInstance[] = [];

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      web = mkdtempSync(join(tmpdir(), 'dtks-web-'));
      mkdirSync(join(web, 'assets'));
      writeFileSync(
        join(web, 'index.html'),
        '<!doctype html><script type="module" src="/assets/app.js"></script>',
      );
      writeFileSync(join(web, 'assets/app.js'), 'console.log(1)');
      app = await testApp(t.container, { webRoot: web });
    });
    afterAll(async () => {
      for (const a of [app, ...others]) await a.close();
      await t.cleanup();
      rmSync(web, { recursive: true, force: true });
    });

    const loginRes = (a: FastifyInstance, headers: Record<string, string> = {}) =>
      a.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'op-a', password: PASSWORD },
        headers,
      });

    it('every answer carries the CSP and the frame, sniffing and referrer headers: pages, docs, API', async () => {
      const bearer = await login(app, 'op-a');
      const answers = {
        page: await app.inject({ url: '/' }),
        clientRoute: await app.inject({ url: '/households/123' }),
        asset: await app.inject({ url: '/assets/app.js' }),
        docs: await app.inject({ url: '/api/docs' }),
        openapi: await app.inject({ url: '/api/openapi.json' }),
        api: await app.inject({ url: '/api/v1/auth/me', headers: bearer }),
        unauthorized: await app.inject({ url: '/api/v1/households' }),
      };
      expect(answers.page.headers['content-type']).toMatch(/^text\/html/);
      expect(answers.clientRoute.headers['content-type']).toMatch(/^text\/html/);
      expect(answers.docs.headers['content-type']).toMatch(/^text\/html/);
      for (const [name, res] of Object.entries(answers)) {
        expect(res.statusCode, name).toBeLessThan(500);
        expect(res.headers['content-security-policy'], name).toBe(CSP);
        expect(res.headers['x-frame-options'], name).toBe('DENY');
        expect(res.headers['x-content-type-options'], name).toBe('nosniff');
        expect(res.headers['referrer-policy'], name).toBe('no-referrer');
        expect(res.headers['strict-transport-security'], name).toBeUndefined();
      }
    });

    it('logged-in answers and the login are no-store; public files are not', async () => {
      const res = await loginRes(app);
      expect(res.headers['cache-control']).toBe('no-store');
      const headers = { authorization: `Bearer ${res.json().token}` };
      for (const url of ['/api/v1/auth/me', '/api/v1/notifications', '/api/v1/no-such-route']) {
        expect((await app.inject({ url, headers })).headers['cache-control'], url).toBe('no-store');
      }
      expect((await app.inject({ url: '/assets/app.js' })).headers['cache-control']).not.toBe('no-store');
    });

    it('over plain HTTP: no HSTS, the cookie is not Secure; with TLS=1 or a trusted https proxy: both', async () => {
      expect(String((await loginRes(app)).headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
      const tls = await testApp(t.container, { settings: { tls: true } });
      const proxied = await testApp(t.container, { settings: { trustProxy: true } });
      others.push(tls, proxied);
      const viaTls = await loginRes(tls);
      expect(String(viaTls.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      expect(viaTls.headers['strict-transport-security']).toBe(HSTS);
      expect((await tls.inject({ url: '/api/docs' })).headers['strict-transport-security']).toBe(HSTS);
      expect((await tls.inject({ url: '/api/docs' })).headers['content-security-policy']).toMatch(
        /upgrade-insecure-requests/,
      );
      const viaProxy = await loginRes(proxied, { 'x-forwarded-proto': 'https' });
      expect(String(viaProxy.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      expect(viaProxy.headers['strict-transport-security']).toBe(HSTS);
      const plainProxy = await loginRes(proxied, { 'x-forwarded-proto': 'http' });
      expect(String(plainProxy.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
      expect(plainProxy.headers['strict-transport-security']).toBeUndefined();
    });

    it('a cookie-authenticated write must come from our own origin; Bearer clients are exempt', async () => {
      const token = (await loginRes(app)).json().token;
      const cookie = { cookie: `dtks_session=${token}` };
      const markRead = (headers: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/notifications/01900000-0000-7000-8000-000000000001/read',
          headers,
        });
      const foreigns: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { referer: 'https://evil.example/page' },
        {},
      ];
      for (const foreign of foreigns) {
        const res = await markRead({ ...cookie, ...foreign });
        expect(res.statusCode, JSON.stringify(foreign)).toBe(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json().code).toBe('auth.cross_origin');
      }
      expect((await markRead({ ...cookie, origin: 'http://localhost' })).statusCode).toBe(204);
      expect((await markRead({ ...cookie, referer: 'http://localhost/households' })).statusCode).toBe(204);
      // Reads are not writes.
      expect(
        (await app.inject({ url: '/api/v1/auth/me', headers: { ...cookie, origin: 'https://evil.example' } }))
          .statusCode,
      ).toBe(200);
      // A Bearer token cannot be sent by another site's page: no origin needed.
      expect(
        (await markRead({ authorization: `Bearer ${token}`, origin: 'https://evil.example' })).statusCode,
      ).toBe(204);
      // The session survived the refused writes: logout from our origin works.
      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { ...cookie, origin: 'http://localhost' },
      });
      expect(out.statusCode).toBe(204);
    });

    it('a login from another site’s page is refused; scripts without an Origin may log in', async () => {
      const foreign = await loginRes(app, { origin: 'https://evil.example' });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().code).toBe('auth.cross_origin');
      expect(foreign.headers['set-cookie']).toBeUndefined();
      expect((await loginRes(app, { origin: 'http://localhost' })).statusCode).toBe(200);
      expect((await loginRes(app)).statusCode).toBe(200);
    });

    it('with PUBLIC_URL, writes must come from that origin', async () => {
      const behind = await testApp(t.container, { settings: { publicOrigin: 'https://dtks.example.go.id' } });
      others.push(behind);
      const token = (await loginRes(behind, { origin: 'https://dtks.example.go.id' })).json().token;
      const logout = (origin: string) =>
        behind.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          headers: { cookie: `dtks_session=${token}`, origin },
        });
      expect((await logout('http://localhost')).statusCode).toBe(403);
      expect((await logout('https://dtks.example.go.id')).statusCode).toBe(204);
    });
  });
}
