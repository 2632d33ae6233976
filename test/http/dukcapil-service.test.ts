/**
 * Dukcapil matching through the HTTP adapter (docs/dukcapil-adapter.md) against a mock civil-registry
 * service started here: matches, NIKs Dukcapil does not know, records with bad values, 5xx and timeouts
 * retried then reported, refusals, malformed answers refused — and a failed run keeps nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import type { DukcapilHttpConfig } from '../../src/modules/dukcapil/dukcapil.http-adapter.ts';
import { dukcapilHttpFromEnv } from '../../src/modules/dukcapil/dukcapil.http-adapter.ts';
import { DukcapilRepository } from '../../src/modules/dukcapil/dukcapil.repository.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { actorFor } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const clock = new Date('2026-03-16T09:00:00+07:00');
const TOKEN = 'rahasia-uji';
type Headers = Record<string, string>;
type Rec = Record<string, string>;

/** What the mock answers to its n-th request (1-based). */
type Action =
  | 'ok'
  | 'hang'
  | 'not_json'
  | 'missing'
  | 'not_asked'
  | 'bad_shape'
  | 'redirect'
  | { status: number; retryAfter?: string };

interface MockService {
  server: Server;
  url: string;
  registry: Map<string, Rec>;
  log: { auth: string | undefined; niks: string[]; at: number }[];
  plan: (n: number) => Action;
}

async function startMock(): Promise<MockService> {
  const mock = { registry: new Map(), log: [], plan: () => 'ok' } as unknown as MockService;
  const answer = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
  mock.server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const { niks } = JSON.parse(raw) as { niks: string[] };
    mock.log.push({ auth: req.headers.authorization, niks, at: Date.now() });
    const action = mock.plan(mock.log.length);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return answer(res, 401, '{"error":"token"}');
    if (action === 'hang') return; // never answers; the client's timeout ends it
    if (typeof action === 'object') {
      res.writeHead(action.status, action.retryAfter ? { 'retry-after': action.retryAfter } : {});
      return res.end('busy');
    }
    if (action === 'redirect') {
      res.writeHead(307, { location: '/elsewhere' });
      return res.end();
    }
    if (action === 'not_json') return answer(res, 200, '<html>gateway</html>');
    const results: unknown[] = niks.map((nik) => {
      const record = mock.registry.get(nik);
      return record ? { nik, found: true, record } : { nik, found: false };
    });
    if (action === 'missing') results.pop();
    if (action === 'not_asked') results.push({ nik: '3307019999990001', found: false });
    if (action === 'bad_shape') results[0] = { nik: niks[0], found: true, record: { nik: niks[0], sex: 1 } };
    answer(res, 200, JSON.stringify({ results }));
  });
  await new Promise<void>((done) => mock.server.listen(0, '127.0.0.1', done));
  const { port } = mock.server.address() as AddressInfo;
  mock.url = `http://127.0.0.1:${port}/nik/batch`;
  return mock;
}

describe('DUKCAPIL_* settings', () => {
  it('are optional, need a token with the URL, and refuse values out of range', () => {
    expect(dukcapilHttpFromEnv({})).toEqual({});
    expect(
      dukcapilHttpFromEnv({ DUKCAPIL_URL: 'https://dukcapil.example.go.id/nik', DUKCAPIL_TOKEN: 't' })
        .dukcapilHttp,
    ).toMatchObject({ timeoutMs: 10_000, retries: 3, backoffMs: 500, batchSize: 100, ratePerSecond: 5 });
    expect(() => dukcapilHttpFromEnv({ DUKCAPIL_URL: 'https://x.example/nik' })).toThrow('DUKCAPIL_TOKEN');
    expect(() => dukcapilHttpFromEnv({ DUKCAPIL_URL: 'ftp://x.example', DUKCAPIL_TOKEN: 't' })).toThrow(
      'http(s)',
    );
    expect(() =>
      dukcapilHttpFromEnv({ DUKCAPIL_URL: 'https://x.example', DUKCAPIL_TOKEN: 't', DUKCAPIL_BATCH: '5000' }),
    ).toThrow('DUKCAPIL_BATCH');
    // NIKs and the token never travel in clear unless a test service is explicitly allowed.
    expect(() => dukcapilHttpFromEnv({ DUKCAPIL_URL: 'http://x.example/nik', DUKCAPIL_TOKEN: 't' })).toThrow(
      'must use https',
    );
    expect(
      dukcapilHttpFromEnv({
        DUKCAPIL_URL: 'http://x.example/nik',
        DUKCAPIL_TOKEN: 't',
        DUKCAPIL_ALLOW_HTTP: '1',
      }).dukcapilHttp?.url,
    ).toBe('http://x.example/nik');
  });
});

for (const engine of ENGINES) {
  describe(`dukcapil matching through the HTTP service (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let mock: MockService;
    let op: Headers;
    let dinsos: Headers;
    /** The regency's DTKS NIKs in the order they are asked. */
    let regencyNiks: string[];
    let otherNik: string;
    const settings = (over: Partial<DukcapilHttpConfig> = {}): DukcapilHttpConfig => ({
      url: mock.url,
      token: TOKEN,
      timeoutMs: 300,
      retries: 2,
      backoffMs: 10,
      batchSize: 2,
      ratePerSecond: 1000,
      ...over,
    });
    const api = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
    const findingsOf = async (importId: string) =>
      Number(
        (
          await t.container.database.db
            .selectFrom('dukcapilMatches')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('importId', '=', importId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    /** Runs the service match directly and answers the AppError it failed with, and its import. */
    const failing = async () => {
      const actor = await actorFor(t.container, 'dinsos');
      const err = await t.container.dukcapil.matchService(actor).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      return { err: err as AppError, imp: await latestImport() };
    };
    /** Imports are created at the frozen clock's time: the newest is the one with the highest (time-ordered) id. */
    const latestImport = () =>
      t.container.database.db
        .selectFrom('dukcapilImports')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      mock = await startMock();
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      dinsos = await login(app, 'dinsos');
      const h1 = makeHousehold(PLACES.villageA, 1);
      const h2 = makeHousehold(PLACES.villageA2, 2);
      const h4 = makeHousehold(PLACES.otherVillage, 4);
      for (const h of [h1, h2, h4]) await t.container.households.create(systemActor('test'), h);
      otherNik = h4.members[0]!.nik;
      const rec = (h: typeof h1, i: number, over: Rec = {}): Rec => {
        const m = h.members[i]!;
        return {
          nik: m.nik,
          kk_number: h.kkNumber,
          name: m.name,
          birth_date: m.birthDate,
          sex: m.sex,
          region_code: h.regionCode.replaceAll('.', ''),
          status: 'alive',
          ...over,
        };
      };
      // h1: head matches, spouse's name differs, child unknown to Dukcapil;
      // h2: head deceased, spouse's record has an impossible date, child matches.
      for (const r of [
        rec(h1, 0),
        rec(h1, 1, { name: 'Siti Aminah Binti Karto' }),
        rec(h2, 0, { status: 'deceased' }),
        rec(h2, 1, { birth_date: '1985-02-30' }),
        rec(h2, 2),
        rec(h4, 0),
      ]) {
        mock.registry.set(r.nik!, r);
      }
      regencyNiks = [...h1.members, ...h2.members].map((m) => m.nik).sort();
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
      mock.server.closeAllConnections();
      await new Promise((done) => mock.server.close(done));
    });

    it('without DUKCAPIL_URL the service is not offered: 409 with the reason, 403 for an operator', async () => {
      delete t.container.config.dukcapilHttp;
      expect((await api('GET', '/dukcapil/sources', dinsos)).json()).toEqual({ file: true, http: false });
      const res = await api('POST', '/dukcapil/service-jobs', dinsos, {});
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'dukcapil.adapter_not_configured' });
      expect((await api('POST', '/dukcapil/service-jobs', op, {})).statusCode).toBe(403);
      t.container.config.dukcapilHttp = settings();
      expect((await api('GET', '/dukcapil/sources', dinsos)).json()).toEqual({ file: true, http: true });
      expect((await api('POST', '/dukcapil/service-jobs', op, {})).statusCode).toBe(403);
      const elsewhere = await api('POST', '/dukcapil/service-jobs', dinsos, { region: PLACES.otherRegency });
      expect(elsewhere.statusCode).toBe(404);
    });

    it("asks the regency's DTKS NIKs in batches with the token, and matches the answers as a job", async () => {
      t.container.config.dukcapilHttp = settings();
      mock.log.length = 0;
      mock.plan = () => 'ok';
      const reads = vi.spyOn(DukcapilRepository.prototype, 'niksOf');
      const res = await api('POST', '/dukcapil/service-jobs?lang=en', dinsos, {});
      expect(res.statusCode, res.body).toBe(202);
      await new JobWorker(t.container.jobs).drain();
      // The regency's NIKs are read in pages of thousands (each read sorts the regency's people), not one
      // page per batch of 2.
      expect(reads).toHaveBeenCalledTimes(1);
      reads.mockRestore();
      const job = (await api('GET', `/jobs/${res.json().jobId}?lang=en`, dinsos)).json();
      expect(job).toMatchObject({ kind: 'dukcapil.service_match', state: 'done', error: null });
      expect(job.result).toMatchObject({
        status: 'complete',
        regencyCode: PLACES.regency,
        fileName: expect.stringMatching(/^API Dukcapil 127\.0\.0\.1:\d+$/),
        rows: 6,
        rejected: 1,
        open: 3,
      });
      expect(job.result.counts).toMatchObject({
        matched: 2,
        name_mismatch: 1,
        deceased: 1,
        not_in_dukcapil: 1,
        nik_not_found: 0,
      });
      expect(job.result.rejectedLines).toEqual([
        expect.objectContaining({
          nik: regencyNiks.find((n) => mock.registry.get(n)?.birth_date === '1985-02-30'),
          issues: [expect.objectContaining({ field: 'birth_date', code: 'dukcapil.invalid_birth_date' })],
        }),
      ]);
      expect(mock.log.map((r) => r.auth)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
      expect(mock.log.map((r) => r.niks.length)).toEqual([2, 2, 2]);
      expect(mock.log.flatMap((r) => r.niks)).toEqual(regencyNiks);
      expect(mock.log.flatMap((r) => r.niks)).not.toContain(otherNik);

      const id = job.result.id;
      const worklist = (await api('GET', `/dukcapil/imports/${id}/matches?lang=en`, dinsos)).json().items;
      expect(worklist.map((m: { result: string }) => m.result).sort()).toEqual([
        'deceased',
        'name_mismatch',
        'not_in_dukcapil',
      ]);
      const absent = worklist.find((m: { result: string }) => m.result === 'not_in_dukcapil');
      expect(absent).toMatchObject({
        dukcapil: null,
        dtks: expect.objectContaining({ nik: absent.nik }),
        allowedActions: ['keep_dtks', 'propose_removal'],
      });
      const noted = await api('POST', `/dukcapil/matches/${absent.id}/resolve`, dinsos, {
        action: 'propose_removal',
        note: 'Tidak terdaftar di Dukcapil',
      });
      expect(noted.statusCode, noted.body).toBe(200);
      const accept = worklist.find((m: { result: string }) => m.result === 'name_mismatch');
      expect(
        (await api('POST', `/dukcapil/matches/${accept.id}/resolve`, dinsos, { action: 'accept_dukcapil' }))
          .statusCode,
      ).toBe(200);
    });

    it('retries a 5xx, a 429 and a timeout with backoff, then carries on', async () => {
      // Four attempts per batch: the first batch meets a 503, a timeout and a 429, then succeeds.
      t.container.config.dukcapilHttp = settings({ retries: 3 });
      mock.log.length = 0;
      mock.plan = (n) =>
        n === 1 ? { status: 503 } : n === 2 ? 'hang' : n === 3 ? { status: 429, retryAfter: '0' } : 'ok';
      const actor = await actorFor(t.container, 'dinsos');
      const summary = await t.container.dukcapil.matchService(actor);
      expect(summary.status).toBe('complete');
      expect(summary.rows).toBe(6);
      expect(mock.log).toHaveLength(6);
      expect(mock.log.slice(0, 4).map((r) => r.niks)).toEqual(Array(4).fill(regencyNiks.slice(0, 2)));
    });

    it('a service that stays down is reported after its retries, and the failed run keeps nothing', async () => {
      t.container.config.dukcapilHttp = settings();
      mock.log.length = 0;
      mock.plan = (n) => (n <= 1 ? 'ok' : { status: 500 });
      const { err, imp } = await failing();
      expect(err.code).toBe('dukcapil.adapter_unavailable');
      expect(err.text.en).toContain('after 3 attempts (HTTP 500)');
      expect(mock.log).toHaveLength(4); // one good batch, then three attempts at the second
      expect(imp.status).toBe('failed');
      expect(await findingsOf(imp.id)).toBe(0);
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select(['action', 'details'])
        .where('entityId', '=', imp.id)
        .where('action', '=', 'dukcapil.import_failed')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details).toContain('dukcapil.adapter_unavailable');

      mock.log.length = 0;
      mock.plan = () => 'hang';
      const timeout = await failing();
      expect(timeout.err.code).toBe('dukcapil.adapter_unavailable');
      expect(timeout.err.text.en).toContain('no answer within 300 ms');
      expect(mock.log).toHaveLength(3);
    });

    it('the job of a run that fails ends failed with the coded reason', async () => {
      t.container.config.dukcapilHttp = settings();
      mock.plan = () => ({ status: 502 });
      const res = await api('POST', '/dukcapil/service-jobs?lang=en', dinsos, { region: '3307' });
      expect(res.statusCode).toBe(202);
      await new JobWorker(t.container.jobs).drain();
      const job = (await api('GET', `/jobs/${res.json().jobId}?lang=en`, dinsos)).json();
      expect(job).toMatchObject({ state: 'failed', error: { code: 'dukcapil.adapter_unavailable' } });
      const failed = (await api('GET', `/dukcapil/imports/${(await latestImport()).id}`, dinsos)).json();
      expect(failed).toMatchObject({ status: 'failed', open: 0, counts: { matched: 0 } });
      expect((await api('GET', `/dukcapil/imports/${failed.id}/matches`, dinsos)).statusCode).toBe(409);
    });

    it('refuses malformed answers with the reason, after a good batch too, keeping nothing', async () => {
      t.container.config.dukcapilHttp = settings();
      const cases: [Action & string, string][] = [
        ['not_json', 'not JSON'],
        ['missing', 'not answered'],
        ['not_asked', 'NIK 3307019999990001 was not asked'],
        ['bad_shape', 'results.0.record'],
      ];
      for (const [action, reason] of cases) {
        mock.log.length = 0;
        mock.plan = (n) => (n === 1 ? 'ok' : action);
        const { err, imp } = await failing();
        expect(err.code, action).toBe('dukcapil.adapter_malformed');
        expect(err.text.en).toContain(reason);
        expect(mock.log.length, `${action}: a malformed answer is not retried`).toBe(2);
        expect(await findingsOf(imp.id)).toBe(0);
      }
    });

    it('never follows a redirect: the NIKs and the token go to the configured URL only', async () => {
      t.container.config.dukcapilHttp = settings();
      mock.log.length = 0;
      mock.plan = () => 'redirect';
      const { err, imp } = await failing();
      expect(err.code).toBe('dukcapil.adapter_unavailable');
      expect(err.text.en).toContain('redirect');
      // One request per attempt: a followed redirect would have asked the mock again each time.
      expect(mock.log).toHaveLength(3);
      expect(await findingsOf(imp.id)).toBe(0);
    });

    it('a refused token stops at once without retrying', async () => {
      t.container.config.dukcapilHttp = settings({ token: 'salah' });
      mock.log.length = 0;
      mock.plan = () => 'ok';
      const { err } = await failing();
      expect(err.code).toBe('dukcapil.adapter_refused');
      expect(err.text.id).toContain('HTTP 401');
      expect(mock.log).toHaveLength(1);
    });

    it('spaces its requests to the rate limit', async () => {
      t.container.config.dukcapilHttp = settings({ batchSize: 1, ratePerSecond: 20 });
      mock.log.length = 0;
      mock.plan = () => 'ok';
      const actor = await actorFor(t.container, 'dinsos');
      await t.container.dukcapil.matchService(actor);
      expect(mock.log).toHaveLength(6);
      // Starts are 50 ms apart at the client; arrivals jitter, so the span is checked (5 gaps, some slack).
      expect(mock.log.at(-1)!.at - mock.log[0]!.at).toBeGreaterThanOrEqual(200);
    });

    it('dtks dukcapil match --adapter http asks the configured service; without it, says so', async () => {
      mock.plan = () => 'ok';
      const env = {
        DUKCAPIL_URL: mock.url,
        DUKCAPIL_ALLOW_HTTP: '1',
        DUKCAPIL_TOKEN: TOKEN,
        DUKCAPIL_BATCH: '3',
        DUKCAPIL_BACKOFF_MS: '10',
      };
      const cli = (args: string[], extra: Record<string, string> = {}) =>
        runDtks(['dukcapil', 'match', ...args], { url: t.url, env: { ...env, ...extra } });
      const json = await cli(['--adapter', 'http', '--region', '3307', '--as', 'dinsos', '--json']);
      expect(json.code, json.stderr).toBe(3);
      const out = JSON.parse(json.stdout);
      // After the resolutions of the job above: the accepted name now matches.
      expect(out).toMatchObject({ status: 'complete', rows: 6, rejected: 1 });
      expect(out.counts).toMatchObject({ matched: 3, name_mismatch: 0, deceased: 1, not_in_dukcapil: 1 });
      const unset = await cli(['--adapter', 'http', '--region', '3307', '--as', 'dinsos'], {
        DUKCAPIL_URL: '',
      });
      expect(unset.code).toBe(2);
      expect(unset.stderr).toContain('dukcapil.adapter_not_configured');
      // The same command tree inside this process (`runDtksInProcess`): the refused adapter name is the
      // command's answer, not the process's (the two runs above are processes of their own).
      const wrong = await runDtksInProcess(['dukcapil', 'match', '--adapter', 'ftp', '--region', '3307'], {
        url: t.url,
        env,
      });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('file or http');
    }, 120_000);
  });
}
