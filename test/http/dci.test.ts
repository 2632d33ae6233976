/**
 * The DCI social-registry API (issue 16): tokens, the JWKS, sync and async search (the on-search callback
 * received by a test server), transaction status, subscriptions and notifications, and every refusal —
 * each answer and callback validated against the spdci social_api_v1.0.0 schemas (test/support/dci-spec.ts).
 */

import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CompactSign, compactVerify, exportJWK, importJWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/dci/canonical-json.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { Ed25519Keys } from '../../src/modules/audit/audit.keys.ts';
import { DciRepository } from '../../src/modules/dci/dci.repository.ts';
import { DciService, NOTIFY_PAGE } from '../../src/modules/dci/dci.service.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { RankingRepository } from '../../src/modules/ranking/ranking.repository.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, TEST_SETTINGS, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { specErrors } from '../support/dci-spec.ts';

const SECRET = 'partner-secret-0123456789';

interface Received {
  path: string;
  /** What the test server answered: 200, or 503 while `refuse` > 0. */
  status: number;
  attempt: string;
  // biome-ignore lint/suspicious/noExplicitAny: callback bodies are checked against the spec's schemas
  body: Record<string, any>;
}

for (const engine of ENGINES) {
  describe(`DCI API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let server: Server;
    let host = '';
    const received: Received[] = [];
    const homes: { id: string; kk: string; niks: string[]; village: string }[] = [];
    let token = '';
    let otherToken = '';
    const signer = generateKeyPairSync('ed25519');
    let n = 0;
    /** The test server answers this many callbacks 503 (a partner down), then 200 again. */
    let refuse = 0;

    const envelope = (action: string, message: object, header: object = {}) => ({
      signature: 'unsigned',
      header: {
        version: '1.0.0',
        message_id: `m-${++n}`,
        message_ts: new Date().toISOString(),
        action,
        sender_id: 'bpjs',
        receiver_id: 'dtks',
        total_count: 1,
        sender_uri: `http://${host}/registry/on-${action}`,
        ...header,
      },
      message,
    });
    const search = (criteria: object, extra: object = {}) => ({
      transaction_id: `tx-${++n}`,
      search_request: [
        {
          reference_id: `ref-${n}`,
          timestamp: new Date().toISOString(),
          search_criteria: criteria,
          ...extra,
        },
      ],
    });
    const post = (url: string, payload: object, bearer: string | null = token) =>
      app.inject({
        method: 'POST',
        url,
        payload,
        ...(bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {}),
      });
    const tokenFor = async (clientId: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/oauth/token',
        payload: `grant_type=client_credentials&client_id=${clientId}&client_secret=${SECRET}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().access_token as string;
    };
    /** Runs the queued callback jobs (as the server's worker would), then the callbacks received at `path`. */
    const deliver = () => new JobWorker(t.container.jobs).drain();
    const callbacks = async (path: string) => {
      await deliver();
      return received.filter((r) => r.path === path);
    };

    beforeAll(async () => {
      server = createServer((req, res) => {
        let data = '';
        req.on('data', (c) => (data += c));
        req.on('end', () => {
          const status = refuse > 0 ? 503 : 200;
          if (refuse > 0) refuse--;
          const attempt = String(req.headers['x-dci-attempt'] ?? '');
          received.push({ path: req.url ?? '', status, attempt, body: JSON.parse(data) });
          res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The callback server listens on 127.0.0.1: allowed by DCI_ALLOW_PRIVATE_CALLBACKS=1 (docs/dci.md).
      t = await openTestDb(engine, {
        dciAllowPrivateCallbacks: true,
        dciCallbackRetry: { attempts: 3, backoffMs: 300 },
      });
      await createUsers(t.container);
      app = await testApp(t.container);
      const admin = await login(app, 'admin');
      for (const [i, village] of [
        PLACES.villageA,
        PLACES.villageA,
        PLACES.villageB,
        PLACES.otherVillage,
      ].entries()) {
        const h = makeHousehold(village, i + 1);
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: admin,
          payload: { ...h, confirmWarnings: true },
        });
        expect(res.statusCode, res.body).toBe(201);
        homes.push({ id: res.json().id, kk: h.kkNumber, niks: h.members.map((m) => m.nik), village });
      }
      const dci = t.container.dci;
      const operator = systemActor('test');
      const base = {
        scopes: ['dci.search', 'dci.subscribe'] as ('dci.search' | 'dci.subscribe')[],
        secret: SECRET,
      };
      await dci.addPartner(operator, {
        ...base,
        clientId: 'bpjs',
        name: 'BPJS',
        regionCode: PLACES.regency,
        callbackHosts: [host],
      });
      await dci.addPartner(operator, {
        ...base,
        clientId: 'other',
        name: 'Other',
        regionCode: PLACES.otherRegency,
        callbackHosts: [],
      });
      await dci.addPartner(operator, {
        ...base,
        clientId: 'signer',
        name: 'Signing partner',
        regionCode: '',
        callbackHosts: [host],
        publicJwk: { ...(await exportJWK(signer.publicKey)), kty: 'OKP', alg: 'EdDSA' },
      });
      await dci.addPartner(operator, {
        ...base,
        clientId: 'searcher',
        name: 'Search only',
        regionCode: '',
        callbackHosts: [host],
        scopes: ['dci.search'],
      });
      token = await tokenFor('bpjs');
      otherToken = await tokenFor('other');
    });

    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
      await new Promise((r) => server.close(r));
    });

    it('issues client-credentials tokens (form or JSON, secret in the body or Basic) verifiable with the JWKS', async () => {
      const basic = await app.inject({
        method: 'POST',
        url: '/api/v1/oauth/token',
        headers: { authorization: `Basic ${Buffer.from(`bpjs:${SECRET}`).toString('base64')}` },
        payload: { grant_type: 'client_credentials', scope: 'dci.search' },
      });
      expect(basic.statusCode, basic.body).toBe(200);
      const body = basic.json();
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'dci.search' });
      expect(basic.headers['cache-control']).toBe('no-store');
      const jwks = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
      expect(jwks.statusCode).toBe(200);
      const [key] = jwks.json().keys;
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key.d).toBeUndefined();
      const { payload } = await jwtVerify(body.access_token, await importJWK(key, 'EdDSA'));
      expect(payload).toMatchObject({ sub: 'bpjs', scope: 'dci.search', aud: 'dtks-dci' });
    });

    it('refuses a wrong secret, a revoked or unknown client, another grant and an ungranted scope', async () => {
      const ask = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload });
      const wrong = await ask({ grant_type: 'client_credentials', client_id: 'bpjs', client_secret: 'nope' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('oauth.invalid_client');
      const unknown = await ask({
        grant_type: 'client_credentials',
        client_id: 'nobody',
        client_secret: SECRET,
      });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().code).toBe('oauth.invalid_client');
      const grant = await ask({ grant_type: 'password', client_id: 'bpjs', client_secret: SECRET });
      expect(grant.statusCode).toBe(400);
      expect(grant.json().code).toBe('oauth.unsupported_grant_type');
      const scope = await ask({
        grant_type: 'client_credentials',
        client_id: 'searcher',
        client_secret: SECRET,
        scope: 'dci.subscribe',
      });
      expect(scope.statusCode).toBe(403);
      expect(scope.json().code).toBe('oauth.invalid_scope');
    });

    it('sync search by UIN (NIK) answers the member, validated against the spec, and audits the read as the partner’s', async () => {
      const nik = homes[0]!.niks[1]!;
      const res = await post(
        '/dci/registry/sync/search',
        envelope('search', search({ query_type: 'idtype-value', query: { type: 'UIN', value: nik } })),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      expect(specErrors('syncSearchResponse', body)).toEqual([]);
      expect(body.header).toMatchObject({
        action: 'on-search',
        status: 'succ',
        receiver_id: 'bpjs',
        sender_id: 'dtks',
      });
      const item = body.message.search_response[0];
      expect(item).toMatchObject({ status: 'succ', pagination: { total_count: 1, page_number: 1 } });
      expect(item.data.reg_record_type).toBe('Member');
      expect(item.data.reg_records[0].member_identifier[0]).toEqual({
        '@type': 'Identifier',
        identifier_type: 'UIN',
        identifier_value: nik,
      });
      expect(item.data.reg_records[0].group_identifier).toBe(homes[0]!.kk);
      // The answer is signed by the registry (detached JWS over the canonical {header, message}).
      const [p, , s] = body.signature.split('.');
      const jwk = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json().keys[0];
      const bytes = Buffer.from(canonicalJson({ header: body.header, message: body.message })).toString(
        'base64url',
      );
      await compactVerify(`${p}.${bytes}.${s}`, await importJWK(jwk, 'EdDSA'));
      await t.container.audit.seal({ wait: true });
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .selectAll()
        .where('actorUsername', '=', 'dci:bpjs')
        .where('action', '=', 'dci.search')
        .execute();
      expect(audit.map((a) => a.entityType)).toContain('person');
    });

    it('sync search by HOUSEHOLD_ID answers the Group with its members; expression and predicate queries page', async () => {
      const byKk = await post(
        '/dci/registry/sync/search',
        envelope(
          'search',
          search({ query_type: 'idtype-value', query: { type: 'HOUSEHOLD_ID', value: homes[0]!.kk } }),
        ),
      );
      expect(specErrors('syncSearchResponse', byKk.json())).toEqual([]);
      const group = byKk.json().message.search_response[0].data.reg_records[0];
      expect(group.group_identifier[0].identifier_value).toBe(homes[0]!.kk);
      expect(group.member_list).toHaveLength(3);
      const expr = await post(
        '/dci/registry/sync/search',
        envelope(
          'search',
          search({
            query_type: 'expression',
            query: {
              type: 'ns:org:QueryType:expression',
              value: {
                expression: {
                  collection: 'Group',
                  query: { $and: [{ location: { $eq: PLACES.villageA } }, { group_size: { $ge: 3 } }] },
                },
              },
            },
            pagination: { page_size: 1, page_number: 2 },
          }),
        ),
      );
      expect(specErrors('syncSearchResponse', expr.json())).toEqual([]);
      const page = expr.json().message.search_response[0];
      expect(page.pagination).toEqual({ page_size: 1, page_number: 2, total_count: 2 });
      expect(page.data.reg_records).toHaveLength(1);
      const pred = await post(
        '/dci/registry/sync/search',
        envelope(
          'search',
          search({
            query_type: 'predicate',
            query: [
              {
                seq_num: 1,
                expression1: { attribute_name: 'age', operator: 'lt', attribute_value: '25' },
                condition: 'and',
                expression2: { attribute_name: 'region', operator: 'eq', attribute_value: PLACES.villageB },
              },
            ],
          }),
        ),
      );
      expect(specErrors('syncSearchResponse', pred.json())).toEqual([]);
      const children = pred.json().message.search_response[0];
      expect(children.pagination.total_count).toBe(1);
      expect(children.data.reg_records[0].demographic_info.birth_date > '2001').toBe(true);
    });

    it('finds nothing outside the partner’s territory, exactly as for an absent NIK; unknown attributes are rjct', async () => {
      const outside = await post(
        '/dci/registry/sync/search',
        envelope(
          'search',
          search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[3]!.niks[0] } }),
        ),
      );
      const absent = await post(
        '/dci/registry/sync/search',
        envelope(
          'search',
          search({ query_type: 'idtype-value', query: { type: 'UIN', value: '3307019999999999' } }),
        ),
      );
      const strip = (b: { message: { search_response: object[] } }) => ({
        ...b.message.search_response[0],
        reference_id: 0,
        timestamp: 0,
      });
      expect(strip(outside.json())).toEqual(strip(absent.json()));
      expect(outside.json().message.search_response[0].pagination.total_count).toBe(0);
      const mine = await post(
        '/dci/registry/sync/search',
        envelope(
          'search',
          search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[3]!.niks[0] } }),
          { sender_id: 'other' },
        ),
        otherToken,
      );
      expect(mine.json().message.search_response[0].pagination.total_count).toBe(1);
      const odd = await post(
        '/dci/registry/sync/search',
        envelope(
          'search',
          search({
            query_type: 'predicate',
            query: [{ expression1: { attribute_name: 'income', operator: 'lt', attribute_value: 2 } }],
          }),
        ),
      );
      expect(odd.statusCode).toBe(200);
      expect(specErrors('syncSearchResponse', odd.json())).toEqual([]);
      expect(odd.json().message.search_response[0]).toMatchObject({
        status: 'rjct',
        status_reason_code: 'rjct.search_criteria.invalid',
      });
      expect(odd.json().message.search_response[0].status_reason_message).toMatch(/income/);
    });

    it('deciles (poverty_score): searchable and shown in Group records only with the dci.decile scope, from the latest ranking', async () => {
      const db = t.container.database.db;
      const run = (period: string, finishedAt: string) =>
        db
          .insertInto('rankingRuns')
          .values({
            period,
            modelVersion: 'pmt-test',
            state: 'done',
            households: 3,
            checksum: null,
            startedAt: finishedAt,
            finishedAt,
          })
          .execute();
      const result = (period: string, i: number, national: number) => {
        const h = homes[i]!;
        return {
          period,
          modelVersion: 'pmt-test',
          householdId: h.id,
          provinceCode: h.village.slice(0, 2),
          regencyCode: h.village.slice(0, 5),
          villageCode: h.village,
          householdVersion: 1,
          score: national,
          criteria14: 0,
          decileNational: national,
          decileProvince: national + 1,
          decileRegency: national,
        };
      };
      // An older period said otherwise: the latest ranking is the one read.
      await run('2025-1', '2025-06-01T00:00:00.000Z');
      await run('2026-1', '2026-06-01T00:00:00.000Z');
      await db
        .insertInto('rankingResults')
        .values([
          result('2025-1', 0, 9),
          result('2025-1', 1, 1),
          result('2026-1', 0, 2),
          result('2026-1', 1, 7),
          result('2026-1', 3, 1),
        ])
        .execute();
      await t.container.dci.addPartner(systemActor('test'), {
        clientId: 'desil',
        name: 'Decile partner',
        scopes: ['dci.search', 'dci.decile'],
        regionCode: PLACES.regency,
        callbackHosts: [host],
        secret: SECRET,
      });
      const desil = await tokenFor('desil');
      const predicate = (attribute_name: string, operator: string, attribute_value: unknown) => ({
        query_type: 'predicate',
        reg_record_type: 'Group',
        query: [{ seq_num: 1, expression1: { attribute_name, operator, attribute_value } }],
      });
      const ask = async (criteria: object, bearer: string, sender: string) => {
        const res = await post(
          '/dci/registry/sync/search',
          envelope('search', search(criteria), { sender_id: sender }),
          bearer,
        );
        expect(res.statusCode, res.body).toBe(200);
        expect(specErrors('syncSearchResponse', res.json())).toEqual([]);
        return res.json().message.search_response[0];
      };
      const low = await ask(predicate('poverty_score', 'le', 4), desil, 'desil');
      expect(low.status).toBe('succ');
      expect(low.pagination.total_count).toBe(1);
      expect(low.data.reg_records[0]).toMatchObject({
        group_identifier: [{ identifier_value: homes[0]!.kk }],
        poverty_score: 2,
        poverty_score_type: 'dtks-decile-national',
        decile_province: 3,
        decile_regency: 2,
        ranking_period: '2026-1',
      });
      const expr = await ask(
        {
          query_type: 'expression',
          query: {
            value: {
              expression: { collection: 'Group', query: { $and: [{ decile_province: { $in: [8] } }] } },
            },
          },
        },
        desil,
        'desil',
      );
      expect(
        expr.data.reg_records.map(
          (r: { group_identifier: { identifier_value: string }[] }) =>
            r.group_identifier[0]!.identifier_value,
        ),
      ).toEqual([homes[1]!.kk]);
      // A household outside the partner's territory is not found by its decile either.
      expect((await ask(predicate('desil', 'ge', 1), desil, 'desil')).pagination.total_count).toBe(2);
      expect((await ask(predicate('desil', 'eq', 11), desil, 'desil')).status).toBe('rjct');
      // Without the scope: a decile query is refused by name, and records carry no decile.
      const without = await ask(predicate('poverty_score', 'le', 4), token, 'bpjs');
      expect(without).toMatchObject({ status: 'rjct', status_reason_code: 'rjct.search_criteria.invalid' });
      expect(without.status_reason_message).toMatch(/needs the dci.decile scope/);
      const plain = await ask(
        { query_type: 'idtype-value', query: { type: 'HOUSEHOLD_ID', value: homes[0]!.kk } },
        token,
        'bpjs',
      );
      expect(plain.data.reg_records[0].poverty_score).toBeUndefined();
    });

    it('refuses a missing, forged or expired token with 401 and the reason; a missing scope with 403', async () => {
      const body = envelope(
        'search',
        search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[0]!.niks[0] } }),
      );
      const none = await post('/dci/registry/sync/search', body, null);
      expect(none.statusCode).toBe(401);
      expect(specErrors('httpError', none.json())).toEqual([]);
      expect(none.json().errors[0].code).toBe('err.request.unauthorized');
      expect(specErrors('ack', none.json())).toEqual([]);
      expect(none.json().message.error.code).toBe('err.request.unauthorized');
      const forger = generateKeyPairSync('ed25519');
      const forged = await new SignJWT({ scope: 'dci.search' })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('dtks')
        .setAudience('dtks-dci')
        .setSubject('bpjs')
        .setExpirationTime('1h')
        .sign(forger.privateKey);
      const f = await post('/dci/registry/sync/search', body, forged);
      expect(f.statusCode).toBe(401);
      expect(f.json().errors[0].message).toMatch(/not signed by this registry/);
      const keys = new Ed25519Keys({ dataDir: t.container.config.dataDir }, 'dci').get();
      const expired = await new SignJWT({ scope: 'dci.search' })
        .setProtectedHeader({ alg: 'EdDSA', kid: keys.keyId })
        .setIssuer('dtks')
        .setAudience('dtks-dci')
        .setSubject('bpjs')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(keys.privateKey);
      const e = await post('/dci/registry/sync/search', body, expired);
      expect(e.statusCode).toBe(401);
      expect(e.json().errors[0].message).toMatch(/expired/);
      const searcher = await tokenFor('searcher');
      const sub = await post(
        '/dci/registry/subscribe',
        envelope('subscribe', { transaction_id: 'x', subscribe_request: [] }, { sender_id: 'searcher' }),
        searcher,
      );
      expect(sub.statusCode).toBe(403);
      expect(sub.json().errors[0].code).toBe('err.request.forbidden');
    });

    it('answers a bad envelope with ACK ERR err.request.bad (HTTP 400), naming the problem', async () => {
      const good = envelope(
        'search',
        search({ query_type: 'idtype-value', query: { type: 'UIN', value: '1' } }),
      );
      const cases: [object, RegExp, string][] = [
        [{ header: good.header }, /message/, 'err.request.bad'],
        [{ ...good, header: { ...good.header, message_ts: 'yesterday' } }, /message_ts/, 'err.request.bad'],
        [{ ...good, header: { ...good.header, action: 'subscribe' } }, /action/, 'err.request.bad'],
        [{ ...good, message: { transaction_id: 't' } }, /search_request/, 'err.request.bad'],
        [
          { ...good, header: { ...good.header, sender_id: 'someone-else' } },
          /sender_id/,
          'err.sender_id.invalid',
        ],
        [
          { ...good, header: { ...good.header, is_msg_encrypted: true } },
          /encrypted/,
          'err.encryption.invalid',
        ],
      ];
      for (const [payload, reason, code] of cases) {
        const res = await post('/dci/registry/sync/search', payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(specErrors('ack', res.json())).toEqual([]);
        expect(res.json().message).toMatchObject({ ack_status: 'ERR', error: { code } });
        expect(res.json().message.error.message).toMatch(reason);
      }
      const garbage = await app.inject({
        method: 'POST',
        url: '/dci/registry/sync/search',
        payload: '{not json',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      expect(garbage.statusCode).toBe(400);
      expect(garbage.json().message.error.code).toBe('err.request.bad');
    });

    it('async search: ACK, then on-search POSTed to the registered sender_uri, signed; txn status (sync and async) finds it', async () => {
      const before = (await callbacks('/registry/on-search')).length;
      const req = envelope(
        'search',
        search({ query_type: 'idtype-value', query: { type: 'HOUSEHOLD_ID', value: homes[1]!.kk } }),
      );
      expect(specErrors('searchRequest', req)).toEqual([]);
      const res = await post('/dci/registry/search', req);
      expect(res.statusCode, res.body).toBe(200);
      expect(specErrors('ack', res.json())).toEqual([]);
      expect(res.json().message.ack_status).toBe('ACK');
      const got = await callbacks('/registry/on-search');
      expect(got).toHaveLength(before + 1);
      const cb = got.at(-1)!.body;
      expect(specErrors('onSearch', cb)).toEqual([]);
      expect(cb.message.correlation_id).toBe(res.json().message.correlation_id);
      expect(cb.message.search_response[0].data.reg_records[0].group_identifier[0].identifier_value).toBe(
        homes[1]!.kk,
      );
      const status = await post(
        '/dci/registry/sync/txn/status',
        envelope('txn-status', {
          transaction_id: 'status-1',
          txnstatus_request: {
            reference_id: 'r1',
            txn_type: 'search',
            attribute_type: 'transaction_id',
            attribute_value: (req.message as { transaction_id: string }).transaction_id,
          },
        }),
      );
      expect(status.statusCode, status.body).toBe(200);
      expect(specErrors('syncTxnStatusResponse', status.json())).toEqual([]);
      expect(status.json().message.txnstatus_response.txn_status.search_response[0].status).toBe('succ');
      // Statuses and counts, not the records again (they were answered, and audited, once).
      expect(status.json().message.txnstatus_response.txn_status.search_response[0].data.reg_records).toEqual(
        [],
      );
      expect(
        status.json().message.txnstatus_response.txn_status.search_response[0].pagination.total_count,
      ).toBe(1);
      const asyncStatus = await post(
        '/dci/registry/txn/status',
        envelope(
          'txn-status',
          {
            transaction_id: 'status-2',
            txnstatus_request: {
              reference_id: 'r2',
              txn_type: 'search',
              attribute_type: 'correlation_id',
              attribute_value: res.json().message.correlation_id,
            },
          },
          { sender_uri: `http://${host}/registry/txn/on-status` },
        ),
      );
      expect(asyncStatus.json().message.ack_status).toBe('ACK');
      const onStatus = await callbacks('/registry/txn/on-status');
      expect(onStatus).toHaveLength(1);
      expect(specErrors('txnOnStatus', onStatus[0]!.body)).toEqual([]);
      expect(onStatus[0]!.body.header.status).toBe('succ');
    });

    const txnStatusOf = async (correlationId: string) => {
      const res = await post(
        '/dci/registry/sync/txn/status',
        envelope('txn-status', {
          transaction_id: `status-${++n}`,
          txnstatus_request: {
            reference_id: `r-${n}`,
            txn_type: 'search',
            attribute_type: 'correlation_id',
            attribute_value: correlationId,
          },
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(specErrors('syncTxnStatusResponse', res.json())).toEqual([]);
      return res.json().message.txnstatus_response.txn_status;
    };
    const callbackJob = async (correlationId: string) => {
      const rows = await t.container.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'dci.callback')
        .execute();
      return rows.find((r) => JSON.parse(r.params).correlationId === correlationId)!;
    };
    const asyncSearchFor = async (nik: string) => {
      const res = await post(
        '/dci/registry/search',
        envelope('search', search({ query_type: 'idtype-value', query: { type: 'UIN', value: nik } })),
      );
      expect(res.json().message.ack_status, res.body).toBe('ACK');
      return res.json().message.correlation_id as string;
    };

    it('a callback the partner refuses (503) is retried after a backoff with the same message until it answers 2xx; txn/status is pending until then', async () => {
      refuse = 1;
      const before = received.length;
      const cid = await asyncSearchFor(homes[0]!.niks[0]!);
      await deliver();
      expect(received.slice(before).map((r) => r.status)).toEqual([503]);
      expect((await txnStatusOf(cid)).status).toBe('pdng');
      // Not retried before its backoff (300 ms in this test) has passed.
      await deliver();
      expect(received.length).toBe(before + 1);
      await new Promise((r) => setTimeout(r, 350));
      await deliver();
      const sent = received.slice(before);
      expect(sent.map((r) => r.status)).toEqual([503, 200]);
      // The same signed message each time (one message_id to deduplicate on), one POST per attempt.
      expect(sent[1]!.body).toEqual(sent[0]!.body);
      expect(sent.map((r) => r.attempt)).toEqual([`${cid}:1`, `${cid}:2`]);
      expect(specErrors('onSearch', sent[1]!.body)).toEqual([]);
      expect((await txnStatusOf(cid)).status).toBe('succ');
      expect(await callbackJob(cid)).toMatchObject({ state: 'done', attempts: 2 });
    });

    it('a callback whose attempts run out fails: the job with the reason, txn/status rjct with it', async () => {
      refuse = 3;
      const before = received.length;
      const cid = await asyncSearchFor(homes[0]!.niks[0]!);
      for (const wait of [0, 350, 650]) {
        await new Promise((r) => setTimeout(r, wait));
        await deliver();
      }
      expect(received.slice(before).map((r) => r.status)).toEqual([503, 503, 503]);
      const status = await txnStatusOf(cid);
      expect(status.status).toBe('rjct');
      expect(status.status_reason_message).toMatch(/not delivered after 3 attempts: .*answered 503/);
      const job = await callbackJob(cid);
      expect(job).toMatchObject({ state: 'failed', attempts: 3 });
      expect(JSON.parse(job.error!).code).toBe('dci.callback_failed');
      await new Promise((r) => setTimeout(r, 100));
      await deliver();
      expect(received.length).toBe(before + 3);
    });

    it('a partner revoked before its callback ran gets nothing: nothing read or sent, the job refused, txn rjct', async () => {
      await t.container.dci.addPartner(systemActor('test'), {
        clientId: 'revokee',
        name: 'Revoked soon',
        scopes: ['dci.search'],
        regionCode: PLACES.regency,
        callbackHosts: [host],
        secret: SECRET,
      });
      const bearer = await tokenFor('revokee');
      const res = await post(
        '/dci/registry/search',
        envelope(
          'search',
          search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[0]!.niks[0] } }),
          { sender_id: 'revokee' },
        ),
        bearer,
      );
      const cid = res.json().message.correlation_id as string;
      await t.container.dci.revokePartner(systemActor('test'), 'revokee');
      const before = received.length;
      await deliver();
      expect(received.length).toBe(before);
      const job = await callbackJob(cid);
      expect(job).toMatchObject({ state: 'failed', attempts: 1 });
      expect(JSON.parse(job.error!).code).toBe('dci.callback_refused');
      const txn = await new DciRepository().transactionById(t.container.database.db, cid);
      expect(txn).toMatchObject({ callbackState: 'failed', response: null });
      const reads = await t.container.database.db
        .selectFrom('auditLog')
        .select('id')
        .where('actorUsername', '=', 'dci:revokee')
        .where('action', '=', 'dci.search')
        .execute();
      expect(reads).toEqual([]);
    });

    it('a worker killed with SIGKILL before sending: after a restart the callback is still delivered, once', async () => {
      const before = received.length;
      const cid = await asyncSearchFor(homes[1]!.niks[0]!);
      const child = spawn(
        process.execPath,
        [
          resolve(import.meta.dirname, '../support/job-worker-child.ts'),
          t.url,
          t.container.config.dataDir,
          'dci-private-callbacks',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      // The first checkpoint is the answer (committed with the transaction), the second the one before
      // sending: killed there, nothing was sent.
      let seen = 0;
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString().split('checkpoint').length - 1;
          if (seen >= 2) done();
        });
        child.on('exit', (code) => fail(new Error(`child ended first (${code})`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      expect(received.length).toBe(before);
      expect(await callbackJob(cid)).toMatchObject({ state: 'running', attempts: 1 });
      expect((await txnStatusOf(cid)).status).toBe('pdng');
      // The child's lease (1 s) runs out; then a new worker (a restarted server) takes the job over.
      await new Promise((r) => setTimeout(r, 1100));
      await deliver();
      const sent = received.slice(before);
      expect(sent.map((r) => [r.path, r.status, r.attempt])).toEqual([
        ['/registry/on-search', 200, `${cid}:2`],
      ]);
      expect(specErrors('onSearch', sent[0]!.body)).toEqual([]);
      expect(sent[0]!.body.message.correlation_id).toBe(cid);
      expect(await callbackJob(cid)).toMatchObject({ state: 'done', attempts: 2 });
      expect((await txnStatusOf(cid)).status).toBe('succ');
    });

    it('never calls back a host the partner did not register', async () => {
      const before = received.length;
      const res = await post(
        '/dci/registry/search',
        envelope(
          'search',
          search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[0]!.niks[0] } }),
          { sender_uri: 'http://169.254.169.254/registry/on-search' },
        ),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().message.error).toMatchObject({ code: 'err.sender_uri.invalid' });
      const other = await post(
        '/dci/registry/search',
        envelope(
          'search',
          search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[3]!.niks[0] } }),
          { sender_id: 'other' },
        ),
        otherToken,
      );
      expect(other.json().message.error.code).toBe('err.sender_uri.invalid');
      await deliver();
      expect(received.length).toBe(before);
    });

    it('verifies the signature of a partner that registered a key: missing, wrong, valid', async () => {
      const signerToken = await tokenFor('signer');
      const body = envelope(
        'search',
        search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[0]!.niks[0] } }),
        { sender_id: 'signer' },
      );
      const missing = await post('/dci/registry/sync/search', { ...body, signature: undefined }, signerToken);
      expect(missing.json().message.error.code).toBe('err.signature.missing');
      const wrong = await post(
        '/dci/registry/sync/search',
        { ...body, signature: 'invalid-signature' },
        signerToken,
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().message.error.code).toBe('err.signature.invalid');
      const sign = async (b: object) => {
        const jws = await new CompactSign(new TextEncoder().encode(canonicalJson(b)))
          .setProtectedHeader({ alg: 'EdDSA' })
          .sign(signer.privateKey);
        const [p, , s] = jws.split('.');
        return `${p}..${s}`;
      };
      const valid = await post(
        '/dci/registry/sync/search',
        { ...body, signature: await sign({ header: body.header, message: body.message }) },
        signerToken,
      );
      expect(valid.statusCode, valid.body).toBe(200);
      const tampered = { ...body, message: { ...body.message, transaction_id: 'changed' } };
      const bad = await post(
        '/dci/registry/sync/search',
        { ...tampered, signature: await sign({ header: body.header, message: body.message }) },
        signerToken,
      );
      expect(bad.json().message.error.code).toBe('err.signature.invalid');
    });

    it('subscribe → on-subscribe; a household registered in the territory is notified; unsubscribe → on-unsubscribe', async () => {
      const res = await post(
        '/dci/registry/subscribe',
        envelope('subscribe', {
          transaction_id: 'sub-tx',
          subscribe_request: [
            {
              reference_id: 's1',
              timestamp: new Date().toISOString(),
              subscribe_criteria: {
                reg_event_type: 'REGISTER',
                filter_type: 'predicate',
                filter: [
                  {
                    expression1: {
                      attribute_name: 'region',
                      operator: 'eq',
                      attribute_value: PLACES.villageB,
                    },
                  },
                ],
                notify_record_type: 'Group',
              },
            },
            {
              reference_id: 's2',
              timestamp: new Date().toISOString(),
              subscribe_criteria: { reg_event_type: 'SOMETHING', filter: {}, notify_record_type: 'Group' },
            },
          ],
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(specErrors('ack', res.json())).toEqual([]);
      const [onSub] = await callbacks('/registry/on-subscribe');
      expect(specErrors('onSubscribe', onSub!.body)).toEqual([]);
      const [ok, rejected] = onSub!.body.message.subscribe_response;
      expect(rejected).toMatchObject({ status: 'rjct', status_reason_code: 'rjct.notify_types.invalid' });
      const code = ok.subscriptions[0].code as string;
      // Two registrations: one in the subscribed village, one elsewhere in the territory.
      const admin = await login(app, 'admin');
      for (const [i, village] of [PLACES.villageB, PLACES.villageA].entries()) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: admin,
          payload: { ...makeHousehold(village, 50 + i), confirmWarnings: true },
        });
        expect(r.statusCode, r.body).toBe(201);
      }
      const result = await t.container.dci.notifyAll();
      expect(result).toMatchObject({ events: 1, failed: 0 });
      const notes = await callbacks('/registry/notify');
      expect(notes).toHaveLength(1);
      expect(specErrors('notify', notes[0]!.body)).toEqual([]);
      expect(notes[0]!.body.message.notify_event[0].data.reg_records.location.village).toBe(PLACES.villageB);
      expect((await t.container.dci.notifyAll()).events).toBe(0);
      const un = await post(
        '/dci/registry/unsubscribe',
        envelope('unsubscribe', {
          transaction_id: 'un-tx',
          timestamp: new Date().toISOString(),
          subscription_codes: [code],
        }),
      );
      expect(un.json().message.ack_status).toBe('ACK');
      const [onUn] = await callbacks('/registry/on-unsubscribe');
      expect(specErrors('onUnsubscribe', onUn!.body)).toEqual([]);
      expect(onUn!.body.message).toMatchObject({
        status: 'succ',
        subscription_status: [{ code, status: 'unsubscribe' }],
      });
      // Another partner cannot learn of or end this subscription.
      const again = await post(
        '/dci/registry/unsubscribe',
        envelope('unsubscribe', {
          transaction_id: 'un-2',
          timestamp: new Date().toISOString(),
          subscription_codes: [code],
        }),
      );
      expect(again.json().message.ack_status).toBe('ACK');
      const all = await callbacks('/registry/on-unsubscribe');
      expect(all.at(-1)!.body.message).toMatchObject({
        status: 'rjct',
        status_reason_code: 'rjct.event.already_unsubscribed',
      });
    });

    it('a member removed from a household is notified (RemoveHouseHoldMember) with that member, also to a subscription on their NIK', async () => {
      const admin = await login(app, 'admin');
      const home = homes[2]!;
      const detail = (await app.inject({ url: `/api/v1/households/${home.id}`, headers: admin })).json();
      const child = detail.members.find((m: { relationship: number }) => m.relationship !== 1);
      const res = await post(
        '/dci/registry/subscribe',
        envelope('subscribe', {
          transaction_id: `sub-rm-${++n}`,
          subscribe_request: [
            {
              reference_id: 'rm-1',
              timestamp: new Date().toISOString(),
              subscribe_criteria: {
                reg_event_type: 'RemoveHouseHoldMember',
                filter_type: 'idtype-value',
                filter: { type: 'UIN', value: child.nik },
                notify_record_type: 'Member',
              },
            },
          ],
        }),
      );
      expect(res.json().message.ack_status, res.body).toBe('ACK');
      const onSub = (await callbacks('/registry/on-subscribe')).at(-1)!;
      expect(onSub.body.message.subscribe_response[0].status).toBe('succ');
      const before = (await callbacks('/registry/notify')).length;
      const rm = await app.inject({
        method: 'POST',
        url: `/api/v1/households/${home.id}/members/${child.id}/removal`,
        headers: admin,
        payload: { version: detail.version, reasonCode: 'moved_out' },
      });
      expect(rm.statusCode, rm.body).toBe(200);
      expect(await t.container.dci.notifyAll()).toMatchObject({ events: 1, failed: 0 });
      const notes = (await callbacks('/registry/notify')).slice(before);
      expect(notes).toHaveLength(1);
      const event = notes[0]!.body.message.notify_event[0];
      // The spec's notify schema lists only REGISTER and NewHouseHoldMember (docs/dci.md): the rest of the
      // message is validated as it is.
      expect(event.data.reg_event_type).toBe('RemoveHouseHoldMember');
      const asSpecEvent = structuredClone(notes[0]!.body);
      asSpecEvent.message.notify_event[0].data.reg_event_type = 'NewHouseHoldMember';
      expect(specErrors('notify', asSpecEvent)).toEqual([]);
      expect(event.data.reg_records).toMatchObject({
        member_identifier: [{ identifier_type: 'UIN', identifier_value: child.nik }],
        group_identifier: home.kk,
        status: 'removed',
      });
      // Audited as the partner's read of that person.
      const audited = await t.container.database.db
        .selectFrom('auditLog')
        .select(['entityId', 'actorUsername'])
        .where('action', '=', 'dci.notify')
        .where('entityId', '=', child.id)
        .execute();
      expect(audited).toEqual([{ entityId: child.id, actorUsername: 'dci:bpjs' }]);
      expect((await t.container.dci.notifyAll()).events).toBe(0);
    });

    it(`notifies every event sharing one timestamp, past a page of ${NOTIFY_PAGE}`, async () => {
      const dci = t.container.dci;
      const home = homes[2]!; // villageB, in bpjs's territory
      await dci.addSubscription('bpjs', {
        code: 'sub-ties',
        eventType: 'REGISTER',
        filter: { kind: 'kk', value: home.kk, entity: 'Group' },
        notifyUri: `http://${host}/registry/notify`,
      });
      // A bulk change: more events than one page, all at one instant after the subscription.
      const at = new Date(Date.now() + 60_000).toISOString();
      const rows = Array.from({ length: NOTIFY_PAGE + 5 }, (_, i) => ({
        id: randomUUID(),
        entityType: 'household',
        entityId: home.id,
        provinceCode: '33',
        villageCode: home.village,
        version: 10_000 + i,
        changeType: 'create',
        reason: null,
        snapshot: new Uint8Array(),
        changedBy: null,
        changedAt: at,
      }));
      await t.container.database.db.insertInto('recordVersions').values(rows).execute();
      const before = (await callbacks('/registry/notify')).length;
      const sent: number[] = [];
      for (let round = 0; round < 3; round++) sent.push((await dci.notifyAll()).events);
      expect(sent).toEqual([NOTIFY_PAGE, 5, 0]);
      const notes = (await callbacks('/registry/notify')).slice(before);
      expect(notes.map((n) => n.body.message.notify_event.length)).toEqual([NOTIFY_PAGE, 5]);
    });

    it('calls back only the exact registered host:port, never through a redirect', async () => {
      const sent: string[] = [];
      const redirecting = createServer((req, res) => {
        sent.push(req.url ?? '');
        res.writeHead(307, { location: `http://${host}/registry/on-search` }).end();
      });
      await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
      const other = `127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
      try {
        const operator = systemActor('test');
        const dci = t.container.dci;
        await dci.addPartner(operator, {
          clientId: 'hopper',
          name: 'Redirecting partner',
          scopes: ['dci.search'],
          regionCode: '',
          callbackHosts: [other, '127.0.0.1'],
          secret: SECRET,
        });
        const hop = await tokenFor('hopper');
        const ask = (senderUri: string) =>
          post(
            '/dci/registry/search',
            envelope(
              'search',
              search({ query_type: 'idtype-value', query: { type: 'UIN', value: homes[0]!.niks[0] } }),
              { sender_id: 'hopper', sender_uri: senderUri },
            ),
            hop,
          );
        // A bare registered host allows the scheme's default port only, not any port of that host.
        const anyPort = await ask(`http://${host}/registry/on-search`);
        expect(anyPort.json().message.error?.code).toBe('err.sender_uri.invalid');
        // The redirect is not followed: the registry's own callback server receives nothing.
        const before = received.length;
        const res = await ask(`http://${other}/registry/on-search`);
        expect(res.json().message.ack_status).toBe('ACK');
        await deliver();
        expect(sent).toEqual(['/registry/on-search']);
        expect(received.length).toBe(before);
      } finally {
        await new Promise((r) => redirecting.close(r));
      }
    });

    it('without DCI_ALLOW_PRIVATE_CALLBACKS, refuses IP and loopback callback hosts at registration and in sender_uri', async () => {
      const strict = new DciService({
        db: t.container.database.db,
        repo: new DciRepository(),
        rankings: new RankingRepository(t.container.database.engine),
        audit: t.container.audit,
        keys: new Ed25519Keys({ dataDir: t.container.config.dataDir }, 'dci'),
        jobs: t.container.jobs,
        onCallbackError: () => undefined,
      });
      const operator = systemActor('test');
      for (const h of ['127.0.0.1:8080', '169.254.169.254', '10.1.2.3', 'localhost', 'intranet']) {
        await expect(
          strict.addPartner(operator, {
            clientId: 'strict',
            name: 'Strict',
            scopes: ['dci.search'],
            regionCode: '',
            callbackHosts: ['dci.partner.example', h],
          }),
          h,
        ).rejects.toMatchObject({ code: 'dci.callback_host_invalid', params: { host: h } });
      }
      // bpjs registered 127.0.0.1:port under the test setting: without it, its sender_uri is refused.
      const partner = await new DciRepository().partnerByClientId(t.container.database.db, 'bpjs');
      await expect(
        strict.addSubscription('bpjs', {
          code: 'sub-strict',
          eventType: 'REGISTER',
          filter: { kind: 'kk', value: homes[0]!.kk, entity: 'Group' },
          notifyUri: `http://${host}/registry/notify`,
        }),
      ).rejects.toMatchObject({ code: 'err.sender_uri.invalid' });
      expect(partner?.callbackHosts).toContain(host);
    });

    it('a public callback name that resolves to a private address is refused before connecting (resolved once, pinned)', async () => {
      const looked: string[] = [];
      const errors: string[] = [];
      const pinned = new DciService({
        db: t.container.database.db,
        repo: new DciRepository(),
        rankings: new RankingRepository(t.container.database.engine),
        audit: t.container.audit,
        keys: new Ed25519Keys({ dataDir: t.container.config.dataDir }, 'dci'),
        jobs: t.container.jobs,
        // The name passed the registration check (a public DNS name); DNS now answers an internal address.
        lookup: async (name) => {
          looked.push(name);
          return [{ address: '169.254.169.254', family: 4 }];
        },
        onCallbackError: (err) => errors.push(err instanceof Error ? err.message : String(err)),
      });
      const operator = systemActor('test');
      await pinned.addPartner(operator, {
        clientId: 'rebinder',
        name: 'Rebinding partner',
        scopes: ['dci.subscribe'],
        regionCode: '',
        callbackHosts: ['dci.rebind.example'],
        secret: SECRET,
      });
      const code = 'sub-rebind';
      await pinned.addSubscription('rebinder', {
        code,
        eventType: 'REGISTER',
        filter: {
          kind: 'where',
          condition: { attr: 'region', op: 'eq', value: PLACES.villageA },
          entity: 'Group',
        },
        notifyUri: 'https://dci.rebind.example/registry/notify',
      });
      const admin = await login(app, 'admin');
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: admin,
        payload: { ...makeHousehold(PLACES.villageA, 90), confirmWarnings: true },
      });
      expect(r.statusCode, r.body).toBe(201);
      const repo = new DciRepository();
      const before = await repo.subscription(t.container.database.db, code);
      try {
        expect(await pinned.notifyAll()).toMatchObject({ failed: 1 });
        expect(looked).toEqual(['dci.rebind.example']);
        expect(errors).toEqual(['dci.rebind.example resolves to 169.254.169.254 is a linkLocal address']);
        // Not delivered: the subscription has not moved past the event.
        expect(await repo.subscription(t.container.database.db, code)).toEqual(before);
      } finally {
        await repo.updateSubscription(t.container.database.db, code, { status: 'unsubscribe' });
      }
    });

    it('a client id taken outside the administrator’s territory is refused as one taken inside, naming nothing of it', async () => {
      const regional = { ...systemActor('test'), role: 'pusdatin' as const, regionCode: PLACES.regency };
      const input = (clientId: string) => ({
        clientId,
        name: 'Baru',
        scopes: ['dci.search' as const],
        regionCode: PLACES.regency,
        callbackHosts: [],
      });
      const refusal = async (clientId: string) => {
        const err = await t.container.dci.addPartner(regional, input(clientId)).catch((e) => e);
        return { code: err.code, params: err.params, en: err.text?.en ?? err.message };
      };
      const inside = await refusal('bpjs'); // registered in the regency
      const outside = await refusal('other'); // registered in another regency: absent to this actor elsewhere
      expect(inside).toMatchObject({ code: 'dci.partner_exists', params: { clientId: 'bpjs' } });
      expect(outside).toEqual({
        code: inside.code,
        params: { clientId: 'other' },
        en: inside.en.replace('bpjs', 'other'),
      });
      expect(outside.en).not.toMatch(/Other|33\.08/);
    });

    it('admin API: pusdatin/admin register (secret once), list and revoke partners of their territory, audited; others are refused', async () => {
      const pusdatin = await login(app, 'pusdatin');
      const body = {
        clientId: 'bpjs-ketenagakerjaan',
        name: 'BPJS Ketenagakerjaan',
        scopes: ['dci.search'],
        regionCode: PLACES.regency,
        callbackHosts: [host],
      };
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/dci/partners',
        headers: pusdatin,
        payload: body,
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.headers['cache-control']).toBe('no-store');
      const { clientSecret } = created.json();
      expect(clientSecret).toMatch(/^[\w-]{24,}$/);
      // The secret works for a token, and is never listed.
      const tok = await app.inject({
        method: 'POST',
        url: '/api/v1/oauth/token',
        payload: { grant_type: 'client_credentials', client_id: body.clientId, client_secret: clientSecret },
      });
      expect(tok.statusCode, tok.body).toBe(200);
      const list = await app.inject({ method: 'GET', url: '/api/v1/dci/partners', headers: pusdatin });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(clientSecret);
      expect(list.json().items.find((p: { clientId: string }) => p.clientId === body.clientId)).toMatchObject(
        {
          scopes: ['dci.search'],
          regionCode: PLACES.regency,
          callbackHosts: [host],
          revokedAt: null,
        },
      );
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/dci/partners',
        headers: pusdatin,
        payload: body,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('dci.partner_exists');
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/dci/partners',
        headers: pusdatin,
        payload: { ...body, clientId: 'x2', scopes: ['dci.everything'] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      // Roles without dci.manage: 403 on every route.
      const dinsos = await login(app, 'dinsos');
      for (const [method, url] of [
        ['GET', '/api/v1/dci/partners'],
        ['POST', '/api/v1/dci/partners'],
        ['POST', `/api/v1/dci/partners/${body.clientId}/revoke`],
      ] as const) {
        const res = await app.inject({
          method,
          url,
          headers: dinsos,
          ...(method === 'POST' ? { payload: body } : {}),
        });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
      expect((await app.inject({ method: 'GET', url: '/api/v1/dci/partners' })).statusCode).toBe(401);
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/dci/partners/nobody/revoke',
        headers: pusdatin,
      });
      expect(unknown.statusCode).toBe(404);
      const revoked = await app.inject({
        method: 'POST',
        url: `/api/v1/dci/partners/${body.clientId}/revoke`,
        headers: pusdatin,
      });
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json().revokedAt).toEqual(expect.any(String));
      const afterRevoke = await post(
        '/dci/registry/sync/search',
        envelope('search', search({ query_type: 'idtype-value', query: { type: 'UIN', value: '1' } }), {
          sender_id: body.clientId,
        }),
        tok.json().access_token,
      );
      expect(afterRevoke.statusCode).toBe(401);
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select(['action', 'actorUsername'])
        .where('action', 'in', ['dci.partner_add', 'dci.partner_revoke'])
        .execute();
      expect(audit).toEqual(
        expect.arrayContaining([
          { action: 'dci.partner_add', actorUsername: 'pusdatin' },
          { action: 'dci.partner_revoke', actorUsername: 'pusdatin' },
        ]),
      );
    });

    it('requests are limited per partner (DCI_RATE_LIMIT, by the token’s client id, not the address): 429 in the DCI ERR form with Retry-After', async () => {
      const limited = await testApp(t.container, {
        settings: { rateLimits: { ...TEST_SETTINGS.rateLimits!, dci: 2 } },
      });
      try {
        const ask = (bearer: string, sender: string, remoteAddress: string) =>
          limited.inject({
            method: 'POST',
            url: '/dci/registry/sync/search',
            remoteAddress,
            headers: { authorization: `Bearer ${bearer}` },
            payload: envelope(
              'search',
              search({ query_type: 'idtype-value', query: { type: 'UIN', value: '1' } }),
              {
                sender_id: sender,
              },
            ),
          });
        expect((await ask(token, 'bpjs', '203.0.113.1')).statusCode).toBe(200);
        expect((await ask(token, 'bpjs', '203.0.113.2')).statusCode).toBe(200);
        const over = await ask(token, 'bpjs', '203.0.113.3');
        expect(over.statusCode).toBe(429);
        expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
        expect(over.json()).toMatchObject({
          errors: [{ code: 'err.rate_limit.exceeded' }],
          message: { ack_status: 'ERR', error: { code: 'err.rate_limit.exceeded' } },
        });
        // Another partner, from the same address, has its own count.
        expect((await ask(otherToken, 'other', '203.0.113.3')).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
}
