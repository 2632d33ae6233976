import type { Migration } from '../migrate.ts';

/**
 * Sanggah (objections, issue 14, seed 000): a verified citizen objects to a current recipient household of
 * their own village; the regency Dinas Sosial investigates and decides. A verivali visit the Dinas Sosial asks for while
 * investigating is the verivali module's (`visit_id`). Evidence photos are attachments
 * owned by the objection (`owner_type = 'sanggah'`). Indexes serve the limits (open per account, per
 * household, recent per village) and the regency worklist.
 */
export const sanggahMigration: Migration = {
  name: '037_sanggah',
  async up(db, e) {
    await db.schema
      .createTable('sanggah')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('account_id', e.types.uuid, (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('target_name_masked', 'text', (c) => c.notNull())
      .addColumn('recipient_period', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('evidence_count', 'integer', (c) => c.notNull())
      .addColumn('visit_id', e.types.uuid)
      .addColumn('decision_reason', 'text')
      .addColumn('decided_at', e.types.timestamp)
      .addColumn('decided_by', e.types.uuid)
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sanggah_account_idx')
      .on('sanggah')
      .columns(['account_id', 'state'])
      .execute();
    await db.schema
      .createIndex('sanggah_household_idx')
      .on('sanggah')
      .columns(['household_id', 'state'])
      .execute();
    await db.schema
      .createIndex('sanggah_village_idx')
      .on('sanggah')
      .columns(['village_code', 'created_at'])
      .execute();
    await db.schema
      .createIndex('sanggah_regency_idx')
      .on('sanggah')
      .columns(['regency_code', 'state', 'created_at'])
      .execute();
  },
};
