/**
 * Usulan mandiri (issue 14) over HTTP on both engines: a verified citizen proposes a family, adds the KTP,
 * KK and house photos, and the proposal goes the operator's way (the village operator's list marks it
 * `mandiri`; another village sees nothing; submit → Musdes → verivali → approval) while the citizen reads
 * each step and the outcome. NIKs already in DTKS or in an open proposal answer the one neutral issue (even
 * in the citizen's own village); unverified accounts are refused; the per-account limit holds; a
 * citizen's correction request is a perbaikan draft in the village queue, never applied by itself.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANDIRI_LIMITS } from '../../src/domain/citizen/self-proposal.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { asMandiriHousehold } from '../../src/modules/usulan/usulan.schemas.ts';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { citizenAccount } from '../support/citizen.ts';
import { actorFor } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Inside the proposal window (Jakarta time). */
const NOW = new Date('2026-03-16T09:00:00+07:00');

/** A family as a citizen describes it: what the KK says. */
function family(village: string, n: number) {
  const h = asMandiriHousehold(makeHousehold(village, n));
  return { ...h, members: h.members.map((m) => ({ ...m, name: m.name.replace(/\s*\d+$/, '') })) };
}

const proposal = (village: string, n: number, relation: 'self' | 'other' = 'other') => ({
  relation,
  household: family(village, n),
  reason: 'Keluarga buruh tani, penghasilan tidak tetap sejak panen gagal',
  consent: true,
  confirmWarnings: true,
});

for (const engine of ENGINES) {
  describe(`usulan mandiri (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const sender = new LogCodeSender(() => {});
    const as: Record<string, Record<string, string>> = {};
    let citizen: Record<string, string>;
    let other: Record<string, string>;
    let pending: Record<string, string>;
    let firstId = '';

    const post = (url: string, payload: unknown, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: `/api/v1/${url}`, payload: payload as object, headers });
    const get = (url: string, headers: Record<string, string>) =>
      app.inject({ url: `/api/v1/${url}`, headers });

    const account = (n: number, verified: boolean, who?: { nik: string; name: string }) =>
      citizenAccount(app, t.container, sender, n, { prefix: 'pengusul', serial: 8100, verified, who });

    const upload = (id: string, kind: string, headers: Record<string, string>) => {
      const pdf = kind === 'kk_copy';
      return app.inject({
        method: 'POST',
        url: `/api/v1/public/citizen/usulan/${id}/files?kind=${kind}&name=${pdf ? 'kk.pdf' : 'foto.jpg'}`,
        headers: { ...headers, 'content-type': pdf ? 'application/pdf' : 'image/jpeg' },
        payload: pdf ? pdfFile() : jpegFile(),
      });
    };

    beforeAll(async () => {
      t = await openTestDb(engine, { codeSender: sender, now: () => NOW });
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'dinsos']) as[u] = await login(app, u);
      // Registered households: one in the citizen's village, one elsewhere.
      for (const [who, village, n] of [
        ['op-a', PLACES.villageA, 71],
        ['op-b', PLACES.villageB, 72],
      ] as const) {
        const res = await post('households', makeHousehold(village, n), as[who]!);
        expect(res.statusCode, res.body).toBe(201);
      }
      citizen = await account(1, true);
      other = await account(2, true);
      pending = await account(3, false);
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('a verified citizen proposes a family: a mandiri draft in that village operator’s list only', async () => {
      const res = await post('public/citizen/usulan', proposal(PLACES.villageA, 1), citizen);
      expect(res.statusCode, res.body).toBe(201);
      const u = res.json();
      firstId = u.id;
      expect(u).toMatchObject({
        kind: 'baru',
        state: 'draft',
        outcome: 'pending',
        villageCode: PLACES.villageA,
        headName: 'Budi Santoso',
        canAttach: true,
        missingFiles: ['ktp_photo', 'kk_copy', 'house_front', 'house_back', 'house_inside'],
      });
      expect(u.status.id).toMatch(/operator desa/);

      const list = await get('usulan?source=mandiri', as['op-a']!);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((i: { id: string; source: string }) => [i.id, i.source])).toEqual([
        [u.id, 'mandiri'],
      ]);
      expect((await get('usulan?source=operator', as['op-a']!)).json().items).toEqual([]);
      expect((await get('usulan?source=mandiri', as['op-b']!)).json()).toMatchObject({ items: [], total: 0 });
      expect((await get(`usulan/${u.id}`, as['op-b']!)).statusCode).toBe(404);

      const mine = await get('public/citizen/usulan', citizen);
      expect(mine.headers['cache-control']).toBe('no-store');
      expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([u.id]);
      expect((await get('public/citizen/usulan', other)).json().items).toEqual([]);
      expect((await get(`public/citizen/usulan/${u.id}`, other)).statusCode).toBe(404);
      expect((await get(`public/citizen/usulan/${u.id}`, {})).statusCode).toBe(401);
    });

    it('refuses unverified accounts, missing consent and bad members, changing nothing', async () => {
      const unverified = await post('public/citizen/usulan', proposal(PLACES.villageA, 2), pending);
      expect(unverified.statusCode).toBe(403);
      expect(unverified.json().code).toBe('citizen.not_verified');
      const noConsent = await post(
        'public/citizen/usulan',
        { ...proposal(PLACES.villageA, 2), consent: false },
        citizen,
      );
      expect(noConsent.statusCode).toBe(400);
      expect(noConsent.json().errors.map((e: { field: string }) => e.field)).toContain('consent');
      const p = proposal(PLACES.villageA, 2);
      p.household.members[0]!.nik = '1234';
      const badNik = await post('public/citizen/usulan', p, citizen);
      expect(badNik.statusCode).toBe(400);
      expect(badNik.json().errors[0].field).toBe('household.members.0.nik');
      expect((await get('public/citizen/usulan', citizen)).json().items).toHaveLength(1);
    });

    it('answers a NIK in DTKS or in an open proposal with the one neutral issue, wherever it is', async () => {
      for (const [village, n] of [
        [PLACES.villageA, 71],
        [PLACES.villageB, 72],
        [PLACES.villageA, 1],
      ] as const) {
        const res = await post('public/citizen/usulan', proposal(village, n), other);
        expect(res.statusCode, res.body).toBe(400);
        const codes = new Set(res.json().errors.map((e: { code: string }) => e.code));
        expect([...codes]).toEqual(['identity.unavailable']);
      }
      expect((await get('public/citizen/usulan', other)).json().items).toEqual([]);
    });

    it('takes the KTP, KK and house photos while a draft; the operator submits it; the citizen follows to approval', async () => {
      for (const kind of ['ktp_photo', 'kk_copy', 'house_front', 'house_back', 'house_inside']) {
        const r = await upload(firstId, kind, citizen);
        expect(r.statusCode, r.body).toBe(201);
      }
      expect((await upload(firstId, 'sk', citizen)).statusCode).toBe(400);
      expect((await upload(firstId, 'house_front', other)).statusCode).toBe(404);
      const ready = (await get(`public/citizen/usulan/${firstId}`, citizen)).json();
      expect(ready.missingFiles).toEqual([]);
      expect(ready.files).toHaveLength(5);

      const staff = (await get(`usulan/${firstId}`, as['op-a']!)).json();
      expect(staff).toMatchObject({ source: 'mandiri', missingAttachments: [] });
      const sub = await post(`usulan/${firstId}/submit`, { version: staff.version }, as['op-a']!);
      expect(sub.statusCode, sub.body).toBe(200);
      expect((await upload(firstId, 'house_back', citizen)).json().code).toBe('usulan.mandiri_locked');

      const kades = await actorFor(t.container, 'kades-a');
      const dinsos = await actorFor(t.container, 'dinsos');
      await t.container.database.db
        .transaction()
        .execute((trx) => t.container.usulan.advance(trx, kades, firstId, 'musdes_accept'));
      await t.container.database.db
        .transaction()
        .execute((trx) => t.container.usulan.advance(trx, dinsos, firstId, 'verify'));
      const v = (await get(`usulan/${firstId}`, as.dinsos!)).json();
      const ok = await post(`usulan/${firstId}/approve`, { version: v.version }, as.dinsos!);
      expect(ok.statusCode, ok.body).toBe(200);

      const seen = await get(`public/citizen/usulan/${firstId}`, citizen);
      expect(seen.statusCode).toBe(200);
      expect(seen.headers['cache-control']).toBe('no-store');
      const view = seen.json();
      expect(view).toMatchObject({ state: 'approved', outcome: 'accepted', canAttach: false });
      expect(view.timeline.map((s: { step: string }) => s.step)).toEqual([
        'create',
        'submit',
        'musdes_accept',
        'verify',
        'approve',
      ]);
      // When and what, never who.
      expect(JSON.stringify(view)).not.toMatch(/op-a|kades-a|dinsos/);
      const inDtks = await t.container.database.db
        .selectFrom('households')
        .select('kkNumber')
        .where('kkNumber', '=', proposal(PLACES.villageA, 1).household.kkNumber)
        .execute();
      expect(inDtks).toHaveLength(1);
    });

    it(`holds the limit of ${MANDIRI_LIMITS.open} open proposals per account`, async () => {
      for (let n = 0; n < MANDIRI_LIMITS.open; n++) {
        const r = await post('public/citizen/usulan', proposal(PLACES.villageA2, 20 + n), other);
        expect(r.statusCode, r.body).toBe(201);
      }
      const over = await post('public/citizen/usulan', proposal(PLACES.villageA2, 30), other);
      expect(over.statusCode).toBe(409);
      expect(over.json()).toMatchObject({ code: 'usulan.mandiri_limit_open' });
      expect((await get('public/citizen/usulan', other)).json().items).toHaveLength(MANDIRI_LIMITS.open);
    });

    it('holds the limit when one citizen sends several proposals at once', async () => {
      const racer = await account(9, true);
      const sent = await Promise.all(
        Array.from({ length: MANDIRI_LIMITS.open + 3 }, (_, n) =>
          post('public/citizen/usulan', proposal(PLACES.villageA2, 40 + n), racer),
        ),
      );
      const codes = sent.map((r) => r.statusCode).sort();
      expect(
        codes.filter((c) => c === 201),
        codes.join(),
      ).toHaveLength(MANDIRI_LIMITS.open);
      expect(codes.filter((c) => c === 409)).toHaveLength(3);
      expect((await get('public/citizen/usulan', racer)).json().items).toHaveLength(MANDIRI_LIMITS.open);
    });

    it('a correction request is a perbaikan draft for the village, not applied; its outcome reaches the citizen', async () => {
      const h = makeHousehold(PLACES.villageA, 73);
      const created = await post('households', h, as['op-a']!);
      expect(created.statusCode, created.body).toBe(201);
      const me = await account(4, true, { nik: h.members[1]!.nik, name: h.members[1]!.name });

      const res = await post(
        'public/citizen/corrections',
        {
          reason: 'Alamat kami sudah pindah ke RT 7, nama saya juga salah ketik',
          changes: { rt: '7', address: 'Dusun Krajan Baru No. 4' },
          me: { name: 'Siti Aminah' },
        },
        me,
      );
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({ kind: 'perbaikan', state: 'draft', missingFiles: [], outcome: 'pending' });
      const staff = (await get(`usulan/${c.id}`, as['op-a']!)).json();
      expect(staff).toMatchObject({ source: 'mandiri', kind: 'perbaikan', householdId: created.json().id });
      expect(staff.payload.changes).toEqual({ rt: '7', address: 'Dusun Krajan Baru No. 4' });
      expect(staff.payload.memberChanges).toEqual([{ personId: expect.any(String), name: 'Siti Aminah' }]);
      const still = (await get(`households/${created.json().id}`, as['op-a']!)).json();
      expect(still).toMatchObject({ rt: '005', address: h.address });

      const again = await post(
        'public/citizen/corrections',
        { reason: 'Masih ada yang salah di data saya' },
        me,
      );
      expect(again.statusCode).toBe(400);
      expect(again.json().errors[0].code).toBe('usulan.household_already_proposed');
      const none = await post('public/citizen/corrections', { reason: 'Data saya salah semua ini' }, citizen);
      expect(none.statusCode).toBe(409);
      expect(none.json().code).toBe('usulan.mandiri_no_record');

      const w = await post(
        `usulan/${c.id}/withdraw`,
        { version: staff.version, note: 'Sudah dibetulkan lewat Dukcapil' },
        as['op-a']!,
      );
      expect(w.statusCode, w.body).toBe(200);
      const seen = (await get(`public/citizen/usulan/${c.id}`, me)).json();
      expect(seen).toMatchObject({
        state: 'withdrawn',
        outcome: 'not_accepted',
        withdrawalNote: 'Sudah dibetulkan lewat Dukcapil',
      });
      expect(seen.timeline.map((s: { step: string }) => s.step)).toEqual(['create', 'withdraw']);
    });

    it('the village operator completes a citizen’s draft: it stays the citizen’s, the timeline says so without who', async () => {
      const put = (id: string, payload: unknown, headers: Record<string, string>) =>
        app.inject({ method: 'PUT', url: `/api/v1/usulan/${id}`, payload: payload as object, headers });
      const made = await post('public/citizen/usulan', proposal(PLACES.villageA, 5), citizen);
      expect(made.statusCode, made.body).toBe(201);
      const id = made.json().id;
      const before = (await get(`usulan/${id}`, as['op-a']!)).json();
      // The operator adds what a citizen cannot know (the instrument) and corrects the names from the KK.
      const { reason: _r, confirmWarnings: _c, ...full } = makeHousehold(PLACES.villageA, 5);
      const body = {
        kind: 'baru',
        household: full,
        reason: 'Dilengkapi dari kunjungan: buruh tani, rumah berlantai tanah',
        confirmWarnings: true,
        version: before.version,
      };

      const bad = structuredClone(body);
      bad.household.members[0]!.nik = '1234';
      const refused = await put(id, bad, as['op-a']!);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('household.members.0.nik');
      expect((await put(id, body, as['op-b']!)).statusCode).toBe(404);
      expect((await put(id, body, as.dinsos!)).statusCode).toBe(403);
      expect((await get(`usulan/${id}`, as['op-a']!)).json().version).toBe(before.version);

      const res = await put(id, body, as['op-a']!);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        id,
        source: 'mandiri',
        state: 'draft',
        version: before.version + 1,
        headName: 'Budi Santoso 5',
        payload: { household: { floorMaterial: 9, members: expect.any(Array) } },
      });
      const stale = await put(id, body, as['op-a']!);
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({
        code: 'record.version_conflict',
        currentVersion: before.version + 1,
      });

      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select(['actorUsername', 'details'])
        .where('entityId', '=', id)
        .where('action', '=', 'usulan.update')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorUsername).toBe('op-a');
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ source: 'mandiri', kind: 'baru' });

      // Still the citizen's: in their list, with their files allowed, and the step reads as the village's.
      expect(
        (await get('public/citizen/usulan', citizen)).json().items.map((i: { id: string }) => i.id),
      ).toContain(id);
      const seen = (await get(`public/citizen/usulan/${id}`, citizen)).json();
      expect(seen).toMatchObject({ headName: 'Budi Santoso 5', canAttach: true });
      expect(seen.timeline.map((s: { step: string }) => s.step)).toEqual(['create', 'update']);
      expect(seen.timeline[1].text.id).toMatch(/^Dilengkapi operator desa/);
      expect(JSON.stringify(seen)).not.toMatch(/op-a/);
    });

    it('a citizen’s correction request is completed under the operator’s rules (changes required)', async () => {
      const h = makeHousehold(PLACES.villageA, 74);
      const created = await post('households', h, as['op-a']!);
      expect(created.statusCode, created.body).toBe(201);
      const me = await account(5, true, { nik: h.members[0]!.nik, name: h.members[0]!.name });
      const asked = await post('public/citizen/corrections', { reason: 'Rumah kami sudah direnovasi' }, me);
      expect(asked.statusCode, asked.body).toBe(201);
      const id = asked.json().id;
      const staff = (await get(`usulan/${id}`, as['op-a']!)).json();
      const base = {
        kind: 'perbaikan',
        householdId: created.json().id,
        reason: 'Dicek ke rumah: lantai keramik',
      };
      const put = (payload: object) =>
        app.inject({ method: 'PUT', url: `/api/v1/usulan/${id}`, payload, headers: as['op-a']! });
      const empty = await put({ ...base, version: staff.version });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0].code).toBe('usulan.no_changes');
      const other = await put({
        ...base,
        householdId: staff.id,
        changes: { floorMaterial: 1 },
        version: staff.version,
      });
      expect(other.statusCode).toBe(400);
      expect(other.json().errors[0].code).toBe('usulan.household_fixed');
      const ok = await put({ ...base, changes: { floorMaterial: 1 }, version: staff.version });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ source: 'mandiri', payload: { changes: { floorMaterial: 1 } } });
      const seen = (await get(`public/citizen/usulan/${id}`, me)).json();
      expect(seen.timeline.map((s: { step: string }) => s.step)).toEqual(['create', 'update']);
    });
  });
}
