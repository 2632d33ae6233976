/**
 * An amount of 0 is explained with the programme version the proposal was computed with, not the version in
 * force: every answer that carries a period's amount (the proposal, the approved list and its totals, the
 * household's programme history) says how that version pays (`payment`). Here PKH is computed for May with
 * its quarterly version (May pays nothing), then a version paying every month is published: the May answers
 * keep naming the quarterly months. How the screen words it: web/src/pages/recipients/amount-reading.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMMES } from '../../src/domain/programmes/defaults.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';

const PERIOD = '2026-05';
const QUARTERLY = { kind: 'cash_components', months: [1, 4, 7, 10] };
const EVERY_MONTH = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

for (const engine of ENGINES) {
  describe(`amounts are explained by the version they were computed with (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const ids: string[] = [];
    let proposal = '';
    const api = (method: 'GET' | 'POST', url: string, who: string) =>
      app.inject({ method, url: `/api/v1${url}`, headers: as[who] });

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      await publishProgrammes(t.container);
      app = await testApp(t.container);
      for (const u of ['dinsos', 'pusdatin']) as[u] = await login(app, u);
      for (let n = 1; n <= 2; n++) {
        const h = makeHousehold(PLACES.villageA, n);
        // A child in junior secondary school: one PKH component.
        h.members[2] = { ...h.members[2]!, educationLevel: 4 };
        ids.push((await t.container.households.create(systemActor('test'), h)).id);
      }
      await determinedRankedPeriod(
        t.container,
        PERIOD,
        ids.map((id) => ({ id, village: PLACES.villageA, decile: 1 })),
      );
      proposal = (
        await t.container.recipients.compute(systemActor('test'), {
          period: PERIOD,
          programme: 'PKH',
          regency: PLACES.regency,
        })
      ).id;
      expect((await api('POST', `/recipient-proposals/${proposal}/submit`, 'dinsos')).statusCode).toBe(200);
      expect((await api('POST', `/recipient-proposals/${proposal}/approve`, 'pusdatin')).statusCode).toBe(
        200,
      );
      // Then PKH's next version pays every month.
      const pkh = DEFAULT_PROGRAMMES.find((d) => d.code === 'PKH')!;
      if (pkh.benefit.kind !== 'cash_components') throw new Error('PKH pays by components');
      await publishProgrammes(t.container, [
        { ...pkh, version: 'PKH-2026-2', benefit: { ...pkh.benefit, schedule: { months: EVERY_MONTH } } },
      ]);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('the version in force pays in May, the one May was computed with did not', async () => {
      const current = (await api('GET', '/programmes/PKH', 'pusdatin')).json();
      expect(current.current.document.benefit.schedule.months).toEqual(EVERY_MONTH);
    });

    it("the proposal: its version's payment beside its amount of 0", async () => {
      const list = (await api('GET', `/recipient-proposals?period=${PERIOD}`, 'dinsos')).json();
      expect(list.items).toMatchObject([
        { programme: 'PKH', programmeVersion: 'PKH-2026-1', amount: 0, payment: QUARTERLY },
      ]);
      expect((await api('GET', `/recipient-proposals/${proposal}`, 'dinsos')).json().payment).toEqual(
        QUARTERLY,
      );
    });

    it('the approved list and its totals', async () => {
      const page = (await api('GET', `/periods/${PERIOD}/recipients?programme=PKH`, 'dinsos')).json();
      expect(page.items).toHaveLength(2);
      for (const item of page.items) expect(item).toMatchObject({ amount: 0, payment: QUARTERLY });
      const totals = (await api('GET', `/periods/${PERIOD}/recipients/totals`, 'dinsos')).json();
      expect(totals.programmes).toMatchObject([{ programme: 'PKH', amount: 0, payment: QUARTERLY }]);
    });

    it("the household's programme history", async () => {
      const res = (await api('GET', `/households/${ids[0]}/programmes`, 'dinsos')).json();
      expect(res.history).toMatchObject([
        {
          period: PERIOD,
          programmes: [{ programme: 'PKH', status: 'recipient', amount: 0, payment: QUARTERLY }],
        },
      ]);
    });
  });
}
