/**
 * Public statistics (issue 14), on both engines: a programme's recipients are published in two views — the
 * newest approved lists (no `period`; each regency at its own newest period) and one period's lists
 * (`?period=`). A regency whose newest list is that period shows the same list, the same figure, in both, so
 * it must be hidden in both or in neither: else one view's shown figure is subtracted from the other's
 * hidden pair. Here, on the 2026-11 page, 33.07 (4 KPM) is hidden with 33.08 (60) and 134 − 70 gives their
 * 64; on the newest page, where 33.09 has a 2026-12 list of 50, 33.08's same 60 was shown — and 64 − 60 = 4.
 * The views are now suppressed together (`suppressViews`).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { seedApprovedPkhLists } from '../support/public.ts';

/** PKH recipients per regency on each period's approved lists (33.09 has a newer one). */
const LISTS: Record<string, Record<string, number>> = {
  '2026-11': { '33.07': 4, '33.08': 60, '33.09': 70 },
  '2026-12': { '33.09': 50 },
};

interface Answer {
  children: { code: string; programmes: { code: string; households: number | null }[] }[];
}

for (const engine of ENGINES) {
  describe(`public statistics: the newest lists' view and a period's view (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-12-20T03:00:00Z') });
      await seedApprovedPkhLists(t.container, LISTS, Object.keys(LISTS['2026-11']!));
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const hiddenRegencies = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/public/statistics${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Answer).children
        .filter((c) => c.programmes.some((p) => p.code === 'PKH' && p.households === null))
        .map((c) => c.code);
    };

    it('hides a regency’s list in both views or in neither', async () => {
      const period = await hiddenRegencies('?region=33&period=2026-11');
      const newest = await hiddenRegencies('?region=33');
      expect(period).toContain('33.07');
      // 33.07 and 33.08 show their 2026-11 lists in both views; 33.09 (70 and 50) is two figures.
      expect(newest).toEqual(['33.07', '33.08']);
      for (const regency of ['33.07', '33.08']) {
        expect([regency, newest.includes(regency)]).toEqual([regency, period.includes(regency)]);
      }
    });
  });
}
