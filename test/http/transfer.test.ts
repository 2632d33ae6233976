/**
 * The CSV transfer API: streamed export within the caller's territory, import with per-line results in the
 * request's language, permissions, limits, and an uploaded file name that is never used as a path.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limited } from '../../src/modules/transfer/transfer.routes.ts';
import { makeHousehold } from '../factories/households.ts';
import { householdRows, householdsCsv, line, setCell } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { latestAudit } from '../support/db-state.ts';
import { importThroughJob } from '../support/jobs.ts';

const CSV = { 'content-type': 'text/csv; charset=utf-8' };

describe('the streamed upload limit', () => {
  it('passes a body up to the limit and cuts one past it with 413', async () => {
    const chunks = [Buffer.alloc(40), Buffer.alloc(40), Buffer.alloc(40)];
    const read = async (max: number) => {
      let n = 0;
      for await (const c of limited(chunks, max)) n += c.length;
      return n;
    };
    expect(await read(120)).toBe(120);
    await expect(read(100)).rejects.toMatchObject({ kind: 'too_large', code: 'request.too_large' });
  });
});

for (const engine of ENGINES) {
  describe(`CSV transfer API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let dinsos: Record<string, string>;
    let opA: Record<string, string>;
    let opB: Record<string, string>;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      [dinsos, opA, opB] = await Promise.all([login(app, 'dinsos'), login(app, 'op-a'), login(app, 'op-b')]);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('imports a CSV body: good households committed, every rejected line listed in the request language', async () => {
      const good = makeHousehold(PLACES.villageA, 1);
      const other = makeHousehold(PLACES.villageB, 2);
      const bad = householdRows(makeHousehold(PLACES.villageA, 3));
      bad[0] = setCell(bad[0]!, 'sex', 'X');
      const body = `${householdsCsv([good, other])}${bad.map(line).join('\n')}\n`;

      const { started, job } = await importThroughJob(app, t.container, {
        headers: { ...dinsos, ...CSV },
        payload: body,
      });
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json()).toEqual({ jobId: expect.any(String) });
      expect(job!.json()).toMatchObject({
        id: started.json().jobId,
        kind: 'household.import',
        state: 'done',
      });
      const res = { json: () => job!.json().result };
      expect(res.json()).toMatchObject({
        households: 3,
        created: 2,
        unchanged: 0,
        rejected: 1,
        rejectedLines: 3,
        lines: 9,
      });
      const rows = res.json().rows;
      expect(rows.map((r: { line: number }) => r.line)).toEqual([8, 9, 10]);
      expect(rows[0]).toMatchObject({
        kkNumber: makeHousehold(PLACES.villageA, 3).kkNumber,
        status: 'rejected',
      });
      expect(rows[0].issues[0]).toMatchObject({ field: 'sex', code: 'csv.invalid_sex', severity: 'error' });
      expect(rows[0].issues[0].message).toContain('laki-laki'); // Indonesian by default

      const rerun = await importThroughJob(app, t.container, {
        url: '/api/v1/imports/households?lang=en',
        headers: { ...dinsos, ...CSV },
        payload: body,
      });
      const again = { json: () => rerun.job!.json().result };
      expect(again.json()).toMatchObject({ created: 0, unchanged: 2, rejected: 1 });
      expect(again.json().rows[0].issues[0].message).toContain('use M (male) or F (female)');
      expect(again.json().rows[1].issues[0].code).toBe('import.household_rejected');
    });

    it('imports warnings only with acceptWarnings=true', async () => {
      const h = makeHousehold(PLACES.villageA, 4);
      h.members[1] = { ...h.members[1]!, birthDate: '1985-07-03' }; // NIK says 1985-07-02
      const send = async (q: string) => {
        const { job } = await importThroughJob(app, t.container, {
          url: `/api/v1/imports/households${q}`,
          headers: { ...dinsos, ...CSV, 'accept-language': 'en' },
          payload: householdsCsv([h]),
        });
        return { json: () => job!.json().result };
      };
      const refused = await send('');
      expect(refused.json()).toMatchObject({ created: 0, rejected: 1 });
      expect(refused.json().rows[1].issues[0]).toMatchObject({ field: 'nik', severity: 'warning' });
      expect((await send('?acceptWarnings=true')).json()).toMatchObject({ created: 1, rejected: 0 });
    });

    it('exports the caller territory only, as a CSV attachment named after the region', async () => {
      const res = await app.inject({ url: '/api/v1/exports/households.csv', headers: opA });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename=dtks-households-${PLACES.villageA}-active.csv`,
      );
      const lines = res.body.trim().split('\n');
      expect(lines[0]!.startsWith('kk_number,region_code,rw,rt,address,')).toBe(true);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(1).every((l) => l.split(',')[1] === PLACES.villageA)).toBe(true);
      const audit = (await latestAudit(t.container, 1))[0]!;
      expect(audit).toMatchObject({
        action: 'household.export',
        regionCode: PLACES.villageA,
        actorUsername: 'op-a',
      });

      // Village B's operator asking for village A: same answer as an empty village.
      const other = await app.inject({
        url: `/api/v1/exports/households.csv?region=${PLACES.villageA}`,
        headers: opB,
      });
      expect(other.statusCode).toBe(200);
      expect(other.body.trim().split('\n')).toHaveLength(1);
      const own = await app.inject({ url: '/api/v1/exports/households.csv', headers: opB });
      expect(own.body).not.toContain(PLACES.villageA);
      expect(own.body).toContain(PLACES.villageB);

      const regency = await app.inject({
        url: '/api/v1/exports/households.csv?region=3307&status=all',
        headers: dinsos,
      });
      expect(regency.headers['content-disposition']).toBe(
        'attachment; filename=dtks-households-33.07-all.csv',
      );
    });

    it('answers problems as problem+json: no session, no permission, malformed region, wrong body', async () => {
      const anonymous = await app.inject({ url: '/api/v1/exports/households.csv' });
      expect(anonymous.statusCode).toBe(401);
      const operator = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/households?lang=en',
        headers: { ...opA, ...CSV },
        payload: householdsCsv([makeHousehold(PLACES.villageA, 5)]),
      });
      expect(operator.statusCode).toBe(403);
      expect(operator.headers['content-type']).toContain('application/problem+json');
      expect(operator.json()).toMatchObject({ code: 'access.forbidden' });
      const badRegion = await app.inject({
        url: '/api/v1/exports/households.csv?region=../../etc/passwd',
        headers: opA,
      });
      expect(badRegion.statusCode).toBe(400);
      const json = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/households',
        headers: dinsos,
        payload: { rows: [] },
      });
      // The import declares text/csv: any other body type is refused before it is read.
      expect(json.statusCode).toBe(415);
      expect(json.json()).toMatchObject({ code: 'request.unsupported_media_type', accepted: ['text/csv'] });
      const header = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/households?lang=en',
        headers: { ...dinsos, ...CSV },
        payload: 'kk_number,nama\n1,2\n',
      });
      expect(header.statusCode).toBe(400);
      expect(header.json().errors.map((e: { field: string }) => e.field)).toContain('nama');
      const tooBig = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/households',
        headers: { ...dinsos, ...CSV, 'content-length': String(60 * 1024 * 1024) },
        payload: 'kk_number\n',
      });
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().code).toBe('request.too_large');
    });

    it('never uses an uploaded file name as a path: traversal names are reduced to a bare name, nothing is written', async () => {
      const root = mkdtempSync(join(tmpdir(), 'dtks-upload-'));
      const cwd = join(root, 'a', 'b');
      mkdirSync(cwd, { recursive: true });
      const passwd = statSync('/etc/passwd', { throwIfNoEntry: false });
      const previous = process.cwd();
      process.chdir(cwd);
      try {
        const names = [
          'attachment; filename="../../pwned.csv"',
          "attachment; filename*=UTF-8''..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
          'attachment; filename="..\\\\..\\\\pwned2.csv"',
        ];
        for (const [n, disposition] of names.entries()) {
          const { started, job } = await importThroughJob(app, t.container, {
            headers: { ...dinsos, ...CSV, 'content-disposition': disposition },
            payload: householdsCsv([makeHousehold(PLACES.villageA, 10 + n)]),
          });
          expect(started.statusCode, started.body).toBe(202);
          expect(job!.json().result.created).toBe(1);
        }
        const imports = await t.container.database.db
          .selectFrom('auditLog')
          .select('details')
          .where('action', '=', 'household.import')
          .orderBy('seq', 'desc')
          .limit(3)
          .execute();
        expect(imports.map((r) => JSON.parse(r.details).source).reverse()).toEqual([
          'pwned.csv',
          'passwd',
          'pwned2.csv',
        ]);
        // Nothing appeared anywhere under the working directory's ancestors we control.
        expect(readdirSync(root, { recursive: true }).sort()).toEqual(['a', join('a', 'b')]);
        expect(statSync('/etc/passwd', { throwIfNoEntry: false })?.mtimeMs).toBe(passwd?.mtimeMs);
      } finally {
        process.chdir(previous);
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
}
