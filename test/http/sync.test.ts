import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailableIssue } from '../../src/domain/access/identity.ts';
import { MAX_ATTACHMENT_BYTES } from '../../src/domain/cycle/attachments.ts';
import { newId } from '../../src/lib/ids.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { acceptedProposal, actorFor, createUser, openedMusdes } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Inside the proposal window (Jakarta time). */
let clock = new Date('2026-03-16T09:00:00+07:00');
const GPS = { latitude: -7.36, longitude: 109.9 };
type Headers = Record<string, string>;
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON inspected by the assertions
type Json = any;
type Result = { id: string; status: string; version?: number; reason?: { code: string }; current?: Json };

const photoRef = 'a1b2c3';

for (const engine of ENGINES) {
  describe(`offline sync (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Headers;
    let opB: Headers;
    let kades: Headers;
    let dinsos: Headers;
    let petugas: Headers;
    let petugasId: string;
    const households: { id: string; version: number }[] = [];

    const api = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const ok = async (
      method: 'GET' | 'POST',
      url: string,
      headers: Headers,
      payload?: unknown,
      status = 200,
    ) => {
      const res = await api(method, url, headers, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      return res.json();
    };
    const sync = async (headers: Headers, changes: unknown[], files: Record<string, string> = {}) =>
      (await ok('POST', '/sync/changes', headers, { changes, files })).results as Result[];
    const change = (
      kind: string,
      targetId: string,
      baseVersion: number,
      payload: Record<string, unknown>,
    ) => ({
      id: newId(),
      kind,
      targetId,
      baseVersion,
      payload,
      recordedAt: clock.toISOString(),
    });
    const workingSet = async (headers: Headers, region: string) => {
      const res = await api('GET', `/sync/working-set?region=${region}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
      expect(res.headers['cache-control']).toBe('no-store');
      return res.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; data: Json });
    };
    const draft = (n: number) => ({
      kind: 'baru',
      household: makeHousehold(PLACES.villageA, n),
      reason: 'Keluarga miskin belum terdaftar',
    });

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      petugasId = (await createUser(t.container, 'petugas-a', 'petugas', PLACES.districtA)).id;
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      opB = await login(app, 'op-b');
      kades = await login(app, 'kades-a');
      dinsos = await login(app, 'dinsos');
      petugas = await login(app, 'petugas-a');
      for (const n of [1, 2]) {
        const h = await ok('POST', '/households', op, makeHousehold(PLACES.villageA, 10 + n), 201);
        households.push({ id: h.id, version: h.version });
      }
      await ok('POST', '/households', opB, makeHousehold(PLACES.villageB, 20), 201);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it("downloads the territory's working set as NDJSON, refuses another territory like an absent region", async () => {
      const records = await workingSet(op, PLACES.villageA);
      expect(records[0]).toMatchObject({
        type: 'meta',
        data: { region: PLACES.villageA, role: 'operator_desa' },
      });
      expect(records.at(-1)).toMatchObject({ type: 'end', data: { counts: { household: 2 } } });
      const hh = records.filter((r) => r.type === 'household');
      expect(hh.map((r) => r.data.id).sort()).toEqual(households.map((h) => h.id).sort());
      expect(hh[0]!.data.members.length).toBeGreaterThan(1);
      expect(records.find((r) => r.type === 'codes')!.data.codebook.housingFields.length).toBeGreaterThan(0);
      expect(records.some((r) => r.type === 'region' && r.data.code === PLACES.villageA)).toBe(true);
      // A regency asked by a village operator is narrowed to the village.
      const narrowed = await workingSet(op, PLACES.regency);
      expect(narrowed[0]!.data.region).toBe(PLACES.villageA);
      expect(narrowed.filter((r) => r.type === 'household')).toHaveLength(2);

      const outside = await api('GET', `/sync/working-set?region=${PLACES.villageB}`, op);
      expect(outside.statusCode).toBe(404);
      const unknown = await api('GET', '/sync/working-set?region=33.07.01.2999', op);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toBe(outside.json().detail);
      expect((await api('GET', '/sync/working-set?region=xx', op)).statusCode).toBe(400);
      expect(
        (await app.inject({ method: 'GET', url: `/api/v1/sync/working-set?region=${PLACES.villageA}` }))
          .statusCode,
      ).toBe(401);
      const audited = await t.container.database.db
        .selectFrom('auditLog')
        .select('action')
        .where('action', '=', 'sync.working_set')
        .execute();
      expect(audited.length).toBeGreaterThan(0);
    });

    it('creates a draft with its photo, answers a replay unchanged, updates, and reports a stale edit as a conflict', async () => {
      const id = newId();
      const create = change('usulan.draft', id, 0, {
        proposal: draft(1),
        photos: [{ ref: photoRef, name: 'depan.jpg', kind: 'house_front' }],
      });
      const files = { [photoRef]: jpegFile().toString('base64') };
      const [created] = await sync(op, [create], files);
      expect(created).toMatchObject({ id: create.id, status: 'created', version: 1 });
      const u = await ok('GET', `/usulan/${id}`, op);
      expect(u).toMatchObject({ id, state: 'draft', kind: 'baru' });
      expect(u.attachments).toEqual([expect.objectContaining({ kind: 'house_front', mime: 'image/jpeg' })]);

      // The same change again (a device that lost the answer): nothing new.
      const [replayed] = await sync(op, [create], files);
      expect(replayed).toMatchObject({ status: 'unchanged', version: 1 });
      expect((await ok('GET', `/usulan/${id}`, op)).attachments).toHaveLength(1);

      const edited = { ...draft(1), reason: 'Keluarga miskin, rumah tidak layak huni' };
      const update = change('usulan.draft', id, 1, { proposal: edited });
      const [updated] = await sync(op, [update]);
      expect(updated).toMatchObject({ status: 'updated', version: 2 });
      expect((await ok('GET', `/usulan/${id}`, op)).reason).toBe(edited.reason);

      // Another device edited version 1 too: the server's version comes back to compare.
      const [stale] = await sync(op, [change('usulan.draft', id, 1, { proposal: draft(1) })]);
      expect(stale).toMatchObject({ status: 'conflict', reason: { code: 'sync.conflict' }, version: 2 });
      expect(stale!.current).toMatchObject({ id, version: 2, reason: edited.reason });

      // An old change replayed after newer ones: still unchanged, the newer content stays.
      const [old] = await sync(op, [create]);
      expect(old!.status).toBe('unchanged');
      expect((await ok('GET', `/usulan/${id}`, op)).version).toBe(2);

      // The same id claimed by a different change is refused.
      const [clash] = await sync(op, [{ ...create, targetId: newId() }]);
      expect(clash).toMatchObject({ status: 'rejected', reason: { code: 'sync.change_exists' } });
    });

    it('finishes a new draft whose earlier attempt failed after the create: the photo is attached, not lost', async () => {
      const id = newId();
      const create = change('usulan.draft', id, 0, {
        proposal: draft(5),
        photos: [{ ref: photoRef, name: 'depan.jpg', kind: 'house_front' }],
      });
      const files = { [photoRef]: jpegFile().toString('base64') };
      const usulan = t.container.usulan;
      const attach = usulan.attach;
      usulan.attach = async () => {
        throw new Error('disk full');
      };
      try {
        const res = await api('POST', '/sync/changes', op, { changes: [create], files });
        expect(res.statusCode).toBe(500);
      } finally {
        usulan.attach = attach;
      }
      expect((await ok('GET', `/usulan/${id}`, op)).attachments).toHaveLength(0);

      const [retried] = await sync(op, [create], files);
      expect(retried).toMatchObject({ status: 'created', version: 1 });
      expect((await ok('GET', `/usulan/${id}`, op)).attachments).toEqual([
        expect.objectContaining({ kind: 'house_front' }),
      ]);
      const [again] = await sync(op, [create], files);
      expect(again).toMatchObject({ status: 'unchanged', version: 1 });
      expect((await ok('GET', `/usulan/${id}`, op)).attachments).toHaveLength(1);

      // A draft stored under the id with other content (the create's record lost, then edited): a conflict.
      const other = newId();
      await t.container.usulan.create(
        await actorFor(t.container, 'op-a'),
        { ...draft(6), kind: 'baru' },
        { id: other },
      );
      const [clash] = await sync(op, [
        change('usulan.draft', other, 0, { proposal: { ...draft(6), reason: 'Lain' } }),
      ]);
      expect(clash).toMatchObject({ status: 'conflict', reason: { code: 'sync.conflict' }, version: 1 });
    });

    it("refuses changes outside the territory, by the wrong role, or breaking the owning service's rules", async () => {
      const id = newId();
      const [created] = await sync(op, [change('usulan.draft', id, 0, { proposal: draft(2) })]);
      expect(created!.status).toBe('created');
      // Another village's operator cannot see it: refused exactly like an absent one.
      const [outside] = await sync(opB, [change('usulan.draft', id, 1, { proposal: draft(2) })]);
      const [absent] = await sync(opB, [change('usulan.draft', newId(), 1, { proposal: draft(2) })]);
      expect(outside).toMatchObject({ status: 'rejected', reason: { code: 'record.not_found' } });
      expect(outside!.reason).toEqual(absent!.reason);
      // A draft for another village.
      const [foreign] = await sync(opB, [change('usulan.draft', newId(), 0, { proposal: { ...draft(3) } })]);
      expect(foreign).toMatchObject({ status: 'rejected' });
      // Not a village operator.
      const [byDinsos] = await sync(dinsos, [change('usulan.draft', newId(), 0, { proposal: draft(4) })]);
      expect(byDinsos).toMatchObject({ status: 'rejected', reason: { code: 'usulan.operator_only' } });
      // Field rules of the proposal itself, with the field named.
      const bad = draft(5);
      bad.household.members[0]!.nik = '123';
      const [invalid] = (
        await ok('POST', '/sync/changes', op, {
          changes: [change('usulan.draft', newId(), 0, { proposal: bad })],
        })
      ).results as (Result & { errors: { field: string }[] })[];
      expect(invalid!.status).toBe('rejected');
      expect(invalid!.errors.map((e) => e.field)).toContain('household.members.0.nik');
      // A kind cannot change on edit.
      const [kind] = await sync(op, [
        change('usulan.draft', id, 1, {
          proposal: { kind: 'dikeluarkan', householdId: households[0]!.id, reasonCode: 'moved' },
        }),
      ]);
      expect(kind).toMatchObject({ status: 'rejected' });
      expect((await ok('GET', `/usulan/${id}`, op)).version).toBe(1);
    });

    it('answers a NIK registered in another village with the same neutral issue as the usulan route', async () => {
      const held = (await ok('GET', `/households/${households[0]!.id}`, op)).members[1].nik as string;
      const h = makeHousehold(PLACES.villageB, 30);
      h.members[1] = { ...h.members[1]!, nik: held };
      const proposal = { kind: 'baru', household: h, reason: 'Pindah ke desa ini' };
      const [r] = (
        await ok('POST', '/sync/changes', opB, {
          changes: [change('usulan.draft', newId(), 0, { proposal })],
        })
      ).results as (Result & { errors: unknown[] })[];
      const direct = (await api('POST', '/usulan', opB, proposal)).json();
      expect(r).toMatchObject({ status: 'rejected', reason: { code: 'identity.unavailable' } });
      const neutral = unavailableIssue('household.members.1.nik', 'nik');
      expect(r!.errors).toEqual([{ ...neutral, message: neutral.message.id }]);
      expect(r!.errors).toEqual(direct.errors);
      expect(JSON.stringify(r)).not.toContain(households[0]!.id);
    });

    it('refuses oversized and missing photos before writing anything', async () => {
      const id = newId();
      const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0xff);
      const [tooLarge] = await sync(
        op,
        [change('usulan.draft', id, 0, { proposal: draft(6), photos: [{ ref: 'big', name: 'x.jpg' }] })],
        { big: big.toString('base64') },
      );
      expect(tooLarge).toMatchObject({ status: 'rejected', reason: { code: 'sync.photo_too_large' } });
      const [missing] = await sync(op, [
        change('usulan.draft', id, 0, { proposal: draft(6), photos: [{ ref: 'nothere', name: 'x.jpg' }] }),
      ]);
      expect(missing).toMatchObject({ status: 'rejected', reason: { code: 'sync.photo_missing' } });
      const [notAnImage] = await sync(
        op,
        [change('usulan.draft', id, 0, { proposal: draft(6), photos: [{ ref: 'txt', name: 'x.jpg' }] })],
        { txt: Buffer.from('hello').toString('base64') },
      );
      expect(notAnImage!.status).toBe('rejected');
      expect((await api('GET', `/usulan/${id}`, op)).statusCode).toBe(404);
      // Malformed changes: the request is refused naming the field.
      const res = await api('POST', '/sync/changes', op, {
        changes: [{ id: 'x', kind: 'usulan.draft', payload: {} }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['changes.0.id']),
      );
      // Unchecked changes (a bundle's lines) given to the service are refused one by one.
      const results = await t.container.sync.apply(await actorFor(t.container, 'op-a'), [
        { id: newId(), kind: 'nonsense' },
        change('usulan.draft', newId(), 0, { proposal: draft(7) }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'created']);
    });

    it('records a verivali visit with a photo from the device; a replay is unchanged, an edit of an old version a conflict', async () => {
      const usulanId = await acceptedProposal(app, t.container, op, draft(8));
      const visit = await ok('POST', '/visits', dinsos, { usulanId, assignedTo: petugasId }, 201);
      const records = await workingSet(petugas, PLACES.districtA);
      const v = records.find((r) => r.type === 'visit' && r.data.id === visit.id);
      expect(v).toBeDefined();
      expect(v!.data.prefill.members.length).toBeGreaterThan(0);
      // The officer sees only their own visits; the operator none of the visit list.
      expect(records.filter((r) => r.type === 'visit')).toHaveLength(1);

      const rec = change('verivali.visit', visit.id, visit.version, {
        result: 'found_eligible',
        ...GPS,
        notes: 'Rumah berdinding bambu',
        instrument: v!.data.prefill,
        confirmWarnings: true,
        photos: [{ ref: photoRef, name: 'rumah.jpg' }],
      });
      const files = { [photoRef]: jpegFile().toString('base64') };
      const [done] = await sync(petugas, [rec], files);
      expect(done).toMatchObject({ status: 'updated', version: visit.version + 1 });
      const after = await ok('GET', `/visits/${visit.id}`, dinsos);
      expect(after).toMatchObject({ state: 'visited', result: 'found_eligible', latitude: GPS.latitude });
      expect(after.photos).toEqual([expect.objectContaining({ kind: 'visit_photo' })]);

      const [again] = await sync(petugas, [rec], files);
      expect(again!.status).toBe('unchanged');
      expect((await ok('GET', `/visits/${visit.id}`, dinsos)).photos).toHaveLength(1);

      const [stale] = await sync(petugas, [{ ...rec, id: newId(), payload: { ...rec.payload, photos: [] } }]);
      expect(stale).toMatchObject({ status: 'conflict', version: visit.version + 1 });
      expect(stale!.current).toMatchObject({ id: visit.id, result: 'found_eligible' });

      // Another officer's visit is absent for this one.
      await createUser(t.container, 'petugas-b', 'petugas', PLACES.districtA);
      const other = await login(app, 'petugas-b');
      const [notMine] = await sync(other, [{ ...rec, id: newId(), baseVersion: visit.version + 1 }]);
      expect(notMine).toMatchObject({ status: 'rejected', reason: { code: 'record.not_found' } });
    });

    it('sends the payload of drafts only (one audited read each); an accepted proposal travels as listed', async () => {
      const opA = await actorFor(t.container, 'op-a');
      const kept = await t.container.usulan.create(opA, {
        ...draft(60),
        kind: 'baru',
        confirmWarnings: true,
      });
      const records = await workingSet(op, PLACES.villageA);
      const usulan = records.filter((r) => r.type === 'usulan');
      expect(usulan.find((r) => r.data.id === kept.id)!.data.payload).toBeDefined();
      // The visit test's proposal, accepted by the Musdes: not editable on a device, no payload.
      const accepted = usulan.filter((r) => r.data.state === 'musdes_accepted');
      expect(accepted.length).toBeGreaterThan(0);
      for (const r of accepted) expect(r.data.payload).toBeUndefined();
    });

    it('decides Musdes rows offline; a row decided differently on the server is a conflict', async () => {
      clock = new Date('2026-03-26T09:00:00+07:00');
      const session = await openedMusdes(app, op, '2026-03-26');
      const records = await workingSet(kades, PLACES.villageA);
      expect(records.some((r) => r.type === 'musdes' && r.data.id === session.id)).toBe(true);
      const rows = records.filter((r) => r.type === 'musdes_row' && r.data.source === 'existing');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const [r1, r2] = rows;
      const decide = (rowId: string, outcome: string, baseOutcome: string | null) =>
        change('musdes.outcome', rowId, session.version, { sessionId: session.id, outcome, baseOutcome });

      const first = decide(r1!.data.id, 'tetap', null);
      const [done] = await sync(kades, [first]);
      expect(done!.status).toBe('updated');
      expect((await sync(kades, [first]))[0]!.status).toBe('unchanged');
      // The same decision made twice on two devices: nothing to do.
      expect((await sync(op, [decide(r1!.data.id, 'tetap', null)]))[0]!.status).toBe('unchanged');

      // Decided online meanwhile; the device still had it undecided.
      await app.inject({
        method: 'PUT',
        url: `/api/v1/musdes/${session.id}/rows/${r2!.data.id}`,
        headers: op,
        payload: { outcome: 'tetap' },
      });
      const [conflict] = await sync(kades, [decide(r2!.data.id, 'dikeluarkan', null)]);
      expect(conflict).toMatchObject({ status: 'conflict', reason: { code: 'sync.musdes_decided' } });
      expect(conflict!.current).toMatchObject({ id: r2!.data.id, outcome: 'tetap' });
      // Keep mine: the device sends it again on the server's outcome.
      const [kept] = await sync(kades, [
        {
          ...decide(r2!.data.id, 'perbaikan', 'tetap'),
          payload: {
            sessionId: session.id,
            outcome: 'perbaikan',
            baseOutcome: 'tetap',
            note: 'Alamat berubah',
          },
        },
      ]);
      expect(kept!.status).toBe('updated');

      // Another village's operator: absent.
      const [outside] = await sync(opB, [decide(r1!.data.id, 'perbaikan', 'tetap')]);
      expect(outside).toMatchObject({ status: 'rejected', reason: { code: 'record.not_found' } });
      clock = new Date('2026-03-16T09:00:00+07:00');
    });
  });
}
