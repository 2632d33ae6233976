import type { Migration } from '../migrate.ts';

/**
 * A determined period's households of one regency, in household order: what a regency's bansos proposal
 * (`recipients.compute`) reads page by page and counts. Without it each page walked the period's primary key
 * from the last household read, skipping every other regency's rows — at 1,000,000 households ~24 ms a page
 * of 500 and ~144 ms a count, for every regency and programme. It covers the columns the page reads, so
 * SQLite's planner (which keeps no statistics here) takes it over the primary key's household order.
 */
export const snapshotRegencyIndexMigration: Migration = {
  name: '068_snapshot_regency_index',
  async up(db) {
    await db.schema
      .createIndex('snapshot_households_regency_idx')
      .on('snapshot_households')
      .columns(['period', 'regency_code', 'household_id', 'province_code', 'village_code', 'version'])
      .execute();
  },
};
