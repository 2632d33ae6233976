import type { Migration } from '../migrate.ts';

/**
 * DCI notifications move on a keyset cursor (docs/dci.md): the last notified registry event's time and id,
 * so events sharing one timestamp beyond a page of notifications are not skipped. Existing subscriptions
 * keep their time (no id: everything after that time, as before).
 */
export const dciNotifyCursorMigration: Migration = {
  name: '053_dci_notify_cursor',
  async up(db, e) {
    await db.schema.alterTable('dci_subscriptions').addColumn('notified_until_id', e.types.uuid).execute();
  },
};
