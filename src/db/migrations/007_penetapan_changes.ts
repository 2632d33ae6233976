import type { Migration } from '../migrate.ts';

/**
 * The diff of a period is read by its primary key (period, household id) in pages; per-regency counts are
 * one GROUP BY at determination. The two secondary indexes 005 put on snapshot_changes only slowed down the
 * first determination, whose diff holds every household.
 */
export const penetapanChangesMigration: Migration = {
  name: '007_penetapan_changes',
  async up(db) {
    await db.schema.dropIndex('snapshot_changes_change_idx').execute();
    await db.schema.dropIndex('snapshot_changes_regency_idx').execute();
  },
};
