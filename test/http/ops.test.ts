/**
 * Operations over HTTP: request ids (header, problem+json, every log line), logs without personal data,
 * the probes (/healthz, /readyz) and the Prometheus metrics with their access rule.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Collects the app's log lines as parsed JSON objects. */
function logCollector() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { lines, raw, stream };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const engine of ENGINES) {
  describe(`operations over HTTP (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let session: Record<string, string>;
    const log = logCollector();

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container, {
        logger: true,
        logStream: log.stream,
        logFormat: 'json',
        settings: { metricsToken: 'metrics-secret-token' },
      });
      session = await login(app, 'op-a');
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    describe('request ids', () => {
      it('generates one per request and echoes it in X-Request-Id', async () => {
        const a = await app.inject({ url: '/healthz' });
        const b = await app.inject({ url: '/healthz' });
        expect(a.headers['x-request-id']).toMatch(UUID);
        expect(b.headers['x-request-id']).toMatch(UUID);
        expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
      });

      it('keeps a sane incoming id and replaces an unsafe one', async () => {
        const kept = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3a.42:abc' } });
        expect(kept.headers['x-request-id']).toBe('lb-7f3a.42:abc');
        for (const bad of ['has space', 'x'.repeat(200), '"quoted"', 'a\tb', '']) {
          const res = await app.inject({ url: '/healthz', headers: { 'x-request-id': bad } });
          expect(res.headers['x-request-id'], bad).toMatch(UUID);
        }
      });

      it('is in problem+json answers, also those of the auth boundary, and keeps the other members', async () => {
        const denied = await app.inject({ url: '/api/v1/households' });
        expect(denied.statusCode).toBe(401);
        expect(denied.json()).toMatchObject({
          code: 'auth.required',
          instance: '/api/v1/households',
          requestId: denied.headers['x-request-id'],
        });
        const missing = await app.inject({
          url: '/api/v1/no-such-route',
          headers: { ...session, 'x-request-id': 'trace-1' },
        });
        expect(missing.statusCode).toBe(404);
        expect(missing.json()).toMatchObject({ code: 'route.not_found', requestId: 'trace-1' });
      });

      it('binds the id to every log line of the request, one completion line each', async () => {
        const id = 'log-check-1';
        await app.inject({ url: '/api/v1/regions/33', headers: { ...session, 'x-request-id': id } });
        const ours = log.lines.filter((l) => l.requestId === id);
        expect(ours).toHaveLength(1);
        expect(ours[0]).toMatchObject({
          msg: 'request completed',
          method: 'GET',
          url: '/api/v1/regions/33',
          route: '/api/v1/regions/:code',
          status: 200,
          level: 30,
        });
        expect(typeof ours[0]!.ms).toBe('number');
        // Every line written while serving a request names its request.
        const requestLines = log.lines.filter((l) => l.msg === 'request completed');
        expect(requestLines.every((l) => typeof l.requestId === 'string')).toBe(true);
      });
    });

    describe('logs hold no personal data', () => {
      it('masks NIKs in paths and drops query values', async () => {
        const nik = makeNik('33.07.01', '1980-01-02', 'M', 4321);
        const id = 'nik-in-path';
        await app.inject({
          url: `/api/v1/persons/${nik}?lang=en`,
          headers: { ...session, 'x-request-id': id },
        });
        await app.inject({
          url: `/api/v1/households?q=${nik}&name=Siti%20Aminah`,
          headers: { ...session, 'x-request-id': 'nik-in-query' },
        });
        const line = log.lines.find((l) => l.requestId === id)!;
        expect(line.status).toBe(404);
        expect(line.url).toBe('/api/v1/persons/################?lang=…');
        expect(line.route).toBe('/api/v1/persons/:nik');
        const query = log.lines.find((l) => l.requestId === 'nik-in-query')!;
        expect(query.url).toBe('/api/v1/households?q=…&name=…');
        const all = log.raw.join('\n');
        expect(all).not.toContain(nik);
        expect(all).not.toContain('Aminah');
        expect(all).not.toMatch(/Bearer|authorization/i);
      });
    });

    describe('probes', () => {
      it('/healthz: alive, public, not cached', async () => {
        const res = await app.inject({ url: '/healthz' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ status: 'ok' });
        expect(res.headers['cache-control']).toBe('no-store');
      });

      it('/readyz: 200 with the database reachable and migrations current', async () => {
        const res = await app.inject({ url: '/readyz' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'current' } });
      });

      it('/readyz: 503 when the database carries a migration this version does not know', async () => {
        const { db } = t.container.database;
        await sql`insert into kysely_migration (name, timestamp) values ('999_from_the_future', '2099-01-01')`.execute(
          db,
        );
        try {
          const res = await app.inject({ url: '/readyz' });
          expect(res.statusCode).toBe(503);
          expect(res.json()).toEqual({
            status: 'unavailable',
            checks: { database: 'ok', migrations: 'pending_or_newer' },
          });
        } finally {
          await sql`delete from kysely_migration where name = '999_from_the_future'`.execute(db);
        }
        expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
      });
    });

    describe('/metrics', () => {
      it('answers a loopback caller with request latency by route pattern, statuses and audit appends', async () => {
        // The login in beforeAll was audited, so the audit histogram has a sample.
        const res = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(res.headers['cache-control']).toBe('no-store');
        const body = res.body;
        expect(body).toMatch(
          /dtks_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/api\/v1\/regions\/:code"\}/,
        );
        expect(body).toMatch(
          /dtks_http_requests_total\{method="GET",route="\/api\/v1\/households",status="401"\} \d+/,
        );
        expect(body).toMatch(/dtks_http_requests_total\{method="GET",route="\(unmatched\)",status="404"\}/);
        expect(body).toMatch(/dtks_audit_append_seconds_count\{mode="transaction"\} [1-9]/);
        // No raw URL is a label: the NIK looked up above appears nowhere.
        expect(body).not.toMatch(/route="\/api\/v1\/persons\/\d/);
        expect(body).toMatch(/dtks_process_cpu_user_seconds_total/);
        if (engine === 'postgres') expect(body).toMatch(/dtks_db_pool_connections\{state="max"\} \d+/);
        else expect(body).not.toContain('dtks_db_pool_connections{');
      });

      it('counts the jobs in the queue by state, every state listed', async () => {
        const scrape = async () => (await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).body;
        expect(await scrape()).toMatch(/^dtks_jobs\{state="queued"\} 0$/m);
        const started = await app.inject({
          method: 'POST',
          url: '/api/v1/imports/households',
          headers: { ...(await login(app, 'dinsos')), 'content-type': 'text/csv; charset=utf-8' },
          payload: householdsCsv([makeHousehold(PLACES.villageA, 1)]),
        });
        expect(started.statusCode, started.body).toBe(202);
        const body = await scrape();
        expect(body).toMatch(/^dtks_jobs\{state="queued"\} 1$/m);
        for (const state of ['running', 'done', 'failed', 'cancelled']) {
          expect(body).toMatch(new RegExp(`^dtks_jobs\\{state="${state}"\\} 0$`, 'm'));
        }
      });

      it('answers with the token from anywhere', async () => {
        const res = await app.inject({
          url: '/metrics',
          remoteAddress: '203.0.113.9',
          headers: { authorization: 'Bearer metrics-secret-token' },
        });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('dtks_http_requests_total');
      });

      it('is indistinguishable from an absent path for anyone else', async () => {
        const absent = await app.inject({ url: '/no-such-page', remoteAddress: '203.0.113.9' });
        const cases = [
          { remoteAddress: '203.0.113.9' },
          { remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer wrong-token-of-same-len' } },
          { remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer x' } },
          // A reverse proxy on the same host forwarding an outside request.
          { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } },
          { remoteAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.9' } },
          // A session is no key to the metrics.
          { remoteAddress: '203.0.113.9', headers: session },
        ];
        for (const c of cases) {
          const res = await app.inject({ url: '/metrics', ...c });
          expect(res.statusCode, JSON.stringify(c)).toBe(absent.statusCode);
          expect(res.headers['content-type']).toBe(absent.headers['content-type']);
          const { instance: _a, requestId: _ar, detail: _ad, ...a } = absent.json();
          const { instance: _b, requestId: _br, detail: _bd, ...b } = res.json();
          expect(b).toEqual(a);
          expect(res.body).not.toContain('dtks_');
        }
      });
    });
  });
}
