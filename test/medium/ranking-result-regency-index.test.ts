/**
 * Migration 079: on PostgreSQL an index of ranking results by regency carrying what a bansos computation's
 * page reads (built from the results already there, nothing changed); on SQLite nothing (its table is stored
 * in primary-key order). The page (`RecipientsRepository.snapshotPage`) answers the same rows on both
 * engines — page after page, with a household the ranking did not cover, another regency's households and
 * another model's results beside — and on PostgreSQL reads the results as an index-only range, unsorted.
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankingResultRegencyIndexMigration } from '../../src/db/migrations/079_ranking_result_regency_index.ts';
import type { DB, RankingResultTable, SnapshotHouseholdTable } from '../../src/db/schema/index.ts';
import { RecipientsRepository } from '../../src/modules/recipients/recipients.repository.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';
const REGENCY = '33.01';
const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Households 1–9 in REGENCY (5 not ranked), 10–12 in another regency; ids interleave with the other's. */
const HOUSEHOLDS = [
  ...Array.from({ length: 9 }, (_, i) => ({ n: i * 2 + 1, regency: REGENCY })),
  ...Array.from({ length: 3 }, (_, i) => ({ n: i * 2 + 2, regency: '33.02' })),
];
const UNRANKED = id(9);

function result(n: number, regency: string, modelVersion: string, decile: number): RankingResultTable {
  return {
    period: PERIOD,
    modelVersion,
    householdId: id(n),
    provinceCode: '33',
    regencyCode: regency,
    villageCode: `${regency}.01.2001`,
    householdVersion: 1,
    score: n / 10,
    criteria14: n % 15,
    decileNational: decile,
    decileProvince: ((decile + 1) % 10) + 1,
    decileRegency: ((decile + 4) % 10) + 1,
    kkNumber: `33010100000000${String(n).padStart(2, '0')}`,
    headName: n === 3 ? 'Tab\there' : `Kepala ${n}`,
  };
}

for (const engine of ENGINES) {
  describe(`079 ranking results by regency (${engine})`, () => {
    let t: TestDb;
    let db: Kysely<DB>;
    let repo: RecipientsRepository;

    beforeAll(async () => {
      t = await openTestDb(engine);
      db = t.container.database.db;
      repo = new RecipientsRepository(t.container.database.engine);
      const snapshots: SnapshotHouseholdTable[] = HOUSEHOLDS.map((h) => ({
        period: PERIOD,
        householdId: id(h.n),
        provinceCode: '33',
        regencyCode: h.regency,
        villageCode: `${h.regency}.01.2001`,
        version: 1,
        memberCount: 3,
      }));
      await db.insertInto('snapshotHouseholds').values(snapshots).execute();
      const results = HOUSEHOLDS.filter((h) => id(h.n) !== UNRANKED).flatMap((h) => [
        result(h.n, h.regency, 'model-a', (h.n % 10) + 1),
        result(h.n, h.regency, 'model-b', ((h.n + 5) % 10) + 1),
      ]);
      await db.insertInto('rankingResults').values(results).execute();
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it("a page holds the regency's households in order, each with its result of the model, page after page", async () => {
      const expected = HOUSEHOLDS.filter((h) => h.regency === REGENCY).map((h) => {
        const r = id(h.n) === UNRANKED ? null : result(h.n, REGENCY, 'model-b', ((h.n + 5) % 10) + 1);
        return {
          householdId: id(h.n),
          provinceCode: '33',
          regencyCode: REGENCY,
          villageCode: `${REGENCY}.01.2001`,
          version: 1,
          decileNational: r?.decileNational ?? null,
          decileProvince: r?.decileProvince ?? null,
          decileRegency: r?.decileRegency ?? null,
          criteria14: r?.criteria14 ?? null,
          kkNumber: r?.kkNumber ?? null,
          headName: r?.headName ?? null,
        };
      });
      const q = { period: PERIOD, regencyCode: REGENCY, modelVersion: 'model-b' };
      const pages = [];
      let after: string | null = null;
      for (;;) {
        const page = await repo.snapshotPage(db, q, after, 4);
        if (!page.length) break;
        pages.push(page.length);
        after = page.at(-1)!.householdId;
      }
      expect(pages).toEqual([4, 4, 1]);
      const rows = [
        ...(await repo.snapshotPage(db, q, null, 4)),
        ...(await repo.snapshotPage(db, q, id(7), 4)),
        ...(await repo.snapshotPage(db, q, id(15), 4)),
      ];
      expect(rows).toEqual(expected);
      // In a transaction (a caller's own) the same rows.
      expect(await db.transaction().execute((trx) => repo.snapshotPage(trx, q, id(7), 4))).toEqual(
        expected.slice(4, 8),
      );
    });

    it('the migration indexes the existing results on PostgreSQL and changes no row; SQLite keeps its table', async () => {
      const all = () =>
        db.selectFrom('rankingResults').selectAll().orderBy('modelVersion').orderBy('householdId').execute();
      const before = await all();
      const indexes = async () =>
        engine === 'postgres'
          ? (
              await sql<{ indexdef: string }>`select indexdef from pg_indexes
                where tablename = 'ranking_results' and indexname = 'ranking_results_regency_idx'`.execute(db)
            ).rows.map((r) => r.indexdef)
          : (
              await sql<{ name: string }>`select name from sqlite_master
                where tbl_name = 'ranking_results' and type = 'index'`.execute(db)
            ).rows.map((r) => r.name);
      if (engine === 'postgres') {
        await sql`drop index ranking_results_regency_idx`.execute(db);
        await rankingResultRegencyIndexMigration.up(db, t.container.database.engine);
        expect(await indexes()).toEqual([
          expect.stringMatching(
            /\(period, model_version, regency_code, household_id\) INCLUDE \(decile_national, decile_province, decile_regency, criteria14, kk_number, head_name\)$/,
          ),
        ]);
      } else {
        const names = await indexes();
        expect(names).not.toContain('ranking_results_regency_idx');
        await rankingResultRegencyIndexMigration.up(db, t.container.database.engine);
        expect(await indexes()).toEqual(names);
      }
      expect(await all()).toEqual(before);
    });

    // A plan of PostgreSQL's only: defined on that engine (CI counts a skipped test as a failure to run).
    const onPostgres = engine === 'postgres' ? it : () => {};
    onPostgres(
      'PostgreSQL reads the page as two index-only ranges merged in household order, without a sort',
      async () => {
        await sql`vacuum analyze ranking_results, snapshot_households`.execute(db);
        const q = { period: PERIOD, regencyCode: REGENCY, modelVersion: 'model-b' };
        const query = repo.snapshotPageQuery(db, q, id(3), 4).compile();
        const lines = await db.transaction().execute(async (trx) => {
          // Tables of a dozen rows are cheapest read whole: the plan a nation's tables get is the one asked for.
          await sql`set local enable_seqscan = off`.execute(trx);
          await sql`set local enable_bitmapscan = off`.execute(trx);
          const r = await trx.executeQuery<Record<string, string>>(
            CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
          );
          return r.rows.map((row) => Object.values(row)[0]!);
        });
        const text = lines.join('\n');
        // The regency's results from the page's first household on, one range (not every result of the model
        // probed per household, nor the regency's whole range sorted for each page).
        expect(text).toMatch(
          /Index Only Scan using ranking_results_regency_idx on ranking_results.*\n\s*Index Cond: \(.*\(regency_code = '33\.01'::text\) AND \(household_id > /,
        );
        expect(text).toContain('Merge Left Join');
        expect(text).not.toMatch(/\bSort\b|Gather|Nested Loop/);
      },
    );
  });
}
