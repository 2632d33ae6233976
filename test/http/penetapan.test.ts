import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { blobFiles } from '../support/blobs.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Inside the March proposal window (Jakarta time); moved to April for the second period. */
let clock = new Date('2026-03-20T09:00:00+07:00');

const SUMMARY_KEYS = ['added', 'changed', 'checksum', 'households', 'period', 'persons', 'removed'];

for (const engine of ENGINES) {
  describe(`pengesahan and penetapan (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const h: Record<string, Record<string, string>> = {};
    const ids = { a1: '', a2: '', b1: '', o1: '', sub: '' };
    let first: Record<string, unknown>;

    const as = (user: string) => h[user]!;
    const db = () => t.container.database.db;
    const actorOf = async (username: string): Promise<Actor> => {
      const u = await db()
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return {
        userId: u.id,
        username,
        role: u.role as Actor['role'],
        regionCode: u.regionCode,
        ip: null,
        userAgent: null,
      };
    };
    const createHousehold = async (user: string, village: string, n: number) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as(user),
        payload: { ...makeHousehold(village, n), confirmWarnings: true },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    /** A Musdes session whose Berita Acara was signed (the Musdes module owns how it gets there). */
    const signedSession = async (village: string, period: string) => {
      const now = clock.toISOString();
      const [p, r, d] = [2, 5, 8].map((n) => village.slice(0, n));
      await db()
        .insertInto('musdesSessions')
        .values({
          id: newId(),
          period,
          state: 'signed',
          heldOn: `${period}-10`,
          place: 'Balai desa',
          participants: '[]',
          counts: null,
          beritaAcaraId: null,
          signedScanId: null,
          provinceCode: p!,
          regencyCode: r!,
          districtCode: d!,
          villageCode: village,
          version: 1,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
          updatedBy: null,
        })
        .execute();
    };
    const open = async (user: string, period: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: as(user),
        payload: { period },
      });
      expect([200, 201], res.body).toContain(res.statusCode);
      return res.json();
    };
    const uploadLetter = (user: string, id: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/approval-letter?name=surat.pdf`,
        headers: { ...as(user), 'content-type': 'application/pdf' },
        payload: pdfFile('Surat pengesahan Bupati'),
      });
    /** Sends the submission; `confirm` acknowledges villages still open and proposals unresolved. */
    const submit = (user: string, id: string, version: number, confirm = true) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/submit`,
        headers: as(user),
        payload: { version, ...(confirm ? { confirm } : {}) },
      });
    const determine = (user: string, period: string) =>
      app.inject({ method: 'POST', url: `/api/v1/periods/${period}/penetapan`, headers: as(user) });
    const readAsOf = (user: string, id: string, period: string) =>
      app.inject({ url: `/api/v1/households/${id}?asOf=${period}`, headers: as(user) });

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      await t.container.users.create(systemActor('test'), {
        username: 'op-other',
        role: 'operator_desa',
        regionCode: PLACES.otherVillage,
        password: 'test-password-123',
      });
      app = await testApp(t.container);
      for (const u of [
        'op-a',
        'op-b',
        'kades-a',
        'dinsos',
        'dinsos-other',
        'pusdatin',
        'admin',
        'op-other',
      ]) {
        h[u] = await login(app, u);
      }
      ids.a1 = await createHousehold('dinsos', PLACES.villageA, 1);
      ids.a2 = await createHousehold('dinsos', PLACES.villageA2, 2);
      ids.b1 = await createHousehold('dinsos', PLACES.villageB, 3);
      ids.o1 = await createHousehold('dinsos-other', PLACES.otherVillage, 4);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('refuses determination to other roles (403) and malformed or future periods (400)', async () => {
      for (const user of ['op-a', 'dinsos', 'admin']) {
        const res = await determine(user, '2026-03');
        expect(res.statusCode, user).toBe(403);
        expect(res.json().code).toBe('penetapan.pusdatin_only');
      }
      for (const bad of ['2026-13', '2026-3', 'maret', '2026-03-01']) {
        const res = await determine('pusdatin', bad);
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().code).toBe('period.invalid');
      }
      const future = await determine('pusdatin', '2026-05');
      expect(future.statusCode).toBe(400);
      expect(future.json().code).toBe('penetapan.future_period');
      expect((await app.inject({ url: '/api/v1/periods/2026-03', headers: as('pusdatin') })).statusCode).toBe(
        404,
      );
    });

    it('prepares a regency submission: needs the approval letter and a signed Berita Acara', async () => {
      const forbidden = await app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: as('op-a'),
        payload: { period: '2026-03' },
      });
      expect(forbidden.statusCode).toBe(403);

      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: as('dinsos'),
        payload: { period: '2026-03' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const s = created.json();
      expect(s).toMatchObject({
        regencyCode: PLACES.regency,
        state: 'draft',
        version: 1,
        missing: ['approval_letter', 'berita_acara'],
      });
      expect(s.villages.signed).toBe(0);
      expect(s.villages.withoutSigned.map((v: { code: string }) => v.code)).toContain(PLACES.villageA);
      ids.sub = s.id;
      // The same regency and period give the same submission.
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: as('dinsos'),
        payload: { period: '2026-03' },
      });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(s.id);

      const early = await submit('dinsos', s.id, 1);
      expect(early.statusCode).toBe(400);
      expect(early.json().errors.map((e: { code: string }) => e.code)).toEqual([
        'submission.missing_approval_letter',
        'submission.missing_berita_acara',
      ]);
      const blobsBefore = blobFiles(t.container);
      const disguised = await app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${s.id}/approval-letter?name=surat.pdf`,
        headers: { ...as('dinsos'), 'content-type': 'application/pdf' },
        payload: Buffer.from('MZ this is no pdf'),
      });
      expect(disguised.statusCode).toBe(400);
      expect(blobFiles(t.container)).toEqual(blobsBefore);
      const letter = await uploadLetter('dinsos', s.id);
      expect(letter.statusCode, letter.body).toBe(201);
      expect(letter.json()).toMatchObject({ version: 2, hasApprovalLetter: true, missing: ['berita_acara'] });
      expect(letter.json().approvalLetter.mime).toBe('application/pdf');

      const noBa = await submit('dinsos', s.id, 2);
      expect(noBa.statusCode).toBe(400);
      expect(noBa.json().errors.map((e: { code: string }) => e.code)).toEqual([
        'submission.missing_berita_acara',
      ]);

      await signedSession(PLACES.villageA, '2026-03');
      await signedSession(PLACES.otherVillage, '2026-03');
      const view = (await app.inject({ url: `/api/v1/submissions/${s.id}`, headers: as('dinsos') })).json();
      expect(view.beritaAcara.map((b: { villageCode: string }) => b.villageCode)).toEqual([PLACES.villageA]);
      expect(view.villages.signed).toBe(1);
      expect(view.villages.withoutSigned.map((v: { code: string }) => v.code)).not.toContain(PLACES.villageA);
      expect(view.villages.withoutSigned.map((v: { code: string }) => v.code)).toContain(PLACES.villageB);
      expect(view.missing).toEqual([]);

      // Another regency's Dinas Sosial cannot see it; a village of the regency can follow it.
      expect(
        (await app.inject({ url: `/api/v1/submissions/${s.id}`, headers: as('dinsos-other') })).statusCode,
      ).toBe(404);
      expect((await app.inject({ url: `/api/v1/submissions/${s.id}`, headers: as('op-a') })).statusCode).toBe(
        200,
      );

      // Villages still open and proposals unresolved: refused with the list until confirmed; nothing changes.
      expect(view.unresolved.openSessions.map((o: { villageCode: string }) => o.villageCode)).toEqual([]);
      expect(view.unresolved.villagesWithoutSession).toBe(view.villages.total - 1);
      const unconfirmed = await submit('dinsos', s.id, 2, false);
      expect(unconfirmed.statusCode).toBe(409);
      expect(unconfirmed.json()).toMatchObject({
        code: 'submission.unresolved',
        openSessions: [],
        pendingTotal: 0,
        villagesWithoutSession: view.villages.total - 1,
      });
      expect(
        (await app.inject({ url: `/api/v1/submissions/${s.id}`, headers: as('dinsos') })).json(),
      ).toMatchObject({ state: 'draft', version: 2 });

      const ok = await submit('dinsos', s.id, 2);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ state: 'submitted', version: 3, beritaAcaraCount: 1 });
      // A double click (the same request again, with the version it was loaded with): the current state.
      const doubleClick = await submit('dinsos', s.id, 2);
      expect(doubleClick.statusCode, doubleClick.body).toBe(200);
      expect(doubleClick.json()).toMatchObject({ state: 'submitted', version: 3, unresolved: null });
      const twice = await submit('dinsos', s.id, 3);
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ currentState: 'submitted', allowed: ['return', 'determine'] });
      const late = await uploadLetter('dinsos', s.id);
      expect(late.statusCode).toBe(409);

      // Pusdatin returns it with a note; the regency hears about it and submits again.
      const badReturn = await app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${s.id}/return`,
        headers: as('dinsos'),
        payload: { version: 3, note: 'Lampiran kurang' },
      });
      expect(badReturn.statusCode).toBe(403);
      const returned = await app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${s.id}/return`,
        headers: as('pusdatin'),
        payload: { version: 3, note: 'Surat belum bertanggal' },
      });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json()).toMatchObject({ state: 'returned', note: 'Surat belum bertanggal' });
      const notes = (await app.inject({ url: '/api/v1/notifications', headers: as('dinsos') })).json();
      expect(JSON.stringify(notes)).toContain('Surat belum bertanggal');
      expect((await submit('dinsos', s.id, 4)).json().state).toBe('submitted');

      // The other regency submits too.
      const o = await open('dinsos-other', '2026-03');
      expect((await uploadLetter('dinsos-other', o.id)).statusCode).toBe(201);
      expect((await submit('dinsos-other', o.id, 2)).statusCode).toBe(200);

      const overview = await app.inject({
        url: '/api/v1/submissions/overview?period=2026-03',
        headers: as('pusdatin'),
      });
      expect(overview.statusCode, overview.body).toBe(200);
      const ov = overview.json();
      expect(ov.regencies.find((r: { code: string }) => r.code === PLACES.regency).state).toBe('submitted');
      expect(ov.regencies.find((r: { code: string }) => r.code === '33.09').state).toBe('none');
      expect(ov.totals.submitted).toBe(2);
      const list = await app.inject({ url: '/api/v1/submissions?period=2026-03', headers: as('dinsos') });
      expect(list.json().items.map((i: { regencyCode: string }) => i.regencyCode)).toEqual([PLACES.regency]);
    });

    it('determines the first period once, even under five concurrent requests', async () => {
      const answers = await Promise.all(Array.from({ length: 5 }, () => determine('pusdatin', '2026-03')));
      for (const a of answers) expect(a.statusCode, a.body).toBe(200);
      const bodies = answers.map((a) => a.json());
      for (const b of bodies) expect(b).toEqual(bodies[0]);
      first = bodies[0];
      expect(Object.keys(first).sort()).toEqual(SUMMARY_KEYS);
      expect(first).toMatchObject({
        period: '2026-03',
        households: 4,
        persons: 12,
        added: 4,
        removed: 0,
        changed: 0,
      });
      expect(first.checksum).toMatch(/^[0-9a-f]{64}$/);

      const rows = await db()
        .selectFrom('snapshotHouseholds')
        .select(['householdId', 'version'])
        .where('period', '=', '2026-03')
        .orderBy('householdId')
        .execute();
      expect(rows).toHaveLength(4);
      const { createHash } = await import('node:crypto');
      const expected = createHash('sha256')
        .update(rows.map((r) => `${r.householdId}:${r.version}\n`).join(''))
        .digest('hex');
      expect(first.checksum).toBe(expected);
      const periods = await db().selectFrom('periods').selectAll().execute();
      expect(periods).toHaveLength(1);
      expect(periods[0]).toMatchObject({ state: 'determined', skNumber: 'SK-DTKS/2026-03/0001' });
      const skFiles = await db().selectFrom('attachments').select('id').where('kind', '=', 'sk').execute();
      expect(skFiles).toHaveLength(1);

      const repeat = await determine('pusdatin', '2026-03');
      expect(repeat.json()).toEqual(first);
      const subs = await db()
        .selectFrom('submissions')
        .select('state')
        .where('period', '=', '2026-03')
        .execute();
      expect(subs.map((s) => s.state)).toEqual(['determined', 'determined']);
      const added = await app.inject({
        url: '/api/v1/periods/2026-03/changes?change=added',
        headers: as('pusdatin'),
      });
      expect(added.json().items).toHaveLength(4);
      for (const i of added.json().items) expect(i.reason).toBe('penetapan pertama');
    });

    it('lists periods, gives counts per province and regency, and serves the SK', async () => {
      const list = await app.inject({ url: '/api/v1/periods', headers: as('op-a') });
      expect(list.statusCode).toBe(200);
      expect(list.json().items[0]).toMatchObject({
        period: '2026-03',
        state: 'determined',
        skNumber: 'SK-DTKS/2026-03/0001',
        households: 4,
      });
      const detail = (await app.inject({ url: '/api/v1/periods/2026-03', headers: as('pusdatin') })).json();
      expect(detail.provinces).toEqual([
        expect.objectContaining({ code: '33', households: 4, persons: 12, added: 4 }),
      ]);
      expect(
        detail.regencies.map((r: { code: string; households: number }) => [r.code, r.households]),
      ).toEqual([
        [PLACES.regency, 3],
        [PLACES.otherRegency, 1],
      ]);
      const mine = (await app.inject({ url: '/api/v1/periods/2026-03', headers: as('dinsos') })).json();
      expect(mine.regencies.map((r: { code: string }) => r.code)).toEqual([PLACES.regency]);
      const sk = await app.inject({ url: '/api/v1/periods/2026-03/sk.pdf', headers: as('dinsos') });
      expect(sk.statusCode).toBe(200);
      expect(sk.headers['content-type']).toBe('application/pdf');
      expect(sk.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(
        (await app.inject({ url: '/api/v1/periods/2026-02/sk.pdf', headers: as('dinsos') })).statusCode,
      ).toBe(404);
    });

    it('determines a second period with exact added, removed and changed households and their reasons', async () => {
      clock = new Date('2026-04-16T09:00:00+07:00');
      // usulan baru, through the whole proposal path, approved by the Dinas Sosial.
      const draft = await app.inject({
        method: 'POST',
        url: '/api/v1/usulan',
        headers: as('op-a'),
        payload: {
          kind: 'baru',
          household: makeHousehold(PLACES.villageA, 9),
          reason: 'Keluarga miskin baru',
        },
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const u = draft.json();
      for (const kind of ['house_front', 'house_back', 'house_inside', 'kk_copy']) {
        const r = await app.inject({
          method: 'POST',
          url: `/api/v1/usulan/${u.id}/attachments?kind=${kind}&name=${kind}.jpg`,
          headers: { ...as('op-a'), 'content-type': 'image/jpeg' },
          payload: jpegFile(),
        });
        expect(r.statusCode, r.body).toBe(201);
      }
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/api/v1/usulan/${u.id}/submit`,
            headers: as('op-a'),
            payload: { version: 1 },
          })
        ).statusCode,
      ).toBe(200);
      const kades = await actorOf('kades-a');
      const dinsos = await actorOf('dinsos');
      await db()
        .transaction()
        .execute((trx) => t.container.usulan.advance(trx, kades, u.id, 'musdes_accept'));
      await db()
        .transaction()
        .execute((trx) => t.container.usulan.advance(trx, dinsos, u.id, 'verify'));
      const approved = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${u.id}/approve`,
        headers: as('dinsos'),
        payload: { version: 4 },
      });
      expect(approved.statusCode, approved.body).toBe(200);
      const newHousehold = (
        await db().selectFrom('usulan').select('householdId').where('id', '=', u.id).executeTakeFirstOrThrow()
      ).householdId!;

      // A correction after verivali, and a removal.
      const corrected = await app.inject({
        method: 'PATCH',
        url: `/api/v1/households/${ids.a2}`,
        headers: as('dinsos'),
        payload: { version: 1, reason: 'verivali 2026-04', address: 'Dusun Baru No. 7' },
      });
      expect(corrected.statusCode, corrected.body).toBe(200);
      const removed = await app.inject({
        method: 'POST',
        url: `/api/v1/households/${ids.b1}/removal`,
        headers: as('dinsos'),
        payload: { version: 1, reasonCode: 'moved_out', note: 'Pindah ke Jakarta' },
      });
      expect(removed.statusCode, removed.body).toBe(200);
      // The other regency changes a household but does not submit for April: DTKS keeps its March version.
      const otherChange = await app.inject({
        method: 'PATCH',
        url: `/api/v1/households/${ids.o1}`,
        headers: as('dinsos-other'),
        payload: { version: 1, reason: 'koreksi alamat', address: 'Jalan Lain 1' },
      });
      expect(otherChange.statusCode, otherChange.body).toBe(200);

      const s = await open('dinsos', '2026-04');
      await signedSession(PLACES.villageA, '2026-04');
      expect((await uploadLetter('dinsos', s.id)).statusCode).toBe(201);
      expect((await submit('dinsos', s.id, 2)).statusCode).toBe(200);

      const res = await determine('pusdatin', '2026-04');
      expect(res.statusCode, res.body).toBe(200);
      const second = res.json();
      expect(second).toMatchObject({
        period: '2026-04',
        households: 4,
        persons: 12,
        added: 1,
        removed: 1,
        changed: 1,
      });
      expect(second.checksum).not.toBe(first.checksum);
      expect((await determine('pusdatin', '2026-04')).json()).toEqual(second);

      const diff = (
        await app.inject({ url: '/api/v1/periods/2026-04/changes', headers: as('pusdatin') })
      ).json();
      const byId = new Map(diff.items.map((i: { householdId: string }) => [i.householdId, i]));
      expect(byId.size).toBe(3);
      expect(byId.get(newHousehold)).toMatchObject({ change: 'added', fromVersion: null, toVersion: 1 });
      expect((byId.get(newHousehold) as { reason: string }).reason).toMatch(/^create: usulan baru 2026-04/);
      expect(byId.get(ids.a2)).toMatchObject({
        change: 'changed',
        fromVersion: 1,
        toVersion: 2,
        reason: 'update: verivali 2026-04',
      });
      expect(byId.get(ids.b1)).toMatchObject({ change: 'removed', fromVersion: 1, toVersion: null });
      expect((byId.get(ids.b1) as { reason: string }).reason).toMatch(/^moved_out: remove: /);
      expect(byId.has(ids.o1)).toBe(false);

      const filtered = await app.inject({
        url: `/api/v1/periods/2026-04/changes?change=removed&region=${PLACES.regency}`,
        headers: as('pusdatin'),
      });
      expect(filtered.json().items.map((i: { householdId: string }) => i.householdId)).toEqual([ids.b1]);
      const page1 = (
        await app.inject({ url: '/api/v1/periods/2026-04/changes?limit=2', headers: as('pusdatin') })
      ).json();
      expect(page1.items).toHaveLength(2);
      const page2 = (
        await app.inject({
          url: `/api/v1/periods/2026-04/changes?limit=2&cursor=${page1.nextCursor}`,
          headers: as('pusdatin'),
        })
      ).json();
      expect(page2.items).toHaveLength(1);
      expect(page2.nextCursor).toBeNull();
      const opView = (
        await app.inject({ url: '/api/v1/periods/2026-04/changes', headers: as('op-a') })
      ).json();
      expect(opView.items.map((i: { householdId: string }) => i.householdId)).toEqual([newHousehold]);

      const usulan = await db()
        .selectFrom('usulan')
        .select('state')
        .where('id', '=', u.id)
        .executeTakeFirstOrThrow();
      expect(usulan.state).toBe('determined');
      const period = await db()
        .selectFrom('periods')
        .selectAll()
        .where('period', '=', '2026-04')
        .executeTakeFirstOrThrow();
      expect(period).toMatchObject({ skNumber: 'SK-DTKS/2026-04/0002', previousPeriod: '2026-03' });
      const detail = (await app.inject({ url: '/api/v1/periods/2026-04', headers: as('pusdatin') })).json();
      expect(detail.regencies).toEqual([
        expect.objectContaining({
          code: PLACES.regency,
          households: 3,
          added: 1,
          removed: 1,
          changed: 1,
          submitted: true,
        }),
        expect.objectContaining({ code: PLACES.otherRegency, households: 1, added: 0, submitted: false }),
      ]);
      // An earlier period cannot be determined once a later one is.
      const late = await determine('pusdatin', '2026-02');
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('penetapan.out_of_order');
    });

    it('reads a household as DTKS determined it in a period, within territory, audited', async () => {
      const march = await readAsOf('dinsos', ids.a2, '2026-03');
      expect(march.statusCode, march.body).toBe(200);
      expect(march.json()).toMatchObject({ id: ids.a2, version: 1, address: 'Dusun Krajan No. 2' });
      expect(march.json().regionPath.at(-1).code).toBe(PLACES.villageA2);
      const april = await readAsOf('dinsos', ids.a2, '2026-04');
      expect(april.json()).toMatchObject({ version: 2, address: 'Dusun Baru No. 7' });
      // Carried forward: the other regency's April DTKS still holds the March version.
      const other = await readAsOf('dinsos-other', ids.o1, '2026-04');
      expect(other.json()).toMatchObject({ version: 1, address: 'Dusun Krajan No. 4' });
      expect(
        (await app.inject({ url: `/api/v1/households/${ids.o1}`, headers: as('dinsos-other') })).json()
          .version,
      ).toBe(2);
      // Removed in April: in DTKS in March, not in April.
      expect((await readAsOf('dinsos', ids.b1, '2026-03')).json()).toMatchObject({
        status: 'active',
        version: 1,
      });
      expect((await readAsOf('dinsos', ids.b1, '2026-04')).statusCode).toBe(404);
      // Not a determined period, outside the territory, malformed.
      expect((await readAsOf('dinsos', ids.a2, '2026-02')).statusCode).toBe(404);
      expect((await readAsOf('op-b', ids.a2, '2026-03')).statusCode).toBe(404);
      expect((await readAsOf('dinsos-other', ids.a2, '2026-03')).statusCode).toBe(404);
      const bad = await readAsOf('dinsos', ids.a2, '2026-3');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('asOf');

      const reads = await db()
        .selectFrom('auditLog')
        .select(['details', 'actorUsername'])
        .where('action', '=', 'household.read')
        .where('entityId', '=', ids.a2)
        .execute();
      const asOfReads = reads.filter((r) => JSON.parse(r.details).asOf);
      expect(asOfReads.map((r) => JSON.parse(r.details).asOf).sort()).toEqual(['2026-03', '2026-04']);
    });

    it('audits every transition', async () => {
      const actions = (await db().selectFrom('auditLog').select('action').execute()).map((r) => r.action);
      for (const a of [
        'submission.create',
        'submission.submit',
        'submission.return',
        'submission.determine',
        'period.determine',
        'usulan.determine',
      ]) {
        expect(actions, a).toContain(a);
      }
      expect(actions.filter((a) => a === 'period.determine')).toHaveLength(2);
      // What the Dinas Sosial confirmed sending without is on record.
      const submits = await db()
        .selectFrom('auditLog')
        .select('details')
        .where('action', '=', 'submission.submit')
        .execute();
      expect(submits.some((r) => JSON.parse(r.details).confirmedUnresolved?.villagesWithoutSession > 0)).toBe(
        true,
      );
      const verify = await t.container.audit.verify();
      expect(verify.ok).toBe(true);
    });
  });
}

for (const engine of ENGINES) {
  describe(`penetapan of two periods at the same moment (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let pusdatin: Record<string, string>;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-04-20T09:00:00+07:00') });
      await createUsers(t.container);
      app = await testApp(t.container);
      pusdatin = await login(app, 'pusdatin');
      const dinsos = await login(app, 'dinsos');
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: dinsos,
        payload: { ...makeHousehold(PLACES.villageA, 1), confirmWarnings: true },
      });
      expect(res.statusCode, res.body).toBe(201);
      const now = new Date().toISOString();
      for (const period of ['2026-03', '2026-04']) {
        await t.container.database.db
          .insertInto('submissions')
          .values({
            id: newId(),
            period,
            provinceCode: '33',
            regencyCode: PLACES.regency,
            state: 'submitted',
            approvalLetterId: null,
            beritaAcaraIds: '[]',
            submittedAt: now,
            note: null,
            version: 1,
            createdAt: now,
            createdBy: null,
            updatedAt: now,
            updatedBy: null,
          })
          .execute();
      }
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('determines a first period no regency submitted for: legitimately empty, numbered, with its SK', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/periods/2026-02/penetapan',
        headers: pusdatin,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        period: '2026-02',
        households: 0,
        persons: 0,
        added: 0,
        removed: 0,
        changed: 0,
        // SHA-256 of nothing.
        checksum: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      });
      const sk = await app.inject({ url: '/api/v1/periods/2026-02/sk.pdf', headers: pusdatin });
      expect(sk.statusCode).toBe(200);
    });

    it('never gives two decrees the same number, and never answers 500', async () => {
      const answers = await Promise.all(
        ['2026-03', '2026-04'].map((p) =>
          app.inject({ method: 'POST', url: `/api/v1/periods/${p}/penetapan`, headers: pusdatin }),
        ),
      );
      for (const a of answers) {
        expect([200, 409], a.body).toContain(a.statusCode);
        if (a.statusCode === 409)
          expect(['penetapan.concurrent', 'penetapan.out_of_order']).toContain(a.json().code);
      }
      expect(answers.some((a) => a.statusCode === 200)).toBe(true);
      const periods = await t.container.database.db
        .selectFrom('periods')
        .select(['period', 'skSequence', 'skNumber'])
        .where('state', '=', 'determined')
        .orderBy('skSequence')
        .execute();
      expect(periods.map((p) => p.skSequence)).toEqual(periods.map((_, i) => i + 1));
      for (const p of periods)
        expect(p.skNumber).toBe(`SK-DTKS/${p.period}/${String(p.skSequence).padStart(4, '0')}`);
    });
  });
}
