import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * PostgreSQL: one pg_trgm GIN index per name column instead of migration 018's two-column index. Name search
 * asks for the trigrams tiling the query (households.repository.ts, pgContains) on one column at a time, and
 * the tolerant search ORs the two columns; each column's own index is smaller (two of ~10 MiB against one of
 * 19–26 MiB at 300,000 households) and halved the tolerant look-up's time in bench/results/
 * name-search-postgres.md. SQLite's FTS5 name index (migrations 018, 021) is unchanged: nothing to do there.
 */
export const nameTrigramIndexesMigration: Migration = {
  name: '035_name_trigram_indexes',
  async up(db, e) {
    if (e.name !== 'postgres') return;
    await sql`create index households_name_search_trgm_idx on households
      using gin (head_name_search gin_trgm_ops)`.execute(db);
    await sql`create index households_name_fold_trgm_idx on households
      using gin (head_name_fold gin_trgm_ops)`.execute(db);
    await sql`drop index households_name_trgm_idx`.execute(db);
  },
};
