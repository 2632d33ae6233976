import type { Migration } from '../migrate.ts';

/**
 * Signed transfer bundles (.siks, issue 16, docs/bundles.md). `bundle_trusted_keys`: the installations'
 * Ed25519 public keys this installation accepts bundles from (the Dinas Sosial registers its kecamatan
 * laptops; a laptop registers the online server), each with the territory its bundles may cover; a key is
 * revoked, never deleted, so past imports still name it. `bundle_imports`: every import with its counts —
 * the same bundle again is answered as unchanged, an older one from the same source refused (replay).
 */
export const bundlesMigration: Migration = {
  name: '041_bundles',
  async up(db, e) {
    await db.schema
      .createTable('bundle_trusted_keys')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .addColumn('revoked_at', e.types.timestamp)
      .addColumn('revoked_by', e.types.uuid)
      .addColumn('revoke_reason', 'text')
      .execute();
    await db.schema
      .createTable('bundle_imports')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('bundle_id', e.types.uuid, (c) => c.notNull())
      .addColumn('source_installation', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('territory', 'text', (c) => c.notNull())
      .addColumn('bundle_created_at', 'text', (c) => c.notNull())
      .addColumn('imported_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('imported_by', e.types.uuid)
      .addColumn('created', 'integer', (c) => c.notNull())
      .addColumn('updated', 'integer', (c) => c.notNull())
      .addColumn('unchanged', 'integer', (c) => c.notNull())
      .addColumn('conflicts', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('bundle_imports_source_idx')
      .on('bundle_imports')
      .columns(['source_installation', 'bundle_created_at'])
      .execute();
    await db.schema
      .createIndex('bundle_imports_bundle_idx')
      .on('bundle_imports')
      .column('bundle_id')
      .execute();
  },
};
