/**
 * A household that moved to another village (here: another regency too) is read by its village NOW, by
 * every read of one household: the old village's operator and the old regency's Dinas Sosial get exactly
 * what an id that does not exist gives (404, same body, nothing audited), the new ones read it — its
 * household record and history, the record as DTKS determined it in a past period (`?asOf=`), its programme
 * history with the evaluations made in the old regency, and its opt-outs. The lists of the past period keep
 * that period's village (the proposal's candidates). Ranking by household: test/http/ranking.test.ts.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { moveHousehold } from '../support/move.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';

const PERIOD = '2026-04';

/** Same status and the same problem document, `instance` aside: nothing tells the two apart. */
function expectIndistinguishable(hidden: LightMyRequestResponse, absent: LightMyRequestResponse) {
  expect(hidden.statusCode, hidden.body).toBe(404);
  expect(absent.statusCode, absent.body).toBe(404);
  expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
  const { instance: _a, requestId: _ar, ...h } = hidden.json();
  const { instance: _b, requestId: _br, ...a } = absent.json();
  expect(h).toEqual(a);
  expect(h.code).toBe('record.not_found');
}

for (const engine of ENGINES) {
  describe(`a household that moved is read by its village now (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    let id = '';
    let nik = '';
    let runId = '';
    const absentId = newId();
    const api = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: as[who], ...(payload ? { payload } : {}) });
    const audits = async () =>
      (
        await t.container.database.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      await createUser(t.container, 'op-new', 'operator_desa', PLACES.otherVillage);
      await publishProgrammes(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-new', 'dinsos', 'dinsos-other', 'admin']) as[u] = await login(app, u);
      const made = makeHousehold(PLACES.villageA, 1);
      made.members[2] = { ...made.members[2]!, educationLevel: 4 };
      const res = await api('POST', '/households', 'op-a', { ...made, confirmWarnings: true });
      expect(res.statusCode, res.body).toBe(201);
      id = res.json().id;
      nik = res.json().members[1].nik;
      // April: determined and ranked in village A; PKH computed for its regency; an opt-out of BPNT.
      await determinedRankedPeriod(t.container, PERIOD, [{ id, village: PLACES.villageA, decile: 1 }]);
      const run = await t.container.recipients.compute(systemActor('test'), {
        period: PERIOD,
        programme: 'PKH',
        regency: PLACES.regency,
      });
      runId = run.id;
      const optOut = await api('POST', `/households/${id}/opt-outs`, 'op-a', {
        programme: 'BPNT',
        requestedOn: '2026-01-05',
        reason: 'Sudah mampu, surat kepala keluarga',
      });
      expect(optOut.statusCode, optOut.body).toBe(201);
      // Then the family moves to a village of another regency.
      await moveHousehold(t.container, id, PLACES.otherVillage);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const reads = [
      ['the household', (h: string) => `/households/${h}`],
      ['its history', (h: string) => `/households/${h}/history`],
      ['the household as determined in a past period', (h: string) => `/households/${h}?asOf=${PERIOD}`],
      ['its programme history and why (not)', (h: string) => `/households/${h}/programmes`],
      ['its opt-outs', (h: string) => `/households/${h}/opt-outs`],
    ] as const;

    for (const [what, url] of reads) {
      it(`${what}: the old village and regency read nothing, the new ones read it`, async () => {
        for (const old of ['op-a', 'dinsos']) {
          const before = await audits();
          const hidden = await api('GET', url(id), old);
          const absent = await api('GET', url(absentId), old);
          expectIndistinguishable(hidden, absent);
          expect(await audits(), `${old} audited a refused read`).toBe(before);
        }
        for (const now of ['op-new', 'dinsos-other', 'admin']) {
          const res = await api('GET', url(id), now);
          expect(res.statusCode, `${now}: ${res.body}`).toBe(200);
        }
      });
    }

    it('the past period as determined: the record of then, where it lived then', async () => {
      const res = (await api('GET', `/households/${id}?asOf=${PERIOD}`, 'op-new')).json();
      expect(res.regionCode).toBe(PLACES.villageA);
      expect(res.regionPath.at(-1).code).toBe(PLACES.villageA);
    });

    it('the programme history keeps what the old regency evaluated', async () => {
      const res = (await api('GET', `/households/${id}/programmes`, 'dinsos-other')).json();
      expect(res.history).toEqual([
        {
          period: PERIOD,
          programmes: [expect.objectContaining({ programme: 'PKH', status: 'proposed:candidate' })],
        },
      ]);
      expect(res.latest).toMatchObject({ period: PERIOD, evaluations: [{ programme: 'PKH' }] });
      const optOuts = (await api('GET', `/households/${id}/opt-outs`, 'op-new')).json();
      expect(optOuts.items).toMatchObject([{ programme: 'BPNT', standing: true }]);
    });

    it('the person by NIK and the lists follow the household', async () => {
      expect((await api('GET', `/persons/${nik}`, 'op-a')).statusCode).toBe(404);
      expect((await api('GET', `/persons/${nik}`, 'op-new')).statusCode).toBe(200);
      const ids = async (who: string) =>
        ((await api('GET', '/households', who)).json().items as { id: string }[]).map((h) => h.id);
      expect(await ids('op-a')).not.toContain(id);
      expect(await ids('op-new')).toContain(id);
    });

    it("the period's proposal is that period's document: its regency's candidates keep the household", async () => {
      const page = await api('GET', `/recipient-proposals/${runId}/candidates`, 'dinsos');
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().items).toMatchObject([{ householdId: id, regionCode: PLACES.villageA }]);
      expect((await api('GET', `/recipient-proposals/${runId}/candidates`, 'dinsos-other')).statusCode).toBe(
        404,
      );
    });
  });
}
