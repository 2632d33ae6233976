import type { Migration } from '../migrate.ts';

/**
 * The chain as the seeds describe it (issue 12): a village's signed Berita Acara goes to the regency through
 * the kecamatan, which acknowledges or returns it (`berita_acara_acknowledgements`, one row per Musdes
 * session, naming the signed scan it judged); the regency's submission goes to Pusdatin through the
 * provincial Dinas Sosial, which comments (`submission_comments`), forwards or returns it, or lets it forward
 * itself at `submissions.forward_due_at`. Whether a regency uses the kecamatan step and whether a province
 * reviews (and after how many days it forwards by itself) are `chain_settings` rows; no row: the step is off.
 */
export const cycleChainMigration: Migration = {
  name: '023_cycle_chain',
  async up(db, e) {
    const s = db.schema;
    await s
      .createTable('chain_settings')
      .addColumn('region_code', 'text', (c) => c.primaryKey())
      .addColumn('kecamatan_acknowledgement', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('province_review', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('auto_forward_days', 'integer')
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_by', e.types.uuid)
      .execute();

    await s
      .createTable('berita_acara_acknowledgements')
      .addColumn('session_id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('signed_scan_id', e.types.uuid)
      .addColumn('note', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('decided_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('decided_by', e.types.uuid)
      .execute();
    await s
      .createIndex('berita_acara_ack_regency_idx')
      .on('berita_acara_acknowledgements')
      .columns(['regency_code', 'period'])
      .execute();

    await s
      .createTable('submission_comments')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('submission_id', e.types.uuid, (c) => c.notNull())
      .addColumn('author_id', e.types.uuid)
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('author_role', 'text', (c) => c.notNull())
      .addColumn('author_region', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await s
      .createIndex('submission_comments_submission_idx')
      .on('submission_comments')
      .columns(['submission_id', 'created_at'])
      .execute();

    await s.alterTable('submissions').addColumn('forward_due_at', e.types.timestamp).execute();
    await s
      .createIndex('submissions_forward_due_idx')
      .on('submissions')
      .columns(['state', 'forward_due_at'])
      .execute();
  },
};
