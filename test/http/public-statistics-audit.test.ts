/**
 * Public statistics (issue 14), on both engines: a programme's recipients views read together give no small
 * list away. With PUBLIC_STATS_MIN_CELL = 3, PKH lists of three periods in six regencies of two provinces
 * (the review's case of 2026-12-06, src/domain/public/suppression.test.ts): each view was safe alone and a
 * shared list hidden alike, but the sums of the three views read together — the nation of 2026-12, province
 * 33 of the newest lists and of 2026-10 — pinned 33.02's 1 KPM on 2026-10 and 35.02's 1 on 2026-12. Here the
 * test reads every page of every view through the API, as a reader would, and works out what it can
 * (`workedOut`, interval propagation over every published sum, a hidden list at least 1 KPM).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSmall, workedOut } from '../../src/domain/public/suppression.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { seedApprovedPkhLists } from '../support/public.ts';

/** PKH recipients per regency on each period's approved lists. */
const LISTS: Record<string, Record<string, number>> = {
  '2026-10': { '33.02': 1, '33.04': 12, '35.01': 4, '35.03': 3 },
  '2026-11': { '33.01': 7, '33.02': 12, '35.02': 4 },
  '2026-12': { '33.01': 12, '35.02': 1 },
};
const REGENCIES = [...new Set(Object.values(LISTS).flatMap((l) => Object.keys(l)))].sort();

interface Answer {
  programmes: { code: string; households: number | null }[];
  children: { code: string; programmes: { code: string; households: number | null }[] }[];
}

for (const engine of ENGINES) {
  describe(`public statistics: every view of a programme read together (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    beforeAll(async () => {
      t = await openTestDb(engine, {
        now: () => new Date('2026-12-20T03:00:00Z'),
        publicStatsMinCell: 3,
      });
      await seedApprovedPkhLists(t.container, LISTS, REGENCIES);
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const page = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/public/statistics${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Answer;
    };

    it('gives no small list away to a reader of every page of every view', async () => {
      // Per view ('' the newest lists), the lists it shows: each regency's list of that period, or its last.
      const views = new Map<string, Map<string, { list: string; value: number }>>([
        ['', new Map()],
        ...Object.keys(LISTS).map((p) => [p, new Map()] as const),
      ]);
      for (const [period, lists] of Object.entries(LISTS).sort()) {
        for (const [regency, value] of Object.entries(lists)) {
          views.get(period)!.set(regency, { list: `${regency}@${period}`, value });
          views.get('')!.set(regency, { list: `${regency}@${period}`, value });
        }
      }
      const figures = new Map<string, { value: number; hidden: boolean; least?: number }>();
      const relations: [string, string[]][] = [];
      for (const [view, lists] of views) {
        for (const { list, value } of lists.values()) figures.set(list, { value, hidden: true, least: 1 });
        const shown = new Map<string, number | null>();
        for (const region of ['', '33', '35']) {
          const answer = await page(`?${new URLSearchParams({ region, ...(view ? { period: view } : {}) })}`);
          const own = answer.programmes.find((p) => p.code === 'PKH');
          if (own) shown.set(region, own.households);
          for (const c of answer.children) {
            const pkh = c.programmes.find((p) => p.code === 'PKH');
            if (pkh) shown.set(c.code, pkh.households);
          }
        }
        for (const [region, households] of shown) {
          const inside = [...lists].filter(([regency]) => region === '' || regency.startsWith(region));
          const value = inside.reduce((s, [, l]) => s + l.value, 0);
          // What the page shows is the sum of the lists the test seeded.
          if (households !== null) expect([view, region, households]).toEqual([view, region, value]);
          figures.set(`${view}:${region}`, { value, hidden: households === null, least: 1 });
          relations.push([`${view}:${region}`, inside.map(([, l]) => l.list)]);
        }
      }
      // Every region of every view was read (the nation, both provinces, each regency with a list).
      expect(relations).toHaveLength(
        [...views.values()].reduce(
          (n, l) => n + 1 + new Set([...l.keys()].map((r) => r.slice(0, 2))).size + l.size,
          0,
        ),
      );
      const given = [...workedOut(figures, relations)].filter(([, value]) => isSmall(value, 3));
      expect(given).toEqual([]);
    });
  });
}
