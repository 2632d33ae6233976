import type { Migration } from '../migrate.ts';

/**
 * Distribution (issue 15, docs/distribution.md): the partner accepts a sent batch explicitly before
 * distribution starts (`accepted_at`, `accepted_by`; the batch state becomes `accepted`).
 */
export const distributionAcceptMigration: Migration = {
  name: '044_distribution_accept',
  async up(db, e) {
    await db.schema.alterTable('distribution_batches').addColumn('accepted_at', e.types.timestamp).execute();
    await db.schema.alterTable('distribution_batches').addColumn('accepted_by', e.types.uuid).execute();
  },
};
