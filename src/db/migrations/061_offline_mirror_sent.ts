import type { Migration } from '../migrate.ts';

/**
 * What an offline installation sent online of a proposal it holds (docs/bundles.md): the local version it
 * exported (`local_version`) and the online version the change was made on (`sent_base`, 0 for a creation);
 * `version` is then the online version the change leaves there. Versions of the two databases are never
 * compared: a working set takes a sent proposal over only while the local one is still the one sent, and an
 * edit made here since goes out against the online version.
 */
export const offlineMirrorSentMigration: Migration = {
  name: '061_offline_mirror_sent',
  async up(db) {
    await db.schema.alterTable('offline_mirror').addColumn('local_version', 'integer').execute();
    await db.schema.alterTable('offline_mirror').addColumn('sent_base', 'integer').execute();
  },
};
