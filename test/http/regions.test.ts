/**
 * Regions API: any accepted spelling of a code (with or without dots) answers the region with its parent
 * chain and children in dotted form; a malformed code is 400, an unknown one 404. Reference data, but like
 * every route not declared public it needs a session.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { createUsers, login, PASSWORD, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const DOTTED = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

for (const engine of ENGINES) {
  describe(`regions API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let session: Record<string, string>;
    const get = (code: string, headers: Record<string, string> = session) =>
      app.inject({ url: `/api/v1/regions/${encodeURIComponent(code)}`, headers });

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      session = await login(app, 'op-a');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('names regions for a partner too: PT Pos reads its batches and points by region name, not code', async () => {
      await t.container.users.create(systemActor('test'), {
        username: 'pos-a',
        role: 'pos',
        regionCode: '33.07',
        password: PASSWORD,
      });
      const pos = await login(app, 'pos-a');
      const res = await app.inject({ url: '/api/v1/regions?codes=33.07,33.07.01', headers: pos });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((r: { name: string }) => r.name)).toEqual([
        'Kabupaten Wonosobo',
        'Wadaslintang',
      ]);
      expect((await get('33.07', pos)).statusCode).toBe(200);
    });

    it('answers the regions named in codes, in the order asked, once each, unknown ones left out', async () => {
      const many = (codes: string) =>
        app.inject({ url: `/api/v1/regions?codes=${encodeURIComponent(codes)}`, headers: session });
      const res = await many('33.07.01, 3307,33.07.01,11,99.99');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((r: { code: string; level: number }) => [r.code, r.level])).toEqual([
        ['33.07.01', 3],
        ['33.07', 2],
        ['11', 1],
      ]);
      expect(res.json().items[1]).toMatchObject({ name: 'Kabupaten Wonosobo', parentCode: '33' });

      const malformed = await many('33.07,3x');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().errors[0].field).toBe('codes.1');

      const tooMany = await many(Array.from({ length: 501 }, () => '33').join(','));
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().code).toBe('regions.too_many');
      expect((await app.inject({ url: '/api/v1/regions?codes=33' })).statusCode).toBe(401);
    });

    it('lists the 38 provinces to a logged-in user; without a session 401', async () => {
      expect((await app.inject({ url: '/api/v1/regions' })).statusCode).toBe(401);
      expect((await get('3201', {})).statusCode).toBe(401);
      const res = await app.inject({ url: '/api/v1/regions', headers: session });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { code: string; level: number; parentCode: string | null }[];
      expect(items).toHaveLength(38);
      expect(items[0]).toEqual({ code: '11', name: 'Aceh', level: 1, parentCode: null });
      for (const p of items) expect(p).toMatchObject({ level: 1, parentCode: null });
    });

    it('a regency: 3201 and 32.01 give the same answer, dotted', async () => {
      const a = await get('3201');
      const b = await get('32.01');
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json()).toEqual(b.json());
      const r = a.json();
      expect(r).toMatchObject({ code: '32.01', name: 'Kabupaten Bogor', level: 2, parentCode: '32' });
      expect(r.ancestors).toEqual([{ code: '32', name: 'Jawa Barat', level: 1, parentCode: null }]);
      expect(r.children.length).toBe(40);
      expect(r.children[0]).toEqual({ code: '32.01.01', name: 'Cibinong', level: 3, parentCode: '32.01' });
      for (const c of r.children) {
        expect(c.code).toMatch(/^32\.01\.\d{2}$/);
        expect(c).toMatchObject({ level: 3, parentCode: '32.01' });
      }
    });

    it('a village: 32.01.02.2001 and 3201022001 give the parent chain and no children', async () => {
      const a = await get('32.01.02.2001');
      const b = await get('3201022001');
      expect(a.statusCode, a.body).toBe(200);
      expect(b.json()).toEqual(a.json());
      expect(a.json()).toEqual({
        code: '32.01.02.2001',
        name: 'Wanaherang',
        level: 4,
        parentCode: '32.01.02',
        ancestors: [
          { code: '32', name: 'Jawa Barat', level: 1, parentCode: null },
          { code: '32.01', name: 'Kabupaten Bogor', level: 2, parentCode: '32' },
          { code: '32.01.02', name: 'Gunung Putri', level: 3, parentCode: '32.01' },
        ],
        children: [],
      });
    });

    it('a district: 320101 and " 32.01.01 " (spaces trimmed) list villages in dotted form', async () => {
      const a = await get('320101');
      expect(a.statusCode).toBe(200);
      expect(a.json()).toEqual((await get(' 32.01.01 ')).json());
      const children = a.json().children as { code: string; level: number }[];
      expect(children.length).toBe(13);
      for (const c of children) {
        expect(c.code).toMatch(DOTTED);
        expect(c.code).toMatch(/^32\.01\.01\.1\d{3}$/);
        expect(c.level).toBe(4);
      }
    });

    it('32.01.01.2001 is well-formed but not a village of the dataset (Cibinong has only kelurahan): 404', async () => {
      for (const code of ['32.01.01.2001', '3201012001']) {
        const res = await get(code);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({
          code: 'record.not_found',
          detail: 'Wilayah 32.01.01.2001 tidak ditemukan',
        });
      }
    });

    it('malformed codes are 400 region.invalid_code on the field `code`', async () => {
      for (const code of [
        'abc',
        '3',
        '320',
        '32.1',
        '32..01',
        '32.01.',
        '3201.01',
        '32.01.01.0001',
        '32.01.01.2000',
        '00',
        '32.00',
        '32-01',
        '३२',
        "32' OR 1=1",
      ]) {
        const res = await get(code);
        expect(res.statusCode, code).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json(), code).toMatchObject({
          type: 'urn:dtks:problem:region.invalid_code',
          code: 'region.invalid_code',
          errors: [{ field: 'code', code: 'region.invalid_code' }],
        });
      }
      const en = await get('abc', { ...session, 'accept-language': 'en' });
      expect(en.json().detail).toMatch(/Region code "abc" is invalid/);
      const tooLong = await get('1'.repeat(21));
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().code).toBe('request.invalid');
    });

    it('unknown but well-formed codes are 404', async () => {
      for (const code of ['99', '32.99', '32.01.99', '32.01.01.2999', '3201019999']) {
        const res = await get(code);
        expect(res.statusCode, code).toBe(404);
        expect(res.json().code).toBe('record.not_found');
      }
    });
  });
}
