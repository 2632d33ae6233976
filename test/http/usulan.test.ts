import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exeFile, jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Inside the proposal window (Jakarta time). */
let clock = new Date('2026-03-16T09:00:00+07:00');

for (const engine of ENGINES) {
  describe(`usulan (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Record<string, string>;
    let dinsos: Record<string, string>;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      dinsos = await login(app, 'dinsos');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const draftBaru = async (n: number) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/usulan',
        headers: op,
        payload: {
          kind: 'baru',
          household: makeHousehold(PLACES.villageA, n),
          reason: 'Keluarga miskin baru pindah',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const upload = (id: string, kind: string, name: string, body: Buffer, type: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${id}/attachments?kind=${kind}&name=${encodeURIComponent(name)}`,
        headers: { ...op, 'content-type': type },
        payload: body,
      });

    it('drafts a new-household proposal, requires the four attachments, submits inside the window', async () => {
      const u = await draftBaru(1);
      expect(u).toMatchObject({
        kind: 'baru',
        state: 'draft',
        period: '2026-03',
        regionCode: PLACES.villageA,
        version: 1,
      });
      expect(u.missingAttachments).toEqual(['house_front', 'house_back', 'house_inside', 'kk_copy']);

      const early = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${u.id}/submit`,
        headers: op,
        payload: { version: 1 },
      });
      expect(early.statusCode).toBe(400);
      expect(early.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'attachments.house_front',
        'attachments.house_back',
        'attachments.house_inside',
        'attachments.kk_copy',
      ]);

      for (const kind of ['house_front', 'house_back', 'house_inside']) {
        const r = await upload(u.id, kind, `${kind}.jpg`, jpegFile(), 'image/jpeg');
        expect(r.statusCode, r.body).toBe(201);
      }
      const kk = await upload(u.id, 'kk_copy', 'kk.pdf', pdfFile(), 'application/pdf');
      expect(kk.statusCode, kk.body).toBe(201);
      const withFiles = kk.json();
      expect(withFiles.missingAttachments).toEqual([]);
      const photo = withFiles.attachments.find((a: { kind: string }) => a.kind === 'house_front');
      expect(photo).toMatchObject({ mime: 'image/jpeg', hasThumbnail: true });
      const thumb = await app.inject({ url: `/api/v1/attachments/${photo.id}/thumbnail`, headers: op });
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/jpeg');

      const sub = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${u.id}/submit`,
        headers: op,
        payload: { version: 1 },
      });
      expect(sub.statusCode, sub.body).toBe(200);
      expect(sub.json()).toMatchObject({ state: 'submitted', version: 2 });
    });

    it('refuses submitting outside the window, naming the next window, and keeps the draft', async () => {
      const u = await draftBaru(2);
      for (const kind of ['house_front', 'house_back', 'house_inside', 'kk_copy'])
        await upload(u.id, kind, 'x.jpg', jpegFile(), 'image/jpeg');
      clock = new Date('2026-03-26T09:00:00+07:00');
      try {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/usulan/${u.id}/submit`,
          headers: op,
          payload: { version: 1 },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({
          code: 'usulan.window_closed',
          opens: '2026-04-15',
          closes: '2026-04-24',
        });
        const again = await app.inject({ url: `/api/v1/usulan/${u.id}`, headers: op });
        expect(again.json().state).toBe('draft');
      } finally {
        clock = new Date('2026-03-16T09:00:00+07:00');
      }
    });

    it('refuses a disguised executable and a name/content mismatch', async () => {
      const u = await draftBaru(3);
      const exe = await upload(u.id, 'house_front', 'rumah.jpg', exeFile(), 'image/jpeg');
      expect(exe.statusCode).toBe(400);
      expect(exe.json().code).toBe('attachment.type_not_allowed');
      const mismatch = await upload(u.id, 'kk_copy', 'kk.png', pdfFile(), 'application/pdf');
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().code).toBe('attachment.type_mismatch');
      expect((await app.inject({ url: `/api/v1/usulan/${u.id}`, headers: op })).json().attachments).toEqual(
        [],
      );
    });

    it('refuses a NIK that is already in another open proposal', async () => {
      const first = makeHousehold(PLACES.villageA, 4);
      await app.inject({
        method: 'POST',
        url: '/api/v1/usulan',
        headers: op,
        payload: { kind: 'baru', household: first, reason: 'usulan pertama' },
      });
      const second = makeHousehold(PLACES.villageA, 5);
      second.members[1] = { ...first.members[1]! };
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/usulan',
        headers: op,
        payload: { kind: 'baru', household: second, reason: 'usulan kedua' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'household.members.1.nik', code: 'usulan.nik_already_proposed' }),
      ]);
    });

    it('answers 409 with the current state and allowed actions for a step out of order', async () => {
      const u = await draftBaru(6);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${u.id}/approve`,
        headers: dinsos,
        payload: { version: 1 },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'usulan.invalid_transition',
        currentState: 'draft',
        allowed: ['submit', 'withdraw'],
      });
    });

    it('keeps another village out: 404 for its proposals', async () => {
      const u = await draftBaru(7);
      const opB = await login(app, 'op-b');
      const res = await app.inject({ url: `/api/v1/usulan/${u.id}`, headers: opB });
      expect(res.statusCode).toBe(404);
      const list = await app.inject({ url: '/api/v1/usulan', headers: opB });
      expect(list.json().items).toEqual([]);
      // The total counts only what the user may see.
      expect(list.json().total).toBe(0);
    });

    it('lists with the total over all pages, sorted by the head of household A–Z or in proposal order', async () => {
      const names = ['Wati Urutan', 'Agus Urutan', 'Mulyadi Urutan', 'Citra Urutan'];
      const made: string[] = [];
      for (const [i, name] of names.entries()) {
        const household = makeHousehold(PLACES.villageA, 60 + i);
        household.members[0]!.name = name;
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/usulan',
          headers: op,
          payload: { kind: 'baru', household, reason: 'Keluarga miskin baru pindah' },
        });
        expect(res.statusCode, res.body).toBe(201);
        made.push(res.json().id);
      }
      type Page = {
        items: { id: string; headName: string }[];
        nextCursor: string | null;
        total: number | null;
      };
      const pageOf = async (query: string): Promise<Page> => {
        const res = await app.inject({ url: `/api/v1/usulan?state=draft&${query}`, headers: dinsos });
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };
      const all = await pageOf('limit=200');
      expect(all.total).toBe(all.items.length);
      // Proposal order: the new ones come last, in the order they were made.
      expect(all.items.slice(-4).map((i) => i.id)).toEqual(made);

      const byName: Page['items'] = [];
      let page = await pageOf('sort=name&limit=3');
      expect(page.total).toBe(all.total);
      byName.push(...page.items);
      while (page.nextCursor) {
        page = await pageOf(`sort=name&limit=3&cursor=${page.nextCursor}`);
        expect(page.total).toBeNull();
        byName.push(...page.items);
      }
      // Every proposal once, none lost or repeated between pages, ours A–Z.
      expect(byName.map((i) => i.id).sort()).toEqual(all.items.map((i) => i.id).sort());
      expect(byName.map((i) => i.headName).filter((n) => n.endsWith(' Urutan'))).toEqual([
        'Agus Urutan',
        'Citra Urutan',
        'Mulyadi Urutan',
        'Wati Urutan',
      ]);
      const filtered = await pageOf('kind=perbaikan');
      expect(filtered.total).toBe(filtered.items.length);

      // A cursor of the other order is refused, not read as a restart.
      const idCursor = (await pageOf('limit=1')).nextCursor!;
      const wrong = await app.inject({
        url: `/api/v1/usulan?sort=name&cursor=${idCursor}`,
        headers: dinsos,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('list.invalid_cursor');
    });
  });
}
