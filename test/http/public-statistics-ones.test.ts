/**
 * Public statistics where a table's counting cells are all 1 (issue 14, "exact pinning"), on both engines:
 * a kecamatan of 12 villages of 1 household each (k = 10) has its villages hidden whole, and its own 12
 * hidden too — on its regency's page, its own page and its villages' pages — since shown it would pin each
 * village at 1. A regency whose only kecamatan is such hides its total as well, and so up the tree: the
 * nation's page, which reads no village, hides that province too (the decision is made over the whole
 * tree from every regency's kecamatan, so every page hides alike). The same for a programme's recipients
 * (PKH below), on the newest lists' pages, on their period's pages and on an older period's (a view alone).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { seedVillageCounts } from '../support/public.ts';
import { approvedRecipient, approvedRun } from '../support/recipients.ts';

const ones = (kecamatan: string, n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${kecamatan}.${2001 + i}`, 1]));

/** Households per village, period 2026-11. */
const VILLAGES: Record<string, number> = {
  ...ones('33.07.01', 12),
  '33.07.02.2001': 40,
  '33.07.03.2001': 55,
  '33.08.01.2001': 200,
  '33.09.01.2001': 150,
  // 34's only regency, whose only kecamatan counts 11 villages of 1.
  ...ones('34.01.01', 11),
  '35.01.01.2001': 300,
};

/**
 * PKH recipients per village, period 2026-11: 33.07.01 of 12 villages of 1 KPM; 33.08's only kecamatan of
 * 11 villages of 1, so 33.08 is hidden from below (in its province, beside the smallest other: 33.09).
 */
const PKH: Record<string, number> = {
  ...ones('33.07.01', 12),
  '33.07.02.2001': 40,
  '33.07.03.2001': 55,
  ...ones('33.08.01', 11),
  '33.09.01.2001': 80,
};

interface Programmes {
  programmes: { code: string; households: number | null; amount: number | null }[];
}
interface Answer extends Programmes {
  periods: { period: string; households: number | null; persons: number | null }[];
  children: ({ code: string; households: number | null; persons: number | null } & Programmes)[];
}

for (const engine of ENGINES) {
  describe(`public statistics of tables of 1s (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-12-05T03:00:00Z') });
      const db = t.container.database.db;
      // The same figures in 2026-10: its lists, the newest nowhere, are a view of their own.
      for (const period of ['2026-10', '2026-11']) {
        await seedVillageCounts(t.container, period, VILLAGES);
        const at = '2026-12-01T00:00:00.000Z';
        for (const regency of ['33.07', '33.08', '33.09']) {
          const runId = newId();
          await db
            .insertInto('recipientRuns')
            .values(approvedRun({ id: runId, period, programme: 'PKH', regency, at }))
            .execute();
          await db
            .insertInto('recipients')
            .values(
              Object.entries(PKH)
                .filter(([village]) => village.startsWith(`${regency}.`))
                .flatMap(([village, n]) =>
                  Array.from({ length: n }, () => ({
                    ...approvedRecipient({ period, runId, householdId: newId(), at }),
                    regencyCode: regency,
                    villageCode: village,
                  })),
                ),
            )
            .execute();
        }
      }
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const stats = async (region: string, period = '') => {
      const query = `region=${region}${period === '' ? '' : `&period=${period}`}`;
      const res = await app.inject({ url: `/api/v1/public/statistics?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Answer;
    };
    const own = (a: Answer) => a.periods[0]!.households;
    const children = (a: Answer) => a.children.map((c) => [c.code, c.households]);

    it('hides a kecamatan whose villages all count 1 on every page that shows it', async () => {
      // Beside it, the smallest other kecamatan (40), so 107 − 55 gives neither.
      expect(children(await stats('33.07'))).toEqual([
        ['33.07.01', null],
        ['33.07.02', null],
        ['33.07.03', 55],
      ]);
      const kecamatan = await stats('33.07.01');
      expect(own(kecamatan)).toBeNull();
      expect(kecamatan.periods[0]!.persons).toBeNull();
      expect(kecamatan.children).toHaveLength(12);
      expect(kecamatan.children.every((c) => c.households === null && c.persons === null)).toBe(true);
      expect(own(await stats('33.07.01.2001'))).toBeNull();
      // Its regency and province count enough, and are shown.
      expect(own(await stats('33.07'))).toBe(107);
      expect(children(await stats('33'))).toEqual([
        ['33.07', 107],
        ['33.08', 200],
        ['33.09', 150],
      ]);
    });

    it('carries it up to the nation’s page while the hidden region is alone in its table', async () => {
      // 34.01.01's 11 villages of 1 are 34.01's and 34's only count: both hidden, and 35 beside 34.
      expect(children(await stats(''))).toEqual([
        ['33', 457],
        ['34', null],
        ['35', null],
      ]);
      expect(own(await stats('34'))).toBeNull();
      expect(children(await stats('34'))).toEqual([['34.01', null]]);
      expect(own(await stats('34.01'))).toBeNull();
      expect(own(await stats('35'))).toBeNull();
    });

    const pkh = (p: Programmes) => p.programmes.find((x) => x.code === 'PKH')?.households;
    const pkhChildren = (a: Answer) => a.children.map((c) => [c.code, pkh(c)]);

    for (const period of ['', '2026-11', '2026-10']) {
      it(`hides a programme's kecamatan of 1s and its regency alone above one (${period || 'newest lists'})`, async () => {
        expect(pkh(await stats('', period))).toBe(198);
        expect(pkhChildren(await stats('33', period))).toEqual([
          ['33.07', 107],
          ['33.08', null],
          ['33.09', null],
        ]);
        expect(pkhChildren(await stats('33.07', period))).toEqual([
          ['33.07.01', null],
          ['33.07.02', null],
          ['33.07.03', 55],
        ]);
        const kecamatan = await stats('33.07.01', period);
        expect(pkh(kecamatan)).toBeNull();
        expect(kecamatan.children.map((c) => pkh(c))).toEqual(Array(12).fill(null));
        expect(pkh(await stats('33.07.01.2001', period))).toBeNull();
        expect(pkh(await stats('33.08', period))).toBeNull();
      });
    }
  });
}
