import type { Migration } from '../migrate.ts';

/**
 * Each ranking result keeps its household's KK number and head's name as the ranked version's snapshot holds
 * them (src/domain/recipients/identity.ts): a bansos computation names every household of a regency on its
 * rows, and half of a nation's households are outside every programme's target deciles — their snapshot was
 * read and decoded only for these two strings. Nullable, no backfill: results ranked before this migration
 * (and a household the ranking did not cover) keep null and the computation reads the snapshot for them, as
 * before; the next ranking run of a period writes them. A backfill would decode every ranked version of every
 * period inside the migration (a nation: millions of snapshots per period and model) for no change of answer.
 */
export const rankingResultIdentityMigration: Migration = {
  name: '075_ranking_result_identity',
  async up(db) {
    await db.schema.alterTable('ranking_results').addColumn('kk_number', 'text').execute();
    await db.schema.alterTable('ranking_results').addColumn('head_name', 'text').execute();
  },
};
