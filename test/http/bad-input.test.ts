/**
 * Bad input: every malformed, hostile or unauthorised request gets a 4xx problem+json with a stable code
 * (and the fields at fault), and changes nothing in the database.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/domain/calendar.ts';
import { newId } from '../../src/lib/ids.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { type RowCounts, rowCounts } from '../support/db-state.ts';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: { field: string; code: string; message: string; severity: string }[];
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string): ProblemBody {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as ProblemBody;
  expect(body).toMatchObject({ type: `urn:dtks:problem:${code}`, status, code });
  expect(typeof body.title).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

const fields = (p: ProblemBody) => (p.errors ?? []).map((e) => e.field);
const issueCodes = (p: ProblemBody) => (p.errors ?? []).map((e) => `${e.field}:${e.code}`);

const SQL = "' OR 1=1 --";
const SQL2 = "'); DROP TABLE households; --";
const HTML = '<script>alert("x")</script><img src=x onerror=alert(1)>';

for (const engine of ENGINES) {
  describe(`bad input (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Record<string, string>;
    let existing: { id: string; version: number; members: { id: string; relationship: number }[] };
    let before: RowCounts;
    let n = 100;

    const post = (payload: unknown, headers: Record<string, string> = op) =>
      app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: payload as object });
    const valid = (overrides: Partial<HouseholdCreate> = {}) =>
      makeHousehold(PLACES.villageA, n++, overrides);
    /** The request is rejected with `code` and nothing in the database changed. */
    async function rejected(
      req: InjectOptions | (() => Promise<LightMyRequestResponse>),
      status: number,
      code: string,
    ) {
      const before = await rowCounts(t.container);
      const res = typeof req === 'function' ? await req() : await app.inject(req);
      const p = expectProblem(res, status, code);
      expect(await rowCounts(t.container)).toEqual(before);
      return p;
    }

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      const res = await post(makeHousehold(PLACES.villageA, 1));
      expect(res.statusCode, res.body).toBe(201);
      existing = res.json();
    });
    beforeEach(async () => {
      before = await rowCounts(t.container);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    describe('request bodies', () => {
      it('malformed JSON', async () => {
        for (const body of ['{"kkNumber": ', '{kkNumber: 1}', "{'a':1}", '[1,2', 'null x']) {
          await rejected(
            () => post(body, { ...op, 'content-type': 'application/json' }),
            400,
            'request.malformed_json',
          );
        }
        await rejected(
          () => post('', { ...op, 'content-type': 'application/json' }),
          400,
          'request.empty_body',
        );
        await rejected(
          () => post('kkNumber=1', { ...op, 'content-type': 'application/x-www-form-urlencoded' }),
          415,
          'request.unsupported_media_type',
        );
      });

      it('wrong types name each field', async () => {
        const p = await rejected(
          () =>
            post({
              ...valid(),
              kkNumber: 3307011003150001,
              rt: 5,
              floorAreaM2: 'besar',
              hasMotorcycle: 'ya',
            }),
          400,
          'request.invalid',
        );
        expect(fields(p).sort()).toEqual(['floorAreaM2', 'hasMotorcycle', 'kkNumber', 'rt']);
        for (const e of p.errors!)
          expect(e).toMatchObject({ code: 'request.invalid_type', severity: 'error' });
        const m = await rejected(
          () => post({ ...valid(), members: [{ ...valid().members[0], relationship: '1', sex: 1 }] }),
          400,
          'request.invalid',
        );
        expect(fields(m).sort()).toEqual(['members.0.relationship', 'members.0.sex']);
        await rejected(() => post([valid()]), 400, 'request.invalid');
        await rejected(() => post({ ...valid(), members: 'all of them' }), 400, 'request.invalid');
        await rejected(
          {
            method: 'PATCH',
            url: `/api/v1/households/${existing.id}`,
            headers: op,
            payload: { version: '1', reason: 'ganti RT', rt: '7' },
          },
          400,
          'request.invalid',
        );
      });

      it('unknown fields, at the top level and inside members', async () => {
        const top = await rejected(
          () => post({ ...valid(), isAdmin: true, status: 'removed' }),
          400,
          'request.invalid',
        );
        expect(issueCodes(top).sort()).toEqual([
          'isAdmin:request.unrecognized_keys',
          'status:request.unrecognized_keys',
        ]);
        const input = valid();
        const inMember = await rejected(
          () => post({ ...input, members: [input.members[0], { ...input.members[1], householdId: 'x' }] }),
          400,
          'request.invalid',
        );
        expect(issueCodes(inMember)).toEqual(['members.1.householdId:request.unrecognized_keys']);
        const patch = await rejected(
          {
            method: 'PATCH',
            url: `/api/v1/households/${existing.id}`,
            headers: op,
            payload: { version: 1, reason: 'pindah', regionCode: PLACES.villageB },
          },
          400,
          'request.invalid',
        );
        expect(fields(patch)).toEqual(['regionCode']);
      });

      it('over-long strings and too many members', async () => {
        const input = valid();
        input.members[0]!.name = 'A'.repeat(121);
        const p = await rejected(() => post({ ...input, address: 'x'.repeat(301) }), 400, 'request.invalid');
        expect(issueCodes(p).sort()).toEqual(['address:request.too_big', 'members.0.name:request.too_big']);
        const many = valid();
        many.members = Array.from({ length: 41 }, () => ({ ...many.members[2]! }));
        expect(fields(await rejected(() => post(many), 400, 'request.invalid'))).toEqual(['members']);
        await rejected(() => post({ ...valid(), reason: 'r'.repeat(501) }), 400, 'request.invalid');
        await rejected(() => post({ ...valid(), kkNumber: '1'.repeat(33) }), 400, 'request.invalid');
      });

      it('a body over 1 MiB', async () => {
        const huge = { ...valid(), address: 'x'.repeat(1024 * 1024 + 10) };
        await rejected(
          () => post(JSON.stringify(huge), { ...op, 'content-type': 'application/json' }),
          413,
          'request.too_large',
        );
      });

      it('control characters in free text', async () => {
        const p = await rejected(
          () => post({ ...valid(), address: 'Jalan\u0000Mawar' }),
          400,
          'request.invalid',
        );
        expect(fields(p)).toEqual(['address']);
      });
    });

    describe('identifiers', () => {
      const district = '33.07.01';
      const cases: [string, string, string][] = [
        ['letters', '33070115018OABCD', 'nik.not_digits'],
        ['15 digits', makeNik(district, '1980-01-15', 'M', 1).slice(0, 15), 'nik.length'],
        ['17 digits', `${makeNik(district, '1980-01-15', 'M', 1)}1`, 'nik.length'],
        ['impossible date (31 February)', '330701310280' + '0001', 'nik.invalid_date'],
        ['impossible female day 72', '330701720180' + '0001', 'nik.invalid_date'],
        ['serial 0000', makeNik(district, '1980-01-15', 'M', 0), 'nik.serial_zero'],
        ['district part 00', makeNik('33.07.00', '1980-01-15', 'M', 1), 'nik.region_zero'],
        ['province part 00', makeNik('00.07.01', '1980-01-15', 'M', 1), 'nik.region_zero'],
      ];
      for (const [label, nik, code] of cases) {
        it(`member NIK: ${label}`, async () => {
          const input = valid();
          input.members[1] = { ...input.members[1]!, nik };
          const p = await rejected(() => post(input), 400, code);
          expect(p.errors).toContainEqual(expect.objectContaining({ field: 'members.1.nik', code }));
        });
        it(`KK number: ${label}`, async () => {
          const kkCode = code.replace('nik.', 'kk.');
          const kk = code === 'nik.invalid_date' && label.includes('female') ? '330701450180' + '0001' : nik;
          const p = await rejected(() => post(valid({ kkNumber: kk })), 400, kkCode);
          expect(p.errors).toContainEqual(expect.objectContaining({ field: 'kkNumber', code: kkCode }));
        });
      }

      it('a KK date and a birth date later than today in the two-digit year are a century ago: accepted', async () => {
        // Tomorrow's day and month with tomorrow's two-digit year: never after today once a century earlier.
        const next = new Date();
        next.setDate(next.getDate() + 1);
        const tomorrow = localIsoDate(next);
        const centuryAgo = `${Number(tomorrow.slice(0, 4)) - 100}${tomorrow.slice(4)}`;
        const input = valid({ kkNumber: makeKk(district, tomorrow, 1) });
        input.members[0] = {
          ...input.members[0]!,
          birthDate: centuryAgo,
          nik: makeNik(district, tomorrow, 'M', 9001),
        };
        const res = await post(input);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().kkNumber).toBe(input.kkNumber);
        expect(res.json().members[0]).toMatchObject({ nik: input.members[0].nik, birthDate: centuryAgo });
      });

      it('unknown, non-village and malformed regions', async () => {
        for (const [regionCode, code] of [
          ['33.07.01.2999', 'region.not_a_village'],
          ['33.07.01', 'region.not_a_village'],
          ['33', 'region.not_a_village'],
          ['99.99.99.2999', 'region.not_a_village'],
          ['abc', 'region.invalid_code'],
          ['33.07.01.0001', 'region.invalid_code'],
          [SQL, 'region.invalid_code'],
        ] as const) {
          const p = await rejected(() => post(valid({ regionCode })), 400, code);
          expect(issueCodes(p)).toEqual([`regionCode:${code}`]);
        }
      });

      it('whitespace around a NIK or KK number does not make a second registration', async () => {
        const input = valid();
        const spaced = {
          ...input,
          kkNumber: ` ${input.kkNumber} `,
          members: input.members.map((m) => ({ ...m, nik: ` ${m.nik} ` })),
        };
        const res = await post(spaced);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().kkNumber).toBe(input.kkNumber);
        expect(
          res
            .json()
            .members.map((m: { nik: string }) => m.nik)
            .sort(),
        ).toEqual(input.members.map((m) => m.nik).sort());
        const again = await rejected(
          () => post(valid({ kkNumber: input.kkNumber })),
          409,
          'kk.already_registered',
        );
        expect(fields(again)).toEqual(['kkNumber']);
        const twin = valid();
        twin.members[0] = { ...input.members[0]! };
        await rejected(() => post(twin), 409, 'nik.already_registered');
        const found = await app.inject({
          url: `/api/v1/persons/%20${input.members[0]!.nik}%20`,
          headers: op,
        });
        expect(found.statusCode, found.body).toBe(200);
        expect(found.json().household.id).toBe(res.json().id);
      });

      it('a village outside the operator territory', async () => {
        const p = await rejected(
          () => post(valid({ regionCode: PLACES.villageB })),
          400,
          'territory.outside',
        );
        expect(fields(p)).toEqual(['regionCode']);
      });

      it('RT and RW must be 1–3 digits', async () => {
        for (const v of ['abc', '1a', '-1', '1000', '', ' ', '١٢']) {
          const p = await rejected(() => post(valid({ rt: v, rw: v })), 400, 'request.invalid');
          expect(fields(p).sort(), v).toEqual(['rt', 'rw']);
        }
      });

      it('an empty text that must be given is "required", a short one "too short"', async () => {
        const empty = await rejected(() => post(valid({ address: '' })), 400, 'request.invalid');
        expect(empty.errors).toEqual([
          { field: 'address', code: 'request.required', message: 'wajib diisi', severity: 'error' },
        ]);
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: { ...op, 'accept-language': 'en' },
          payload: valid({ address: '' }) as object,
        });
        expect(res.json().errors).toEqual([
          { field: 'address', code: 'request.required', message: 'required', severity: 'error' },
        ]);
        const members = await rejected(() => post(valid({ members: [] })), 400, 'request.invalid');
        expect(issueCodes(members)).toEqual(['members:request.too_small']);
      });

      it('an unknown removal reason', async () => {
        const p = await rejected(
          {
            method: 'POST',
            url: `/api/v1/households/${existing.id}/removal`,
            headers: op,
            payload: { version: existing.version, reasonCode: SQL },
          },
          400,
          'removal.invalid_reason',
        );
        expect(fields(p)).toEqual(['reasonCode']);
      });
    });

    describe('injection', () => {
      it('SQL and HTML in every text field are stored verbatim and returned as JSON strings', async () => {
        const input = valid({ address: `${SQL} ${HTML}`, reason: SQL2 });
        input.members[0] = { ...input.members[0]!, name: HTML, birthPlace: SQL2 };
        input.members[1] = { ...input.members[1]!, name: SQL, birthPlace: '%_\\' };
        const res = await post(input);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const after = await rowCounts(t.container);
        expect(after.households).toBe(before.households + 1);
        expect(after.persons).toBe(before.persons + 3);
        const got = await app.inject({ url: `/api/v1/households/${res.json().id}`, headers: op });
        expect(got.headers['content-type']).toMatch(/^application\/json/);
        const h = got.json();
        expect(h.address).toBe(`${SQL} ${HTML}`);
        expect(h.headName).toBe(HTML);
        expect(h.members.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining([HTML, SQL]));
        expect(h.members.map((m: { birthPlace: string }) => m.birthPlace)).toEqual(
          expect.arrayContaining([SQL2, '%_\\']),
        );
        // The raw body is JSON text: the tag is inside a JSON string, never markup on its own.
        expect(got.body).toContain(JSON.stringify(HTML).slice(1, -1));
        const hist = await app.inject({ url: `/api/v1/households/${h.id}/history`, headers: op });
        expect(hist.json().items[0].reason).toBe(SQL2);
        // Every table is still there and still answers.
        expect((await rowCounts(t.container)).households).toBe(after.households);
      });

      it('SQL in query parameters is data, never SQL', async () => {
        const all = await app.inject({ url: '/api/v1/households?status=all', headers: op });
        expect(all.json().items.length).toBeGreaterThan(0);
        for (const q of [SQL, SQL2, "x' UNION SELECT * FROM users --", '1; SELECT 1', "1' OR '1'='1"]) {
          const res = await app.inject({
            url: `/api/v1/households?q=${encodeURIComponent(q)}`,
            headers: op,
          });
          expect(res.statusCode, q).toBe(200);
          expect(res.json().items, q).toEqual([]);
        }
        for (const param of ['region', 'rw', 'rt', 'status', 'cursor', 'limit']) {
          await rejected(
            { url: `/api/v1/households?${param}=${encodeURIComponent(SQL)}`, headers: op },
            400,
            param === 'region'
              ? 'region.invalid_code'
              : param === 'cursor'
                ? 'list.invalid_cursor'
                : 'request.invalid',
          );
        }
        await rejected(
          { url: `/api/v1/stats/regions?region=${encodeURIComponent(SQL)}`, headers: op },
          400,
          'region.invalid_code',
        );
        const auditor = await login(app, 'auditor');
        const audit = await app.inject({
          url: `/api/v1/audit?username=${encodeURIComponent(SQL)}&action=${encodeURIComponent(SQL)}`,
          headers: auditor,
        });
        expect(audit.statusCode, audit.body).toBe(200);
        expect(audit.json().items).toEqual([]);
      });

      it('% and _ in a name search are literal characters, not wildcards', async () => {
        const names = ['Wati 100', 'Wxti Lestari'];
        for (const name of names) {
          const input = valid();
          input.members[0] = { ...input.members[0]!, name };
          expect((await post(input)).statusCode).toBe(201);
        }
        const search = async (q: string) =>
          (await app.inject({ url: `/api/v1/households?q=${encodeURIComponent(q)}`, headers: op }))
            .json()
            .items.map((i: { headName: string }) => i.headName);
        expect(await search('wati 100')).toEqual(['Wati 100']);
        for (const q of ['%', '_', '%%', '%_%', '\\', '1%0', 'w_ti', 'W%i', 'Wa_i', '1_0']) {
          expect(await search(q), q).toEqual([]);
        }
      });
    });

    describe('ids and paths', () => {
      it('path traversal and injection in ids are just unknown ids', async () => {
        for (const id of [
          '..%2F..%2Fetc%2Fpasswd',
          '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
          '..%252F..%252Fetc%252Fpasswd',
          encodeURIComponent(SQL),
        ]) {
          for (const suffix of ['', '/history']) {
            const res = await app.inject({ url: `/api/v1/households/${id}${suffix}`, headers: op });
            expectProblem(res, 404, 'record.not_found');
          }
          const m = await app.inject({
            method: 'PATCH',
            url: `/api/v1/households/${existing.id}/members/${id}`,
            headers: op,
            payload: { version: existing.version, reason: 'ganti nama', name: 'X' },
          });
          expectProblem(m, 404, 'record.not_found');
        }
        const raw = await app.inject({ url: '/api/v1/households/../../etc/passwd', headers: op });
        expect(raw.statusCode).toBe(404);
        expect(raw.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(raw.body).not.toContain('root:');
        const person = await app.inject({ url: '/api/v1/persons/..%2F..%2Fetc%2Fpasswd', headers: op });
        expectProblem(person, 400, 'nik.not_digits');
        const region = await app.inject({ url: '/api/v1/regions/..%2F..%2Fetc%2Fpasswd', headers: op });
        expectProblem(region, 400, 'region.invalid_code');
        const long = await app.inject({ url: `/api/v1/households/${'a'.repeat(65)}`, headers: op });
        expectProblem(long, 400, 'request.invalid');
        expect(await rowCounts(t.container)).toEqual(before);
      });

      it('a garbage cursor, a limit out of range, a garbage lang', async () => {
        for (const cursor of [
          'garbage',
          '!!!',
          Buffer.from('not-a-uuid').toString('base64url'),
          'x'.repeat(801),
        ]) {
          const res = await app.inject({
            url: `/api/v1/households?cursor=${encodeURIComponent(cursor)}`,
            headers: op,
          });
          expect(res.statusCode, cursor).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          // The household list's cursor may carry a name (sort=name): longer than 800 characters is the schema's.
          expect(fields(res.json())).toEqual([cursor.length > 800 ? 'querystring.cursor' : 'cursor']);
        }
        for (const limit of ['0', '201', '-1', 'abc', '1.5', '1e9']) {
          const p = await rejected(
            { url: `/api/v1/households?limit=${limit}`, headers: op },
            400,
            'request.invalid',
          );
          expect(fields(p), limit).toEqual(['querystring.limit']);
        }
        for (const lang of ['xx', 'EN', '<script>']) {
          const p = await rejected(
            { url: `/api/v1/households?lang=${encodeURIComponent(lang)}`, headers: op },
            400,
            'request.invalid',
          );
          expect(fields(p)).toEqual(['querystring.lang']);
        }
        const unknownParam = await rejected(
          { url: '/api/v1/households?orderBy=name', headers: op },
          400,
          'request.invalid',
        );
        expect(fields(unknownParam)).toEqual(['querystring.orderBy']);
      });
    });

    describe('authentication and roles', () => {
      it('401 without a token, with a bad token, with a bad cookie', async () => {
        for (const headers of [
          {},
          { authorization: 'Bearer nonsense' },
          { authorization: `Bearer ${'a'.repeat(43)}` },
          { authorization: 'Basic b3AtYTp0ZXN0' },
          { cookie: 'dtks_session=forged' },
        ]) {
          await rejected({ url: '/api/v1/households', headers }, 401, 'auth.required');
          await rejected(
            { method: 'POST', url: '/api/v1/households', headers, payload: valid() },
            401,
            'auth.required',
          );
        }
      });

      it('403 for an auditor writing', async () => {
        const auditor = await login(app, 'auditor');
        await rejected(() => post(valid(), auditor), 403, 'access.forbidden');
        await rejected(
          {
            method: 'PATCH',
            url: `/api/v1/households/${existing.id}`,
            headers: auditor,
            payload: { version: existing.version, reason: 'coba ubah', rt: '9' },
          },
          403,
          'access.forbidden',
        );
        await rejected(
          {
            method: 'POST',
            url: `/api/v1/households/${existing.id}/removal`,
            headers: auditor,
            payload: { version: existing.version, reasonCode: 'moved_out' },
          },
          403,
          'access.forbidden',
        );
      });
    });

    describe('language of the problem detail', () => {
      it('Indonesian by default, English with Accept-Language: en or ?lang=en', async () => {
        const url = `/api/v1/households/${newId()}`;
        const id = expectProblem(await app.inject({ url, headers: op }), 404, 'record.not_found');
        expect(id.detail).toBe('Rumah tangga tidak ditemukan');
        expect(id.title).toBe('Tidak ditemukan');
        const en = expectProblem(
          await app.inject({ url, headers: { ...op, 'accept-language': 'en-US,en;q=0.9' } }),
          404,
          'record.not_found',
        );
        expect(en.detail).toBe('Household not found');
        expect(en.title).toBe('Not found');

        const input = valid();
        input.members[0] = { ...input.members[0]!, nik: '3307011501800000' };
        const vId = expectProblem(await post(input), 400, 'nik.serial_zero');
        expect(vId.detail).toMatch(/^Data tidak valid: members\.0\.nik: 4 digit terakhir NIK/);
        expect(vId.errors![0]!.message).toMatch(/tidak boleh 0000/);
        const vEn = expectProblem(
          await post(input, { ...op, 'accept-language': 'en' }),
          400,
          'nik.serial_zero',
        );
        expect(vEn.detail).toMatch(/^Invalid data: members\.0\.nik: The last 4 digits/);

        const unauth = expectProblem(await app.inject({ url: '/api/v1/households' }), 401, 'auth.required');
        expect(unauth.detail).toMatch(/^Silakan masuk/);
        const unauthEn = expectProblem(
          await app.inject({ url: '/api/v1/households?lang=en' }),
          401,
          'auth.required',
        );
        expect(unauthEn.detail).toMatch(/^Please log in/);

        const typeId = expectProblem(await post({ ...valid(), rt: 5 }), 400, 'request.invalid');
        expect(typeId.title).toBe('Permintaan tidak valid');
        expect(typeId.detail).toMatch(/^Data tidak valid: rt: jenis data salah/);
        expect(typeId.detail).not.toMatch(/Invalid input|expected|received/);
        const typeEn = expectProblem(
          await post({ ...valid(), rt: 5 }, { ...op, 'accept-language': 'en' }),
          400,
          'request.invalid',
        );
        expect(typeEn.detail).toMatch(/^Invalid data: rt: wrong type/);

        const malformed = expectProblem(
          await post('{', { ...op, 'content-type': 'application/json' }),
          400,
          'request.malformed_json',
        );
        expect(malformed.detail).toBe('JSON tidak valid');
      });
    });
  });
}
