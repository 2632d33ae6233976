import type { Migration } from '../migrate.ts';

/**
 * The changes an offline installation sent online of a proposal or Musdes row since it last mirrored it
 * (docs/bundles.md, "Changes made again after an export"): `sent_chain` is JSON, `{changes: [{id, outcome?}],
 * baseVersion? | baseOutcome?}` — the change ids in the order they were sent and the online version (a Musdes
 * row: the outcome) the first was made on. A later change carries it, so the online registry applies it on
 * what the last of them that arrived left there (or on the first one's base when none did), and reports a
 * conflict only for a change made online in between. Null when nothing was sent since mirrored.
 */
export const offlineMirrorChainMigration: Migration = {
  name: '065_offline_mirror_chain',
  async up(db) {
    await db.schema.alterTable('offline_mirror').addColumn('sent_chain', 'text').execute();
  },
};
