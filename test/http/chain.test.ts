/**
 * The chain as the seeds describe it (issue 12): the kecamatan acknowledges (or returns) its villages'
 * signed Berita Acara before the regency's pengesahan counts them; the regency's submission waits at the
 * province, which comments, returns or forwards it, or lets it forward itself after the configured days;
 * Pusdatin determines only forwarded submissions. Every step is audited; a kecamatan or province sees only
 * its own territory, and a record outside it answers exactly like an absent one.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access/roles.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { pdfFile } from '../factories/files.ts';
import { createUsers, login, PASSWORD, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';
const START = new Date('2026-03-25T09:00:00.000Z');
let clock = START;

const EXTRA_USERS: { username: string; role: Role; regionCode: string; displayName?: string }[] = [
  { username: 'camat-b', role: 'kecamatan', regionCode: PLACES.districtB },
  { username: 'camat-other', role: 'kecamatan', regionCode: '33.08.01' },
  { username: 'prov', role: 'dinsos_prov', regionCode: '33', displayName: 'Sri Wahyuni' },
  { username: 'prov-other', role: 'dinsos_prov', regionCode: '34' },
];

for (const engine of ENGINES) {
  describe(`the kecamatan and province steps of the cycle (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const h: Record<string, Record<string, string>> = {};
    const sessions = { a: '', b: '', other: '' };
    const subs = { regency: '', other: '' };

    const as = (user: string) => h[user]!;
    const db = () => t.container.database.db;
    const post = (user: string, url: string, payload: unknown = {}) =>
      app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as(user), payload: payload as object });
    const get = (user: string, url: string) => app.inject({ url: `/api/v1${url}`, headers: as(user) });
    const put = (user: string, url: string, payload: unknown) =>
      app.inject({ method: 'PUT', url: `/api/v1${url}`, headers: as(user), payload: payload as object });
    const audit = async (action: string) =>
      db().selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq').execute();

    const signedSession = async (village: string, period = PERIOD) => {
      const now = clock.toISOString();
      const id = newId();
      const [p, r, d] = [2, 5, 8].map((n) => village.slice(0, n));
      await db()
        .insertInto('musdesSessions')
        .values({
          id,
          period,
          state: 'signed',
          heldOn: `${period}-10`,
          place: 'Balai desa',
          participants: '[]',
          counts: null,
          beritaAcaraId: newId(),
          signedScanId: newId(),
          provinceCode: p!,
          regencyCode: r!,
          districtCode: d!,
          villageCode: village,
          version: 3,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
          updatedBy: null,
        })
        .execute();
      return id;
    };
    const openWithLetter = async (user: string) => {
      const opened = await post(user, '/submissions', { period: PERIOD });
      expect(opened.statusCode, opened.body).toBe(201);
      const id = opened.json().id as string;
      const letter = await app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${id}/approval-letter?name=surat.pdf`,
        headers: { ...as(user), 'content-type': 'application/pdf' },
        payload: pdfFile('Surat pengesahan Bupati'),
      });
      expect(letter.statusCode, letter.body).toBe(201);
      return id;
    };

    beforeAll(async () => {
      clock = START;
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      for (const u of EXTRA_USERS) {
        await t.container.users.create(systemActor('test'), { ...u, password: PASSWORD });
      }
      app = await testApp(t.container);
      for (const u of [
        'op-a',
        'camat-a',
        'camat-b',
        'camat-other',
        'dinsos',
        'dinsos-other',
        'prov',
        'prov-other',
      ]) {
        h[u] = await login(app, u);
      }
      h.pusdatin = await login(app, 'pusdatin');
      sessions.a = await signedSession(PLACES.villageA);
      sessions.b = await signedSession(PLACES.villageB);
      sessions.other = await signedSession(PLACES.otherVillage);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('lets a regency turn the kecamatan step on and a province its review, each only its own', async () => {
      expect(
        (await put('op-a', `/chain-settings/${PLACES.regency}`, { kecamatanAcknowledgement: true }))
          .statusCode,
      ).toBe(403);
      const other = await put('dinsos', `/chain-settings/${PLACES.otherRegency}`, {
        kecamatanAcknowledgement: true,
      });
      expect(other.statusCode).toBe(404);
      const wrong = await put('dinsos', `/chain-settings/${PLACES.regency}`, { provinceReview: true });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('chain.wrong_level');
      const on = await put('dinsos', `/chain-settings/${PLACES.regency}`, { kecamatanAcknowledgement: true });
      expect(on.statusCode, on.body).toBe(200);
      expect(on.json()).toMatchObject({
        level: 'regency',
        kecamatanAcknowledgement: true,
        provinceReview: null,
      });

      const zero = await put('prov', '/chain-settings/33', { provinceReview: true, autoForwardDays: 0 });
      expect(zero.statusCode).toBe(400);
      expect(zero.json().errors[0].field).toBe('autoForwardDays');
      expect((await put('prov-other', '/chain-settings/33', { provinceReview: true })).statusCode).toBe(404);
      const review = await put('prov', '/chain-settings/33', { provinceReview: true, autoForwardDays: 7 });
      expect(review.json()).toMatchObject({ level: 'province', provinceReview: true, autoForwardDays: 7 });
      // A kecamatan reads its regency's setting; the other regency has none (the step is off there).
      expect(
        (await get('camat-a', `/chain-settings/${PLACES.regency}`)).json().kecamatanAcknowledgement,
      ).toBe(true);
      expect(
        (await get('dinsos-other', `/chain-settings/${PLACES.otherRegency}`)).json().kecamatanAcknowledgement,
      ).toBe(false);
      expect((await audit('chain.settings')).map((e) => e.regionCode)).toEqual([PLACES.regency, '33']);
    });

    it('shows each kecamatan only its own villages, and hides the others like absent ones', async () => {
      const a = (await get('camat-a', `/berita-acara?period=${PERIOD}`)).json();
      expect(a.items.map((i: { villageCode: string }) => i.villageCode)).toEqual([PLACES.villageA]);
      expect(a.items[0]).toMatchObject({
        state: 'pending',
        required: true,
        allowedActions: ['acknowledge', 'return'],
      });
      // Without a period, two months on: the newest period with a signed Berita Acara, not an empty month.
      const before = clock;
      clock = new Date('2026-05-20T09:00:00.000Z');
      try {
        const newest = (await get('camat-a', '/berita-acara')).json();
        expect(newest).toEqual({ ...a, period: PERIOD });
        expect((await get('camat-a', '/berita-acara?period=2026-05')).json().items).toEqual([]);
      } finally {
        clock = before;
      }
      const b = (await get('camat-b', `/berita-acara?period=${PERIOD}`)).json();
      expect(b.items.map((i: { villageCode: string }) => i.villageCode)).toEqual([PLACES.villageB]);
      expect(
        (await get('camat-a', `/berita-acara?period=${PERIOD}&region=${PLACES.districtB}`)).json().items,
      ).toEqual([]);

      const hidden = await post('camat-a', `/berita-acara/${sessions.b}/acknowledge`);
      const absent = await post('camat-a', `/berita-acara/${newId()}/acknowledge`);
      expect(hidden.statusCode).toBe(404);
      const { code, detail } = absent.json();
      expect(hidden.json()).toMatchObject({ code, detail });
      // The regency lists all of its villages; only the kecamatan acknowledges.
      expect((await get('dinsos', `/berita-acara?period=${PERIOD}`)).json().items).toHaveLength(2);
      expect((await post('dinsos', `/berita-acara/${sessions.a}/acknowledge`)).json().code).toBe(
        'acknowledgement.role_not_allowed',
      );
      // A regency that skips the step: nothing to acknowledge.
      const skip = await post('camat-other', `/berita-acara/${sessions.other}/acknowledge`);
      expect(skip.statusCode).toBe(409);
      expect(skip.json().code).toBe('acknowledgement.not_used');
    });

    it('counts only acknowledged Berita Acara in the pengesahan; a returned one goes back to the village', async () => {
      subs.regency = await openWithLetter('dinsos');
      const early = await post('dinsos', `/submissions/${subs.regency}/submit`, {
        version: 2,
        confirm: true,
      });
      expect(early.statusCode).toBe(400);
      expect(early.json().errors.map((i: { code: string }) => i.code)).toEqual([
        'submission.missing_acknowledged_berita_acara',
      ]);
      const view = (await get('dinsos', `/submissions/${subs.regency}`)).json();
      expect(view.beritaAcaraCount).toBe(0);
      expect(view.awaitingAcknowledgement.map((x: { state: string }) => x.state)).toEqual([
        'pending',
        'pending',
      ]);
      expect(view.chain).toEqual({
        kecamatanAcknowledgement: true,
        provinceReview: true,
        autoForwardDays: 7,
      });

      const noNote = await post('camat-a', `/berita-acara/${sessions.a}/return`, {});
      expect(noNote.statusCode).toBe(400);
      const returned = await post('camat-a', `/berita-acara/${sessions.a}/return`, {
        note: 'Tanda tangan BPD belum ada',
      });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json()).toMatchObject({ state: 'returned', note: 'Tanda tangan BPD belum ada' });
      const session = await db()
        .selectFrom('musdesSessions')
        .selectAll()
        .where('id', '=', sessions.a)
        .executeTakeFirstOrThrow();
      expect(session).toMatchObject({ state: 'closed', version: 4 });
      // The village operator reads the kecamatan's note on the Musdes page.
      const musdesPage = await get('op-a', `/musdes/${sessions.a}`);
      expect(musdesPage.statusCode, musdesPage.body).toBe(200);
      expect(musdesPage.json().kecamatanReturn).toEqual({
        note: 'Tanda tangan BPD belum ada',
        decidedAt: expect.any(String),
      });
      expect((await get('op-a', `/musdes/${sessions.b}`)).statusCode).toBe(404);
      const notice = await db()
        .selectFrom('notifications')
        .selectAll()
        .where('regionCode', '=', PLACES.villageA)
        .where('kind', '=', 'berita_acara.return')
        .execute();
      expect(notice).toHaveLength(1);
      // Twice, or the other decision, answers the current state.
      const again = await post('camat-a', `/berita-acara/${sessions.a}/acknowledge`);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ currentState: 'returned', allowed: [] });
      expect(
        (await get('camat-a', `/berita-acara?period=${PERIOD}&state=returned`)).json().items,
      ).toHaveLength(1);

      // The village signs again (a new scan): pending again, with the earlier note to read.
      await db()
        .updateTable('musdesSessions')
        .set({ state: 'signed', signedScanId: newId(), version: 5 })
        .where('id', '=', sessions.a)
        .execute();
      // Signed again with a new scan: the note is no longer the page's current word.
      expect((await get('op-a', `/musdes/${sessions.a}`)).json().kecamatanReturn).toBeNull();
      const pending = (await get('camat-a', `/berita-acara?period=${PERIOD}&state=pending`)).json().items;
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({ state: 'pending', previousNote: 'Tanda tangan BPD belum ada' });
      // The kecamatan's to-do list counts exactly the pending Berita Acara and links to that list.
      const todoA = (await get('camat-a', '/todo')).json().items;
      expect(todoA).toContainEqual(
        expect.objectContaining({
          code: 'berita_acara_to_acknowledge',
          count: 1,
          link: `/cycle/berita-acara?period=${PERIOD}&state=pending`,
        }),
      );
      // Where the regency does without the kecamatan's acknowledgement, nothing waits for it.
      expect(
        (await put('dinsos', `/chain-settings/${PLACES.regency}`, { kecamatanAcknowledgement: false }))
          .statusCode,
      ).toBe(200);
      const todoOff = (await get('camat-a', '/todo')).json().items;
      expect(todoOff.map((i: { code: string }) => i.code)).not.toContain('berita_acara_to_acknowledge');
      expect(
        (await put('dinsos', `/chain-settings/${PLACES.regency}`, { kecamatanAcknowledgement: true }))
          .statusCode,
      ).toBe(200);
      // Another kecamatan counts its own villages' only: the count matches the list it links to.
      const listB = (await get('camat-b', `/berita-acara?period=${PERIOD}&state=pending`)).json().items;
      expect(listB.length).toBeGreaterThan(0);
      expect(listB.every((x: { villageCode: string }) => x.villageCode !== PLACES.villageA)).toBe(true);
      const todoB = (await get('camat-b', '/todo')).json().items;
      expect(todoB).toContainEqual(
        expect.objectContaining({ code: 'berita_acara_to_acknowledge', count: listB.length }),
      );
      // A double click: one acknowledgement, the other answers the state it left.
      const both = await Promise.all(
        [1, 2].map(() => post('camat-a', `/berita-acara/${sessions.a}/acknowledge`, {})),
      );
      const ok = both.find((r) => r.statusCode === 200)!;
      expect(ok.json()).toMatchObject({ state: 'acknowledged', allowedActions: [] });
      const twice = both.find((r) => r !== ok)!;
      expect(twice.statusCode).toBe(409);
      expect(twice.json().currentState).toBe('acknowledged');

      const after = (await get('dinsos', `/submissions/${subs.regency}`)).json();
      expect(after.beritaAcara.map((x: { villageCode: string }) => x.villageCode)).toEqual([PLACES.villageA]);
      expect(after.awaitingAcknowledgement).toEqual([
        expect.objectContaining({ villageCode: PLACES.villageB, state: 'pending' }),
      ]);
      expect(after.missing).toEqual([]);
      expect((await audit('berita_acara.return')).map((e) => [e.actorUsername, e.entityId])).toEqual([
        ['camat-a', sessions.a],
      ]);
      expect((await audit('berita_acara.acknowledge')).map((e) => JSON.parse(e.details).state)).toEqual([
        'acknowledged',
      ]);
    });

    it('sends the submission to the province, which comments and returns it; only the province may', async () => {
      const sent = await post('dinsos', `/submissions/${subs.regency}/submit`, { version: 2, confirm: true });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({
        state: 'at_province',
        beritaAcaraCount: 1,
        forwardDueAt: '2026-04-01T09:00:00.000Z',
      });
      const pusdatinView = (await get('pusdatin', `/submissions/${subs.regency}`)).json();
      expect(pusdatinView.allowedActions).toEqual([]);
      const early = await post('pusdatin', `/submissions/${subs.regency}/return`, {
        version: 3,
        note: 'Belum',
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().currentState).toBe('at_province');

      // Another province sees nothing of it, exactly as if it did not exist.
      const hidden = await get('prov-other', `/submissions/${subs.regency}`);
      const absent = await get('prov-other', `/submissions/${newId()}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().detail).toEqual(absent.json().detail);
      expect((await get('prov-other', `/submissions?period=${PERIOD}`)).json().items).toEqual([]);
      expect(
        (await post('prov-other', `/submissions/${subs.regency}/forward`, { version: 3 })).statusCode,
      ).toBe(404);
      const list = (await get('prov', `/submissions?period=${PERIOD}&state=at_province`)).json();
      expect(list.items.map((i: { regencyCode: string }) => i.regencyCode)).toEqual([PLACES.regency]);
      expect((await get('prov', '/todo')).json().items).toContainEqual(
        expect.objectContaining({ code: 'submissions_to_forward', count: list.items.length }),
      );
      expect(
        (await get('prov-other', '/todo')).json().items.map((i: { code: string }) => i.code),
      ).not.toContain('submissions_to_forward');

      expect((await post('op-a', `/submissions/${subs.regency}/comments`, { body: 'Halo' })).statusCode).toBe(
        403,
      );
      const commented = await post('prov', `/submissions/${subs.regency}/comments`, {
        body: 'Desa di kecamatan B belum diterima camat',
      });
      expect(commented.statusCode, commented.body).toBe(200);
      // The comment names the person (full name, not the username) and the office: role and region.
      const province = (await t.container.regions.names(['33'])).get('33');
      expect(province).toBeTruthy();
      expect(commented.json().comments).toEqual([
        expect.objectContaining({
          authorName: 'Sri Wahyuni',
          authorRole: 'dinsos_prov',
          authorRegion: '33',
          authorRegionName: province,
          body: 'Desa di kecamatan B belum diterima camat',
        }),
      ]);
      const back = await post('prov', `/submissions/${subs.regency}/province-return`, {
        version: 3,
        note: 'Lengkapi Berita Acara kecamatan B',
      });
      expect(back.json()).toMatchObject({
        state: 'returned',
        note: 'Lengkapi Berita Acara kecamatan B',
        forwardDueAt: null,
      });
      const notice = await db()
        .selectFrom('notifications')
        .select('kind')
        .where('regionCode', '=', PLACES.regency)
        .where('kind', '=', 'submission.province_return')
        .execute();
      expect(notice).toHaveLength(1);
    });

    it('forwards by hand, or by itself when the days pass (read-time check, injected clock)', async () => {
      // The regency submits again; the other regency (no kecamatan step) submits its signed Berita Acara.
      const again = await post('dinsos', `/submissions/${subs.regency}/submit`, {
        version: 4,
        confirm: true,
      });
      expect(again.json()).toMatchObject({ state: 'at_province', forwardDueAt: '2026-04-01T09:00:00.000Z' });
      subs.other = await openWithLetter('dinsos-other');
      const other = await post('dinsos-other', `/submissions/${subs.other}/submit`, {
        version: 2,
        confirm: true,
      });
      expect(other.json()).toMatchObject({ state: 'at_province', beritaAcaraCount: 1 });
      const forwarded = await post('prov', `/submissions/${subs.other}/forward`, {
        version: 3,
        comment: 'Lengkap, diteruskan',
      });
      expect(forwarded.json()).toMatchObject({ state: 'submitted', forwardDueAt: null });
      expect(forwarded.json().comments.map((c: { body: string }) => c.body)).toEqual(['Lengkap, diteruskan']);
      expect(
        (await post('prov', `/submissions/${subs.other}/forward`, { version: 4 })).json().currentState,
      ).toBe('submitted');

      // One millisecond before the deadline nothing moves; at the deadline the next read forwards it.
      clock = new Date('2026-04-01T08:59:59.999Z');
      expect((await get('pusdatin', `/submissions/${subs.regency}`)).json().state).toBe('at_province');
      clock = new Date('2026-04-01T09:00:00.000Z');
      const list = (await get('pusdatin', `/submissions?period=${PERIOD}`)).json().items;
      expect(list.map((i: { regencyCode: string; state: string }) => [i.regencyCode, i.state])).toEqual([
        [PLACES.regency, 'submitted'],
        [PLACES.otherRegency, 'submitted'],
      ]);
      const forwards = await audit('submission.forward');
      expect(
        forwards.map((e) => [e.actorUsername, e.entityId, JSON.parse(e.details).automatic ?? false]),
      ).toEqual([
        ['prov', subs.other, false],
        ['system:auto-forward', subs.regency, true],
      ]);
      expect((await audit('submission.province_return')).map((e) => e.actorUsername)).toEqual(['prov']);
      expect((await audit('submission.comment')).map((e) => e.actorUsername)).toEqual(['prov', 'prov']);
    });

    it('lets Pusdatin determine the forwarded submissions', async () => {
      const res = await post('pusdatin', `/periods/${PERIOD}/penetapan`);
      expect(res.statusCode, res.body).toBe(200);
      const rows = await db()
        .selectFrom('submissions')
        .select(['regencyCode', 'state'])
        .orderBy('regencyCode')
        .execute();
      expect(rows).toEqual([
        { regencyCode: PLACES.regency, state: 'determined' },
        { regencyCode: PLACES.otherRegency, state: 'determined' },
      ]);
    });

    it('lists every period’s submissions as the history, and names the period the screens open on', async () => {
      const list = async (user: string, query = '') => {
        const res = await get(user, `/submissions${query}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { workPeriod: string; items: { period: string; state: string }[] };
        return { workPeriod: body.workPeriod, items: body.items.map((i) => [i.period, i.state]) };
      };
      // The newest period with a submission in the territory; the history is the territory's own.
      expect(await list('dinsos')).toEqual({ workPeriod: PERIOD, items: [[PERIOD, 'determined']] });
      // Villages signed their Berita Acara of the next period: the regency's work waits there (a submission to
      // prepare); the other regency's does not move, and a period asked for keeps its own items.
      await signedSession(PLACES.villageA, '2026-04');
      expect(await list('dinsos')).toEqual({ workPeriod: '2026-04', items: [[PERIOD, 'determined']] });
      expect((await list('dinsos-other')).workPeriod).toBe(PERIOD);
      expect(await list('dinsos', '?period=2026-04')).toEqual({ workPeriod: '2026-04', items: [] });
      // A territory with no work at all opens on the period the to-do list works on.
      clock = new Date('2026-06-20T09:00:00.000Z');
      expect(await list('prov-other')).toEqual({ workPeriod: '2026-06', items: [] });
    });

    it('pages the history (newest period first, then regency): every submission once; a foreign cursor reads as the end', async () => {
      // Earlier periods of both regencies, as rows: the pages' order is what this test is about.
      const base = await db()
        .selectFrom('submissions')
        .selectAll()
        .where('id', '=', subs.regency)
        .executeTakeFirstOrThrow();
      for (const period of ['2025-10', '2025-11', '2025-12']) {
        for (const regencyCode of [PLACES.regency, PLACES.otherRegency]) {
          await db()
            .insertInto('submissions')
            .values({ ...base, id: newId(), period, regencyCode, provinceCode: regencyCode.slice(0, 2) })
            .execute();
        }
      }
      const page = async (user: string, query: string) => {
        const res = await get(user, `/submissions?${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as {
          items: { id: string; period: string; regencyCode: string }[];
          nextCursor: string | null;
        };
      };
      const walk = async (user: string, limit: number) => {
        const seen: { id: string; period: string; regencyCode: string }[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const p = await page(user, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
          expect(p.items.length).toBeLessThanOrEqual(limit);
          seen.push(...p.items);
          cursor = p.nextCursor;
          pages++;
        } while (cursor);
        return { seen, pages };
      };
      const whole = (await page('pusdatin', 'limit=200')).items;
      expect(whole.map((i) => `${i.period} ${i.regencyCode}`)).toEqual([
        `${PERIOD} ${PLACES.regency}`,
        `${PERIOD} ${PLACES.otherRegency}`,
        ...['2025-12', '2025-11', '2025-10'].flatMap((p) => [
          `${p} ${PLACES.regency}`,
          `${p} ${PLACES.otherRegency}`,
        ]),
      ]);
      for (const limit of [1, 3, 7]) {
        const { seen, pages } = await walk('pusdatin', limit);
        expect(seen.map((i) => i.id)).toEqual(whole.map((i) => i.id));
        expect(pages).toBe(Math.ceil(whole.length / limit));
      }
      // A regency's own history pages too.
      expect((await walk('dinsos', 2)).seen.map((i) => i.period)).toEqual([
        PERIOD,
        '2025-12',
        '2025-11',
        '2025-10',
      ]);
      // A cursor naming another regency's submission answers exactly like one naming no submission: the end.
      const foreign = whole.find((i) => i.regencyCode === PLACES.otherRegency)!.id;
      const cursorOf = (id: string) => Buffer.from(id).toString('base64url');
      const { workPeriod } = (await get('dinsos', '/submissions?limit=1')).json();
      for (const id of [foreign, '0190f7a0-0000-7000-8000-00000000abcd']) {
        expect(await page('dinsos', `cursor=${cursorOf(id)}`)).toEqual({
          workPeriod,
          items: [],
          nextCursor: null,
        });
      }
      const garbage = await get('dinsos', '/submissions?cursor=bukan-kursor');
      expect(garbage.statusCode).toBe(400);
      expect(garbage.json().code).toBe('list.invalid_cursor');
      expect((await get('pusdatin', '/submissions?limit=201')).statusCode).toBe(400);
    });
  });
}
