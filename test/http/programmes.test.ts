import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BPNT,
  DEFAULT_PKH,
  provincialElderlyAllowance,
} from '../../src/domain/programmes/defaults.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { createUsers, login, PASSWORD, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

type Issue = { field: string; code: string };

for (const engine of ENGINES) {
  describe(`programmes API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      for (const [username, regionCode] of [
        ['prov', '33'],
        ['prov-other', '34'],
      ] as const) {
        await t.container.users.create(systemActor('test'), {
          username,
          role: 'dinsos_prov',
          regionCode,
          password: PASSWORD,
        });
      }
      app = await testApp(t.container);
      for (const u of ['dinsos', 'pusdatin', 'admin', 'prov', 'prov-other', 'auditor'])
        as[u] = await login(app, u);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const upload = (doc: unknown, user = 'pusdatin') =>
      app.inject({ method: 'POST', url: '/api/v1/programmes', headers: as[user], payload: doc as object });
    const publish = (code: string, version: string, user = 'pusdatin') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/programmes/${code}/versions/${version}/publish`,
        headers: as[user],
      });
    const list = async (user = 'dinsos') => {
      const res = await app.inject({ url: '/api/v1/programmes', headers: as[user] });
      expect(res.statusCode).toBe(200);
      return res.json().items as { code: string; current: { version: string } | null; manageable: boolean }[];
    };

    it('refuses a bad document with the JSON pointer of each problem, storing nothing', async () => {
      const res = await upload({
        ...DEFAULT_BPNT,
        version: 'BPNT-bad-1',
        targetDeciles: { scope: 'national', max: 0 },
        eligibility: {
          all: [
            { var: 'memberCount', op: '>=', value: 5 },
            { var: 'hasPool', op: '=', value: true },
            { var: 'memberCount', op: '<', value: 2 },
          ],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: Issue) => [e.field, e.code])).toEqual([
        ['/eligibility/all/1/var', 'programme.unknown_variable'],
        ['/eligibility/all/2', 'programme.contradictory'],
        ['/targetDeciles/max', 'programme.no_deciles'],
      ]);
      const noAmount = structuredClone(DEFAULT_BPNT) as unknown as { benefit: Record<string, unknown> };
      delete noAmount.benefit.amount;
      const missing = await upload(noAmount);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors.map((e: Issue) => e.field)).toEqual(['/benefit/amount']);
      const circular = await upload({
        ...DEFAULT_BPNT,
        rules: { a: { not: { rule: 'b' } }, b: { any: [{ rule: 'a' }] } },
        eligibility: { rule: 'a' },
      });
      expect(circular.json().errors).toMatchObject([
        { field: '/rules/b/any/0/rule', code: 'programme.circular' },
      ]);
      expect(await list()).toEqual([]);
    });

    it('stores an upload as a draft, publishes it, and refuses the same version again (409)', async () => {
      const up = await upload(DEFAULT_PKH);
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toMatchObject({ code: 'PKH', version: 'PKH-2026-1', state: 'draft', used: false });
      expect((await list())[0]).toMatchObject({ code: 'PKH', current: null, manageable: false });
      const pub = await publish('PKH', 'PKH-2026-1');
      expect(pub.statusCode, pub.body).toBe(200);
      expect(pub.json()).toMatchObject({ state: 'published' });
      expect(pub.json().publishedAt).toEqual(expect.any(String));
      const again = await upload({ ...DEFAULT_PKH, name: { id: 'Lain', en: 'Other' } });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'programme.exists', currentState: 'published' });
      const twice = await publish('PKH', 'PKH-2026-1');
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ code: 'programme.not_draft', currentState: 'published' });
      const detail = await app.inject({ url: '/api/v1/programmes/PKH', headers: as.dinsos });
      expect(detail.json()).toMatchObject({
        code: 'PKH',
        door: 'pusdatin',
        provinceCode: null,
        name: DEFAULT_PKH.name,
        current: { version: 'PKH-2026-1', document: { benefit: { maxComponents: 4 } } },
      });
    });

    it('publishing a new version retires the previous one; the stored document never changes', async () => {
      const v2 = {
        ...DEFAULT_BPNT,
        version: 'BPNT-2026-2',
        benefit: { ...DEFAULT_BPNT.benefit, amount: 250_000 },
      };
      expect((await upload(DEFAULT_BPNT)).statusCode).toBe(201);
      expect((await publish('BPNT', 'BPNT-2026-1')).statusCode).toBe(200);
      const before = await t.container.programmes.current('BPNT');
      expect((await upload(v2)).statusCode).toBe(201);
      expect((await t.container.programmes.current('BPNT'))!.version).toBe('BPNT-2026-1');
      expect((await publish('BPNT', 'BPNT-2026-2')).statusCode).toBe(200);
      const versions = await app.inject({ url: '/api/v1/programmes/BPNT/versions', headers: as.dinsos });
      expect(
        versions.json().items.map((v: { version: string; state: string }) => [v.version, v.state]),
      ).toEqual([
        ['BPNT-2026-2', 'published'],
        ['BPNT-2026-1', 'retired'],
      ]);
      const now = await t.container.programmes.current('BPNT');
      expect(now!.doc.benefit).toMatchObject({ amount: 250_000 });
      // As of the first publication, the first version was in force.
      expect((await t.container.programmes.current('BPNT', before!.publishedAt))!.version).toBe(
        'BPNT-2026-1',
      );
      expect(await t.container.programmes.current('BPNT', '2000-01-01T00:00:00.000Z')).toBeNull();
      const old = await app.inject({
        url: '/api/v1/programmes/BPNT/versions/BPNT-2026-1',
        headers: as.auditor,
      });
      expect(old.json()).toMatchObject({ state: 'retired', document: { benefit: { amount: 200_000 } } });
      // A retired version cannot come back.
      expect((await publish('BPNT', 'BPNT-2026-1')).statusCode).toBe(409);
    });

    it('a used version is immutable: uploading it again says so', async () => {
      await t.container.programmes.markUsed('BPNT', 'BPNT-2026-2');
      const res = await upload({ ...DEFAULT_BPNT, version: 'BPNT-2026-2' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'programme.used', used: true });
      const v = await app.inject({ url: '/api/v1/programmes/BPNT/versions/BPNT-2026-2', headers: as.dinsos });
      expect(v.json()).toMatchObject({ used: true, document: { benefit: { amount: 250_000 } } });
      await expect(t.container.programmes.markUsed('BPNT', 'BPNT-2099-1')).rejects.toMatchObject({
        status: 404,
      });
    });

    it('a province manages its own programmes only; Pusdatin the national ones', async () => {
      const own = provincialElderlyAllowance('33');
      expect((await upload(own, 'pusdatin')).statusCode).toBe(403);
      expect((await upload(own, 'prov-other')).statusCode).toBe(403);
      const denied = await upload({ ...DEFAULT_PKH, version: 'PKH-2026-9' }, 'prov');
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('programme.outside_territory');
      expect((await upload(own, 'dinsos')).statusCode).toBe(403);
      const up = await upload(own, 'prov');
      expect(up.statusCode, up.body).toBe(201);
      expect((await publish(own.code, own.version, 'prov-other')).statusCode).toBe(403);
      expect((await publish(own.code, own.version, 'admin')).statusCode).toBe(403);
      expect((await publish(own.code, own.version, 'prov')).statusCode).toBe(200);
      const items = await list('prov');
      expect(items.map((i) => [i.code, i.manageable])).toEqual([
        ['BPNT', false],
        ['PKH', false],
        ['PROV_33_SANTUNAN_LANSIA', true],
      ]);
      // Everyone reads every programme, the other province's Dinas Sosial included.
      expect((await list('prov-other')).map((i) => i.code)).toContain('PROV_33_SANTUNAN_LANSIA');
      expect((await list('pusdatin')).find((i) => i.code === 'PKH')!.manageable).toBe(true);
      const all = await t.container.programmes.currentAll();
      expect(all.map((c) => [c.code, c.version])).toEqual([
        ['BPNT', 'BPNT-2026-2'],
        ['PKH', 'PKH-2026-1'],
        ['PROV_33_SANTUNAN_LANSIA', 'PROV_33_SANTUNAN_LANSIA-2026-1'],
      ]);
    });

    it('answers 404 for an unknown programme or version, 401 without a session', async () => {
      expect((await app.inject({ url: '/api/v1/programmes/PBI_JK', headers: as.dinsos })).statusCode).toBe(
        404,
      );
      expect(
        (await app.inject({ url: '/api/v1/programmes/PKH/versions/PKH-1999-1', headers: as.dinsos }))
          .statusCode,
      ).toBe(404);
      expect((await publish('PKH', 'PKH-1999-1')).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/v1/programmes' })).statusCode).toBe(401);
    });

    it('records uploads and publications in the audit log', async () => {
      const rows = await t.container.database.db
        .selectFrom('auditLog')
        .select(['action', 'entityId'])
        .where('entityType', '=', 'programme')
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => `${r.action} ${r.entityId}`)).toEqual([
        'programme.upload PKH',
        'programme.publish PKH',
        'programme.upload BPNT',
        'programme.publish BPNT',
        'programme.upload BPNT',
        'programme.publish BPNT',
        'programme.upload PROV_33_SANTUNAN_LANSIA',
        'programme.publish PROV_33_SANTUNAN_LANSIA',
      ]);
    });
  });
}
