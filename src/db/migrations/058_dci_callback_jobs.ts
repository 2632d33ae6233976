import type { Migration } from '../migrate.ts';

/**
 * DCI callbacks as resumable jobs (docs/dci.md, docs/jobs.md): a job may wait before its next attempt
 * (`jobs.not_before`, a retry's backoff), and a DCI transaction records its callback's delivery (pending,
 * delivered, failed after its attempts; the attempts made and the last failure), which `txn/status` shows.
 */
export const dciCallbackJobsMigration: Migration = {
  name: '058_dci_callback_jobs',
  async up(db, e) {
    await db.schema.alterTable('jobs').addColumn('not_before', e.types.timestamp).execute();
    await db.schema.alterTable('dci_transactions').addColumn('callback_state', 'text').execute();
    await db.schema
      .alterTable('dci_transactions')
      .addColumn('callback_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('dci_transactions').addColumn('callback_error', 'text').execute();
  },
};
