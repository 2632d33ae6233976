import type { Migration } from '../migrate.ts';

/**
 * Offline sync (issue 16, docs/offline.md): every change an offline device (or a .siks bundle) applied,
 * by its client-made id, so that sending it again answers `unchanged` instead of applying it twice.
 * Only applied changes are kept: a refused or conflicting change wrote nothing and may be sent again.
 */
export const syncChangesMigration: Migration = {
  name: '042_sync_changes',
  async up(db, e) {
    await db.schema
      .createTable('sync_changes')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('target_id', e.types.uuid, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('recorded_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('recorded_by', e.types.uuid)
      .addColumn('applied_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('applied_by', e.types.uuid)
      .execute();
    await db.schema.createIndex('sync_changes_target_idx').on('sync_changes').column('target_id').execute();
  },
};
