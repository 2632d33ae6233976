/**
 * The last list reads that name households, as audit subjects (issue 14, "who read my data"), on both
 * engines: the recipients exclusions and diff, the ineligible list and the targeting drill-down each audit
 * the households of the page they answer (audit_subjects), so a verified citizen of a listed household sees
 * the read in their access log — and a citizen whose household was not on that page does not.
 * (Household lists and searches: personal-reads and citizen-accounts tests; exports: export-subjects.)
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { makeHousehold } from '../factories/households.ts';
import { importSeedCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { entriesWithSubjects } from '../support/audit-subjects.ts';
import { citizenAccount } from '../support/citizen.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { approvedRecipient, approvedRun, determinedRankedPeriod } from '../support/recipients.ts';

const PERIOD = '2026-10';
const RANKED = '2026-09';

for (const engine of ENGINES) {
  describe(`list reads as audit subjects (${engine})`, () => {
    const sender = new LogCodeSender(() => {});
    let t: TestDb;
    let app: FastifyInstance;
    let dinsos: Record<string, string>;
    /** Village A's households in id order: `listed` answers first on every one-row page, `other` never does. */
    let listed: string;
    let other: string;
    const citizens: Record<'listed' | 'other', Record<string, string>> = { listed: {}, other: {} };

    beforeAll(async () => {
      t = await openTestDb(engine, { codeSender: sender });
      const c = t.container;
      const db = c.database.db;
      await createUsers(c);
      await importSeedCsv(
        c,
        Array.from({ length: 3 }, (_, i) => makeHousehold(PLACES.villageA, i)),
      );
      const ids = (
        await db
          .selectFrom('households')
          .select('id')
          .where('villageCode', '=', PLACES.villageA)
          .orderBy('id')
          .execute()
      ).map((h) => h.id);
      [listed, other] = [ids[0]!, ids[1]!];
      app = await testApp(c);
      dinsos = await login(app, 'dinsos');

      // A verified citizen account for a member of each of the two households.
      let n = 0;
      for (const [key, householdId] of [
        ['listed', listed],
        ['other', other],
      ] as const) {
        const who = await db
          .selectFrom('persons')
          .select(['nik', 'name'])
          .where('householdId', '=', householdId)
          .where('nik', 'is not', null)
          .orderBy('id')
          .executeTakeFirstOrThrow();
        citizens[key] = await citizenAccount(app, c, sender, ++n, {
          prefix: 'pembaca',
          serial: 4400,
          verified: true,
          who: { nik: who.nik!, name: who.name },
        });
      }

      // Both households on this period's PKH list (new: none before) and both excluded from BPNT.
      const at = '2026-10-20T00:00:00.000Z';
      const runs = { PKH: newId(), BPNT: newId() };
      for (const [programme, id] of Object.entries(runs)) {
        await db
          .insertInto('recipientRuns')
          .values(approvedRun({ id, period: PERIOD, programme, regency: PLACES.regency, at }))
          .execute();
      }
      const recipient = (householdId: string) =>
        approvedRecipient({ period: PERIOD, runId: runs.PKH, householdId, at });
      await db
        .insertInto('recipients')
        .values([recipient(listed), recipient(other)])
        .execute();
      await db
        .insertInto('recipientCandidates')
        .values(
          [listed, other].map((householdId) => ({
            runId: runs.BPNT,
            householdId,
            villageCode: PLACES.villageA,
            kkNumber: '3307010101000001',
            headName: 'Kepala',
            decile: 1,
            outcome: 'excluded' as const,
            codes: JSON.stringify(['EMPLOYER']),
            components: '[]',
            yearlyAmount: 0,
            amount: 0,
            reasons: '[]',
          })),
        )
        .execute();
      // Only `listed` is declared ineligible: the ineligible list names it alone.
      await db
        .insertInto('ineligibleRegistry')
        .values({
          nik: '3307010101990001',
          householdId: listed,
          provinceCode: '33',
          kkNumber: '',
          period: PERIOD,
          reason: 'Tidak layak',
          declaredBy: null,
          declaredAt: at,
        })
        .execute();
      // A ranked period holding both (the targeting drill-down).
      await determinedRankedPeriod(c, RANKED, [
        { id: listed, village: PLACES.villageA, decile: 1 },
        { id: other, village: PLACES.villageA, decile: 1 },
      ]);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    /** The households indexed as subjects of each entry of `action`, oldest first, with the entry's details. */
    const entries = (action: string) => entriesWithSubjects(t.container.database.db, action, 'dinsos');
    const accessLog = async (who: 'listed' | 'other') => {
      const res = await app.inject({ url: '/api/v1/public/citizen/access-log', headers: citizens[who] });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        inRegistry: boolean;
        groups: { actions: { action: string; count: number }[]; officeRegionCode: string }[];
      };
      expect(body.inRegistry).toBe(true);
      // One line per action, as often as the action was counted (the reads below share a day and an office).
      return body.groups.flatMap((g) =>
        g.actions.flatMap((a) =>
          Array.from({ length: a.count }, () => ({ action: a.action, officeRegionCode: g.officeRegionCode })),
        ),
      );
    };

    const READS = [
      {
        action: 'recipients.exclusions',
        url: `/api/v1/periods/${PERIOD}/recipients/exclusions?programme=BPNT&limit=1`,
      },
      { action: 'recipients.diff', url: `/api/v1/periods/${PERIOD}/recipients/diff?programme=PKH&limit=1` },
      { action: 'ineligible.list', url: '/api/v1/ineligible' },
      {
        action: 'analytics.households',
        url: `/api/v1/analytics/targeting/households?period=${RANKED}&limit=1`,
      },
    ];

    it('each list audits exactly the households of the page it answered, with their count', async () => {
      for (const read of READS) {
        const res = await app.inject({ url: read.url, headers: dinsos });
        expect(res.statusCode, `${read.action}: ${res.body}`).toBe(200);
        const { items } = res.json() as { items: { householdId: string }[] };
        expect(
          items.map((i) => i.householdId),
          read.action,
        ).toEqual([listed]);
        const got = await entries(read.action);
        expect(got, read.action).toHaveLength(1);
        expect(got[0]!.subjects, read.action).toEqual([listed]);
        expect(got[0]!.details, read.action).toMatchObject({ count: 1, households: [listed] });
      }
    });

    it('the listed household’s citizen sees every one of those reads; the other household’s citizen none', async () => {
      const mine = await accessLog('listed');
      for (const { action } of READS) {
        const seen = mine.filter((e) => e.action === action);
        expect(seen, action).toHaveLength(1);
        // The Dinas Sosial of the regency read it (office, never the name).
        expect(seen[0]!.officeRegionCode, action).toBe(PLACES.regency);
      }
      const theirs = await accessLog('other');
      const actions = new Set(theirs.map((e) => e.action));
      for (const { action } of READS) expect(actions.has(action), action).toBe(false);
    });

    it('the next page of a list is audited with its own household, which its citizen then sees', async () => {
      const first = await app.inject({ url: READS[1]!.url, headers: dinsos });
      const cursor = (first.json() as { nextCursor: string | null }).nextCursor;
      expect(cursor).not.toBeNull();
      const next = await app.inject({
        url: `${READS[1]!.url}&cursor=${encodeURIComponent(cursor!)}`,
        headers: dinsos,
      });
      expect(next.statusCode, next.body).toBe(200);
      expect((next.json() as { items: { householdId: string }[] }).items.map((i) => i.householdId)).toEqual([
        other,
      ]);
      const diffs = await entries('recipients.diff');
      expect(diffs.at(-1)!.subjects).toEqual([other]);
      expect((await accessLog('other')).filter((e) => e.action === 'recipients.diff')).toHaveLength(1);
    });
  });
}
