/**
 * .siks bundles over HTTP: the Dinas Sosial trusts a laptop's key, verifies an uploaded bundle (intact;
 * tampered → the part named), imports it as a job whose result carries the five counts (again: unchanged),
 * downloads a working set; roles without the permission are refused, anonymous callers get 401.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { oneProposalBundle } from '../factories/field-changes.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const clock = new Date('2026-03-16T09:00:00+07:00');

for (const engine of ENGINES) {
  describe(`bundles API (${engine})`, () => {
    let t: TestDb;
    let laptop: TestDb;
    let app: FastifyInstance;
    let dinsos: Record<string, string>;
    let op: Record<string, string>;
    let dir: string;
    let file: string;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      laptop = await openTestDb('sqlite', { now: () => clock });
      await createUsers(t.container);
      app = await testApp(t.container);
      dinsos = await login(app, 'dinsos');
      op = await login(app, 'op-a');
      dir = mkdtempSync(join(tmpdir(), 'dtks-bundles-http-'));
      const opId = (await actorFor(t.container, 'op-a')).userId!;
      file = join(dir, 'changes.siks');
      await oneProposalBundle(laptop.container, { recordedBy: opId, recordedAt: clock, file });
      await t.container.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 71));
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
      await laptop?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const post = (url: string, headers: Record<string, string>, body: Buffer) =>
      app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: body,
      });

    it('trusts a key, verifies, imports as a job (again: unchanged), names a tampered part', async () => {
      const bytes = readFileSync(file);
      const untrusted = await post('/bundles/verify', dinsos, bytes);
      expect(untrusted.statusCode, untrusted.body).toBe(200);
      expect(untrusted.json()).toMatchObject({
        ok: false,
        part: 'signature.json',
        code: 'bundle.untrusted_key',
      });

      const refusedRole = await app.inject({
        method: 'POST',
        url: '/api/v1/bundles/trusted-keys',
        headers: op,
        payload: {
          name: 'x',
          publicKey: laptop.container.bundles.installationKey().publicKey,
          regionCode: PLACES.villageA,
        },
      });
      expect(refusedRole.statusCode).toBe(403);
      const trusted = await app.inject({
        method: 'POST',
        url: '/api/v1/bundles/trusted-keys',
        headers: dinsos,
        payload: {
          name: 'Laptop A',
          publicKey: laptop.container.bundles.installationKey().publicKey,
          regionCode: PLACES.districtA,
        },
      });
      expect(trusted.statusCode, trusted.body).toBe(201);
      const list = await app.inject({ method: 'GET', url: '/api/v1/bundles/trusted-keys', headers: dinsos });
      expect(list.json().items).toHaveLength(1);

      const ok = await post('/bundles/verify', dinsos, bytes);
      expect(ok.json()).toMatchObject({ ok: true, signer: { name: 'Laptop A' } });
      const flipped = Buffer.from(bytes);
      flipped[60] = flipped[60]! ^ 1; // inside the first part's compressed bytes
      const bad = await post('/bundles/verify', dinsos, flipped);
      expect(bad.json()).toMatchObject({ ok: false });

      for (const expected of [
        { created: 1, updated: 0, unchanged: 0, conflicts: 0, rejected: 0 },
        { created: 0, updated: 0, unchanged: 1, conflicts: 0, rejected: 0 },
      ]) {
        const started = await post('/bundles/import?name=changes.siks', dinsos, bytes);
        expect(started.statusCode, started.body).toBe(202);
        await new JobWorker(t.container.jobs).drain();
        const job = await app.inject({
          method: 'GET',
          url: `/api/v1/jobs/${started.json().jobId}`,
          headers: dinsos,
        });
        expect(job.json()).toMatchObject({ state: 'done', result: expected });
        // Streamed to a file, not stored with the job; removed once imported.
        const stored = await t.container.database.db
          .selectFrom('jobInputs')
          .select('jobId')
          .where('jobId', '=', started.json().jobId)
          .execute();
        expect(stored).toEqual([]);
        expect(readdirSync(join(t.container.config.dataDir, 'bundle-uploads'))).toEqual([]);
      }
      const anonymous = await app.inject({ method: 'GET', url: '/api/v1/bundles/trusted-keys' });
      expect(anonymous.statusCode).toBe(401);
    });

    it("imports only its owner's upload; an oversized upload stops and leaves no file", async () => {
      const owner = await actorFor(t.container, 'dinsos');
      const other = await actorFor(t.container, 'camat-a');
      const uploads = join(t.container.config.dataDir, 'bundle-uploads');
      const { upload } = await t.container.bundles.receiveUpload(owner, readFileSync(file), 1 << 20);
      const drain = () => new JobWorker(t.container.jobs).drain();
      const foreign = await t.container.jobs.enqueue(other, 'bundle.import', { source: 'x', upload });
      await drain();
      expect(await t.container.jobs.get(other, foreign.id)).toMatchObject({
        state: 'failed',
        error: { code: 'record.not_found' },
      });
      expect(readdirSync(uploads)).toHaveLength(1);
      const own = await t.container.jobs.enqueue(owner, 'bundle.import', { source: 'x', upload });
      await drain();
      expect(await t.container.jobs.get(owner, own.id)).toMatchObject({ state: 'done' });
      expect(readdirSync(uploads)).toEqual([]);

      await expect(t.container.bundles.receiveUpload(owner, Buffer.alloc(4096), 1024)).rejects.toMatchObject({
        code: 'attachment.too_large',
      });
      expect(readdirSync(uploads)).toEqual([]);
    });

    it('downloads a working set as a signed bundle', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/bundles/export?region=${PLACES.districtA}`,
        headers: dinsos,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/siks/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const opRes = await app.inject({
        method: 'GET',
        url: `/api/v1/bundles/export?region=${PLACES.villageA}`,
        headers: op,
      });
      expect(opRes.statusCode).toBe(403);
    });
  });
}
