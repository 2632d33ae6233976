import type { Migration } from '../migrate.ts';

/**
 * The DCI social-registry API (issue 16, docs/dci.md): the partner systems allowed to ask the registry
 * (OAuth2 clients: a hashed secret, scopes, a territory like staff, an optional public key that signs their
 * messages, the hosts their callbacks may go to), the transactions they started (what `txn/status` answers),
 * and their subscriptions to registry events with the point up to which each was notified.
 */
export const dciMigration: Migration = {
  name: '040_dci',
  async up(db, e) {
    await db.schema
      .createTable('dci_partners')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('public_jwk', 'text')
      .addColumn('callback_hosts', 'text', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', e.types.timestamp)
      .execute();
    await db.schema
      .createTable('dci_transactions')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('partner_id', e.types.uuid, (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reference_ids', 'text', (c) => c.notNull())
      .addColumn('response', 'text')
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('dci_transactions_partner_idx')
      .on('dci_transactions')
      .columns(['partner_id', 'transaction_id'])
      .execute();
    await db.schema
      .createTable('dci_subscriptions')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('partner_id', e.types.uuid, (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('filter', 'text', (c) => c.notNull())
      .addColumn('notify_record_type', 'text', (c) => c.notNull())
      .addColumn('notify_uri', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('notified_until', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('unsubscribed_at', e.types.timestamp)
      .execute();
    await db.schema
      .createIndex('dci_subscriptions_partner_idx')
      .on('dci_subscriptions')
      .columns(['partner_id', 'status'])
      .execute();
  },
};
