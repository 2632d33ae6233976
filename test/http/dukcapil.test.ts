import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { actorFor } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const clock = new Date('2026-03-16T09:00:00+07:00');
type Headers = Record<string, string>;
const HEADER = 'nik,kk_number,name,birth_date,sex,region_code,status';

interface Match {
  id: string;
  line: number;
  result: string;
  nik: string;
  householdId: string | null;
  personId: string | null;
  differences: {
    field: string;
    dukcapil: string;
    dtks: string;
    onlyInDukcapil?: string[];
    onlyInDtks?: string[];
  }[];
  summary: string;
  resolution: string | null;
  allowedActions: string[];
}

/**
 * Households 1 (village A), 2 (village A2), 3 (village B) in the regency, 4 in another regency; each has a
 * head (…1980-01-15, M), a spouse (…1985-07-02, F) and a child (…2010-11-20, M). The file covers every
 * finding and every kind of bad line; `line` comments are the file's line numbers.
 */
function craftedFile(): { csv: string; niks: Record<string, string> } {
  const h = (village: string, n: number) => makeHousehold(village, n);
  const [h1, h2, , h4] = [
    h(PLACES.villageA, 1),
    h(PLACES.villageA2, 2),
    h(PLACES.villageB, 3),
    h(PLACES.otherVillage, 4),
  ];
  const row = (
    m: { nik: string; name: string; birthDate: string; sex: string },
    kk: string,
    village: string,
    status = 'alive',
  ) => [m.nik, kk, m.name, m.birthDate, m.sex, village.replaceAll('.', ''), status].join(',');
  const [a1, a2, a3] = h1.members as [(typeof h1.members)[0], (typeof h1.members)[0], (typeof h1.members)[0]];
  const [b1, b2, b3] = h2.members as [(typeof h1.members)[0], (typeof h1.members)[0], (typeof h1.members)[0]];
  const unknown = makeNik(PLACES.districtA, '1990-04-04', 'M', 7777);
  const lines = [
    HEADER, // 1
    row(a1, h1.kkNumber, PLACES.villageA), // 2 matched
    row({ ...a2, name: `  SITI  AMINAH-${1}. ` }, h1.kkNumber, PLACES.villageA), // 3 matched (normalised name)
    row({ ...a3, name: 'Adi Nugraha 1' }, h1.kkNumber, PLACES.villageA), // 4 name_mismatch
    row({ ...b1, birthDate: '1980-01-16' }, h2.kkNumber, PLACES.villageA2), // 5 birth_date_mismatch
    row(b2, h2.kkNumber, PLACES.villageA2, 'deceased'), // 6 deceased
    row(b3, makeKk(PLACES.districtB, '2024-01-02', 55), PLACES.villageB), // 7 moved_region
    row(
      { nik: unknown, name: 'Orang Baru', birthDate: '1990-04-04', sex: 'M' },
      h1.kkNumber,
      PLACES.villageA,
    ), // 8 nik_not_found
    row(h4.members[0]!, h4.kkNumber, PLACES.villageA), // 9 nik_not_found (DTKS has it in another regency)
    row({ ...a1, nik: a1.nik.slice(0, 15) }, h1.kkNumber, PLACES.villageA), // 10 bad NIK (15 digits)
    [b1.nik, h2.kkNumber, 'Kurang Kolom', '1980-01-15'].join(','), // 11 missing columns
    row(
      {
        nik: makeNik(PLACES.districtA, '2001-02-03', 'F', 12),
        name: 'Tanggal Salah',
        birthDate: '2001-02-30',
        sex: 'F',
      },
      h1.kkNumber,
      PLACES.villageA,
    ), // 12 bad date
    row(
      { ...a1, nik: makeNik(PLACES.districtA, '1970-01-01', 'M', 13), birthDate: '1970-01-01', sex: 'X' },
      h1.kkNumber,
      PLACES.villageA,
    ), // 13 bad sex
    row(a1, h1.kkNumber, PLACES.villageA), // 14 duplicate of line 2
    row(
      { ...a1, nik: makeNik(PLACES.districtA, '1971-01-01', 'M', 14), birthDate: '1971-01-01' },
      h1.kkNumber,
      PLACES.villageA,
      'missing',
    ), // 15 bad status
    row(
      { ...a1, nik: makeNik(PLACES.districtA, '1972-01-01', 'M', 15), birthDate: '1972-01-01' },
      h1.kkNumber,
      '33.07.01.2999',
    ), // 16 unknown village
    `"${makeNik(PLACES.districtA, '1973-01-01', 'M', 16)},${h1.kkNumber},Kutip Terbuka,1973-01-01,M,${PLACES.villageA},alive`, // 17 unclosed quote
  ];
  return {
    csv: `${lines.join('\n')}\n`,
    niks: { a1: a1.nik, a3: a3.nik, b1: b1.nik, b2: b2.nik, b3: b3.nik },
  };
}

const EXPECTED_COUNTS = {
  matched: 2,
  nik_not_found: 2,
  name_mismatch: 1,
  birth_date_mismatch: 1,
  deceased: 1,
  moved_region: 1,
  not_in_dukcapil: 0, // only an adapter that asks by NIK finds these (test/http/dukcapil-service.test.ts)
};

for (const engine of ENGINES) {
  describe(`dukcapil matching (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Headers;
    let dinsos: Headers;
    let dinsosOther: Headers;
    let importId: string;
    const households: string[] = [];
    const { csv, niks } = craftedFile();

    const api = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const upload = (headers: Headers, body: string, query = '') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/dukcapil/imports?name=ekstrak.csv${query}`,
        headers: { ...headers, 'content-type': 'text/csv' },
        payload: body,
      });
    const worklist = async (query = ''): Promise<Match[]> => {
      const res = await api('GET', `/dukcapil/imports/${importId}/matches?limit=100${query}`, dinsos);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items;
    };
    const byResult = async (result: string) => (await worklist(`&result=${result}&resolution=all`))[0]!;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      dinsos = await login(app, 'dinsos');
      dinsosOther = await login(app, 'dinsos-other');
      const places = [PLACES.villageA, PLACES.villageA2, PLACES.villageB, PLACES.otherVillage];
      for (const [i, village] of places.entries()) {
        const h = await t.container.households.create(systemActor('test'), makeHousehold(village, i + 1));
        households.push(h.id);
      }
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('refuses the operator (403), another regency (404) and a file without the required columns (400)', async () => {
      expect((await upload(op, csv)).statusCode).toBe(403);
      expect((await upload(dinsosOther, csv, `&region=${PLACES.regency}`)).statusCode).toBe(404);
      const noStatus = await upload(dinsos, `${HEADER.replace(',status', '')}\n${csv.split('\n')[1]}\n`);
      expect(noStatus.statusCode).toBe(400);
      expect(noStatus.json()).toMatchObject({ code: 'dukcapil.missing_columns' });
      expect(noStatus.json().detail).toContain('status');
      expect((await api('GET', '/dukcapil/imports', dinsos)).json().items).toEqual([]);
    });

    it('matches every line of a crafted extract and rejects the malformed ones with line and reason', async () => {
      const res = await upload(dinsos, csv);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      importId = body.id;
      expect(body).toMatchObject({
        status: 'complete',
        regencyCode: PLACES.regency,
        fileName: 'ekstrak.csv',
        rows: 16,
        rejected: 8,
        open: 6,
      });
      expect(body.counts).toEqual(EXPECTED_COUNTS);
      const rejected = Object.fromEntries(
        body.rejectedLines.map((r: { line: number; issues: { code: string }[] }) => [
          r.line,
          r.issues.map((i) => i.code),
        ]),
      );
      expect(Object.keys(rejected).map(Number)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
      expect(rejected[10]).toEqual([expect.stringMatching(/^nik\./)]);
      expect(rejected[11]).toEqual(['dukcapil.missing_columns']);
      expect(rejected[12]).toContain('dukcapil.invalid_birth_date');
      expect(rejected[13]).toEqual(['dukcapil.invalid_sex']);
      expect(rejected[14]).toEqual(['dukcapil.duplicate_nik']);
      expect(rejected[15]).toEqual(['dukcapil.invalid_status']);
      expect(rejected[16]).toEqual(['region.not_a_village']);
      expect(rejected[17]).toEqual(['csv.unclosed_quote']);

      const stored = await api('GET', `/dukcapil/imports/${importId}/rejected`, dinsos);
      expect(stored.json().items.map((r: { line: number }) => r.line)).toEqual([
        10, 11, 12, 13, 14, 15, 16, 17,
      ]);

      const open = await worklist();
      expect(open.map((m) => [m.line, m.result])).toEqual([
        [4, 'name_mismatch'],
        [5, 'birth_date_mismatch'],
        [6, 'deceased'],
        [7, 'moved_region'],
        [8, 'nik_not_found'],
        [9, 'nik_not_found'],
      ]);
      const name = open[0]!;
      expect(name.differences).toEqual([
        expect.objectContaining({
          field: 'name',
          dukcapil: 'Adi Nugraha 1',
          dtks: 'Adi Nugroho 1',
          onlyInDukcapil: ['nugraha'],
          onlyInDtks: ['nugroho'],
        }),
      ]);
      expect(name.summary).toContain('nugraha');
      expect(open[3]!.differences.map((d) => d.field)).toEqual(['villageCode', 'kkNumber']);
      expect(open[5]!).toMatchObject({ personId: null, householdId: null, allowedActions: ['keep_dtks'] });
      expect((await worklist('&result=matched&resolution=all')).map((m) => m.line)).toEqual([2, 3]);

      const other = await api('GET', `/dukcapil/imports/${importId}/matches`, dinsosOther);
      expect(other.statusCode).toBe(404);
    });

    it('gives the same findings when the file is matched in small batches (duplicates across batches too)', async () => {
      const dinsosActor = await actorFor(t.container, 'dinsos');
      const lines: number[] = [];
      const summary = await t.container.dukcapil.importExtract(dinsosActor, [csv], {
        fileName: 'kecil.csv',
        batchSize: 3,
        onRejected: (r) => lines.push(r.line),
      });
      expect(summary.counts).toEqual(EXPECTED_COUNTS);
      expect(summary.rejected).toBe(8);
      expect(lines.sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    });

    it('an interrupted upload leaves a failed import, without its findings, that is never used as a worklist', async () => {
      const dinsosActor = await actorFor(t.container, 'dinsos');
      // More lines than the reader's first batch, so the import has begun when the connection drops.
      const lines = Array.from(
        { length: 600 },
        (_, i) =>
          `${makeNik(PLACES.districtB, '1991-03-04', 'M', 5000 + i)},${makeKk(PLACES.districtB, '2020-01-01', 9)},Warga ${i},1991-03-04,M,${PLACES.villageB},alive`,
      );
      async function* interrupted() {
        yield `${HEADER}\n${lines.join('\n')}\n`;
        throw new Error('connection reset');
      }
      await expect(
        t.container.dukcapil.importExtract(dinsosActor, interrupted(), {
          fileName: 'putus.csv',
          batchSize: 2,
        }),
      ).rejects.toThrow('connection reset');
      const failed = (await api('GET', '/dukcapil/imports', dinsos))
        .json()
        .items.find((i: { fileName: string }) => i.fileName === 'putus.csv');
      expect(failed).toMatchObject({ status: 'failed', finishedAt: expect.any(String), open: 0 });
      const kept = await t.container.database.db
        .selectFrom('dukcapilMatches')
        .select('id')
        .where('importId', '=', failed.id)
        .execute();
      expect(kept).toEqual([]);
      const list = await api('GET', `/dukcapil/imports/${failed.id}/matches`, dinsos);
      expect(list.statusCode).toBe(409);
      expect(list.json()).toMatchObject({ code: 'dukcapil.import_incomplete', currentState: 'failed' });
    });

    it('resolves findings: accept Dukcapil corrects DTKS, mark deceased removes, each once and only where it applies', async () => {
      const name = await byResult('name_mismatch');
      expect(name.allowedActions).toEqual(['accept_dukcapil', 'keep_dtks', 'propose_removal']);
      const wrong = await api('POST', `/dukcapil/matches/${name.id}/resolve`, dinsos, {
        action: 'mark_deceased',
      });
      expect(wrong.statusCode).toBe(409);
      expect(wrong.json()).toMatchObject({
        code: 'dukcapil.action_not_allowed',
        currentState: 'name_mismatch',
      });
      expect(
        (await api('POST', `/dukcapil/matches/${name.id}/resolve`, op, { action: 'keep_dtks' })).statusCode,
      ).toBe(403);
      expect(
        (await api('POST', `/dukcapil/matches/${name.id}/resolve`, dinsosOther, { action: 'keep_dtks' }))
          .statusCode,
      ).toBe(404);

      const accepted = await api('POST', `/dukcapil/matches/${name.id}/resolve`, dinsos, {
        action: 'accept_dukcapil',
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json()).toMatchObject({ resolution: 'accept_dukcapil', allowedActions: [] });
      const h1 = (await api('GET', `/households/${households[0]}`, dinsos)).json();
      expect(h1.members.find((m: { nik: string }) => m.nik === niks.a3).name).toBe('Adi Nugraha 1');
      const history = (await api('GET', `/households/${households[0]}/history`, dinsos)).json();
      expect(history.items[0]).toMatchObject({
        changeType: 'member_update',
        reason: 'Dukcapil ekstrak.csv, baris 4',
      });
      const twice = await api('POST', `/dukcapil/matches/${name.id}/resolve`, dinsos, {
        action: 'keep_dtks',
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('dukcapil.already_resolved');

      const birth = await byResult('birth_date_mismatch');
      const kept = await api('POST', `/dukcapil/matches/${birth.id}/resolve`, dinsos, {
        action: 'keep_dtks',
        note: 'Akta kelahiran cocok dengan DTKS',
      });
      expect(kept.json()).toMatchObject({
        resolution: 'keep_dtks',
        note: 'Akta kelahiran cocok dengan DTKS',
      });
      const h2 = (await api('GET', `/households/${households[1]}`, dinsos)).json();
      expect(h2.members.find((m: { nik: string }) => m.nik === niks.b1).birthDate).toBe('1980-01-15');

      const dead = await byResult('deceased');
      expect(dead.allowedActions).toContain('mark_deceased');
      expect(
        (await api('POST', `/dukcapil/matches/${dead.id}/resolve`, dinsos, { action: 'mark_deceased' }))
          .statusCode,
      ).toBe(200);
      const h2after = (await api('GET', `/households/${households[1]}`, dinsos)).json();
      expect(h2after.members.find((m: { nik: string }) => m.nik === niks.b2)).toMatchObject({
        status: 'removed',
        removalReason: 'deceased',
      });
      expect(h2after.memberCount).toBe(2);

      const moved = await byResult('moved_region');
      expect(
        (await api('POST', `/dukcapil/matches/${moved.id}/resolve`, dinsos, { action: 'accept_dukcapil' }))
          .statusCode,
      ).toBe(409);
      const noted = await api('POST', `/dukcapil/matches/${moved.id}/resolve`, dinsos, {
        action: 'propose_removal',
        note: 'Pindah ke kecamatan lain',
      });
      expect(noted.statusCode).toBe(200);
      expect((await api('GET', `/households/${households[1]}`, dinsos)).json().version).toBe(h2after.version);
      const notices = await t.container.database.db
        .selectFrom('notifications')
        .selectAll()
        .where('regionCode', '=', PLACES.villageA2)
        .where('kind', '=', 'dukcapil.propose_removal')
        .execute();
      expect(notices).toHaveLength(1);

      expect((await worklist()).map((m) => m.result)).toEqual(['nik_not_found', 'nik_not_found']);
      expect((await worklist('&resolution=resolved')).map((m) => m.resolution)).toEqual([
        'accept_dukcapil',
        'keep_dtks',
        'mark_deceased',
        'propose_removal',
      ]);
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select('action')
        .where('action', '=', 'dukcapil.resolve')
        .execute();
      expect(audit).toHaveLength(4);
      expect((await api('GET', `/dukcapil/imports/${importId}`, dinsos)).json().open).toBe(2);
    });

    it('dtks dukcapil-match matches again after the resolutions, prints counts and rejected lines, refuses an operator', async () => {
      const file = join(tmpdir(), `dukcapil-${engine}-${process.pid}.csv`);
      writeFileSync(file, csv);
      // Own process (`runDtks`: argv, exit codes 3 and 2, stdout/stderr as pipes, --json): the JSON match and
      // the refused operator. The text answer and the region outside the territory use the same command tree
      // inside this process (`runDtksInProcess`): what they prove is the command's and service's.
      const cli = (args: string[]) => runDtks(['dukcapil-match', file, ...args], { url: t.url });
      const here = (args: string[]) => runDtksInProcess(['dukcapil-match', file, ...args], { url: t.url });
      const json = await cli(['--region', '3307', '--as', 'dinsos', '--json']);
      expect(json.code, json.stderr).toBe(3);
      const out = JSON.parse(json.stdout);
      // After the resolutions above: the accepted name now matches, the person removed as deceased is gone.
      expect(out.counts).toEqual({
        ...EXPECTED_COUNTS,
        matched: 3,
        name_mismatch: 0,
        deceased: 0,
        nik_not_found: 3,
      });
      expect(out.rejectedLines.map((r: { line: number }) => r.line)).toEqual([
        10, 11, 12, 13, 14, 15, 16, 17,
      ]);
      const text = await here(['--region', '33.07', '--as', 'dinsos']);
      expect(text.stdout).toMatch(/birth_date_mismatch\s+1/);
      expect(text.stdout).toContain('line 14  nik  This NIK already appears on line 2');
      const denied = await cli(['--region', '3307', '--as', 'op-a']);
      expect(denied.code).toBe(2);
      expect(denied.stderr).toContain('access.forbidden');
      const elsewhere = await here(['--region', '3308', '--as', 'dinsos']);
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toContain('record.not_found');
      rmSync(file, { force: true });
    }, 180_000);

    it('matches the same extract as a job: 202, then the same findings in the job result', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/dukcapil/import-jobs?name=ekstrak-job.csv&lang=en',
        headers: { ...dinsos, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(res.statusCode, res.body).toBe(202);
      await new JobWorker(t.container.jobs).drain();
      const job = (await api('GET', `/jobs/${res.json().jobId}?lang=en`, dinsos)).json();
      expect(job).toMatchObject({ kind: 'dukcapil.match', state: 'done', error: null });
      expect(job.result).toMatchObject({
        status: 'complete',
        fileName: 'ekstrak-job.csv',
        rows: 16,
        rejected: 8,
      });
      expect(job.result.rejectedLines.map((r: { line: number }) => r.line)).toEqual([
        10, 11, 12, 13, 14, 15, 16, 17,
      ]);
      expect(job.result.rejectedLines[1].issues[0]).toMatchObject({
        code: 'dukcapil.missing_columns',
        message: expect.any(String),
      });
      const byOperator = await app.inject({
        method: 'POST',
        url: '/api/v1/dukcapil/import-jobs',
        headers: { ...op, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(byOperator.statusCode).toBe(403);
    });
  });
}
