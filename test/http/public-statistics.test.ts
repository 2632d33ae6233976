/**
 * Public statistics below the regency (issue 14), on both engines: DTKS size per period and region down to
 * kecamatan and village, recipients and rupiah per programme, with small-cell suppression (k = 10, the
 * default) applied down the whole tree — a small cell and the cell hidden with it are null, a region hidden
 * in its parent's table hides everything below it, and no answer lets a hidden figure be subtracted out.
 * The counts are written as the determination writes them (period_region_counts, period_village_counts) and
 * the recipients as an approval does, so the figures are exact and large enough to matter.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { entitlementRow, seedVillageCounts } from '../support/public.ts';
import { approvedRun } from '../support/recipients.ts';

const K = 10;
const PKH_AMOUNT = 750_000;

/** Households per village and period. */
const VILLAGES: Record<string, Record<string, number>> = {
  '2026-11': {
    '33.07.01.2001': 40,
    '33.07.01.2002': 4,
    '33.07.01.2003': 25,
    '33.07.02.2001': 300,
    '33.08.01.2001': 6,
    '33.09.01.2001': 50,
    '35.01.01.2001': 200,
  },
  '2026-10': {
    '33.07.01.2001': 8,
    '33.07.01.2002': 4,
    '33.07.01.2003': 25,
    '33.07.02.2001': 300,
    '33.08.01.2001': 6,
    '33.09.01.2001': 50,
    '35.01.01.2001': 200,
  },
};
/**
 * Entitlements handed to PT Pos per village and state, distribution period 2026-12 (allocated: still
 * outstanding). 33.08 counts 5 in all; 33.07 returned 3.
 */
const ENTITLEMENTS: Record<string, { delivered: number; returned: number; allocated: number }> = {
  '33.07.01.2001': { delivered: 40, returned: 3, allocated: 12 },
  '33.08.01.2001': { delivered: 4, returned: 0, allocated: 1 },
  '33.09.01.2001': { delivered: 30, returned: 20, allocated: 15 },
  '35.01.01.2001': { delivered: 100, returned: 25, allocated: 30 },
};
const TRANCHE = 300_000;

/** PKH recipients per village, period 2026-11 (regency 33.07). */
const PKH: Record<string, number> = { '33.07.01.2001': 35, '33.07.01.2002': 2, '33.07.02.2001': 8 };

interface Figures {
  households: number | null;
  persons: number | null;
}
interface Answer {
  region: { code: string; level: number } | null;
  period: string;
  minCell: number;
  periods: ({ period: string } & Figures)[];
  children: ({
    code: string;
    name: string;
    programmes: { code: string; households: number | null; amount: number | null }[];
  } & Figures)[];
  programmes: { code: string; period: string; households: number | null; amount: number | null }[];
  distribution: unknown;
}

for (const engine of ENGINES) {
  describe(`public statistics with small-cell suppression (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-12-05T03:00:00Z') });
      const db = t.container.database.db;
      const at = '2026-12-01T00:00:00.000Z';
      for (const [period, villages] of Object.entries(VILLAGES)) {
        await seedVillageCounts(t.container, period, villages);
      }
      const runId = newId();
      await db
        .insertInto('recipientRuns')
        .values(
          approvedRun(
            { id: runId, period: '2026-11', programme: 'PKH', regency: '33.07', at },
            { version: 3, evaluated: 45, candidates: 45, amount: 45 * PKH_AMOUNT },
          ),
        )
        .execute();
      for (const [village, n] of Object.entries(PKH)) {
        for (let i = 0; i < n; i++) {
          await db
            .insertInto('recipients')
            .values({
              period: '2026-11',
              programmeCode: 'PKH',
              householdId: newId(),
              runId,
              programmeVersion: '1',
              provinceCode: '33',
              regencyCode: '33.07',
              villageCode: village,
              kkNumber: `3307010101${String(i).padStart(6, '0')}`,
              headName: `Kepala Keluarga ${i}`,
              decile: 1,
              components: '[]',
              amount: PKH_AMOUNT,
              approvedAt: at,
            })
            .execute();
        }
      }
      const entitlements = Object.entries(ENTITLEMENTS).flatMap(([village, states]) =>
        Object.entries(states).flatMap(([state, n]) =>
          Array.from({ length: n }, () =>
            entitlementRow({
              batchId: runId,
              householdId: newId(),
              period: '2026-12',
              village,
              state: state as 'delivered' | 'returned' | 'allocated',
              amount: TRANCHE,
              at,
            }),
          ),
        ),
      );
      for (let i = 0; i < entitlements.length; i += 100) {
        await db
          .insertInto('entitlements')
          .values(entitlements.slice(i, i + 100))
          .execute();
      }
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const stats = async (query = '') => {
      const res = await app.inject({ url: `/api/v1/public/statistics${query}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.body).not.toMatch(/Kepala|3307010101\d{6}/);
      return res.json() as Answer;
    };
    const child = (a: Answer, code: string) => a.children.find((c) => c.code === code);
    const pkh = (a: Answer) => a.programmes.find((p) => p.code === 'PKH');

    /** No hidden figure can be subtracted out of a shown total: never one hidden, never a small hidden sum. */
    const notRecoverable = (total: number | null, cells: (number | null)[], truth: number[]) => {
      const hidden = cells.map((c, i) => (c === null ? truth[i]! : null)).filter((v) => v !== null);
      if (total === null || hidden.length === 0 || hidden.length === cells.length) return;
      expect(hidden.length).toBeGreaterThanOrEqual(2);
      expect(hidden.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(K);
    };

    it('shows the nation and its provinces (nothing small), with the recipients per programme', async () => {
      const a = await stats();
      expect(a.region).toBeNull();
      expect(a.minCell).toBe(K);
      expect(a.period).toBe('2026-11');
      expect(a.periods).toEqual([
        { period: '2026-11', households: 625, persons: 2500 },
        { period: '2026-10', households: 593, persons: 2372 },
      ]);
      expect(a.children.map((c) => [c.code, c.households])).toEqual([
        ['33', 425],
        ['35', 200],
      ]);
      expect(pkh(a)).toMatchObject({ period: '2026-11', households: 45, amount: 45 * PKH_AMOUNT });
      expect(child(a, '33')!.programmes).toEqual([{ code: 'PKH', households: 45, amount: 45 * PKH_AMOUNT }]);
    });

    it('hides a small regency and the smallest other one beside it in the province', async () => {
      const a = await stats('?region=33');
      expect(a.region).toMatchObject({ code: '33', level: 1 });
      // 33.08 has 6 households; 33.09 (50) is hidden with it so 425 − 369 gives only 6 + 50.
      expect(a.children.map((c) => [c.code, c.households, c.persons])).toEqual([
        ['33.07', 369, 1476],
        ['33.08', null, null],
        ['33.09', null, null],
      ]);
      notRecoverable(
        a.periods[0]!.households,
        a.children.map((c) => c.households),
        [369, 6, 50],
      );
    });

    it('goes down to the kecamatan and the village, per period', async () => {
      const regency = await stats('?region=33.07');
      expect(regency.region).toMatchObject({ code: '33.07', level: 2 });
      expect(regency.periods.map((p) => p.households)).toEqual([369, 337]);
      expect(regency.children.map((c) => [c.code, c.households])).toEqual([
        ['33.07.01', 69],
        ['33.07.02', 300],
      ]);
      expect(regency.children[0]!.name).toBe('Wadaslintang');

      const district = await stats('?region=330701');
      expect(district.region).toMatchObject({ code: '33.07.01', level: 3 });
      expect(district.periods).toEqual([
        { period: '2026-11', households: 69, persons: 276 },
        { period: '2026-10', households: 37, persons: 148 },
      ]);
      // 4 is small; 25 is the smallest other village, hidden with it; 40 stays.
      expect(district.children.map((c) => [c.code, c.households])).toEqual([
        ['33.07.01.2001', 40],
        ['33.07.01.2002', null],
        ['33.07.01.2003', null],
      ]);
      notRecoverable(
        69,
        district.children.map((c) => c.households),
        [40, 4, 25],
      );
      expect(district.distribution).toBeNull();

      // The older period: 8 and 4 are both small and together ≥ 10: 25 can be shown.
      const older = await stats('?region=33.07.01&period=2026-10');
      expect(older.period).toBe('2026-10');
      expect(older.children.map((c) => [c.code, c.households])).toEqual([
        ['33.07.01.2001', null],
        ['33.07.01.2002', null],
        ['33.07.01.2003', 25],
      ]);

      const village = await stats('?region=33.07.01.2001');
      expect(village.region).toMatchObject({ code: '33.07.01.2001', level: 4 });
      expect(village.children).toEqual([]);
      expect(village.periods).toEqual([
        { period: '2026-11', households: 40, persons: 160 },
        { period: '2026-10', households: null, persons: null },
      ]);
      const small = await stats('?region=33.07.01.2002');
      expect(small.periods.map((p) => p.households)).toEqual([null, null]);
      // Hidden as the complementary cell: its own page must not give it away either.
      const complementary = await stats('?region=33.07.01.2003');
      expect(complementary.periods.map((p) => p.households)).toEqual([null, 25]);
    });

    it('hides everything below a region hidden in its parent’s table', async () => {
      const a = await stats('?region=33.09');
      expect(a.periods.map((p) => p.households)).toEqual([null, null]);
      expect(a.children.map((c) => [c.code, c.households, c.persons])).toEqual([['33.09.01', null, null]]);
      const v = await stats('?region=33.09.01.2001');
      expect(v.periods.map((p) => p.households)).toEqual([null, null]);
    });

    it('suppresses the programme cells on their own counts, down the tree as well', async () => {
      const regency = await stats('?region=33.07');
      expect(pkh(regency)).toMatchObject({ households: 45, amount: 45 * PKH_AMOUNT });
      // 8 recipients in 33.07.02 are few; 37 in 33.07.01 is hidden with them (45 − 37 = 8).
      expect(regency.children.map((c) => c.programmes)).toEqual([
        [{ code: 'PKH', households: null, amount: null }],
        [{ code: 'PKH', households: null, amount: null }],
      ]);
      const district = await stats('?region=33.07.01');
      expect(pkh(district)).toMatchObject({ period: '2026-11', households: null, amount: null });
      expect(district.children.every((c) => c.programmes.every((p) => p.households === null))).toBe(true);
      // Elsewhere: no PKH list at all.
      expect(pkh(await stats('?region=35'))).toBeUndefined();
      // A period's own lists: none approved for 2026-10.
      expect((await stats('?region=33.07&period=2026-10')).programmes).toEqual([]);
    });

    it('hides small distribution counts and their amounts at regency level and above, consistently on every page', async () => {
      /** A region's distribution figures as [allocated, delivered, returned, outstanding]; amounts follow. */
      const figures = async (query: string) => {
        const d = (await stats(query)).distribution as {
          period: string;
          allocated: number | null;
          delivered: number | null;
          returned: number | null;
          outstanding: number | null;
          amounts: Record<string, number | null>;
          packages: Record<string, number | null>;
        };
        expect(d.period).toBe('2026-12');
        const counts = [d.allocated, d.delivered, d.returned, d.outstanding];
        // An amount (and a package count) is shown exactly when its entitlement count is.
        expect([d.amounts.allocated, d.amounts.delivered, d.amounts.returned, d.amounts.outstanding]).toEqual(
          counts.map((n) => (n === null ? null : n * TRANCHE)),
        );
        expect(Object.values(d.packages).map((p) => p === null)).toEqual(counts.map((n) => n === null));
        return counts;
      };
      // Nothing small at the top: the nation and both provinces are shown whole.
      expect(await figures('')).toEqual([280, 174, 48, 58]);
      expect(await figures('?region=33')).toEqual([125, 74, 23, 28]);
      expect(await figures('?region=35')).toEqual([155, 100, 25, 30]);
      expect(await figures('?region=35.01')).toEqual([155, 100, 25, 30]);
      // 33.08 (5 in all) is hidden whole, and 33.07 beside it (else 125 − 55 − 65 would give 33.08's 5).
      expect(await figures('?region=33.08')).toEqual([null, null, null, null]);
      expect(await figures('?region=33.07')).toEqual([null, null, null, null]);
      // 33.09: its delivered and returned are hidden with the small ones of its province (33.08's delivered
      // 4, 33.07's returned 3); its allocated and outstanding are not small and give neither away.
      expect(await figures('?region=33.09')).toEqual([65, null, null, 15]);
      // Nothing subtracts out: province 33 − the shown regency figures leaves at least two hidden cells
      // summing to ≥ k per count (allocated 55 + 5; outstanding 12 + 1), and in 33.09's own row
      // delivered + returned = 50 with both hidden.
      notRecoverable(125, [null, null, 65], [55, 5, 65]);
      notRecoverable(28, [null, null, 15], [12, 1, 15]);
      notRecoverable(65, [null, null, 15], [30, 20, 15]);
      // Below the regency no distribution figure at all.
      expect((await stats('?region=33.09.01')).distribution).toBeNull();
    });

    it('refuses an unknown region or a period not determined, naming the field', async () => {
      const region = await app.inject({ url: '/api/v1/public/statistics?region=99.99' });
      expect(region.statusCode).toBe(400);
      expect(region.json().errors[0]).toMatchObject({ field: 'region' });
      const period = await app.inject({ url: '/api/v1/public/statistics?period=2027-01' });
      expect(period.statusCode).toBe(400);
      expect(period.json().errors[0]).toMatchObject({ field: 'period' });
    });
  });
}
