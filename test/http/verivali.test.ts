import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { acceptedProposal, createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

/** Inside the proposal window (Jakarta time). */
const clock = new Date('2026-03-16T09:00:00+07:00');
const PERIOD = '2026-03';
const GPS = { latitude: -7.36, longitude: 109.9 };

type Headers = Record<string, string>;
type Instrument = { household: Record<string, unknown>; members: Record<string, unknown>[] };

for (const engine of ENGINES) {
  describe(`verivali (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Headers;
    let dinsos: Headers;
    let dinsosOther: Headers;
    let petugasA: Headers;
    let petugasB: Headers;
    const ids: Record<string, string> = {};

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
    const baru = (n: number) =>
      acceptedProposal(app, t.container, op, {
        kind: 'baru',
        household: makeHousehold(PLACES.villageA, n),
        reason: 'Keluarga miskin belum terdaftar',
      });
    const assign = (body: Record<string, unknown>, headers = dinsos) => api('POST', '/visits', headers, body);
    const record = (
      visit: { id: string; version: number },
      body: Record<string, unknown>,
      headers = petugasA,
    ) => api('POST', `/visits/${visit.id}/record`, headers, { version: visit.version, ...GPS, ...body });

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      ids.petugasA = (await createUser(t.container, 'petugas-a', 'petugas', PLACES.districtA)).id;
      ids.petugasB = (await createUser(t.container, 'petugas-b', 'petugas', PLACES.districtB)).id;
      ids.opA = (
        await t.container.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'op-a')
          .executeTakeFirstOrThrow()
      ).id;
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      dinsos = await login(app, 'dinsos');
      dinsosOther = await login(app, 'dinsos-other');
      petugasA = await login(app, 'petugas-a');
      petugasB = await login(app, 'petugas-b');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('assigns only accepted proposals, only to a petugas whose territory covers the village, once', async () => {
      const usulanId = await baru(1);
      const submitted = await ok(
        'POST',
        '/usulan',
        op,
        {
          kind: 'baru',
          household: makeHousehold(PLACES.villageA, 2),
          reason: 'Belum dimusyawarahkan',
        },
        201,
      );

      const notAccepted = await assign({ usulanId: submitted.id, assignedTo: ids.petugasA });
      expect(notAccepted.statusCode).toBe(409);
      expect(notAccepted.json()).toMatchObject({
        code: 'visit.proposal_not_accepted',
        currentState: 'draft',
      });

      const byOperator = await assign({ usulanId, assignedTo: ids.petugasA }, op);
      expect(byOperator.statusCode).toBe(403);
      const otherRegency = await assign({ usulanId, assignedTo: ids.petugasA }, dinsosOther);
      expect(otherRegency.statusCode).toBe(404);

      for (const who of [ids.petugasB, ids.opA]) {
        const wrong = await assign({ usulanId, assignedTo: who });
        expect(wrong.statusCode).toBe(400);
        expect(wrong.json().errors).toEqual([
          expect.objectContaining({ field: 'assignedTo', code: 'visit.officer_not_eligible' }),
        ]);
      }
      const officers = await ok('GET', `/visits/officers?village=${PLACES.villageA}`, dinsos);
      expect(officers.items.map((o: { username: string }) => o.username)).toEqual(['petugas-a']);

      const visit = (await assign({ usulanId, assignedTo: ids.petugasA })).json();
      expect(visit).toMatchObject({
        state: 'assigned',
        usulanId,
        regionCode: PLACES.villageA,
        period: PERIOD,
        version: 1,
      });
      expect(visit.allowedActions).toEqual(['record', 'cancel']);
      const again = await assign({ usulanId, assignedTo: ids.petugasA });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('visit.already_assigned');
    });

    it('bulk-assigns the accepted proposals of a village that have no visit yet', async () => {
      await baru(3);
      await baru(4);
      const before = await ok('GET', `/visits/candidates?region=${PLACES.villageA}&period=${PERIOD}`, dinsos);
      const unassigned = before.items.filter((c: { visit: unknown }) => c.visit === null).length;
      expect(unassigned).toBeGreaterThanOrEqual(2);
      const byOperator = await api('POST', '/visits/bulk', op, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        assignedTo: ids.petugasA,
      });
      expect(byOperator.statusCode).toBe(403);
      const res = await ok('POST', '/visits/bulk', dinsos, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        assignedTo: ids.petugasA,
      });
      expect(res.assigned).toBe(unassigned);
      expect(res.alreadyAssigned).toBe(before.items.length - unassigned);
      const after = await ok('GET', `/visits/candidates?region=${PLACES.villageA}&period=${PERIOD}`, dinsos);
      expect(after.items.every((c: { visit: unknown }) => c.visit !== null)).toBe(true);
      const twice = await ok('POST', '/visits/bulk', dinsos, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        assignedTo: ids.petugasA,
      });
      expect(twice.assigned).toBe(0);
    });

    it("shows an officer their own visits only; another officer's visit is absent", async () => {
      const mine = await ok('GET', '/visits?mine=true', petugasA);
      expect(mine.items.length).toBeGreaterThanOrEqual(3);
      expect(
        mine.items.every((v: { assignedTo: { username: string } }) => v.assignedTo.username === 'petugas-a'),
      ).toBe(true);
      expect((await ok('GET', '/visits', petugasB)).items).toEqual([]);
      const res = await api('GET', `/visits/${mine.items[0].id}`, petugasB);
      expect(res.statusCode).toBe(404);
    });

    it('refuses an invalid instrument with inline field errors, and a found household without one', async () => {
      const usulanId = await baru(5);
      const v = (await assign({ usulanId, assignedTo: ids.petugasA })).json();
      const full = await ok('GET', `/visits/${v.id}`, petugasA);
      const instrument = structuredClone(full.prefill) as Instrument;
      expect(instrument.members).toHaveLength(3);

      const missing = await record(v, { result: 'found_eligible' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([
        expect.objectContaining({ field: 'instrument', code: 'visit.instrument_required' }),
      ]);

      instrument.household.floorMaterial = 42;
      instrument.members[0]!.nik = '3307011501800000';
      instrument.members[2]!.birthDate = '2030-01-01';
      const bad = await record(v, { result: 'found_eligible', instrument });
      expect(bad.statusCode).toBe(400);
      const fields = bad.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'instrument.household.floorMaterial',
          'instrument.members.0.nik',
          'instrument.members.2.birthDate',
        ]),
      );
      const outside = await record(v, { result: 'found_eligible', instrument: full.prefill, latitude: 40 });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().errors[0].field).toBe('latitude');
      expect((await ok('GET', `/visits/${v.id}`, petugasA)).state).toBe('assigned');
    });

    it('answers 409 with the current state for a step out of order', async () => {
      const usulanId = await baru(6);
      const v = (await assign({ usulanId, assignedTo: ids.petugasA })).json();
      const early = await api('POST', `/visits/${v.id}/accept`, dinsos, { version: 1 });
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({
        code: 'visit.invalid_transition',
        currentState: 'assigned',
        allowed: ['record', 'cancel'],
      });
      const rec = (
        await record(v, { result: 'not_found', notes: 'Rumah kosong, tetangga tidak mengenal' })
      ).json();
      expect(rec.state).toBe('visited');
      const cancel = await api('POST', `/visits/${v.id}/cancel`, dinsos, { version: rec.version });
      expect(cancel.statusCode).toBe(409);
      expect(cancel.json()).toMatchObject({ currentState: 'visited', allowed: ['record', 'accept', 'redo'] });
      const byOfficer = await api('POST', `/visits/${v.id}/accept`, petugasA, { version: rec.version });
      expect(byOfficer.statusCode).toBe(403);
      const stale = await api('POST', `/visits/${v.id}/accept`, dinsos, { version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('record.version_conflict');

      const redo = await ok('POST', `/visits/${v.id}/redo`, dinsos, {
        version: rec.version,
        note: 'Kunjungi lagi sore hari',
      });
      expect(redo).toMatchObject({ state: 'assigned', reviewNote: 'Kunjungi lagi sore hari' });
      const accepted = await ok(
        'POST',
        `/visits/${(await record(redo, { result: 'not_found' })).json().id}/accept`,
        dinsos,
        {
          version: redo.version + 1,
        },
      );
      expect(accepted.state).toBe('accepted');
      expect((await ok('GET', `/usulan/${usulanId}`, op)).state).toBe('not_eligible');
    });

    it('accepting a visit verifies the proposal with what was recorded, and approval applies it', async () => {
      const usulanId = await baru(7);
      const v = (await assign({ usulanId, assignedTo: ids.petugasA })).json();
      const photo = await app.inject({
        method: 'POST',
        url: `/api/v1/visits/${v.id}/photos?name=rumah.jpg`,
        headers: { ...petugasA, 'content-type': 'image/jpeg' },
        payload: jpegFile(),
      });
      expect(photo.statusCode, photo.body).toBe(201);
      expect(photo.json().photos).toEqual([
        expect.objectContaining({ kind: 'visit_photo', mime: 'image/jpeg' }),
      ]);

      const instrument = structuredClone(
        (await ok('GET', `/visits/${v.id}`, petugasA)).prefill,
      ) as Instrument;
      instrument.household.floorMaterial = 7;
      instrument.household.roomCount = 2;
      instrument.members[1]!.name = 'Siti Aminah Rahayu';
      const recorded = await ok('POST', `/visits/${v.id}/record`, petugasA, {
        version: v.version,
        ...GPS,
        result: 'found_eligible',
        notes: 'Lantai bambu, dua kamar',
        instrument,
      });
      expect(recorded).toMatchObject({ state: 'visited', result: 'found_eligible', latitude: GPS.latitude });

      const accepted = await ok('POST', `/visits/${v.id}/accept`, dinsos, { version: recorded.version });
      expect(accepted.state).toBe('accepted');
      const u = await ok('GET', `/usulan/${usulanId}`, dinsos);
      expect(u.state).toBe('verified');
      expect(u.payload.household).toMatchObject({
        floorMaterial: 7,
        roomCount: 2,
        regionCode: PLACES.villageA,
        ...GPS,
      });
      const approved = await ok('POST', `/usulan/${usulanId}/approve`, dinsos, { version: u.version });
      const h = await ok('GET', `/households/${approved.householdId}`, dinsos);
      expect(h).toMatchObject({ floorMaterial: 7, roomCount: 2, latitude: GPS.latitude });
      expect(h.members.map((m: { name: string }) => m.name)).toContain('Siti Aminah Rahayu');
    });

    it('a visit to a correction proposal turns the recorded instrument into its changes (a new member too)', async () => {
      const h = await ok('POST', '/households', op, makeHousehold(PLACES.villageA, 8), 201);
      const usulanId = await acceptedProposal(app, t.container, op, {
        kind: 'perbaikan',
        householdId: h.id,
        changes: { wallMaterial: 3 },
        reason: 'Dinding sudah diganti',
      });
      const v = (await assign({ usulanId, assignedTo: ids.petugasA })).json();
      expect(v.householdId).toBe(h.id);
      const instrument = structuredClone(
        (await ok('GET', `/visits/${v.id}`, petugasA)).prefill,
      ) as Instrument;
      expect(instrument.household.wallMaterial).toBe(3);
      instrument.members.push({
        nik: makeNik(PLACES.districtA, '2024-05-05', 'F', 9001),
        name: 'Bayi Putri',
        birthDate: '2024-05-05',
        sex: 'F',
        relationship: 3,
        maritalStatus: 1,
      });
      const recorded = await ok('POST', `/visits/${v.id}/record`, petugasA, {
        version: 1,
        ...GPS,
        result: 'found_eligible',
        instrument,
      });
      await ok('POST', `/visits/${v.id}/accept`, dinsos, { version: recorded.version });
      const u = await ok('GET', `/usulan/${usulanId}`, dinsos);
      expect(u.state).toBe('verified');
      expect(u.payload.changes).toMatchObject({ wallMaterial: 3, ...GPS });
      expect(u.payload.memberAdds).toEqual([expect.objectContaining({ name: 'Bayi Putri' })]);
      await ok('POST', `/usulan/${usulanId}/approve`, dinsos, { version: u.version });
      const after = await ok('GET', `/households/${h.id}`, dinsos);
      expect(after.wallMaterial).toBe(3);
      expect(after.memberCount).toBe(4);
    });

    it('a visit to a registered household writes a new version with the verivali reason', async () => {
      const h = await ok('POST', '/households', op, makeHousehold(PLACES.villageA, 9), 201);
      const byOperator = await assign({ householdId: h.id, assignedTo: ids.petugasA }, op);
      expect(byOperator.statusCode).toBe(403);
      const v = (await assign({ householdId: h.id, assignedTo: ids.petugasA })).json();
      expect(v).toMatchObject({ householdId: h.id, usulanId: null, period: PERIOD, kkNumber: h.kkNumber });
      const instrument = structuredClone(
        (await ok('GET', `/visits/${v.id}`, petugasA)).prefill,
      ) as Instrument;
      expect(instrument.members.every((m) => typeof m.personId === 'string')).toBe(true);
      instrument.household.cookingFuel = 1;
      const child = instrument.members.find((m) => m.relationship === 3)!;
      child.schoolParticipation = 2;

      // A member left out is a warning to confirm, not an error.
      const partial = { ...instrument, members: instrument.members.filter((m) => m !== child) };
      const warn = await record(v, { result: 'found_eligible', instrument: partial });
      expect(warn.statusCode).toBe(400);
      expect(warn.json().errors).toEqual([
        expect.objectContaining({ code: 'visit.member_not_listed', severity: 'warning' }),
      ]);

      const recorded = (await record(v, { result: 'found_eligible', instrument })).json();
      await ok('POST', `/visits/${v.id}/accept`, dinsos, { version: recorded.version });
      const after = await ok('GET', `/households/${h.id}`, dinsos);
      expect(after.cookingFuel).toBe(1);
      expect(after.latitude).toBe(GPS.latitude);
      expect(after.members.find((m: { id: string }) => m.id === child.personId).schoolParticipation).toBe(2);
      const history = await ok('GET', `/households/${h.id}/history`, dinsos);
      const verivali = history.items.filter((e: { reason: string }) => e.reason === `verivali ${PERIOD}`);
      expect(verivali.map((e: { changeType: string }) => e.changeType).sort()).toEqual([
        'member_update',
        'update',
      ]);
      expect(history.items[0].version).toBe(h.version + 2);
    });

    it('moved and deceased findings change nothing by themselves and show in the worklist', async () => {
      const h = await ok('POST', '/households', op, makeHousehold(PLACES.villageA, 10), 201);
      const v = (await assign({ householdId: h.id, assignedTo: ids.petugasA })).json();
      const recorded = (await record(v, { result: 'moved', notes: 'Pindah ke Jakarta' })).json();
      await ok('POST', `/visits/${v.id}/accept`, dinsos, { version: recorded.version });
      expect((await ok('GET', `/households/${h.id}`, dinsos)).version).toBe(h.version);
      const moved = await ok('GET', `/visits?result=moved&region=${PLACES.regency}`, dinsos);
      expect(moved.items.map((x: { id: string }) => x.id)).toContain(v.id);
    });

    it('cancels an assigned visit so the household can be given to someone else', async () => {
      const h = await ok('POST', '/households', op, makeHousehold(PLACES.villageA, 11), 201);
      const v = (await assign({ householdId: h.id, assignedTo: ids.petugasA })).json();
      const cancelled = await ok('POST', `/visits/${v.id}/cancel`, dinsos, { version: 1 });
      expect(cancelled.state).toBe('cancelled');
      const photo = await app.inject({
        method: 'POST',
        url: `/api/v1/visits/${v.id}/photos`,
        headers: { ...dinsos, 'content-type': 'image/jpeg' },
        payload: jpegFile(),
      });
      expect(photo.statusCode).toBe(409);
      expect((await assign({ householdId: h.id, assignedTo: ids.petugasA })).statusCode).toBe(201);
      expect((await assign({ householdId: h.id, assignedTo: ids.petugasA }, dinsosOther)).statusCode).toBe(
        404,
      );
    });

    // Last: it moves this village's accepted proposals to an older period.
    it('without a period, lists the candidates of the newest period with accepted proposals', async () => {
      // Nothing accepted in the village: the period the to-do list works on (the window opened on the 15th).
      const none = await ok('GET', `/visits/candidates?region=${PLACES.villageA2}`, dinsos);
      expect(none).toEqual({ period: PERIOD, items: [] });
      const current = await ok(
        'GET',
        `/visits/candidates?region=${PLACES.villageA}&period=${PERIOD}`,
        dinsos,
      );
      expect(current.items.length).toBeGreaterThan(0);
      await t.container.database.db
        .updateTable('usulan')
        .set({ period: '2026-01' })
        .where('villageCode', '=', PLACES.villageA)
        .where('state', '=', 'musdes_accepted')
        .execute();
      for (const region of [PLACES.villageA, PLACES.regency]) {
        const newest = await ok('GET', `/visits/candidates?region=${region}`, dinsos);
        expect(newest.period).toBe('2026-01');
        expect(newest.items.map((c: { usulanId: string }) => c.usulanId).sort()).toEqual(
          current.items.map((c: { usulanId: string }) => c.usulanId).sort(),
        );
      }
    });
  });
}
