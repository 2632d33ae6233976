import type { Migration } from '../migrate.ts';

/**
 * An offline installation's record of what it mirrored from the online registry's working set (docs/bundles.md):
 * each proposal, visit and Musdes row as it arrived (its version, a Musdes row's outcome) and the online staff
 * accounts by username. The field-changes export compares its own records with these to find what was
 * recorded here since, and the version each change was made on.
 */
export const offlineMirrorMigration: Migration = {
  name: '059_offline_mirror',
  async up(db, e) {
    await db.schema
      .createTable('offline_mirror')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', e.types.uuid, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('username', 'text')
      .addColumn('bundle_id', e.types.uuid, (c) => c.notNull())
      .addColumn('mirrored_at', e.types.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('offline_mirror_pk', ['kind', 'id'])
      .execute();
    await db.schema
      .createIndex('offline_mirror_username_idx')
      .on('offline_mirror')
      .column('username')
      .execute();
  },
};
