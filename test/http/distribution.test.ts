import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addFigures, emptyFigures } from '../../src/domain/distribution/reconciliation.ts';
import { DEFAULT_PROGRAMMES } from '../../src/domain/programmes/defaults.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { XLSX_MAX_RECORDS } from '../../src/modules/distribution/distribution.export.ts';
import { DISTRIBUTION_BATCH } from '../../src/modules/distribution/distribution.jobs.ts';
import { DistributionRepository } from '../../src/modules/distribution/distribution.repository.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { entriesWithSubjects } from '../support/audit-subjects.ts';
import { createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { approvedRun } from '../support/recipients.ts';
import { cellAt, readXlsx, rowValues } from '../support/xlsx.ts';

const PERIOD = '2026-04';
const BPNT = 200_000;
const PARTNER_FIELDS = [
  'address',
  'amount',
  'headName',
  'householdId',
  'kkNumber',
  'pointId',
  'reasonCode',
  'rt',
  'rw',
  'state',
  'version',
  'villageCode',
];

for (const engine of ENGINES) {
  describe(`distribution API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const homes: { id: string; village: string }[] = [];
    let batchId = '';
    let pointA = '';

    const api = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: as[who], ...(payload ? { payload } : {}) });
    const auditCount = async (action: string) =>
      Number(
        (
          await t.container.database.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', '=', action)
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** An approved proposal with its recipients, as the recipients module leaves it at approval. */
    async function approve(period: string, programme: string, regency: string, list: typeof homes) {
      const db = t.container.database.db;
      const at = new Date().toISOString();
      const runId = crypto.randomUUID();
      await db
        .insertInto('recipientRuns')
        .values(
          approvedRun(
            { id: runId, period: period, programme: programme, regency: regency, at },
            { evaluated: list.length, candidates: list.length, amount: list.length * BPNT },
          ),
        )
        .execute();
      for (const [i, h] of list.entries()) {
        await db
          .insertInto('recipients')
          .values({
            period,
            programmeCode: programme,
            householdId: h.id,
            runId,
            programmeVersion: '1',
            provinceCode: regency.slice(0, 2),
            regencyCode: regency,
            villageCode: h.village,
            kkNumber: `33070101019000${String(i).padStart(2, '0')}`,
            headName: `Kepala ${i}`,
            decile: 1,
            components: '[]',
            amount: BPNT + i,
            approvedAt: at,
          })
          .execute();
      }
    }

    beforeAll(async () => {
      // Small test counts: figures shown unsuppressed (suppression: test/http/public-statistics.test.ts).
      t = await openTestDb(engine, { publicStatsMinCell: 1 });
      await createUsers(t.container);
      await createUser(t.container, 'pos', 'pos', PLACES.regency);
      await createUser(t.container, 'pos-other', 'pos', PLACES.otherRegency);
      await createUser(t.container, 'bulog', 'pengadaan', PLACES.regency);
      app = await testApp(t.container);
      for (const u of ['dinsos', 'dinsos-other', 'pusdatin', 'admin', 'pos', 'pos-other', 'bulog', 'op-a']) {
        as[u] = await login(app, u);
      }
      const villages = [
        PLACES.villageA,
        PLACES.villageA,
        PLACES.villageA2,
        PLACES.villageB,
        PLACES.otherVillage,
      ];
      for (const [n, village] of villages.entries()) {
        const res = await api('POST', '/households', 'admin', {
          ...makeHousehold(village, n + 1),
          confirmWarnings: true,
        });
        expect(res.statusCode, res.body).toBe(201);
        homes.push({ id: res.json().id, village });
      }
      await approve(PERIOD, 'BPNT', PLACES.regency, homes.slice(0, 4));
      await approve(PERIOD, 'BPNT', PLACES.otherRegency, homes.slice(4));
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('turns approved recipients into a batch once, in tranches of integer rupiah, within the territory', async () => {
      const body = { period: PERIOD, programme: 'BPNT', regency: PLACES.regency, tranches: 2 };
      expect((await api('POST', '/distribution/batches', 'pos', body)).statusCode).toBe(403);
      expect((await api('POST', '/distribution/batches', 'dinsos-other', body)).statusCode).toBe(404);
      const fraction = await api('POST', '/distribution/batches', 'dinsos', {
        ...body,
        form: 'in_kind',
        packageValue: 10.5,
      });
      expect(fraction.statusCode).toBe(400);
      const none = await api('POST', '/distribution/batches', 'dinsos', { ...body, period: '2026-05' });
      expect(none.statusCode).toBe(409);
      expect(none.json().code).toBe('distribution.not_approved');

      const res = await api('POST', '/distribution/batches', 'dinsos', body);
      expect(res.statusCode, res.body).toBe(201);
      batchId = res.json().id;
      expect(res.json()).toMatchObject({
        records: 4,
        amount: 4 * BPNT + 6,
        state: 'sent',
        counts: { sent: 4 },
      });
      const again = await api('POST', '/distribution/batches', 'dinsos', body);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('distribution.batch_exists');
      const other = await api('POST', '/distribution/batches', 'dinsos-other', {
        ...body,
        regency: PLACES.otherRegency,
      });
      expect(other.statusCode).toBe(201);
      // The partner reads no programme list: the batch names its programme, in both languages (here the
      // shipped default's name: this database has no published version).
      const published = DEFAULT_PROGRAMMES.find((d) => d.code === 'BPNT')!.name;
      const seen = await api('GET', '/distribution/batches', 'pos');
      expect(seen.statusCode).toBe(200);
      expect(seen.json().items.find((b: { id: string }) => b.id === batchId)).toMatchObject({
        programme: 'BPNT',
        programmeName: published,
      });

      const ents = await t.container.database.db
        .selectFrom('entitlements')
        .select(['amount', 'tranche'])
        .where('batchId', '=', batchId)
        .execute();
      expect(ents).toHaveLength(8);
      expect(ents.reduce((s, e) => s + e.amount, 0)).toBe(4 * BPNT + 6);
      expect(ents.every((e) => Number.isInteger(e.amount))).toBe(true);
    });

    it('shows the partner only name, KK, address, programme and amount, audits every read, and hides other regencies', async () => {
      const before = await auditCount('distribution.records');
      const res = await api('GET', `/distribution/batches/${batchId}/records`, 'pos');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json().items).toHaveLength(4);
      for (const item of res.json().items) expect(Object.keys(item).sort()).toEqual(PARTNER_FIELDS);
      expect(res.body).not.toMatch(/nik|birth/i);
      expect(await auditCount('distribution.records')).toBe(before + 1);
      // The listed households are indexed as read (a KPM's "who read my data").
      expect(
        (await entriesWithSubjects(t.container.database.db, 'distribution.records', 'pos')).at(-1)?.subjects,
      ).toEqual(
        homes
          .slice(0, 4)
          .map((h) => h.id)
          .sort(),
      );

      const hidden = await api('GET', `/distribution/batches/${batchId}/records`, 'pos-other');
      const absent = await api('GET', `/distribution/batches/${crypto.randomUUID()}/records`, 'pos-other');
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().detail).toBe(absent.json().detail);
      expect((await api('GET', '/distribution/batches', 'pos-other')).json().items).toHaveLength(1);

      // Partners never reach the registry.
      expect((await api('GET', `/households/${homes[0]!.id}`, 'pos')).statusCode).toBe(403);
      expect((await api('GET', '/households', 'bulog')).statusCode).toBe(403);
      expect((await api('GET', '/auth/me', 'pos')).statusCode).toBe(200);

      const csv = await api('GET', `/distribution/batches/${batchId}/export?format=csv`, 'pos');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\n')[0]).toContain('kk_number');
      expect(csv.body).toContain('BPNT');
      const xlsx = await api('GET', `/distribution/batches/${batchId}/export?format=xlsx`, 'pos');
      expect(xlsx.statusCode).toBe(200);
      // The same records as the CSV, below the title, an empty row and the header.
      const wb = readXlsx(xlsx.rawPayload);
      const csvLines = csv.body.trim().split('\n');
      expect(rowValues(wb, 3).join(',')).toBe(csvLines[0]);
      expect(wb.rows.size).toBe(2 + csvLines.length);
      csvLines.slice(1).forEach((line, i) => {
        const fields = line.split(',');
        expect(cellAt(wb, `A${4 + i}`)?.value).toBe(fields[0]);
        expect(cellAt(wb, `E${4 + i}`)).toMatchObject({ type: 's', value: fields[4] });
        expect(cellAt(wb, `J${4 + i}`)).toMatchObject({ type: 'n', value: Number(fields[9]) });
      });
    });

    it('exports a batch page by page: audited once with the count, each page with its households before it is handed on; Excel beyond one sheet refused', async () => {
      const db = t.container.database.db;
      const inBatch = homes
        .slice(0, 4)
        .map((h) => h.id)
        .sort();
      const url = `/distribution/batches/${batchId}/export`;
      // Over HTTP (pages of 5,000): one summary entry with the count, one page entry naming the households.
      const csv = await api('GET', `${url}?format=csv`, 'dinsos');
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['cache-control']).toBe('no-store');
      expect(csv.body.trim().split('\n')).toHaveLength(1 + inBatch.length);
      expect((await entriesWithSubjects(db, 'distribution.export', 'dinsos')).map((e) => e.details)).toEqual([
        { records: 4 },
      ]);
      expect(await entriesWithSubjects(db, 'distribution.export_page', 'dinsos')).toEqual([
        { details: expect.objectContaining({ households: 4 }), subjects: inBatch },
      ]);
      // Another regency's partner: 404 as for an absent batch, nothing read or audited.
      expect((await api('GET', url, 'pos-other')).statusCode).toBe(404);
      expect(await entriesWithSubjects(db, 'distribution.export_page', 'pos-other')).toEqual([]);

      // Pages of 3 through the service: [3, 1], each audited before it is handed on.
      const actor = { ...systemActor('dist'), username: 'system:dist' };
      const pageEntries = () => entriesWithSubjects(db, 'distribution.export_page', 'system:dist');
      const { records, pages } = await t.container.distribution.recordPages(actor, batchId, {}, 3);
      expect(records).toBe(4);
      const auditedWhenHanded: string[][] = [];
      const seen: string[] = [];
      for await (const page of pages) {
        auditedWhenHanded.push((await pageEntries()).flatMap((e) => e.subjects));
        seen.push(...page.map((r) => r.householdId));
      }
      expect(seen).toEqual(inBatch);
      expect(auditedWhenHanded).toEqual([inBatch.slice(0, 3), inBatch]);
      const first = (await pageEntries())[0]!;
      expect(first.details).toEqual({
        households: 3,
        first: inBatch[0],
        last: inBatch[2],
        sha256: createHash('sha256').update(inBatch.slice(0, 3).join('\n')).digest('hex'),
      });

      // A consumer that stops after the first page: nothing more is read or audited.
      const quitter = { ...systemActor('quit'), username: 'system:quit' };
      const some = await t.container.distribution.recordPages(quitter, batchId, {}, 1);
      expect((await some.pages.next()).value).toHaveLength(1);
      await some.pages.return(undefined);
      expect(await entriesWithSubjects(db, 'distribution.export_page', 'system:quit')).toHaveLength(1);

      // More records than one Excel sheet holds: refused before anything is read or audited.
      const posReads = async () =>
        (await entriesWithSubjects(db, 'distribution.export', 'pos')).length +
        (await entriesWithSubjects(db, 'distribution.export_page', 'pos')).length;
      const before = await posReads();
      const count = vi
        .spyOn(DistributionRepository.prototype, 'countRecords')
        .mockResolvedValue(XLSX_MAX_RECORDS + 1);
      try {
        const tooMany = await api('GET', `${url}?format=xlsx`, 'pos');
        expect(tooMany.statusCode, tooMany.body).toBe(400);
        expect(tooMany.json().errors).toEqual([
          expect.objectContaining({ field: 'format', code: 'distribution.xlsx_too_many' }),
        ]);
        // The CSV has no such limit.
        expect((await api('GET', `${url}?format=csv`, 'dinsos')).statusCode).toBe(200);
      } finally {
        count.mockRestore();
      }
      expect(await posReads()).toBe(before);
    });

    it('versions returns and re-sends, visible to both sides; an unchanged re-send is refused and changes nothing', async () => {
      const hh = homes[1]!.id;
      const url = `/distribution/batches/${batchId}/records/${hh}`;
      expect(
        (await api('POST', `${url}/return`, 'dinsos', { reasonCode: 'RT_RW_MISSING', version: 1 }))
          .statusCode,
      ).toBe(403);
      const returned = await api('POST', `${url}/return`, 'pos', {
        reasonCode: 'RT_RW_MISSING',
        note: 'RT kosong',
        version: 1,
      });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json()).toMatchObject({ state: 'returned', reasonCode: 'RT_RW_MISSING', version: 2 });
      const twice = await api('POST', `${url}/return`, 'pos', { reasonCode: 'RT_RW_MISSING', version: 2 });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('distribution.invalid_record_state');
      const stale = await api(
        'POST',
        `/distribution/batches/${batchId}/records/${homes[0]!.id}/return`,
        'pos',
        {
          reasonCode: 'NOT_FOUND',
          version: 5,
        },
      );
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('record.version_conflict');

      const worklist = await api('GET', `/distribution/batches/${batchId}/records?state=returned`, 'dinsos');
      expect(worklist.json().items.map((r: { householdId: string }) => r.householdId)).toEqual([hh]);

      const unchanged = await api('POST', `${url}/resend`, 'dinsos', { rt: '05', version: 2 });
      expect(unchanged.statusCode).toBe(409);
      expect(unchanged.json().code).toBe('distribution.resend_unchanged');
      expect((await api('GET', url, 'dinsos')).json().record.version).toBe(2);
      expect((await api('POST', `${url}/resend`, 'pos', { rt: '7', version: 2 })).statusCode).toBe(403);

      const resent = await api('POST', `${url}/resend`, 'dinsos', {
        rt: '7',
        note: 'RT dilengkapi',
        version: 2,
      });
      expect(resent.statusCode, resent.body).toBe(200);
      expect(resent.json()).toMatchObject({ state: 'resent', rt: '7', version: 3 });
      for (const who of ['pos', 'dinsos']) {
        const history = await api('GET', url, who);
        expect(history.statusCode).toBe(200);
        expect(history.json().versions.map((v: { step: string }) => v.step)).toEqual([
          'send',
          'return',
          'resend',
        ]);
        expect(history.json().versions[1]).toMatchObject({ reasonCode: 'RT_RW_MISSING', actorRole: 'pos' });
        expect(history.json().versions[2].fields.rt).toBe('7');
      }
    });

    it('maps KPM to points from RT/RW and allocates per point; stock only for in-kind batches', async () => {
      const a = await api('POST', '/distribution/points', 'pos', {
        code: 'KP-A',
        name: 'Kantor Pos Desa A',
        districtCode: PLACES.districtA,
        villageCode: PLACES.villageA,
        place: 'Jl. Raya 1',
        coverage: [{ villageCode: PLACES.villageA, rw: ['2'] }],
      });
      expect(a.statusCode, a.body).toBe(201);
      pointA = a.json().id;
      const bad = await api('POST', '/distribution/points', 'pos', {
        code: 'KP-X',
        name: 'Salah',
        districtCode: PLACES.districtA,
        place: 'Jl. Raya 2',
        coverage: [{ villageCode: PLACES.villageB }],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors?.[0]?.field ?? bad.body).toContain('coverage.0.villageCode');
      const kec = await api('POST', '/distribution/points', 'dinsos', {
        code: 'KP-KEC',
        name: 'Balai Kecamatan A',
        districtCode: PLACES.districtA,
        place: 'Jl. Kecamatan',
        coverage: [],
      });
      expect(kec.statusCode).toBe(201);
      const sched = await api('POST', `/distribution/points/${pointA}/schedules`, 'pos', {
        batchId,
        tranche: 1,
        startsAt: '2026-04-10T08:00:00+07:00',
        endsAt: '2026-04-10T07:00:00+07:00',
      });
      expect(sched.statusCode).toBe(400);
      const ok = await api('POST', `/distribution/points/${pointA}/schedules`, 'pos', {
        batchId,
        tranche: 1,
        startsAt: '2026-04-10T08:00:00+07:00',
        endsAt: '2026-04-10T15:00:00+07:00',
      });
      expect(ok.statusCode, ok.body).toBe(201);

      const mapped = await api('POST', `/distribution/batches/${batchId}/map`, 'pos');
      expect(mapped.json()).toEqual({ mapped: 3, unmapped: 1 });
      const alloc = (await api('GET', `/distribution/batches/${batchId}/allocation`, 'dinsos')).json();
      const byCode = Object.fromEntries(alloc.points.map((p: { code: string }) => [p.code, p]));
      expect(byCode['KP-A']).toMatchObject({ kpm: 2, amount: 2 * BPNT + 1 });
      expect(byCode['KP-KEC']).toMatchObject({ kpm: 1, amount: BPNT + 2 });
      expect(alloc.unmapped).toMatchObject({ kpm: 1, amount: BPNT + 3 });

      const stock = await api('POST', `/distribution/points/${pointA}/stock`, 'bulog', {
        batchId,
        packages: 3,
        deliveryNote: 'SJ-001',
        receivedAt: '2026-04-09T10:00:00Z',
      });
      expect(stock.statusCode).toBe(400);
      expect(JSON.stringify(stock.json())).toContain('distribution.not_in_kind');
      expect(
        (
          await api('POST', `/distribution/points/${pointA}/stock`, 'pos', {
            batchId,
            packages: 3,
            deliveryNote: 'SJ-001',
            receivedAt: '2026-04-09T10:00:00Z',
          })
        ).statusCode,
      ).toBe(403);
    });

    it('a hand-over that died half-way resumes without writing anything twice; big ones run as a job', async () => {
      const db = t.container.database.db;
      await approve('2026-05', 'BPNT', PLACES.regency, homes.slice(0, 4));
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'dinsos')
        .executeTakeFirstOrThrow();
      const dinsos = {
        userId: user.id,
        username: 'dinsos',
        role: 'dinsos_kab' as const,
        regionCode: PLACES.regency,
        ip: null,
        userAgent: 'test',
      };
      const key = { period: '2026-05', programme: 'BPNT', regency: PLACES.regency, tranches: 2 };
      const dying = {
        checkpoint: async () => {
          throw new Error('worker lost');
        },
      };
      await expect(t.container.distribution.createBatch(dinsos, key, dying)).rejects.toThrow('worker lost');
      const left = await db
        .selectFrom('distributionBatches')
        .selectAll()
        .where('period', '=', '2026-05')
        .executeTakeFirstOrThrow();
      expect(left).toMatchObject({ state: 'preparing', records: 0 });
      // Not handed over yet: the partner does not see it.
      expect((await api('GET', `/distribution/batches/${left.id}/records`, 'pos')).statusCode).toBe(404);
      const listed = (await api('GET', '/distribution/batches?period=2026-05', 'pos')).json().items;
      expect(listed).toEqual([]);

      const job = await t.container.jobs.enqueue(dinsos, DISTRIBUTION_BATCH, key);
      await new JobWorker(t.container.jobs).drain();
      expect((await api('GET', `/jobs/${job.id}`, 'dinsos')).json().state).toBe('done');
      const done = (await api('GET', `/distribution/batches/${left.id}`, 'dinsos')).json();
      expect(done).toMatchObject({ state: 'sent', records: 4, amount: 4 * BPNT + 6 });
      const ents = await db.selectFrom('entitlements').select('id').where('batchId', '=', left.id).execute();
      expect(ents).toHaveLength(8);
      const again = await api('POST', '/distribution/batches', 'dinsos', key);
      expect(again.json().code).toBe('distribution.batch_exists');
    });

    it('reconciles per region: totals add up over child regions and points; outside the territory is 404', async () => {
      const db = t.container.database.db;
      const ents = await db
        .selectFrom('entitlements')
        .selectAll()
        .where('batchId', '=', batchId)
        .orderBy('id')
        .execute();
      await db
        .updateTable('entitlements')
        .set({ state: 'delivered' })
        .where('id', '=', ents[0]!.id)
        .execute();
      await db
        .updateTable('entitlements')
        .set({ state: 'returned', returnReason: 'NOT_COLLECTED' })
        .where('id', '=', ents[1]!.id)
        .execute();

      const res = await api(
        'GET',
        `/distribution/reconciliation?period=${PERIOD}&region=${PLACES.regency}`,
        'dinsos',
      );
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r).toMatchObject({ allocated: 8, delivered: 1, returned: 1, outstanding: 6 });
      expect(r.amounts.allocated).toBe(4 * BPNT + 6);
      expect(r.amounts.delivered).toBe(ents[0]!.amount);
      expect(r.delivered + r.returned + r.outstanding).toBe(r.allocated);
      for (const region of [PLACES.regency, PLACES.districtA, PLACES.villageA]) {
        const v = (
          await api('GET', `/distribution/reconciliation?period=${PERIOD}&region=${region}`, 'dinsos')
        ).json();
        const {
          code: _c,
          name: _n,
          ...sum
        } = v.children.reduce(
          (acc: ReturnType<typeof emptyFigures>, c: ReturnType<typeof emptyFigures>) => addFigures(acc, c),
          emptyFigures(),
        );
        expect(sum).toEqual({
          allocated: v.allocated,
          delivered: v.delivered,
          returned: v.returned,
          outstanding: v.outstanding,
          amounts: v.amounts,
          packages: v.packages,
        });
        // Below a village the children are points, named (the regency's points are looked up).
        if (region === PLACES.villageA) {
          const points = (v.children as { code: string; name: string | null }[]).filter((c) => c.code);
          expect(points.length).toBeGreaterThan(0);
          for (const c of points) expect(c.name, c.code).toEqual(expect.any(String));
        }
      }
      const national = (await api('GET', `/distribution/reconciliation?period=${PERIOD}`, 'pusdatin')).json();
      expect(national.allocated).toBe(10);
      expect(national.children.map((c: { code: string }) => c.code)).toEqual(['33']);
      const hidden = await api(
        'GET',
        `/distribution/reconciliation?period=${PERIOD}&region=${PLACES.otherRegency}`,
        'dinsos',
      );
      expect(hidden.statusCode).toBe(404);
      expect((await api('GET', `/distribution/reconciliation?period=${PERIOD}`, 'op-a')).statusCode).toBe(
        403,
      );

      const csv = await api(
        'GET',
        `/distribution/reconciliation/export?period=${PERIOD}&region=${PLACES.regency}`,
        'dinsos',
      );
      expect(csv.statusCode).toBe(200);
      expect(csv.body.trim().split('\n').at(-1)).toContain(String(4 * BPNT + 6));
      const pdf = await api(
        'GET',
        `/distribution/reconciliation/export?period=${PERIOD}&format=pdf`,
        'dinsos',
      );
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

      // The public statistics show the newest distribution period's figures: counts and rupiah only.
      const newest = (
        await api('GET', `/distribution/reconciliation?period=2026-05&region=${PLACES.regency}`, 'dinsos')
      ).json();
      const stats = await app.inject({ url: `/api/v1/public/statistics?region=${PLACES.regency}` });
      expect(stats.json().distribution).toEqual({
        period: '2026-05',
        allocated: newest.allocated,
        delivered: newest.delivered,
        returned: newest.returned,
        outstanding: newest.outstanding,
        amounts: newest.amounts,
        packages: newest.packages,
      });
      expect(stats.body).not.toMatch(/Kepala|3307010101/);
      const elsewhere = await app.inject({ url: '/api/v1/public/statistics?region=35' });
      expect(elsewhere.json().distribution).toMatchObject({ allocated: 0, delivered: 0 });
    });
    it('in kind: packages per KPM, stock received by procurement against the packages a point needs', async () => {
      await approve('2026-06', 'BPNT', PLACES.regency, homes.slice(0, 4));
      const created = await api('POST', '/distribution/batches', 'dinsos', {
        period: '2026-06',
        programme: 'BPNT',
        regency: PLACES.regency,
        form: 'in_kind',
        packagesPerKpm: 2,
        packageValue: 95_000,
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      expect((await api('POST', `/distribution/batches/${id}/map`, 'pos')).json()).toEqual({
        mapped: 3,
        unmapped: 1,
      });
      const received = await api('POST', `/distribution/points/${pointA}/stock`, 'bulog', {
        batchId: id,
        packages: 3,
        deliveryNote: 'SJ-BULOG-001',
        receivedAt: '2026-06-09T10:00:00Z',
      });
      expect(received.statusCode, received.body).toBe(201);
      const elsewhere = await api('POST', `/distribution/points/${pointA}/stock`, 'pos-other', {
        batchId: id,
        packages: 3,
        deliveryNote: 'X',
        receivedAt: '2026-06-09T10:00:00Z',
      });
      expect(elsewhere.statusCode).toBe(403);
      const alloc = (await api('GET', `/distribution/batches/${id}/allocation`, 'bulog')).json();
      const a = alloc.points.find((p: { pointId: string }) => p.pointId === pointA);
      expect(a).toMatchObject({
        kpm: 2,
        packages: 4,
        amount: 4 * 95_000,
        stock: { received: 3, shortfall: 1, surplus: 0 },
      });
      const rec = (
        await api('GET', `/distribution/reconciliation?period=2026-06&region=${PLACES.regency}`, 'dinsos')
      ).json();
      expect(rec.packages.allocated).toBe(8);
      expect(rec.amounts.allocated).toBe(8 * 95_000);
    });
    it('the partner accepts a batch once nothing waits for completion; its records become cleaned, then frozen', async () => {
      await approve('2026-07', 'BPNT', PLACES.regency, homes.slice(0, 4));
      const created = await api('POST', '/distribution/batches', 'dinsos', {
        period: '2026-07',
        programme: 'BPNT',
        regency: PLACES.regency,
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      const hh = homes[2]!.id;
      const url = `/distribution/batches/${id}/records/${hh}`;
      expect(
        (await api('POST', `${url}/return`, 'pos', { reasonCode: 'RT_RW_MISSING', version: 1 })).statusCode,
      ).toBe(200);

      expect((await api('POST', `/distribution/batches/${id}/accept`, 'dinsos', {})).statusCode).toBe(403);
      expect((await api('POST', `/distribution/batches/${id}/accept`, 'pos-other', {})).statusCode).toBe(404);
      const pending = await api('POST', `/distribution/batches/${id}/accept`, 'pos', {});
      expect(pending.statusCode).toBe(409);
      expect(pending.json()).toMatchObject({ code: 'distribution.accept_pending' });
      expect(pending.json().detail).toContain('1');
      expect((await api('GET', `/distribution/batches/${id}`, 'pos')).json()).toMatchObject({
        state: 'sent',
        acceptedAt: null,
        counts: { sent: 3, returned: 1 },
      });

      expect((await api('POST', `${url}/resend`, 'dinsos', { rt: '9', version: 2 })).statusCode).toBe(200);
      const before = await auditCount('distribution.batch_accept');
      const accepted = await api('POST', `/distribution/batches/${id}/accept`, 'pos', {
        note: 'Sudah dipadankan',
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json()).toMatchObject({
        state: 'accepted',
        counts: { sent: 0, resent: 0, returned: 0, cleaned: 4 },
      });
      expect(accepted.json().acceptedAt).toEqual(expect.any(String));
      expect(await auditCount('distribution.batch_accept')).toBe(before + 1);
      const history = (await api('GET', url, 'dinsos')).json();
      expect(history.versions.map((v: { step: string }) => v.step)).toEqual([
        'send',
        'return',
        'resend',
        'accept',
      ]);
      expect(history.record).toMatchObject({ state: 'cleaned', version: 4 });

      const again = await api('POST', `/distribution/batches/${id}/accept`, 'pos', {});
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('distribution.batch_state');
      const frozen = await api('POST', `${url}/return`, 'pos', { reasonCode: 'MOVED', version: 4 });
      expect(frozen.statusCode).toBe(409);
      expect(frozen.json().code).toBe('distribution.invalid_record_state');
      expect((await api('GET', `${url}`, 'pos')).json().record.version).toBe(4);
    });
  });
}
