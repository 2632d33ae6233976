import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInvitation } from '../../src/domain/distribution/qr.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { DISTRIBUTION_INVITATIONS, invitationsJob } from '../../src/modules/receipts/invitations.jobs.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { actorFor, createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { pdfText } from '../support/pdf-text.ts';
import { alteredQr, invitationQrs, pngBase64, qrPayload } from '../support/receipts.ts';
import { approvedRun } from '../support/recipients.ts';

const PERIOD = '2026-04';
const BPNT = 200_000;
const HOUR = 3600_000;

for (const engine of ENGINES) {
  describe(`receipts API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const homes: { id: string; village: string }[] = [];
    let batchId = '';
    let pointA = '';
    let qrA: string[] = [];
    let qrB: string[] = [];

    const api = (method: 'GET' | 'POST', url: string, who: string | null, payload?: object) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        ...(who ? { headers: as[who] } : {}),
        ...(payload ? { payload } : {}),
      });
    const db = () => t.container.database.db;
    const count = async (table: 'receipts' | 'attachments' | 'jobs') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    /** The text with one character changed (in the signature when `i` points there). */
    const flip = (text: string, i: number) =>
      `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
    const evidence = () => ({ photo: pngBase64(1), signature: `data:image/png;base64,${pngBase64(2)}` });

    async function approve(list: typeof homes) {
      const at = new Date().toISOString();
      const runId = crypto.randomUUID();
      await db()
        .insertInto('recipientRuns')
        .values(
          approvedRun(
            { id: runId, period: PERIOD, programme: 'BPNT', regency: PLACES.regency, at },
            { evaluated: list.length, candidates: list.length, amount: list.length * BPNT },
          ),
        )
        .execute();
      for (const [i, h] of list.entries()) {
        await db()
          .insertInto('recipients')
          .values({
            period: PERIOD,
            programmeCode: 'BPNT',
            householdId: h.id,
            runId,
            programmeVersion: '1',
            provinceCode: PLACES.regency.slice(0, 2),
            regencyCode: PLACES.regency,
            villageCode: h.village,
            kkNumber: `33070101019100${String(i).padStart(2, '0')}`,
            headName: `Kepala ${i}`,
            decile: 1,
            components: '[]',
            amount: BPNT,
            approvedAt: at,
          })
          .execute();
      }
    }

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      await createUser(t.container, 'pos', 'pos', PLACES.regency);
      await createUser(t.container, 'pos-other', 'pos', PLACES.otherRegency);
      app = await testApp(t.container);
      for (const u of ['dinsos', 'dinsos-other', 'admin', 'pos', 'pos-other']) as[u] = await login(app, u);
      const villages = [...Array(8).fill(PLACES.villageA), PLACES.villageB, PLACES.villageB];
      for (const [n, village] of villages.entries()) {
        const res = await api('POST', '/households', 'admin', {
          ...makeHousehold(village, n + 1),
          confirmWarnings: true,
        });
        expect(res.statusCode, res.body).toBe(201);
        homes.push({ id: res.json().id, village });
      }
      await approve(homes);
      const batch = await api('POST', '/distribution/batches', 'dinsos', {
        period: PERIOD,
        programme: 'BPNT',
        regency: PLACES.regency,
        tranches: 1,
      });
      expect(batch.statusCode, batch.body).toBe(201);
      batchId = batch.json().id;
      const now = Date.now();
      const points: [string, string, string, number, number][] = [
        ['KP-A', PLACES.districtA, PLACES.villageA, now - 24 * HOUR, now + 24 * HOUR],
        ['KP-B', PLACES.districtB, PLACES.villageB, now - 48 * HOUR, now - 24 * HOUR],
      ];
      for (const [code, districtCode, villageCode, from, to] of points) {
        const p = await api('POST', '/distribution/points', 'pos', {
          code,
          name: `Kantor Pos ${code}`,
          districtCode,
          villageCode,
          place: 'Jl. Raya 1',
          coverage: [{ villageCode }],
        });
        expect(p.statusCode, p.body).toBe(201);
        if (code === 'KP-A') pointA = p.json().id;
        const s = await api('POST', `/distribution/points/${p.json().id}/schedules`, 'pos', {
          batchId,
          tranche: 1,
          startsAt: new Date(from).toISOString(),
          endsAt: new Date(to).toISOString(),
        });
        expect(s.statusCode, s.body).toBe(201);
      }
      expect((await api('POST', `/distribution/batches/${batchId}/map`, 'pos')).json()).toEqual({
        mapped: 10,
        unmapped: 0,
      });
      qrA = await invitationQrs(t.container, batchId, PLACES.villageA);
      qrB = await invitationQrs(t.container, batchId, PLACES.villageB);
      expect(qrA).toHaveLength(8);
      expect(qrB).toHaveLength(2);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('publishes the public key without a session; it verifies the invitations offline', async () => {
      const res = await api('GET', '/public/distribution/public-key', null);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ algorithm: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519' } });
      const key = createPublicKey(res.json().pem);
      const check = verifyInvitation(qrA[0]!, key);
      expect(check.ok && check.payload).toMatchObject({ a: BPNT, p: PERIOD, g: 'BPNT', t: pointA });
      const jwkKey = createPublicKey({ key: res.json().jwk, format: 'jwk' });
      expect(verifyInvitation(qrA[0]!, jwkKey).ok).toBe(true);
    });

    it('takes no receipt and prints no invitation before PT Pos accepted the batch (409), then does', async () => {
      const pdf = await api('GET', `/distribution/batches/${batchId}/invitations/${PLACES.villageA}`, 'pos');
      expect(pdf.statusCode, pdf.body).toBe(409);
      expect(pdf.json().code).toBe('distribution.batch_not_accepted');
      const job = await api('POST', `/distribution/batches/${batchId}/invitations/job`, 'dinsos', {});
      expect(job.statusCode, job.body).toBe(409);
      expect(job.json().code).toBe('distribution.batch_not_accepted');
      const viaJobs = await api('POST', '/jobs', 'pos', {
        kind: 'distribution.invitations',
        params: { batchId },
      });
      expect(viaJobs.statusCode, viaJobs.body).toBe(409);
      expect(await count('jobs')).toBe(0);
      const scan = await api('POST', '/distribution/receipts/scan', 'pos', { qr: qrA[0] });
      expect(scan.json()).toMatchObject({ accepted: false, stopped: false });
      const early = await api('POST', '/distribution/receipts', 'pos', { qr: qrA[0], ...evidence() });
      expect(early.statusCode, early.body).toBe(409);
      expect(early.json().code).toBe('distribution.not_accepted');
      expect(await count('receipts')).toBe(0);
      expect(await count('attachments')).toBe(0);
      const accept = await api('POST', `/distribution/batches/${batchId}/accept`, 'pos', {});
      expect(accept.statusCode, accept.body).toBe(200);
      const after = await api('POST', '/distribution/receipts/scan', 'pos', { qr: qrA[0] });
      expect(after.json()).toMatchObject({ accepted: true });
    });

    it('lists villages and streams a village PDF of invitations to the partner (audited), hidden elsewhere', async () => {
      const list = await api('GET', `/distribution/batches/${batchId}/invitations`, 'pos');
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((v: { code: string; letters: number }) => [v.code, v.letters])).toEqual([
        [PLACES.villageA, 8],
        [PLACES.villageB, 2],
      ]);
      const pdf = await api('GET', `/distribution/batches/${batchId}/invitations/${PLACES.villageA}`, 'pos');
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['cache-control']).toBe('no-store');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.subarray(-6).toString()).toContain('%%EOF');
      // The programme by its name, not its code.
      const text = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
      expect(text).toContain('Bantuan Pangan Non Tunai');
      expect(text).not.toContain('BPNT - periode');
      const hidden = await api(
        'GET',
        `/distribution/batches/${batchId}/invitations/${PLACES.villageA}`,
        'pos-other',
      );
      expect(hidden.statusCode).toBe(404);
      const audited = await db()
        .selectFrom('auditLog')
        .select('action')
        .where('action', '=', 'distribution.invitations')
        .execute();
      expect(audited).toHaveLength(1);
    });

    it('writes the invitations as a job: one stored PDF per village, a ZIP download (audited); a resumed run skips finished villages', async () => {
      const before = await db()
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'distribution.invitations')
        .executeTakeFirstOrThrow();
      const url = `/distribution/batches/${batchId}/invitations/job`;
      expect((await api('POST', url, 'dinsos-other', {})).statusCode).toBe(404);
      expect((await api('POST', url, 'dinsos', { village: 'x' })).statusCode).toBe(400);
      const started = await api('POST', url, 'dinsos', {});
      expect(started.statusCode, started.body).toBe(202);
      const jobId = started.json().jobId;
      await new JobWorker(t.container.jobs).drain();
      const job = (await api('GET', `/jobs/${jobId}`, 'dinsos')).json();
      expect(job.state, JSON.stringify(job.error)).toBe('done');
      expect(job.result.letters).toBe(10);
      expect(
        job.result.files.map((f: { village: string; letters: number }) => [f.village, f.letters]),
      ).toEqual([
        [PLACES.villageA, 8],
        [PLACES.villageB, 2],
      ]);
      const zip = await api('GET', `/jobs/${jobId}/result`, 'dinsos');
      expect(zip.statusCode, zip.body).toBe(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      expect(zip.headers['cache-control']).toBe('no-store');
      expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(zip.rawPayload.toString('latin1')).toContain(`undangan-BPNT-${PERIOD}-${PLACES.villageB}.pdf`);
      expect((await api('GET', `/jobs/${jobId}/result`, 'admin')).statusCode).toBe(404);
      const after = await db()
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'distribution.invitations')
        .executeTakeFirstOrThrow();
      // One read per village written, one per download.
      expect(Number(after.n) - Number(before.n)).toBe(3);

      // A run resuming after a crash (attempt 2) skips the village its checkpoint recorded; writes the other,
      // removing what the killed attempt left half-written.
      const jobDir = join(t.container.config.dataDir, 'invitations', jobId);
      writeFileSync(join(jobDir, `${PLACES.villageB}-1.pdf.part`), '%PDF-half');
      const kind = t.container.jobs.kindOf(DISTRIBUTION_INVITATIONS)!;
      const saved: unknown[] = [];
      const result = (await kind.run({
        id: jobId,
        attempt: 2,
        actor: await actorFor(t.container, 'dinsos'),
        params: { batchId },
        resume: { files: [job.result.files[0]] },
        checkpoint: async (_progress: unknown, state?: unknown) => void saved.push(state),
      } as never)) as { files: { village: string; bytes: number }[] };
      expect(saved).toHaveLength(1);
      expect((saved[0] as { files: { village: string }[] }).files.map((f) => f.village)).toEqual([
        PLACES.villageA,
        PLACES.villageB,
      ]);
      expect(result.files).toEqual(job.result.files);
      expect(readdirSync(jobDir).sort()).toEqual([`${PLACES.villageA}.pdf`, `${PLACES.villageB}.pdf`]);
    });

    it('writes the same bytes with villages on two worker threads as in the job’s own thread', async () => {
      const now = new Date('2026-04-02T03:04:05Z');
      const files: Record<string, Buffer>[] = [];
      for (const threads of [1, 2]) {
        const dir = mkdtempSync(join(tmpdir(), 'dtks-invitations-'));
        try {
          const kind = invitationsJob(t.container.receipts, { dir, ttlHours: 1, now: () => now, threads });
          const id = crypto.randomUUID();
          const saved: unknown[] = [];
          const result = (await kind.run({
            id,
            attempt: 1,
            actor: await actorFor(t.container, 'dinsos'),
            params: { batchId },
            resume: null,
            checkpoint: async (_progress: unknown, state?: unknown) => void saved.push(state),
          } as never)) as { files: { village: string; letters: number }[] };
          expect(result.files.map((f) => [f.village, f.letters])).toEqual([
            [PLACES.villageA, 8],
            [PLACES.villageB, 2],
          ]);
          expect(saved).toHaveLength(2);
          files.push(
            Object.fromEntries(
              result.files.map((f) => [f.village, readFileSync(join(dir, id, `${f.village}.pdf`))]),
            ),
          );
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const [one, two] = files as [Record<string, Buffer>, Record<string, Buffer>];
      for (const village of [PLACES.villageA, PLACES.villageB]) {
        expect(one[village]!.subarray(0, 5).toString()).toBe('%PDF-');
        expect(two[village]!.equals(one[village]!), village).toBe(true);
      }
    });

    it("PT Pos starts, follows, downloads and cancels its own invitation jobs; others' jobs are absent to it", async () => {
      const url = `/distribution/batches/${batchId}/invitations/job`;
      const theirs = (await api('GET', '/jobs', 'dinsos')).json().items[0];
      expect(theirs.kind).toBe('distribution.invitations');
      for (const [method, path] of [
        ['GET', `/jobs/${theirs.id}`],
        ['GET', `/jobs/${theirs.id}/result`],
        ['POST', `/jobs/${theirs.id}/cancel`],
      ] as const) {
        const res = await api(method, path, 'pos');
        expect(res.statusCode, path).toBe(404);
        expect(res.json().code).toBe('record.not_found');
      }
      expect((await api('GET', '/jobs', 'pos')).json().items).toEqual([]);
      // A kind partners may not start is unknown to them; a batch outside the territory is absent.
      const other = await api('POST', '/jobs', 'pos', { kind: 'penetapan.determine', params: {} });
      expect(other.statusCode).toBe(400);
      expect(JSON.stringify(other.json())).toContain('job.unknown_kind');
      expect((await api('POST', url, 'pos-other', {})).statusCode).toBe(404);

      const started = await api('POST', url, 'pos', { village: PLACES.villageB });
      expect(started.statusCode, started.body).toBe(202);
      const mine = started.json().jobId;
      expect((await api('GET', '/jobs', 'pos')).json().items.map((j: { id: string }) => j.id)).toEqual([
        mine,
      ]);
      expect((await api('GET', `/jobs/${mine}`, 'pos-other')).statusCode).toBe(404);
      await new JobWorker(t.container.jobs).drain();
      const job = (await api('GET', `/jobs/${mine}`, 'pos')).json();
      expect(job.state, JSON.stringify(job.error)).toBe('done');
      expect(job.result.letters).toBe(2);
      const zip = await api('GET', `/jobs/${mine}/result`, 'pos');
      expect(zip.statusCode, zip.body).toBe(200);
      expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK');

      const second = await api('POST', url, 'pos', {});
      expect(second.statusCode, second.body).toBe(202);
      const cancelled = await api('POST', `/jobs/${second.json().jobId}/cancel`, 'pos');
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json().state).toBe('cancelled');
    });

    it('shows the officer the KPM after a scan; a forged or altered code is 400 and writes nothing', async () => {
      const scan = await api('POST', '/distribution/receipts/scan', 'pos', { qr: qrA[0] });
      expect(scan.statusCode, scan.body).toBe(200);
      expect(scan.json()).toMatchObject({
        amount: BPNT,
        state: 'allocated',
        stopped: false,
        receivedAt: null,
      });
      expect(scan.json().headName).toMatch(/^Kepala /);

      const altered = alteredQr(qrA[0]!, { a: 9_000_000 });
      const before = await count('receipts');
      for (const qr of [
        altered,
        flip(qrA[0]!, qrA[0]!.length - 20),
        'DTKS1.x.y',
        'DTKS2:x',
        'https://example.org',
      ]) {
        const res = await api('POST', '/distribution/receipts', 'pos', { qr, ...evidence() });
        expect(res.statusCode, qr).toBe(400);
        expect(res.json().code).toBe('distribution.invalid_qr');
      }
      expect(await count('receipts')).toBe(before);
    });

    it('records the first scan (201), refuses a repeat with when and where (409), returns the same device its own', async () => {
      const missing = await api('POST', '/distribution/receipts', 'pos', { qr: qrA[0] });
      expect(missing.statusCode).toBe(400);
      expect(JSON.stringify(missing.json())).toContain('distribution.evidence_missing');
      const notAnImage = await api('POST', '/distribution/receipts', 'pos', {
        qr: qrA[0],
        photo: Buffer.from('MZ not an image').toString('base64'),
        signature: pngBase64(),
      });
      expect(notAnImage.statusCode, notAnImage.body).toBe(400);
      expect(await count('receipts')).toBe(0);
      expect(
        (await api('POST', '/distribution/receipts', 'dinsos', { qr: qrA[0], ...evidence() })).statusCode,
      ).toBe(403);

      const first = await api('POST', '/distribution/receipts', 'pos', {
        qr: qrA[0],
        ...evidence(),
        clientId: 'device-1:0001',
        deviceId: 'device-1',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ pointId: pointA, amount: BPNT, representative: false });
      const photos = await db()
        .selectFrom('attachments')
        .select('kind')
        .where('ownerId', '=', first.json().id)
        .execute();
      expect(photos.map((p) => p.kind).sort()).toEqual(['receipt_photo', 'receipt_signature']);

      const again = await api('POST', '/distribution/receipts', 'pos', { qr: qrA[0], ...evidence() });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'distribution.already_received',
        receivedAt: first.json().receivedAt,
        pointId: pointA,
      });
      const sameDevice = await api('POST', '/distribution/receipts', 'pos', {
        qr: qrA[0],
        ...evidence(),
        clientId: 'device-1:0001',
      });
      expect(sameDevice.statusCode).toBe(200);
      expect(sameDevice.json().id).toBe(first.json().id);
      expect(await count('receipts')).toBe(1);
    });

    it('accepts a representative with a proof document', async () => {
      const res = await api('POST', '/distribution/receipts', 'pos', {
        qr: qrA[1],
        photo: pngBase64(3),
        representative: { name: 'Siti (anak)', proof: pngBase64(4) },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ representative: true, representativeName: 'Siti (anak)' });
    });

    it('concurrent double scans (two devices syncing) make exactly one receipt; the others are told', async () => {
      for (const qr of qrA.slice(2, 5)) {
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            api('POST', '/distribution/receipts', 'pos', { qr, ...evidence(), clientId: `device-${i}:1` }),
          ),
        );
        const codes = results.map((r) => r.statusCode).sort();
        expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
        for (const r of results.filter((x) => x.statusCode === 409)) {
          expect(r.json()).toMatchObject({ code: 'distribution.already_received', pointId: pointA });
        }
      }
      expect(await count('receipts')).toBe(5);
      const delivered = await db()
        .selectFrom('entitlements')
        .select('id')
        .where('batchId', '=', batchId)
        .where('state', '=', 'delivered')
        .execute();
      expect(delivered).toHaveLength(5);
    });

    it('moves one KPM to another point by hand (audited; re-mapping keeps it), refused once it received', async () => {
      const pointB = (
        await db()
          .selectFrom('distributionPoints')
          .select('id')
          .where('code', '=', 'KP-B')
          .executeTakeFirstOrThrow()
      ).id;
      const open = await db()
        .selectFrom('entitlements')
        .select('householdId')
        .where('batchId', '=', batchId)
        .where('villageCode', '=', PLACES.villageA)
        .where('state', '=', 'allocated')
        .where('householdId', '!=', homes[6]!.id)
        .orderBy('householdId')
        .executeTakeFirstOrThrow();
      const url = (h: string) => `/distribution/batches/${batchId}/records/${h}/point`;
      expect((await api('POST', url(open.householdId), 'pos-other', { pointId: pointB })).statusCode).toBe(
        404,
      );
      expect((await api('POST', url(open.householdId), 'pos', { pointId: homes[0]!.id })).statusCode).toBe(
        404,
      );
      const moved = await api('POST', url(open.householdId), 'pos', { pointId: pointB, note: 'Dekat rumah' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().pointId).toBe(pointB);
      const points = async () =>
        (
          await db()
            .selectFrom('entitlements')
            .select('pointId')
            .where('batchId', '=', batchId)
            .where('householdId', '=', open.householdId)
            .execute()
        ).map((e) => e.pointId);
      expect(await points()).toEqual([pointB]);
      expect((await api('POST', `/distribution/batches/${batchId}/map`, 'pos')).statusCode).toBe(200);
      expect(await points()).toEqual([pointB]);
      const audited = await db()
        .selectFrom('auditLog')
        .select(['entityId', 'details'])
        .where('action', '=', 'distribution.point_move')
        .execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]!.entityId).toBe(open.householdId);
      // Back to its point (the schedule of KP-B is over; later tests count on it).
      expect((await api('POST', url(open.householdId), 'dinsos', { pointId: pointA })).statusCode).toBe(200);
      expect(await points()).toEqual([pointA]);

      const received = await db()
        .selectFrom('entitlements')
        .select('householdId')
        .where('batchId', '=', batchId)
        .where('state', '=', 'delivered')
        .executeTakeFirstOrThrow();
      const refused = await api('POST', url(received.householdId), 'pos', { pointId: pointB });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().code).toBe('distribution.move_received');
    });

    it('refuses outside the schedule or territory (403) and a stopped recipient', async () => {
      const late = await api('POST', '/distribution/receipts', 'pos', { qr: qrB[0], ...evidence() });
      expect(late.statusCode).toBe(403);
      expect(late.json().code).toBe('distribution.outside_schedule');
      const early = await api('POST', '/distribution/receipts', 'pos', {
        qr: qrA[5],
        ...evidence(),
        receivedAt: new Date(Date.now() - 72 * HOUR).toISOString(),
      });
      expect(early.statusCode).toBe(403);
      const elsewhere = await api('POST', '/distribution/receipts', 'pos-other', {
        qr: qrA[5],
        ...evidence(),
      });
      expect(elsewhere.statusCode).toBe(403);
      expect(elsewhere.json().code).toBe('distribution.outside_territory');

      const stoppedHome = homes[6]!.id;
      await db().updateTable('households').set({ status: 'removed' }).where('id', '=', stoppedHome).execute();
      const stoppedQr = qrA.find((q) => {
        return qrPayload(q).k.endsWith('06');
      })!;
      const stopped = await api('POST', '/distribution/receipts', 'pos', { qr: stoppedQr, ...evidence() });
      expect(stopped.statusCode).toBe(409);
      expect(stopped.json().code).toBe('distribution.recipient_stopped');
      expect(await count('receipts')).toBe(5);
    });

    it('returns undelivered entitlements after the schedule with a reason; reconciliation moves', async () => {
      expect(
        (
          await api('POST', `/distribution/batches/${batchId}/undelivered`, 'pos', {
            reason: 'NOT_COLLECTED',
          })
        ).statusCode,
      ).toBe(403);
      const res = await api('POST', `/distribution/batches/${batchId}/undelivered`, 'dinsos', {
        reason: 'NOT_COLLECTED',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ returned: 2, amount: 2 * BPNT, packages: 0 });
      const rec = await api(
        'GET',
        `/distribution/reconciliation?period=${PERIOD}&region=${PLACES.regency}`,
        'dinsos',
      );
      expect(rec.statusCode, rec.body).toBe(200);
      expect(rec.json()).toMatchObject({ allocated: 10, delivered: 5, returned: 2, outstanding: 3 });
      const scan = await api('POST', '/distribution/receipts/scan', 'pos', { qr: qrB[0] });
      expect(scan.json()).toMatchObject({ state: 'returned', stopped: true });
    });
  });
}
