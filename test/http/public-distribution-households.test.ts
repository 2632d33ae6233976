/**
 * The public distribution figures decide smallness on the households behind a count, not on its
 * entitlements (issue 14), on both engines. A family holds one entitlement per programme and tranche, so
 * 12 entitlements can concern 3 families; and two hidden states whose sum is known (allocated minus the
 * shown third) can concern fewer families than their two counts added. The counts and rupiah published
 * stay entitlements.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { entitlementRow, regionCountRow } from '../support/public.ts';

const PERIOD = '2026-12';
const TRANCHE = 250_000;
type State = 'allocated' | 'delivered' | 'returned';
const times = (n: number, states: State[]) => Array.from({ length: n }, () => states);
/** Per regency, its families, each as the states of its entitlements (one a tranche). */
const FAMILIES: Record<string, State[][]> = {
  // 3 families in 4 tranches: 12 entitlements, 3 families.
  '33.07': times(3, ['allocated', 'allocated', 'allocated', 'allocated']),
  '33.08': [...times(60, ['delivered']), ...times(20, ['returned']), ...times(30, ['allocated'])],
  '33.09': times(50, ['allocated']),
  // Delivered 6 and returned 5 (both small), but the 5 returned families are among the 6 delivered.
  '35.01': [...times(5, ['delivered', 'returned']), ['delivered'], ...times(40, ['allocated'])],
};

interface Distribution {
  allocated: number | null;
  delivered: number | null;
  returned: number | null;
  outstanding: number | null;
  amounts: Record<string, number | null>;
}

for (const engine of ENGINES) {
  describe(`public distribution figures counted in households (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-12-20T03:00:00Z') });
      const db = t.container.database.db;
      const at = '2026-12-10T00:00:00.000Z';
      await db
        .insertInto('periods')
        .values({ period: PERIOD, state: 'determined', createdAt: at } as never)
        .execute();
      for (const [regency, families] of Object.entries(FAMILIES)) {
        await db
          .insertInto('periodRegionCounts')
          .values(regionCountRow(PERIOD, regency, 500))
          .execute();
        const batchId = newId();
        const rows = families.flatMap((states) => {
          const householdId = newId();
          return states.map((state, i) =>
            entitlementRow({
              batchId,
              householdId,
              tranche: i + 1,
              period: PERIOD,
              village: `${regency}.01.2001`,
              state,
              amount: TRANCHE,
              at,
            }),
          );
        });
        await db.insertInto('entitlements').values(rows).execute();
      }
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const figures = async (region: string) => {
      const res = await app.inject({ url: `/api/v1/public/statistics?region=${region}` });
      expect(res.statusCode, res.body).toBe(200);
      const d = res.json().distribution as Distribution;
      const counts = [d.allocated, d.delivered, d.returned, d.outstanding];
      // Rupiah follow their count, and are the entitlements' rupiah.
      expect([d.amounts.allocated, d.amounts.delivered, d.amounts.returned, d.amounts.outstanding]).toEqual(
        counts.map((n) => (n === null ? null : n * TRANCHE)),
      );
      return counts;
    };

    it('hides a regency of 3 families although it counts 12 entitlements', async () => {
      expect(await figures('33.07')).toEqual([null, null, null, null]);
      // Its allocated count is not left to be subtracted out of the province's: 33.09 is hidden beside it.
      expect((await figures('33.09'))[0]).toBeNull();
      expect((await figures('33.08'))[0]).toBe(110);
      expect((await figures('33'))[0]).toBe(172);
    });

    it('hides the third state when the two hidden ones concern fewer than k families together', async () => {
      // 51 entitlements of 46 families are shown; delivered 6 and returned 5 are hidden, and outstanding
      // too, else 51 − 40 = 11 would be the entitlements of only 6 families.
      expect(await figures('35.01')).toEqual([51, null, null, null]);
      expect(await figures('35')).toEqual([51, null, null, null]);
    });
  });
}
