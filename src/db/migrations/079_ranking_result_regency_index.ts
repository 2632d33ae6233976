import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * A regency's ranking results in household order, carrying what a bansos computation's page reads of them
 * (ranks, criteria count, KK number and head's name): the page (`RecipientsRepository.snapshotPage`) then
 * reads a regency's results as one index range instead of looking each household up by the primary key.
 *
 * PostgreSQL only, as an index with `INCLUDE` columns (PostgreSQL-only DDL: SQLite has no `INCLUDE`). Its
 * table is a heap: each look-up by the primary key read an index leaf and then the heap page holding the
 * row, and a regency's rows are scattered over the whole heap (results are written in household order,
 * households of every regency interleaved) — ~1 heap page per household, 11 s of the server's statement time
 * on a 60-regency slice of a 1,000,000-household nation (bench/results/recipients-national.md). With this
 * index the page is an index-only range read. SQLite stores the table in primary-key order (WITHOUT ROWID,
 * migration 027): a look-up finds the row itself in the key's leaf, there is no second page to read, and an
 * index there would only store every row a second time at the ranking's expense.
 *
 * No data changes; the index is built from the existing results.
 */
export const rankingResultRegencyIndexMigration: Migration = {
  name: '079_ranking_result_regency_index',
  async up(db, e) {
    if (e.clusteredTables) return;
    await sql`
      create index ranking_results_regency_idx
      on ranking_results (period, model_version, regency_code, household_id)
      include (decile_national, decile_province, decile_regency, criteria14, kk_number, head_name)`.execute(
      db,
    );
  },
};
