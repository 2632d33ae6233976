import type { Migration } from '../migrate.ts';

/**
 * Distribution (issue 15, docs/distribution.md): a KPM moved to another point by hand keeps it when the batch
 * is mapped again by rule (`point_moved_at`, null while the point comes from the mapping rule).
 */
export const distributionPointByHandMigration: Migration = {
  name: '057_distribution_point_by_hand',
  async up(db, e) {
    await db.schema
      .alterTable('distribution_records')
      .addColumn('point_moved_at', e.types.timestamp)
      .execute();
  },
};
