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
        await db
          .insertInto('periods')
          .values({ period, state: 'determined', createdAt: at } as never)
          .execute();
        const regencies = new Map<string, number>();
        for (const [village, n] of Object.entries(villages)) {
          const regency = village.slice(0, 5);
          regencies.set(regency, (regencies.get(regency) ?? 0) + n);
          await db
            .insertInto('periodVillageCounts')
            .values({ regencyCode: regency, period, villageCode: village, households: n, persons: n * 4 })
            .execute();
        }
        for (const [regencyCode, n] of regencies) {
          await db
            .insertInto('periodRegionCounts')
            .values({
              period,
              regencyCode,
              provinceCode: regencyCode.slice(0, 2),
              households: n,
              persons: n * 4,
              added: 0,
              removed: 0,
              changed: 0,
              submitted: 1,
            })
            .execute();
        }
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
