/**
 * The hourly limit of identity refusals (IDENTITY_PROBE_LIMIT, 3 here): refusals inside one's own territory
 * do not count; at the limit every write that would check NIKs or KK numbers answers 429 with Retry-After
 * before checking anything (so the 429 itself tells nothing), other writes and other users go on; the
 * window rolls. A CSV import reports its probes with the neutral reason and stops at the limit, leaving the
 * rest not processed; at the limit it is refused before the file is read.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import type { RejectedLine } from '../../src/modules/transfer/transfer.service.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';
import { importThroughJob } from '../support/jobs.ts';

type Headers = Record<string, string>;
const LIMIT = 3;
const HOUR = 3600_000;

for (const engine of ENGINES) {
  describe(`identity probe limit (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let now = new Date('2026-03-16T09:00:00+07:00');
    const as: Record<string, Headers> = {};
    /** In village A, which op-b and dinsos-other cannot see. */
    const held = makeHousehold(PLACES.villageA, 1);
    /** In village B, op-b's own. */
    const ownHousehold = makeHousehold(PLACES.villageB, 2);
    let ownId: string;
    let n = 10;

    const post = (who: string, url: string, payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as[who], payload });
    /** A household of village B with member `i` of the held household in its place (a fresh one without). */
    const householdB = (i?: number) => {
      const h = makeHousehold(PLACES.villageB, n++);
      if (i !== undefined) h.members[i] = { ...held.members[i]! };
      return h;
    };
    const probeRows = async (who: string) => {
      const r = await t.container.database.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'identity.probe')
        .where('actorUsername', '=', who)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    const notices = async () => {
      const r = await t.container.database.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    const expectLimited = (res: LightMyRequestResponse, retryAfter: number) => {
      expect(res.statusCode, res.body).toBe(429);
      expect(res.headers['retry-after']).toBe(String(retryAfter));
      const { instance: _i, requestId: _ir, ...body } = res.json();
      expect(body).toEqual({
        type: 'urn:dtks:problem:identity.probe_limit',
        title: 'Terlalu banyak permintaan',
        status: 429,
        code: 'identity.probe_limit',
        detail: expect.stringMatching(/^Terlalu banyak NIK\/Nomor KK yang ditolak/),
        retryAfter,
      });
    };

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => now, identityProbeLimit: LIMIT });
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'dinsos-other']) as[u] = await login(app, u);
      await t.container.households.create(systemActor('test'), held);
      ownId = (await t.container.households.create(systemActor('test'), ownHousehold)).id;
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('refusals inside the own territory do not count', async () => {
      for (let i = 0; i < LIMIT + 2; i++) {
        const res = await post('op-b', '/households', { ...householdB(), members: ownHousehold.members });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('nik.already_registered');
      }
      expect(await probeRows('op-b')).toBe(0);
    });

    it(`after ${LIMIT} refusals every identity-checking write answers 429 before any check`, async () => {
      for (const i of [0, 1, 2]) {
        const res = await post('op-b', '/households', householdB(i));
        expect(res.json().code).toBe('identity.unavailable');
      }
      expect(await probeRows('op-b')).toBe(LIMIT);
      const before = { rows: await rowCounts(t.container), notices: await notices() };

      // A household that would be registered, and one naming a held NIK: the same 429, nothing checked.
      expectLimited(await post('op-b', '/households', householdB()), 3600);
      expectLimited(await post('op-b', '/households', householdB(0)), 3600);
      expectLimited(
        await post('op-b', '/usulan', { kind: 'baru', household: householdB(), reason: 'Baru' }),
        3600,
      );
      const ppks = {
        nik: makeNik(PLACES.districtB, '1950-01-01', 'F', 9001),
        name: 'Sumiyati',
        regionCode: PLACES.villageB,
        categories: [{ category: 'penyandang_disabilitas', startDate: '2022-06-01' }],
      };
      expectLimited(await post('op-b', '/ppks', ppks), 3600);
      const after = await rowCounts(t.container);
      expect(after.households).toBe(before.rows.households);
      expect(after.auditLog).toBe(before.rows.auditLog + 4); // the four identity.probe_limit entries
      expect(await probeRows('op-b')).toBe(LIMIT);
      expect(await notices()).toBe(before.notices);

      // Writes that name no NIK or KK number, and other users, go on.
      const edit = await app.inject({
        method: 'PATCH',
        url: `/api/v1/households/${ownId}`,
        headers: as['op-b'],
        payload: { version: 1, reason: 'Alamat', address: 'Dusun Baru No. 1' },
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect((await post('op-b', '/ppks', { ...ppks, nik: undefined })).statusCode).toBe(201);
      const other = makeHousehold(PLACES.villageA, 30);
      expect((await post('op-a', '/households', other)).statusCode).toBe(201);

      // Forty minutes on, the oldest refusal leaves the hour in twenty.
      now = new Date(now.getTime() + 40 * 60_000);
      expectLimited(await post('op-b', '/households', householdB()), 20 * 60);
      const limited = await t.container.database.db
        .selectFrom('auditLog')
        .select('details')
        .where('action', '=', 'identity.probe_limit')
        .where('actorUsername', '=', 'op-b')
        .orderBy('seq')
        .execute();
      expect(limited.map((r) => JSON.parse(r.details).write)).toEqual([
        'household.create',
        'household.create',
        'usulan.create',
        'ppks.create',
        'household.create',
      ]);
    });

    it('the window rolls: an hour after the refusals the user is checked again', async () => {
      now = new Date(now.getTime() + 21 * 60_000);
      const res = await post('op-b', '/households', householdB());
      expect(res.statusCode, res.body).toBe(201);
    });

    it('an import reports probes neutrally, stops at the limit and leaves the rest not processed', async () => {
      const village = PLACES.otherVillage;
      const clean = (k: number) => makeHousehold(village, k);
      const probing = (k: number, member: number) => {
        const h = makeHousehold(village, k);
        h.members[member] = { ...held.members[member]! };
        return h;
      };
      const file = [
        clean(1),
        probing(2, 1),
        clean(3),
        probing(4, 0),
        { ...clean(5), kkNumber: held.kkNumber },
      ];
      file.push(clean(6), probing(7, 2), clean(8));
      const { started, job } = await importThroughJob(app, t.container, {
        headers: { ...as['dinsos-other'], 'content-type': 'text/csv' },
        payload: householdsCsv(file),
      });
      expect(started.statusCode, started.body).toBe(202);
      const res = job!;
      const report = res.json().result;
      expect(report).toMatchObject({
        households: 8,
        created: 2,
        rejected: 3,
        rejectedLines: 9,
        notProcessed: 3,
        notProcessedLines: 9,
      });
      const byLine = new Map<number, RejectedLine>(report.rows.map((r: RejectedLine) => [r.line, r]));
      // Household 2 (lines 5–7): its spouse (line 6) is held elsewhere.
      expect(byLine.get(6)!.issues).toEqual([
        expect.objectContaining({
          field: 'nik',
          code: 'identity.unavailable',
          message: expect.stringMatching(/^NIK ini tidak dapat/),
        }),
      ]);
      expect(byLine.get(5)!.issues[0]!.code).toBe('import.household_rejected');
      // Household 5 (lines 14–16): its KK number is held elsewhere.
      expect(byLine.get(14)!.issues).toEqual([
        expect.objectContaining({ field: 'kk_number', code: 'identity.unavailable' }),
      ]);
      for (const line of [17, 18, 19, 20, 21, 22, 23, 24, 25]) {
        expect(byLine.get(line), String(line)).toMatchObject({
          status: 'not_processed',
          issues: [{ code: 'identity.probe_limit' }],
        });
      }
      expect(res.body).not.toContain(PLACES.villageA);
      expect(res.body).not.toContain(held.members[0]!.name);
      expect(await probeRows('dinsos-other')).toBe(LIMIT);

      // At the limit, a second import is refused before its file is read.
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/households',
        headers: { ...as['dinsos-other'], 'content-type': 'text/csv' },
        payload: householdsCsv([clean(9)]),
      });
      expectLimited(again, 3600);
    });

    it('an import that reaches the limit between chunks leaves every later chunk unchecked', async () => {
      now = new Date(now.getTime() + 2 * HOUR);
      const actor = await actorFor(t.container, 'dinsos-other');
      const village = PLACES.otherVillage;
      const probing = (k: number, member: number) => {
        const h = makeHousehold(village, k);
        h.members[member] = { ...held.members[member]! };
        return h;
      };
      // Chunks of two: the third probe fills the limit at the end of the second chunk.
      const file = [probing(40, 0), probing(41, 1), makeHousehold(village, 42), probing(43, 2)];
      file.push(makeHousehold(village, 44), makeHousehold(village, 45));
      const rows: RejectedLine[] = [];
      const summary = await t.container.transfer.importHouseholdsCsv(
        actor,
        Readable.from([householdsCsv(file)]),
        {
          acceptWarnings: false,
          source: 'chunks.csv',
          chunkSize: 2,
          onRejected: (r) => rows.push(r),
        },
      );
      expect(summary).toMatchObject({
        households: 6,
        created: 1,
        rejected: 3,
        notProcessed: 2,
        notProcessedLines: 6,
      });
      expect(rows.filter((r) => r.status === 'not_processed').map((r) => r.line)).toEqual([
        14, 15, 16, 17, 18, 19,
      ]);
    });
  });
}
