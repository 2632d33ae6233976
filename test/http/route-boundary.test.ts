/**
 * The authentication boundary, walked over every registered route (collected as they are registered, so a
 * new route is covered without touching this file): without credentials, every route not declared public
 * answers 401 problem+json — with the path as registered and with percent-encoded spellings the router
 * decodes to the same route (`/%61pi/v1/…`, `/api/%761/…`, an encoded letter in a static segment or a
 * parameter, an encoded slash in a parameter). Never 2xx, never 5xx. The declared public routes are
 * exactly the expected ones, and the OpenAPI document marks exactly those with `security: []`.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

interface Route {
  method: string;
  url: string;
  isPublic: boolean;
}

/** Plausible values for path parameters, by name; anything else gets a uuid-like value. */
const PARAM_VALUES: Record<string, string> = {
  nik: '3307014107850003',
  code: '33.07',
  period: '2026-03',
  '*': 'x',
};
const SOME_ID = '01900000-0000-7000-8000-000000000001';

function fill(url: string, param: (name: string, value: string) => string): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => param(name, PARAM_VALUES[name] ?? SOME_ID))
    .replace(/\*$/, () => param('*', 'x'));
}

const encodeChar = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/** The spellings of one route's path that the router resolves to it (or to nothing, never elsewhere). */
function spellings(url: string): string[] {
  const plain = fill(url, (_n, v) => v);
  const out = new Set([plain]);
  if (plain.startsWith('/api/')) out.add(`/${encodeChar('a')}pi/${plain.slice(5)}`);
  if (plain.startsWith('/api/v1/')) out.add(`/api/${encodeChar('v')}1/${plain.slice(8)}`);
  // An encoded letter in the last static segment.
  const segments = plain.split('/');
  const lastStatic = url
    .split('/')
    .map((s, i) => (s.startsWith(':') || s.includes('*') || s === '' ? -1 : i))
    .filter((i) => i >= 0)
    .at(-1);
  if (lastStatic !== undefined) {
    const seg = segments[lastStatic]!;
    const i = [...seg].findIndex((c) => /[a-z]/i.test(c));
    if (i >= 0) {
      segments[lastStatic] = seg.slice(0, i) + encodeChar(seg[i]!) + seg.slice(i + 1);
      out.add(segments.join('/'));
    }
  }
  if (/:[A-Za-z]/.test(url)) {
    // Parameters with an encoded letter, and with an encoded slash.
    out.add(fill(url, (_n, v) => encodeChar(v[0]!) + v.slice(1)));
    out.add(fill(url, (_n, v) => `${v}%2F..%2Fauth%2Fme`));
  }
  return [...out];
}

for (const engine of ENGINES) {
  describe(`authentication boundary over every route (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const routes: Route[] = [];

    beforeAll(async () => {
      t = await openTestDb(engine);
      const collect = (r: RouteOptions) => {
        for (const method of [r.method].flat())
          routes.push({
            method,
            url: r.url,
            get isPublic() {
              return r.config?.public === true;
            },
          });
      };
      app = await testApp(t.container, { onRoute: collect });
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('collects the whole route table', () => {
      expect(routes.length).toBeGreaterThan(80);
      expect(routes).toContainEqual({ method: 'GET', url: '/api/v1/households', isPublic: false });
      expect(routes).toContainEqual({ method: 'GET', url: '/api/v1/notifications', isPublic: false });
    });

    it('only the login, the probes, /metrics, the OpenAPI document, the API docs, /api/v1/public/ and the DCI API are public', () => {
      const pub = routes.filter((r) => r.isPublic);
      // The DCI API (docs/dci.md) checks its own bearer tokens: tested in test/http/dci.test.ts.
      const dci = (r: Route) =>
        (r.method === 'POST' && (r.url === '/api/v1/oauth/token' || r.url.startsWith('/dci/registry/'))) ||
        (['GET', 'HEAD'].includes(r.method) && r.url === '/.well-known/jwks.json');
      const allowed = (r: Route) =>
        dci(r) ||
        (r.method === 'POST' && r.url === '/api/v1/auth/login') ||
        r.url.startsWith('/api/v1/public/') ||
        (['GET', 'HEAD'].includes(r.method) &&
          (r.url === '/healthz' ||
            r.url === '/readyz' ||
            r.url === '/metrics' ||
            r.url === '/api/openapi.json' ||
            r.url.startsWith('/api/docs') ||
            r.url.startsWith('/assets/')));
      expect(pub.filter((r) => !allowed(r))).toEqual([]);
      expect(pub.map((r) => `${r.method} ${r.url}`)).toEqual(
        expect.arrayContaining([
          'POST /api/v1/auth/login',
          'GET /healthz',
          'GET /readyz',
          'GET /metrics',
          'GET /api/openapi.json',
          'GET /api/docs',
        ]),
      );
    });

    it('every other route, however its path is spelled, answers 401 problem+json without credentials', async () => {
      const failures: string[] = [];
      let checked = 0;
      for (const r of routes.filter((x) => !x.isPublic)) {
        for (const url of spellings(r.url)) {
          for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { cookie: 'dtks_session=x' }]) {
            const res = await app.inject({ method: r.method as 'GET', url, headers });
            checked++;
            const problem =
              r.method === 'HEAD' || /^application\/problem\+json/.test(String(res.headers['content-type']));
            const code = r.method === 'HEAD' ? 'auth.required' : res.json().code;
            if (res.statusCode !== 401 || !problem || code !== 'auth.required') {
              failures.push(
                `${r.method} ${url} (${r.url}) ${JSON.stringify(headers)} → ${res.statusCode} ${res.body.slice(0, 120)}`,
              );
            }
          }
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(800);
    });

    it('the reported bypasses: /%61pi/v1/households and /api/%761/auth/me are 401, not 200/500', async () => {
      for (const url of ['/%61pi/v1/households', '/api/%761/auth/me', '/%61pi/v1/usulan/window']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'auth.required', status: 401 });
      }
    });

    it('an unknown API path is 401 without a session (nothing tells which routes exist), 404 with one', async () => {
      for (const url of ['/api/v1/no-such-thing', '/%61pi/v1/no-such-thing', '/api/v2/households']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(401);
        expect(res.json().code).toBe('auth.required');
      }
      const other = await app.inject({ url: '/not-the-api' });
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('route.not_found');
    });

    it('the OpenAPI document marks exactly the public operations with security: []', async () => {
      const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
        security: unknown[];
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      expect(doc.security).toEqual([{ bearer: [] }, { cookie: [] }]);
      const isPublic = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.isPublic]));
      let operations = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        const url = path.replace(/\{([^}]+)\}/g, ':$1');
        for (const [method, op] of Object.entries(ops)) {
          operations++;
          const key = `${method.toUpperCase()} ${url}`;
          expect(isPublic.has(key), key).toBe(true);
          expect(op.security === undefined ? 'session' : JSON.stringify(op.security), key).toBe(
            isPublic.get(key) ? '[]' : 'session',
          );
        }
      }
      expect(operations).toBeGreaterThan(60);
      expect(doc.paths['/api/v1/auth/login']?.post?.security).toEqual([]);
    });
  });
}
