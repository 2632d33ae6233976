/**
 * The recipients diff at more than a page: approved lists of two periods (and an older and a later one
 * that must not count) written directly, then every page of the diff read through the API for several
 * territories and kinds of change, on both engines, and compared with the pure diff of the same lists
 * (src/domain/recipients/diff.ts), which is the definition the SQL keyset comparison must answer.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientCandidateTable, RecipientTable } from '../../src/db/schema/index.ts';
import { diffRecipients, type Evaluated, type Outcome } from '../../src/domain/recipients/diff.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { approvedRun } from '../support/recipients.ts';

interface DiffPage {
  previousPeriod: string | null;
  counts: unknown;
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

const PERIOD = '2026-04';
const PREVIOUS = '2026-01';
const VILLAGES = [PLACES.villageA, PLACES.villageA2, PLACES.villageB, PLACES.otherVillage];
/** How each household ends this period when it was a recipient before and is not now (cycled through). */
const STOPS: (Evaluated | 'absent' | 'declared')[] = [
  { outcome: 'excluded', codes: ['EMPLOYER', 'MIN_WAGE'] },
  { outcome: 'out_of_target', codes: [] },
  { outcome: 'not_eligible', codes: [] },
  { outcome: 'candidate', codes: [] },
  'absent',
  'declared',
];

interface Household {
  id: string;
  village: string;
  /** Where it lived on the previous list (some moved to another regency since). */
  previousVillage: string;
  previous: number | null;
  current: number | null;
  stop: Evaluated | 'absent' | 'declared' | null;
}

function recipient(
  period: string,
  programmeCode: string,
  h: Household,
  amount: number,
  village = h.village,
): RecipientTable {
  return {
    period,
    programmeCode,
    householdId: h.id,
    runId: newId(),
    programmeVersion: '1',
    provinceCode: village.slice(0, 2),
    regencyCode: village.slice(0, 5),
    villageCode: village,
    kkNumber: `33070100000${h.id.slice(-5)}`,
    headName: `Kepala ${h.id.slice(-4)}`,
    decile: 1,
    components: '[]',
    amount,
    approvedAt: '2026-04-30T00:00:00.000Z',
  };
}

for (const engine of ENGINES) {
  describe(`recipients diff over many pages (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const households: Household[] = [];

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['pusdatin', 'dinsos', 'camat-a', 'dinsos-other']) as[u] = await login(app, u);
      const db = t.container.database.db;
      // 240 households over four villages of two regencies: every fifth only before (stopped, each way of
      // stopping in turn), every fifth only now (new), the rest on both lists (continuing, some with
      // another amount).
      for (let i = 0; i < 240; i++) {
        const kind = i % 5;
        const village = VILLAGES[(i * 7) % VILLAGES.length]!;
        households.push({
          id: newId(),
          village,
          // Every tenth moved here from the other regency, or from here to it: new / stopped per territory.
          previousVillage:
            i % 10 === 2
              ? village === PLACES.otherVillage
                ? PLACES.villageA
                : PLACES.otherVillage
              : village,
          previous: kind === 1 ? null : 600_000,
          current: kind === 0 ? null : kind === 3 ? 975_000 : 600_000,
          stop: kind === 0 ? STOPS[Math.floor(i / 5) % STOPS.length]! : null,
        });
      }
      const rows: RecipientTable[] = [];
      for (const h of households) {
        if (h.previous !== null) rows.push(recipient(PREVIOUS, 'PKH', h, h.previous, h.previousVillage));
        if (h.current !== null) rows.push(recipient(PERIOD, 'PKH', h, h.current));
        // Lists that must not count: an older and a later period, another programme.
        rows.push(recipient('2025-10', 'PKH', h, 1));
        rows.push(recipient('2026-07', 'PKH', h, 2));
        if (h.current === null) rows.push(recipient(PERIOD, 'BPNT', h, 200_000));
      }
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto('recipients')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      // This period's proposals (one per regency) with the evaluation of the stopped households.
      for (const regency of [PLACES.regency, PLACES.otherRegency]) {
        const runId = newId();
        await db
          .insertInto('recipientRuns')
          .values(
            approvedRun({
              id: runId,
              period: PERIOD,
              programme: 'PKH',
              regency,
              at: '2026-04-20T00:00:00.000Z',
            }),
          )
          .execute();
        const evaluated: RecipientCandidateTable[] = households
          .filter((h) => h.village.startsWith(`${regency}.`) && h.stop && typeof h.stop === 'object')
          .map((h) => ({
            runId,
            householdId: h.id,
            villageCode: h.village,
            kkNumber: '',
            headName: '',
            decile: 1,
            outcome: (h.stop as Evaluated).outcome as Outcome,
            codes: JSON.stringify((h.stop as Evaluated).codes),
            components: '[]',
            yearlyAmount: 0,
            amount: 0,
            reasons: '[]',
          }));
        if (evaluated.length) {
          await db.insertInto('recipientCandidates').values(evaluated).execute();
          // A proposal evaluates the period's snapshot: each evaluated household is in it, in its regency.
          await db
            .insertInto('snapshotHouseholds')
            .values(
              evaluated.map((c) => ({
                period: PERIOD,
                householdId: c.householdId,
                provinceCode: regency.slice(0, 2),
                regencyCode: regency,
                villageCode: c.villageCode,
                version: 1,
                memberCount: 3,
              })),
            )
            .execute();
        }
      }
      const declared = households.filter((h) => h.stop === 'declared');
      await db
        .insertInto('ineligibleRegistry')
        .values(
          declared.map((h, n) => ({
            nik: `33070101010${String(n).padStart(5, '0')}`,
            householdId: h.id,
            provinceCode: '33',
            kkNumber: '',
            period: PERIOD,
            reason: 'Tidak layak',
            declaredBy: null,
            declaredAt: '2026-04-10T00:00:00.000Z',
          })),
        )
        .execute();
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    /**
     * The pure diff of the lists a territory sees (village codes starting with `prefix`); the evaluations
     * are those of the proposals of the territory's regencies, declarations stand everywhere.
     */
    function expected(prefix: string) {
      const inside = (village: string, p: string) => p === '' || village.startsWith(`${p}.`);
      const byId = (a: { householdId: string }, b: { householdId: string }) =>
        a.householdId < b.householdId ? -1 : 1;
      const evaluated = new Map<string, Evaluated>();
      for (const h of households) {
        if (h.stop === 'declared') evaluated.set(h.id, { outcome: 'ineligible', codes: [] });
        else if (h.stop && h.stop !== 'absent' && inside(h.village, prefix.slice(0, 5))) {
          evaluated.set(h.id, h.stop);
        }
      }
      const d = diffRecipients(
        households
          .filter((h) => h.previous !== null && inside(h.previousVillage, prefix))
          .map((h) => ({ householdId: h.id, amount: h.previous! }))
          .sort(byId),
        households
          .filter((h) => h.current !== null && inside(h.village, prefix))
          .map((h) => ({ householdId: h.id, amount: h.current! }))
          .sort(byId),
        evaluated,
      );
      return [
        ...d.new.map((r) => ({
          householdId: r.householdId,
          change: 'new',
          amount: r.amount,
          previousAmount: null,
          reason: null,
          codes: [],
        })),
        ...d.continuing.map((r) => ({
          householdId: r.householdId,
          change: 'continuing',
          amount: r.amount,
          previousAmount: r.previousAmount,
          reason: null,
          codes: [],
        })),
        ...d.stopped.map((r) => ({
          householdId: r.householdId,
          change: 'stopped',
          amount: 0,
          previousAmount: r.previousAmount,
          reason: r.reason,
          codes: r.codes,
        })),
      ].sort(byId);
    }

    async function allPages(who: string, query: string, limit: number) {
      const items: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      let pages = 0;
      let counts: unknown;
      do {
        const res: { statusCode: number; body: string; json: () => DiffPage } = await app.inject({
          url: `/api/v1/periods/${PERIOD}/recipients/diff?programme=PKH&limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
          headers: as[who],
        });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        expect(body.previousPeriod).toBe(PREVIOUS);
        expect(body.items.length).toBeLessThanOrEqual(limit);
        if (body.nextCursor) expect(body.items).toHaveLength(limit);
        counts ??= body.counts;
        expect(body.counts).toEqual(counts);
        items.push(...body.items);
        cursor = body.nextCursor;
        pages++;
      } while (cursor);
      return { items, pages, counts };
    }

    const strip = (items: Record<string, unknown>[]) =>
      items.map(({ householdId, change, amount, previousAmount, reason, codes }) => ({
        householdId,
        change,
        amount,
        previousAmount,
        reason,
        codes,
      }));

    it.each([
      ['pusdatin', ''],
      ['dinsos', PLACES.regency],
      ['camat-a', PLACES.districtA],
    ])(
      'pages the whole diff for %s in household id order, the same as the pure diff',
      async (who, prefix) => {
        const want = expected(prefix);
        const { items, pages, counts } = await allPages(who, '', 17);
        expect(pages).toBeGreaterThan(3);
        expect(strip(items)).toEqual(want);
        expect(counts).toEqual({
          new: want.filter((r) => r.change === 'new').length,
          continuing: want.filter((r) => r.change === 'continuing').length,
          stopped: want.filter((r) => r.change === 'stopped').length,
        });
        // Who each one is: this period's row, or the previous one's for a stopped household.
        const first = items.find((r) => r.change === 'stopped')!;
        expect(first).toMatchObject({
          kkNumber: expect.stringMatching(/^3307/),
          headName: expect.stringMatching(/^Kepala /),
        });
      },
    );

    it.each(['new', 'continuing', 'stopped'])(
      'pages one kind of change (%s) across pages',
      async (change) => {
        const want = expected('').filter((r) => r.change === change);
        const { items, pages } = await allPages('pusdatin', `&change=${change}`, 9);
        expect(pages).toBeGreaterThan(2);
        expect(strip(items)).toEqual(want);
      },
    );

    it('names every reason a household stopped', async () => {
      const { items } = await allPages('pusdatin', '&change=stopped', 100);
      expect(new Set(items.map((r) => r.reason))).toEqual(
        new Set(['excluded', 'out_of_target', 'not_eligible', 'ineligible', 'not_in_dtks']),
      );
      expect(items.find((r) => r.reason === 'excluded')?.codes).toEqual(['EMPLOYER', 'MIN_WAGE']);
    });

    it('exports a list of many pages as a stream of CSV pages, audited once', async () => {
      const listed = households.filter((h) => h.current !== null).map((h) => h.id);
      const audited = () =>
        t.container.database.db
          .selectFrom('auditLog')
          .select('details')
          .where('action', '=', 'recipients.export')
          .execute();
      const before = (await audited()).length;
      const actor = { ...systemActor('test'), role: 'pusdatin' as const };
      const { households: n, pages } = await t.container.recipients.recipientPages(
        actor,
        PERIOD,
        { programme: 'PKH' },
        25,
      );
      const seen: string[][] = [];
      for await (const page of pages) seen.push(page.map((r) => r.householdId));
      expect(n).toBe(listed.length);
      expect(seen.length).toBe(Math.ceil(listed.length / 25));
      expect(seen.every((p, i) => p.length === (i < seen.length - 1 ? 25 : listed.length - 25 * i))).toBe(
        true,
      );
      expect(seen.flat()).toEqual([...listed].sort());
      expect((await audited()).length).toBe(before + 1);
      const csv = await app.inject({
        url: `/api/v1/periods/${PERIOD}/recipients/export?programme=PKH`,
        headers: as.pusdatin,
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['cache-control']).toBe('no-store');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe('household_id,kk_number,region_code,head_name,decile,amount,components');
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([...listed].sort());
      const after = await audited();
      expect(after.length).toBe(before + 2);
      // Nothing to list, nothing audited.
      const none = await app.inject({
        url: `/api/v1/periods/2030-01/recipients/export?programme=PKH`,
        headers: as.pusdatin,
      });
      expect(none.body.trim().split('\n')).toHaveLength(1);
      expect((await audited()).length).toBe(after.length);
    });

    it('a regency outside the territory is absent, not an error', async () => {
      const { items } = await allPages('dinsos-other', '', 50);
      expect(items.every((r) => String(r.regionCode).startsWith(`${PLACES.otherRegency}.`))).toBe(true);
      expect(strip(items)).toEqual(expected(PLACES.otherRegency));
    });
  });
}
