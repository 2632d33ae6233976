/**
 * The API description matches the server. The document at /api/openapi.json is
 * (a) valid OpenAPI 3.1 — by @seriousme/openapi-schema-validator (the specification's own schema), and by a
 *     strict structural check here (every $ref resolves, every schema compiles as JSON Schema 2020-12, path
 *     templates and path parameters agree, every error is problem+json with the shared Problem schema,
 *     every upload route declares its body types as binary);
 * (b) true to the server: a walk over EVERY operation in the document (read from the document, not from a
 *     list) builds requests from its schemas — valid values and, per parameter, values the schema refuses —
 *     and sends them to a seeded server, anonymously and as three users. Every answer's status and content
 *     type must be declared for that operation, problem bodies must match the Problem schema, no 5xx; a
 *     value the document refuses must be refused (400), and a read built only from values the document
 *     accepts must not be refused as malformed (400);
 * (c) its public/secured marking is the authentication boundary's: an anonymous request answers 401
 *     auth.required exactly for the operations not marked `security: []`.
 */

import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { createUsers, login, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { type ApiDoc, type JsonSchema, type Parameter, SchemaTools } from '../support/openapi.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const USERS = ['op-a', 'dinsos', 'admin'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: {
    parameters?: Parameter[];
    requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
    responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
    security?: unknown[];
    operationId?: string;
  };
}

function operations(doc: ApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation['op']>)[method];
      if (op) out.push({ method, path, op });
    }
  }
  return out;
}

for (const engine of ENGINES) {
  describe(`the OpenAPI document matches the server (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let doc: ApiDoc;
    /** The document as served, for the validator library (which takes any JSON object). */
    let served: Record<string, unknown>;
    let tools: SchemaTools;
    const as: Record<string, Record<string, string>> = {};
    const routes: RouteOptions[] = [];

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      await seedDemoIfEmpty(t.container, 20, () => {});
      app = await testApp(t.container, { onRoute: (r) => routes.push(r) });
      for (const u of USERS) as[u] = await login(app, u);
      const res = await app.inject({ url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      served = res.json();
      doc = res.json();
      tools = new SchemaTools(doc);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
      const result = await new Validator().validate(served);
      expect(result.errors).toBeUndefined();
      expect(result.valid).toBe(true);
    });

    it('is valid OpenAPI 3.1 by a strict structural check', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title && doc.info.version).toBeTruthy();
      const schemes = Object.keys(doc.components?.securitySchemes ?? {});
      expect(schemes.sort()).toEqual(['bearer', 'cookie']);
      const problems: string[] = [];
      const ops = operations(doc);
      expect(ops.length).toBeGreaterThan(80);
      const operationIds = new Set<string>();
      for (const { method, path, op } of ops) {
        const at = `${method.toUpperCase()} ${path}`;
        const id = op.operationId;
        if (id) {
          if (operationIds.has(id)) problems.push(`${at}: duplicate operationId ${id}`);
          operationIds.add(id);
        }
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
        if (
          JSON.stringify(pathParams.map((p) => p.name).sort()) !== JSON.stringify(templated) ||
          pathParams.some((p) => p.required !== true)
        ) {
          problems.push(`${at}: path parameters ${JSON.stringify(pathParams)} do not match the template`);
        }
        const seen = new Set<string>();
        for (const p of op.parameters ?? []) {
          if (!['path', 'query', 'header', 'cookie'].includes(p.in))
            problems.push(`${at}: ${p.name} in ${p.in}`);
          if (seen.has(`${p.in}:${p.name}`)) problems.push(`${at}: parameter ${p.name} twice`);
          seen.add(`${p.in}:${p.name}`);
          problems.push(...tools.compileErrors(p.schema).map((e) => `${at} ${p.name}: ${e}`));
        }
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
          problems.push(...tools.compileErrors(media.schema).map((e) => `${at} body ${type}: ${e}`));
        }
        if (Object.keys(op.responses).length === 0) problems.push(`${at}: no responses`);
        for (const [status, r] of Object.entries(op.responses)) {
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${at}: status ${status}`);
          if (typeof r.description !== 'string') problems.push(`${at} ${status}: no description`);
          for (const [type, media] of Object.entries(r.content ?? {})) {
            problems.push(...tools.compileErrors(media.schema).map((e) => `${at} ${status} ${type}: ${e}`));
          }
        }
        if (op.security !== undefined && JSON.stringify(op.security) !== '[]') {
          problems.push(`${at}: security ${JSON.stringify(op.security)}`);
        }
      }
      for (const ref of tools.refs()) {
        if (tools.resolveRef(ref) === undefined) problems.push(`unresolved ${ref}`);
      }
      expect(problems).toEqual([]);
    });

    it('documents every error as application/problem+json with the Problem schema (no 5xx but /readyz 503)', () => {
      expect(doc.components?.schemas?.Problem).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'instance']),
      });
      const wrong: string[] = [];
      for (const { method, path, op } of operations(doc)) {
        const statuses = Object.keys(op.responses).map(Number);
        const expected = [400, 429, ...(op.security ? [] : [401, 403])];
        if (method !== 'get') expected.push(403, 409, 413, 415);
        for (const s of expected) {
          if (!statuses.includes(s)) wrong.push(`${method} ${path}: ${s} undocumented`);
        }
        for (const [status, r] of Object.entries(op.responses)) {
          if (Number(status) >= 500 && !(path === '/readyz' && status === '503')) {
            wrong.push(`${method} ${path}: ${status} documented`);
          }
          if (Number(status) < 400 || Number(status) >= 500) continue;
          const content = JSON.stringify(r.content);
          if (
            content !==
            JSON.stringify({
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
            })
          ) {
            wrong.push(`${method} ${path} ${status}: ${content}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('declares the body of every upload route: its content types, each a binary string', () => {
      const uploads = routes.filter(
        (r) => (r.schema as { consumes?: string[] } | undefined)?.consumes?.length,
      );
      expect(uploads.length).toBeGreaterThanOrEqual(6);
      for (const r of uploads) {
        const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        const op = (doc.paths[path] as Record<string, Operation['op']>)[String(r.method).toLowerCase()];
        const consumes = (r.schema as { consumes: string[] }).consumes;
        expect(op?.requestBody?.required, path).toBe(true);
        expect(Object.keys(op!.requestBody!.content).sort(), path).toEqual([...consumes].sort());
        for (const media of Object.values(op!.requestBody!.content)) {
          expect(media.schema, path).toMatchObject({ type: 'string', format: 'binary' });
        }
      }
    });

    it('answers every operation only as documented (valid and invalid values, anonymous and with sessions)', async () => {
      const findings: string[] = [];
      let requests = 0;
      /** Per operation, the statuses it answered with. */
      const answered = new Map<string, Set<number>>();
      // Reads without path parameters first: their answers give real ids, periods and codes to the rest.
      const ops = operations(doc).sort(
        (a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
      );
      for (const o of ops) {
        const at = `${o.method.toUpperCase()} ${o.path}`;
        const params = o.op.parameters ?? [];
        const secured = o.op.security === undefined;
        const send = async (
          label: string,
          values: Record<string, unknown>,
          who: string | null,
          body?: { type: string; payload: string | Buffer } | null,
        ) => {
          const { url } = buildUrl(o.path, params, values);
          const request = () => {
            const headers: Record<string, string> = { ...(who ? as[who] : {}) };
            if (body) headers['content-type'] = body.type;
            requests++;
            return app.inject({
              method: o.method.toUpperCase() as 'GET',
              url,
              headers,
              ...(body ? { payload: body.payload } : {}),
            });
          };
          let res = await request();
          if (!answered.has(at)) answered.set(at, new Set());
          // A walked operation may have ended the session (logout): log in again and repeat.
          if (who && res.statusCode === 401 && res.json().code === 'auth.required') {
            as[who] = await login(app, who);
            res = await request();
          }
          answered.get(at)!.add(res.statusCode);
          const problem = tools.checkAnswer(
            o.op.responses,
            res.statusCode,
            res.headers['content-type'],
            res.body,
          );
          if (problem) findings.push(`${at} [${label}, ${who ?? 'anonymous'}] ${url} → ${problem}`);
          if (res.statusCode === 200 && o.method === 'get')
            tools.harvest(o.path, res.body, res.headers['content-type']);
          return res;
        };
        const valid = tools.validValues(o.path, params);
        if (typeof valid === 'string') {
          findings.push(`${at}: ${valid}`);
          continue;
        }
        const bodies = tools.bodies(o.op.requestBody);

        // (c) the boundary: anonymous requests are refused exactly for the secured operations.
        const anon = await send('valid', valid, null, bodies.valid);
        const refused = anon.statusCode === 401 && anon.json().code === 'auth.required';
        if (refused !== secured)
          findings.push(`${at}: marked ${secured ? 'secured' : 'public'}, anonymous → ${anon.statusCode}`);

        for (const who of secured ? USERS : [null]) {
          const res = await send('valid', valid, who, bodies.valid);
          if (o.method === 'get' && malformed(res)) {
            findings.push(
              `${at} [${who}]: values the document accepts were refused: ${res.body.slice(0, 300)}`,
            );
          }
        }
        // Each optional parameter alone with a value its schema accepts, and every parameter with the
        // plainest value its schema accepts (not a real one): a loose schema shows as a refusal here.
        for (const p of params) {
          const values = new Set<string>();
          const real = tools.validValue(o.path, p);
          if (real === undefined) {
            findings.push(
              `${at}: no value found for ${p.in} parameter ${p.name} (${JSON.stringify(p.schema)})`,
            );
            continue;
          }
          if (!p.required) values.add(real);
          const plain = tools.plainValue(p.schema);
          if (plain !== undefined) values.add(plain);
          for (const value of values) {
            const who = secured ? 'dinsos' : null;
            const res = await send(`valid ${p.name}`, { ...valid, [p.name]: value }, who, bodies.valid);
            if (o.method === 'get' && malformed(res)) {
              findings.push(
                `${at}: ${p.name}=${value} is accepted by the document but refused: ${res.body.slice(0, 300)}`,
              );
            }
          }
        }
        const who = secured ? 'admin' : null;
        for (const p of params) {
          for (const bad of tools.invalidValues(p.schema, p.required === true)) {
            const res = await send(`invalid ${p.name}`, { ...valid, [p.name]: bad }, who, bodies.valid);
            if (res.statusCode !== 400) {
              findings.push(
                `${at}: ${p.in} ${p.name}=${JSON.stringify(bad)} breaks the document's schema but was answered ${res.statusCode}`,
              );
            }
          }
        }
        if (o.op.requestBody) {
          for (const [label, body] of Object.entries(bodies.invalid)) {
            for (const user of secured ? ['op-a', 'admin'] : [null]) {
              await send(`body ${label}`, valid, user, body);
            }
          }
        }
      }
      // The probes and metrics are operations of the document, walked like the rest; /metrics from a remote
      // client without the token answers its documented 404.
      for (const at of ['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /api/v1/regions']) {
        expect(answered.get(at), at).toContain(200);
      }
      const remote = await app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
      expect(remote.statusCode).toBe(404);
      const metricsOp = operations(doc).find((o) => o.path === '/metrics')!;
      expect(
        tools.checkAnswer(metricsOp.op.responses, 404, remote.headers['content-type'], remote.body),
      ).toBeNull();
      for (const r of answered.values()) r.delete(401);
      if (process.env.OPENAPI_WALK_REPORT) {
        console.log([...answered].map(([k, v]) => `${k} ${[...v].sort().join(',')}`).join('\n'));
      }
      expect(findings).toEqual([]);
      expect(requests).toBeGreaterThan(500);
      // The generated values are real enough to get past validation: most reads answer 2xx.
      const succeeded = [...answered.values()].filter((s) => [...s].some((x) => x >= 200 && x < 300));
      expect(succeeded.length).toBeGreaterThanOrEqual(35);
    }, 300_000);
  });
}

/**
 * A refusal of a value as malformed (schema validation, or a domain format check: an invalid code, period,
 * cursor, NIK) — as opposed to a rule about valid values (e.g. a national user must choose a region).
 */
function malformed(res: {
  statusCode: number;
  json(): { code?: string; errors?: { code: string }[] };
}): boolean {
  if (res.statusCode !== 400) return false;
  const body = res.json();
  const codes = [body.code ?? '', ...(body.errors ?? []).map((e) => e.code)];
  return codes.some((c) =>
    /^request\.|invalid|malformed|not_digits|length|region_zero|serial_zero|unknown_category|unknown_kind/.test(
      c,
    ),
  );
}

/** Reads without path parameters, then other reads, then writes. */
function rank(o: Operation): number {
  if (o.method !== 'get') return 2;
  return o.path.includes('{') ? 1 : 0;
}

function buildUrl(
  path: string,
  params: NonNullable<Operation['op']['parameters']>,
  values: Record<string, unknown>,
): { url: string } {
  let url = path;
  const query = new URLSearchParams();
  for (const p of params) {
    const v = values[p.name];
    if (v === undefined) continue;
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(v)));
    else if (p.in === 'query') query.append(p.name, String(v));
  }
  const qs = query.toString();
  return { url: qs ? `${url}?${qs}` : url };
}
