/**
 * The public distribution figures beside the programmes' recipients (issue 14), on both engines. A region's
 * allocated entitlements are its programmes' recipients times their tranches, and their rupiah the
 * programmes' rupiah: where /statistik hides a programme's recipients, the distribution's allocated count and
 * rupiah must be hidden too, or the hidden figure is read off them (a regency whose only small programme has
 * 4 KPM in 3 tranches counts 12 entitlements — not small — and Rp3,000,000 — the hidden programme's rupiah).
 * And a period is published only once its hand-over is complete (src/domain/distribution/hand-over.ts): while
 * a hidden regency's list is handed over and its neighbour's is not, the province's allocated rupiah would be
 * the hidden list plus the shown ones.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchState } from '../../src/domain/distribution/states.ts';
import { newId } from '../../src/lib/ids.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { entitlementRow, regionCountRow } from '../support/public.ts';
import { approvedRecipient, approvedRun } from '../support/recipients.ts';

const PERIOD = '2026-12';
const PREVIOUS = '2026-11';
const PKH_AMOUNT = 750_000;
const TRANCHES = 3;
/** PKH recipients per regency on the period's approved lists; each is handed over in three tranches. */
const PKH: Record<string, number> = { '33.07': 4, '33.08': 60, '33.09': 70, '35.01': 80 };
const REGIONS = ['', '33', '35', ...Object.keys(PKH)];
/** The statistics are cached for five minutes (of the service's clock). */
const PAST_CACHE_MS = 6 * 60_000;

interface Answer {
  children: { code: string; programmes: { amount: number | null }[] }[];
  programmes: { code: string; households: number | null; amount: number | null }[];
  distribution: {
    period: string;
    allocated: number | null;
    outstanding: number | null;
    amounts: Record<string, number | null>;
  } | null;
}

/**
 * `period`'s PKH lists of `PKH`, and the hand-over of the regencies in `handedOver`: a batch (sent) and the
 * entitlements of its KPM, three tranches each.
 */
async function seed(t: TestDb, period: string, handedOver: ReadonlySet<string>) {
  const db = t.container.database.db;
  const at = `${period}-10T00:00:00.000Z`;
  await db
    .insertInto('periods')
    .values({ period, state: 'determined', createdAt: at } as never)
    .execute();
  for (const [regency, n] of Object.entries(PKH)) {
    const village = `${regency}.01.2001`;
    await db
      .insertInto('periodRegionCounts')
      .values(regionCountRow(period, regency, 500))
      .execute();
    await db
      .insertInto('periodVillageCounts')
      .values({
        regencyCode: regency,
        period,
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
          { id: runId, period, programme: 'PKH', regency, at },
          { evaluated: n, candidates: n, amount: n * PKH_AMOUNT },
        ),
      )
      .execute();
    const households = Array.from({ length: n }, () => newId());
    for (const [i, householdId] of households.entries()) {
      await db
        .insertInto('recipients')
        .values({
          ...approvedRecipient({ period, runId, householdId, at }),
          provinceCode: regency.slice(0, 2),
          regencyCode: regency,
          villageCode: village,
          kkNumber: `${regency.replace('.', '')}01010${String(i).padStart(7, '0')}`,
          headName: `Kepala Keluarga ${i}`,
          amount: PKH_AMOUNT,
        })
        .execute();
    }
    if (handedOver.has(regency)) await handOver(t, { period, regency, runId, households, at });
  }
}

/** A regency's list handed over to PT Pos: its batch and its KPM's entitlements (records are not read here). */
async function handOver(
  t: TestDb,
  b: { period: string; regency: string; runId: string; households: string[]; at: string; state?: BatchState },
) {
  const db = t.container.database.db;
  const batchId = newId();
  await db
    .insertInto('distributionBatches')
    .values({
      id: batchId,
      period: b.period,
      programmeCode: 'PKH',
      provinceCode: b.regency.slice(0, 2),
      regencyCode: b.regency,
      runId: b.runId,
      form: 'cash',
      tranches: TRANCHES,
      packagesPerKpm: 0,
      packageValue: 0,
      state: b.state ?? 'sent',
      records: b.households.length,
      amount: b.households.length * PKH_AMOUNT,
      version: 1,
      createdAt: b.at,
      createdBy: null,
      sentAt: b.at,
      acceptedAt: null,
      acceptedBy: null,
      closedAt: null,
      updatedAt: b.at,
    })
    .execute();
  for (const householdId of b.households) {
    await db
      .insertInto('entitlements')
      .values(
        Array.from({ length: TRANCHES }, (_, tranche) =>
          entitlementRow({
            batchId,
            householdId,
            tranche: tranche + 1,
            period: b.period,
            village: `${b.regency}.01.2001`,
            state: 'allocated',
            amount: PKH_AMOUNT / TRANCHES,
            at: b.at,
          }),
        ),
      )
      .execute();
  }
}

/** What a reader gets at a region's statistics (of `period`'s lists, or the newest). */
function reader(app: () => FastifyInstance) {
  return async (region: string, period: string | null) => {
    const qs = new URLSearchParams();
    if (region) qs.set('region', region);
    if (period) qs.set('period', period);
    const res = await app().inject({ url: `/api/v1/public/statistics?${qs}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Answer;
  };
}

/**
 * The hidden list a reader works out of the published figures, as the review of 2026-12-06 did: the
 * province's allocated rupiah (and the nation's minus province 35's) minus 33.09's shown PKH rupiah — 33.07's
 * list when only the two are handed over. NaN where a figure is hidden or not published.
 */
async function workedOut(stats: ReturnType<typeof reader>): Promise<number[]> {
  const province = await stats('33', PERIOD);
  const shownPkh = (a: Answer, code: string) =>
    a.children.find((c) => c.code === code)?.programmes[0]?.amount ?? Number.NaN;
  // 33.07's list is hidden on the programme pages (with 33.08's beside it); 33.09's is shown.
  expect(shownPkh(province, '33.07')).toBeNaN();
  const pkh3309 = shownPkh(province, '33.09');
  expect(pkh3309).toBe(PKH['33.09']! * PKH_AMOUNT);
  const allocated = async (region: string) =>
    (await stats(region, PERIOD)).distribution?.amounts.allocated ?? Number.NaN;
  return [(await allocated('33')) - pkh3309, (await allocated('')) - (await allocated('35')) - pkh3309];
}

for (const engine of ENGINES) {
  describe(`public distribution figures beside the programmes' recipients (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const stats = reader(() => app);

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-12-20T03:00:00Z') });
      await seed(t, PERIOD, new Set(Object.keys(PKH)));
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('hides a region’s allocated entitlements and rupiah wherever its programme figures are hidden', async () => {
      // 33.07's 4 KPM (and 33.08's 60 beside them) are hidden on the programme pages.
      const regency = await stats('33.07', PERIOD);
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
        for (const period of [PERIOD, null]) {
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
      expect((await stats('33', PERIOD)).distribution).toMatchObject({ allocated: 134 * TRANCHES });
      expect((await stats('', null)).distribution).toMatchObject({ allocated: 214 * TRANCHES });
      expect((await stats('33.09', PERIOD)).distribution).toMatchObject({ allocated: 70 * TRANCHES });
      expect(await workedOut(stats)).not.toContain(PKH['33.07']! * PKH_AMOUNT);
    });
  });

  describe(`public distribution figures while a period's hand-over is incomplete (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let now = new Date('2026-12-20T03:00:00Z');
    const stats = reader(() => app);
    /** Each region's published distribution period (null: none), on the newest lists' pages and the period's. */
    const published = async () => {
      const out = new Set<string | null>();
      for (const region of REGIONS) {
        for (const period of [PERIOD, null])
          out.add((await stats(region, period)).distribution?.period ?? null);
      }
      return [...out];
    };

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => now });
      // 33.08 (60 KPM, hidden beside 33.07's 4 on the programme pages) has no batch yet.
      await seed(t, PERIOD, new Set(['33.07', '33.09', '35.01']));
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('does not let a region’s allocated rupiah, minus shown programme rupiah, give a hidden list away', async () => {
      // The province's allocated rupiah would count 33.07's and 33.09's lists (33.08 has no batch), and the
      // nation's, minus 35's (its one regency's list, handed over whole), the same: the period is not
      // published, and no earlier one is complete.
      expect(await workedOut(stats)).not.toContain(PKH['33.07']! * PKH_AMOUNT);
      expect(await published()).toEqual([null]);
    });

    it('publishes the newest period whose hand-over is complete, until the newer one completes', async () => {
      // The previous period, handed over whole: its figures are published meanwhile, on every page.
      await seed(t, PREVIOUS, new Set(Object.keys(PKH)));
      now = new Date(now.getTime() + PAST_CACHE_MS);
      expect(await published()).toEqual([PREVIOUS]);
      expect((await stats('', null)).distribution).toMatchObject({ allocated: 214 * TRANCHES });
      expect((await stats('33.09', PERIOD)).distribution).toMatchObject({ allocated: 70 * TRANCHES });
      expect(await workedOut(stats)).not.toContain(PKH['33.07']! * PKH_AMOUNT);

      // 33.08's batch being written is not a complete hand-over yet.
      const db = t.container.database.db;
      const run = await db
        .selectFrom('recipientRuns')
        .select('id')
        .where('period', '=', PERIOD)
        .where('regencyCode', '=', '33.08')
        .executeTakeFirstOrThrow();
      const households = await db
        .selectFrom('recipients')
        .select('householdId')
        .where('runId', '=', run.id)
        .execute();
      await handOver(t, {
        period: PERIOD,
        regency: '33.08',
        runId: run.id,
        households: households.map((h) => h.householdId),
        at: now.toISOString(),
        state: 'preparing',
      });
      now = new Date(now.getTime() + PAST_CACHE_MS);
      expect(await published()).toEqual([PREVIOUS]);

      // Written whole (sent): the period's figures replace the previous one's, its allocated the lists'.
      await db
        .updateTable('distributionBatches')
        .set({ state: 'sent' })
        .where('runId', '=', run.id)
        .execute();
      now = new Date(now.getTime() + PAST_CACHE_MS);
      expect(await published()).toEqual([PERIOD]);
      expect((await stats('', null)).distribution).toMatchObject({ allocated: 214 * TRANCHES });
      expect(await workedOut(stats)).not.toContain(PKH['33.07']! * PKH_AMOUNT);
    });
  });
}
