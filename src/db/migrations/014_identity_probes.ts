import type { Migration } from '../migrate.ts';

/**
 * Refused uses of NIKs and KK numbers held outside the user's territory, one row each, counted per user over
 * a rolling hour (IDENTITY_PROBE_LIMIT). A row per refusal rather than a counter: concurrent refusals on
 * several servers each insert, nothing is read-modified-written, and the window can roll by the minute.
 * Rows older than the window are deleted as new ones arrive; the audit log keeps every probe.
 */
export const identityProbesMigration: Migration = {
  name: '014_identity_probes',
  async up(db, e) {
    await db.schema
      .createTable('identity_probes')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('actor_key', 'text', (c) => c.notNull())
      .addColumn('at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('identity_probes_actor_idx')
      .on('identity_probes')
      .columns(['actor_key', 'at'])
      .execute();
  },
};
