import type { Migration } from '../migrate.ts';

/**
 * The running number of a decree (the `nnnn` of `SK-DTKS/<period>/<nnnn>`) as its own unique column: two
 * periods determined at the same moment would otherwise both take the next number (their SK numbers differ by
 * the period, so a unique SK number does not catch it); with this index one of them rolls back.
 */
export const penetapanSkSequenceMigration: Migration = {
  name: '008_penetapan_sk_sequence',
  async up(db) {
    await db.schema.alterTable('periods').addColumn('sk_sequence', 'integer').execute();
    await db.schema
      .createIndex('periods_sk_sequence_idx')
      .on('periods')
      .column('sk_sequence')
      .unique()
      .execute();
  },
};
