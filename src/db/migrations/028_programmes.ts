import type { Migration } from '../migrate.ts';

/**
 * Programmes as configuration (issue 13): each programme (PKH, BPNT, PBI-JK, KIP Kuliah, a province's own)
 * and its versions, each an immutable JSON document (src/domain/programmes/document.ts). Publishing a version
 * makes it current and retires the one before; `used` is set when a recipient list is computed with it.
 */
export const programmesMigration: Migration = {
  name: '028_programmes',
  async up(db, e) {
    await db.schema
      .createTable('programmes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('door', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text')
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('programme_versions')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .addColumn('published_at', e.types.timestamp)
      .addColumn('published_by', e.types.uuid)
      .addPrimaryKeyConstraint('programme_versions_pk', ['code', 'version'])
      .execute();
    await db.schema
      .createIndex('programme_versions_state_idx')
      .on('programme_versions')
      .columns(['code', 'state'])
      .execute();
  },
};
