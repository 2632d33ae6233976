/**
 * Opting out of a programme: staff record a household's opt-out on its written request, within their
 * territory; the next recipients computation excludes it with OPTED_OUT (the programme's other households
 * are unaffected); withdrawing it brings the household back at the computation after; records are kept.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';

for (const engine of ENGINES) {
  describe(`programme opt-outs (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const ids: string[] = [];
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
      t = await openTestDb(engine);
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
  });
}
