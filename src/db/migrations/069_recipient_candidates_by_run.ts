import type { Migration } from '../migrate.ts';

/**
 * A household's evaluations are found through its regency's runs, not through an index of candidates by
 * household. `recipient_candidates_household_idx` (household_id, run_id) put every candidate row written —
 * ~4,000,000 for a nation's period of four programmes — at a random place of a second B-tree: about one dirty
 * index page per row, the largest part of a computation's commits (bench/results/recipients-national.md).
 * Its readers now look a household up by the primary key (run_id, household_id) over the few runs that can
 * hold it: the runs of its regency (a household's region never changes; the period's snapshot names it),
 * found by `recipient_runs_regency_idx` — the household's programme history, the diff's "why stopped" and
 * the analytics' inclusion errors (docs/recipients.md, "Storage").
 */
export const recipientCandidatesByRunMigration: Migration = {
  name: '069_recipient_candidates_by_run',
  async up(db) {
    await db.schema.dropIndex('recipient_candidates_household_idx').execute();
    await db.schema
      .createIndex('recipient_runs_regency_idx')
      .on('recipient_runs')
      .columns(['regency_code', 'period'])
      .execute();
  },
};
