/**
 * Opting out of a programme: staff record a household's opt-out on its written request, within their
 * territory; the next recipients computation excludes it with OPTED_OUT (the programme's other households
 * are unaffected); withdrawing it brings the household back at the computation after; records are kept.
 * A verified citizen declares their family's opt-out from the portal: the same record, marked as the
 * citizen's, seen by staff, audited, excluding the family the same way; the citizen withdraws only what was
 * declared from the portal; unverified accounts and people not in DTKS are refused.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { citizenAccount } from '../support/citizen.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';

for (const engine of ENGINES) {
  describe(`programme opt-outs (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const sender = new LogCodeSender(() => {});
    const as: Record<string, Record<string, string>> = {};
    const ids: string[] = [];
    const members: { nik: string; name: string }[] = [];
    const api = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: as[who], ...(payload ? { payload } : {}) });
    const bpntCodes = async (period: string) => {
      await t.container.recipients.compute(systemActor('test'), {
        period,
        programme: 'BPNT',
        regency: PLACES.regency,
      });
      const ex = await api('GET', `/periods/${period}/recipients/exclusions?programme=BPNT`, 'dinsos');
      expect(ex.statusCode, ex.body).toBe(200);
      return new Map<string, string[]>(
        ex.json().items.map((e: { householdId: string; codes: string[] }) => [e.householdId, e.codes]),
      );
    };

    beforeAll(async () => {
      t = await openTestDb(engine, { codeSender: sender });
      await createUsers(t.container);
      await publishProgrammes(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'dinsos', 'auditor', 'admin']) as[u] = await login(app, u);
      for (let n = 1; n <= 3; n++) {
        const res = await api('POST', '/households', 'admin', {
          ...makeHousehold(PLACES.villageA, n),
          confirmWarnings: true,
        });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
        members.push(res.json().members[1]);
      }
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('records an opt-out; the next computation excludes the household with OPTED_OUT, the others not', async () => {
      const body = {
        programme: 'BPNT',
        requestedOn: '2026-01-05',
        reason: 'Sudah mampu, surat kepala keluarga',
      };
      const res = await api('POST', `/households/${ids[0]}/opt-outs`, 'op-a', {
        ...body,
        evidence: 'Surat 12/I/2026',
      });
      expect(res.statusCode, res.body).toBe(201);
      const optOut = res.json();
      expect(optOut).toMatchObject({
        householdId: ids[0],
        programme: 'BPNT',
        standing: true,
        withdrawnAt: null,
      });
      // One standing opt-out per household and programme.
      const again = await api('POST', `/households/${ids[0]}/opt-outs`, 'op-a', body);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('opt_out.exists');

      await determinedRankedPeriod(
        t.container,
        '2026-04',
        ids.map((id) => ({ id, village: PLACES.villageA, decile: 1 })),
      );
      const codes = await bpntCodes('2026-04');
      expect(codes.get(ids[0]!)).toContain('OPTED_OUT');
      expect(codes.get(ids[1]!) ?? []).not.toContain('OPTED_OUT');

      const list = await api('GET', `/households/${ids[0]}/opt-outs`, 'dinsos');
      expect(list.statusCode).toBe(200);
      expect(list.headers['cache-control']).toBe('no-store');
      expect(list.json().items).toMatchObject([
        { id: optOut.id, evidence: 'Surat 12/I/2026', standing: true },
      ]);
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', ids[0]!)
        .where('action', 'in', ['household.opt_out', 'household.opt_outs'])
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['household.opt_out', 'household.opt_outs']);

      // Withdrawn: kept as a record, and the next computation evaluates the household as any other.
      const w = await api('POST', `/households/${ids[0]}/opt-outs/${optOut.id}/withdraw`, 'dinsos', {
        reason: 'Keluarga meminta dipertimbangkan kembali',
      });
      expect(w.statusCode, w.body).toBe(200);
      expect(w.json()).toMatchObject({
        standing: false,
        withdrawReason: 'Keluarga meminta dipertimbangkan kembali',
      });
      const twice = await api('POST', `/households/${ids[0]}/opt-outs/${optOut.id}/withdraw`, 'dinsos', {
        reason: 'lagi',
      });
      expect(twice.statusCode).toBe(404);
      await determinedRankedPeriod(
        t.container,
        '2026-05',
        ids.map((id) => ({ id, village: PLACES.villageA, decile: 1 })),
      );
      expect((await bpntCodes('2026-05')).get(ids[0]!) ?? []).not.toContain('OPTED_OUT');
      expect((await api('GET', `/households/${ids[0]}/opt-outs`, 'op-a')).json().items).toHaveLength(1);
      // A new opt-out of the same programme can stand again.
      expect((await api('POST', `/households/${ids[0]}/opt-outs`, 'op-a', body)).statusCode).toBe(201);
    });

    it('refuses bad input with the field, changing nothing', async () => {
      const bad = async (payload: object, field: string, code: string) => {
        const res = await api('POST', `/households/${ids[1]}/opt-outs`, 'op-a', payload);
        expect(res.statusCode, res.body).toBe(400);
        const errors = res.json().errors as { field: string; code: string }[];
        expect(
          errors.some((e) => e.field === field && e.code === code),
          res.body,
        ).toBe(true);
      };
      const ok = { programme: 'PKH', requestedOn: '2026-01-05', reason: 'Permohonan tertulis' };
      await bad({ ...ok, requestedOn: '2999-01-01' }, 'requestedOn', 'opt_out.date_future');
      await bad({ ...ok, requestedOn: '2026-02-30' }, 'requestedOn', 'opt_out.date_invalid');
      await bad({ ...ok, programme: 'NOPE' }, 'programme', 'opt_out.unknown_programme');
      expect((await api('GET', `/households/${ids[1]}/opt-outs`, 'op-a')).json().items).toEqual([]);
    });

    it('outside the territory the household is absent; read-only roles cannot record', async () => {
      const body = { programme: 'PKH', requestedOn: '2026-01-05', reason: 'Permohonan tertulis' };
      const other = await api('POST', `/households/${ids[2]}/opt-outs`, 'op-b', body);
      const absent = await api(
        'POST',
        '/households/0190f000-0000-7000-8000-000000000999/opt-outs',
        'op-b',
        body,
      );
      expect(other.statusCode).toBe(404);
      expect(other.json().title).toBe(absent.json().title);
      expect((await api('GET', `/households/${ids[2]}/opt-outs`, 'op-b')).statusCode).toBe(404);
      expect((await api('POST', `/households/${ids[2]}/opt-outs`, 'auditor', body)).statusCode).toBe(403);
    });

    it('a verified citizen declares their family’s opt-out from the portal: the same record, seen by staff', async () => {
      const me = await citizenAccount(app, t.container, sender, 1, {
        prefix: 'tolak',
        serial: 8200,
        verified: true,
        who: members[2]!,
      });
      const cit = (method: 'GET' | 'POST', url: string, payload?: object, headers = me) =>
        app.inject({ method, url: `/api/v1/public/citizen${url}`, headers, ...(payload ? { payload } : {}) });

      const first = await cit('GET', '/opt-outs');
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.json().items).toEqual([]);
      expect(first.json().programmes.map((p: { code: string }) => p.code)).toContain('BPNT');

      expect((await cit('POST', '/opt-outs', { programme: 'NOPE', reason: 'Sudah mampu' })).statusCode).toBe(
        400,
      );
      const res = await cit('POST', '/opt-outs', { programme: 'BPNT', reason: 'Kami sudah mampu' });
      expect(res.statusCode, res.body).toBe(201);
      const o = res.json();
      expect(o).toMatchObject({
        householdId: ids[2],
        programme: 'BPNT',
        standing: true,
        declaredBy: 'citizen',
      });
      expect(o.requestedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const again = await cit('POST', '/opt-outs', { programme: 'BPNT', reason: 'Kami sudah mampu' });
      expect(again.statusCode).toBe(409);

      // Staff see it as the citizen's, and it counts like theirs in the next computation.
      const staff = await api('GET', `/households/${ids[2]}/opt-outs`, 'op-a');
      expect(staff.json().items).toMatchObject([{ id: o.id, declaredBy: 'citizen', standing: true }]);
      await determinedRankedPeriod(
        t.container,
        '2026-06',
        ids.map((id) => ({ id, village: PLACES.villageA, decile: 1 })),
      );
      expect((await bpntCodes('2026-06')).get(ids[2]!)).toContain('OPTED_OUT');
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select(['action', 'actorUsername', 'actorRole'])
        .where('entityId', '=', ids[2]!)
        .where('action', '=', 'household.opt_out')
        .execute();
      expect(audit).toEqual([
        { action: 'household.opt_out', actorUsername: 'citizen:tolak1', actorRole: null },
      ]);

      // A staff-recorded opt-out is withdrawn at the office, not from the portal.
      const byOffice = await api('POST', `/households/${ids[2]}/opt-outs`, 'op-a', {
        programme: 'PKH',
        requestedOn: '2026-01-05',
        reason: 'Surat permohonan',
      });
      expect(byOffice.statusCode, byOffice.body).toBe(201);
      const lift = { reason: 'Kami ingin dipertimbangkan lagi' };
      expect((await cit('POST', `/opt-outs/${byOffice.json().id}/withdraw`, lift)).statusCode).toBe(404);
      const w = await cit('POST', `/opt-outs/${o.id}/withdraw`, lift);
      expect(w.statusCode, w.body).toBe(200);
      expect(w.json()).toMatchObject({
        standing: false,
        withdrawnBy: 'citizen',
        withdrawReason: lift.reason,
      });
      const mine = (await cit('GET', '/opt-outs')).json().items;
      expect(mine.map((i: { programme: string; standing: boolean }) => [i.programme, i.standing])).toEqual([
        ['PKH', true],
        ['BPNT', false],
      ]);

      // Another family's citizen sees only their own; unverified accounts and people not in DTKS are refused.
      const pending = await citizenAccount(app, t.container, sender, 2, {
        prefix: 'tolak',
        serial: 8200,
        verified: false,
        who: members[1]!,
      });
      expect((await cit('GET', '/opt-outs', undefined, pending)).statusCode).toBe(403);
      const stranger = await citizenAccount(app, t.container, sender, 3, {
        prefix: 'tolak',
        serial: 8200,
        verified: true,
      });
      const none = await cit('POST', '/opt-outs', { programme: 'BPNT', reason: 'Sudah mampu' }, stranger);
      expect(none.statusCode).toBe(409);
      expect(none.json().code).toBe('opt_out.no_record');
      expect((await cit('GET', '/opt-outs', undefined, {})).statusCode).toBe(401);
    });
  });
}
