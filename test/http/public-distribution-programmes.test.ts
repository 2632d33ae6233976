/**
 * The public distribution figures beside the programmes' recipients (issue 14), on both engines. A region's
 * allocated entitlements are its programmes' recipients times their tranches, and their rupiah the
 * programmes' rupiah: where /statistik hides a programme's recipients, the distribution's allocated count and
 * rupiah must be hidden too, or the hidden figure is read off them (a regency whose only small programme has
 * 4 KPM in 3 tranches counts 12 entitlements — not small — and Rp3,000,000 — the hidden programme's rupiah).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { entitlementRow, regionCountRow } from '../support/public.ts';
import { approvedRun } from '../support/recipients.ts';

const PERIOD = '2026-12';
const PKH_AMOUNT = 750_000;
const TRANCHES = 3;
/** PKH recipients per regency on the period's approved lists; each is handed over in three tranches. */
const PKH: Record<string, number> = { '33.07': 4, '33.08': 60, '33.09': 70, '35.01': 80 };
const REGIONS = ['', '33', '35', ...Object.keys(PKH)];

interface Answer {
  programmes: { code: string; households: number | null; amount: number | null }[];
  distribution: {
    period: string;
    allocated: number | null;
    outstanding: number | null;
    amounts: Record<string, number | null>;
  } | null;
}

/** The period's PKH lists of `PKH`, and the entitlements of the regencies in `handedOver` (three tranches each). */
async function seed(t: TestDb, handedOver: ReadonlySet<string>) {
  const db = t.container.database.db;
  const at = '2026-12-10T00:00:00.000Z';
  await db
    .insertInto('periods')
    .values({ period: PERIOD, state: 'determined', createdAt: at } as never)
    .execute();
  for (const [regency, n] of Object.entries(PKH)) {
    const village = `${regency}.01.2001`;
    await db
      .insertInto('periodRegionCounts')
      .values(regionCountRow(PERIOD, regency, 500))
      .execute();
    await db
      .insertInto('periodVillageCounts')
      .values({
        regencyCode: regency,
        period: PERIOD,
        villageCode: village,
        households: 500,
        persons: 2000,
      })
      .execute();
    const runId = newId();
    await db
      .insertInto('recipientRuns')
      .values(
        approvedRun(
          { id: runId, period: PERIOD, programme: 'PKH', regency, at },
          { evaluated: n, candidates: n, amount: n * PKH_AMOUNT },
        ),
      )
      .execute();
    for (let i = 0; i < n; i++) {
      const householdId = newId();
      await db
        .insertInto('recipients')
        .values({
          period: PERIOD,
          programmeCode: 'PKH',
          householdId,
          runId,
          programmeVersion: '1',
          provinceCode: regency.slice(0, 2),
          regencyCode: regency,
          villageCode: village,
          kkNumber: `${regency.replace('.', '')}01010${String(i).padStart(7, '0')}`,
          headName: `Kepala Keluarga ${i}`,
          decile: 1,
          components: '[]',
          amount: PKH_AMOUNT,
          approvedAt: at,
        })
        .execute();
      if (!handedOver.has(regency)) continue;
      await db
        .insertInto('entitlements')
        .values(
          Array.from({ length: TRANCHES }, (_, tranche) =>
            entitlementRow({
              batchId: runId,
              householdId,
              tranche: tranche + 1,
              period: PERIOD,
              village,
              state: 'allocated',
              amount: PKH_AMOUNT / TRANCHES,
              at,
            }),
          ),
        )
        .execute();
    }
  }
}

for (const engine of ENGINES) {
  describe(`public distribution figures beside the programmes' recipients (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-12-20T03:00:00Z') });
      await seed(t, new Set(Object.keys(PKH)));
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const stats = async (region: string, period: boolean) => {
      const qs = new URLSearchParams();
      if (region) qs.set('region', region);
      if (period) qs.set('period', PERIOD);
      const res = await app.inject({ url: `/api/v1/public/statistics?${qs}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Answer;
    };

    it('hides a region’s allocated entitlements and rupiah wherever its programme figures are hidden', async () => {
      // 33.07's 4 KPM (and 33.08's 60 beside them) are hidden on the programme pages.
      const regency = await stats('33.07', true);
      expect(regency.programmes).toMatchObject([{ code: 'PKH', households: null, amount: null }]);
      // Its 12 entitlements (4 × 3) and Rp3,000,000 (4 × Rp750,000) are hidden with them, and so is the
      // outstanding count that equals them here.
      expect(regency.distribution).toMatchObject({
        period: PERIOD,
        allocated: null,
        outstanding: null,
        amounts: { allocated: null, outstanding: null },
      });
      for (const region of REGIONS) {
        for (const period of [true, false]) {
          const a = await stats(region, period);
          const d = a.distribution!;
          if (a.programmes.some((p) => p.households === null)) {
            expect([region, period, d.allocated, d.amounts.allocated]).toEqual([region, period, null, null]);
          }
          // Nothing hidden on a programme page is shown as the distribution's rupiah.
          if (d.amounts.allocated !== null) {
            expect(a.programmes.reduce((s, p) => s + (p.amount ?? Number.NaN), 0)).toBe(d.amounts.allocated);
          }
        }
      }
      // The province and the nation, whose programme figures are shown, keep theirs.
      expect((await stats('33', true)).distribution).toMatchObject({ allocated: 134 * TRANCHES });
      expect((await stats('', false)).distribution).toMatchObject({ allocated: 214 * TRANCHES });
      expect((await stats('33.09', true)).distribution).toMatchObject({ allocated: 70 * TRANCHES });
    });
  });

  describe(`public distribution figures where some regencies have not handed over yet (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-12-20T03:00:00Z') });
      // 33.08 (60 KPM, hidden beside 33.07's 4 on the programme pages) has no batch yet.
      await seed(t, new Set(['33.07', '33.09', '35.01']));
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const stats = async (region: string, period: boolean) => {
      const qs = new URLSearchParams();
      if (region) qs.set('region', region);
      if (period) qs.set('period', PERIOD);
      const res = await app.inject({ url: `/api/v1/public/statistics?${qs}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Answer;
    };

    // A known leak (review of 2026-12-06; docs/architecture.md, public statistics): the fix hides the
    // province's and the nation's allocated figures, and with them, down the tree, every distribution figure
    // of the country until 33.08 hands over — a policy for the lead to choose, so recorded here until then.
    it.fails('does not let a region’s allocated rupiah, minus shown programme rupiah, give a hidden list away', async () => {
      const hiddenRupiah = PKH['33.07']! * PKH_AMOUNT;
      const province = await stats('33', true);
      // 33.07's list is hidden on the programme pages (with 33.08's beside it); 33.09's is shown.
      const shownPkh = (a: Answer, code: string) =>
        (
          a as Answer & { children: { code: string; programmes: { amount: number | null }[] }[] }
        ).children.find((c) => c.code === code)!.programmes[0]!.amount;
      expect(shownPkh(province, '33.07')).toBeNull();
      const pkh3309 = shownPkh(province, '33.09')!;
      // The province's allocated rupiah counts 33.07's and 33.09's lists (33.08 has no batch).
      const fromProvince = (province.distribution!.amounts.allocated ?? Number.NaN) - pkh3309;
      // The nation's, minus 35's (its one regency's list, handed over whole), the same.
      const fromNation =
        ((await stats('', true)).distribution!.amounts.allocated ?? Number.NaN) -
        ((await stats('35', true)).distribution!.amounts.allocated ?? Number.NaN) -
        pkh3309;
      expect([fromProvince, fromNation]).not.toContain(hiddenRupiah);
    });
  });
}
