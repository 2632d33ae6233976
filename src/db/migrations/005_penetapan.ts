import type { Migration } from '../migrate.ts';

/**
 * Penetapan (monthly determination) and pengesahan (regency submissions): what the determination needs
 * beyond 004_cycle. A period row gets the id its decree (SK) is filed under, the SK attachment and the
 * period it was compared with; per-region counts are materialised once at determination (the SK and the
 * period pages read them, never the million snapshot rows); the diff gets indexes for its browser.
 */
export const penetapanMigration: Migration = {
  name: '005_penetapan',
  async up(db, e) {
    const s = db.schema;
    await s.alterTable('periods').addColumn('determination_id', e.types.uuid).execute();
    await s.alterTable('periods').addColumn('sk_attachment_id', e.types.uuid).execute();
    await s.alterTable('periods').addColumn('previous_period', 'text').execute();
    await s.createIndex('periods_sk_number_idx').on('periods').column('sk_number').unique().execute();

    await s
      .createTable('period_region_counts')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('households', 'integer', (c) => c.notNull())
      .addColumn('persons', 'integer', (c) => c.notNull())
      .addColumn('added', 'integer', (c) => c.notNull())
      .addColumn('removed', 'integer', (c) => c.notNull())
      .addColumn('changed', 'integer', (c) => c.notNull())
      /** 1 when the regency's own submission was determined this period, 0 when its rows were carried forward. */
      .addColumn('submitted', 'smallint', (c) => c.notNull())
      .addPrimaryKeyConstraint('period_region_counts_pk', ['period', 'regency_code'])
      .execute();

    await s
      .createIndex('snapshot_changes_change_idx')
      .on('snapshot_changes')
      .columns(['period', 'change', 'household_id'])
      .execute();
    await s
      .createIndex('snapshot_changes_regency_idx')
      .on('snapshot_changes')
      .columns(['period', 'regency_code', 'household_id'])
      .execute();
    await s.createIndex('submissions_state_idx').on('submissions').columns(['period', 'state']).execute();
  },
};
