import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * Distribution with PT Pos (issue 15, docs/distribution.md): an approved recipient period becomes a batch per
 * regency and programme; its records (the partner's view of each KPM) are sent, returned with a reason code and
 * re-sent, every step a numbered version; distribution points with schedules; entitlements (one per KPM, batch
 * and tranche, mapped to a point) and the receipts that deliver them (filled by the receipts module); stock
 * received from procurement per point.
 */
export const distributionMigration: Migration = {
  name: '038_distribution',
  async up(db, e) {
    await db.schema
      .createTable('distribution_batches')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('programme_code', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('run_id', e.types.uuid, (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('tranches', 'integer', (c) => c.notNull())
      .addColumn('packages_per_kpm', 'integer', (c) => c.notNull())
      .addColumn('package_value', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('amount', e.types.bigint, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .addColumn('sent_at', e.types.timestamp)
      .addColumn('closed_at', e.types.timestamp)
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addUniqueConstraint('distribution_batches_key', ['period', 'programme_code', 'regency_code'])
      .execute();
    await db.schema
      .createIndex('distribution_batches_region_idx')
      .on('distribution_batches')
      .columns(['province_code', 'regency_code', 'period'])
      .execute();

    let records = db.schema
      .createTable('distribution_records')
      .addColumn('batch_id', e.types.uuid, (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('rt', 'text', (c) => c.notNull())
      .addColumn('rw', 'text', (c) => c.notNull())
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('reason_code', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('point_id', e.types.uuid)
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('distribution_records_pk', ['batch_id', 'household_id']);
    if (e.clusteredTables) records = records.modifyEnd(sql`without rowid`);
    await records.execute();
    await db.schema
      .createIndex('distribution_records_state_idx')
      .on('distribution_records')
      .columns(['state', 'regency_code', 'batch_id'])
      .execute();

    await db.schema
      .createTable('distribution_record_versions')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('batch_id', e.types.uuid, (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('reason_code', 'text')
      .addColumn('note', 'text')
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('actor_id', e.types.uuid)
      .addColumn('actor_role', 'text')
      .addColumn('at', e.types.timestamp, (c) => c.notNull())
      .addUniqueConstraint('distribution_record_versions_key', ['batch_id', 'household_id', 'version'])
      .execute();

    await db.schema
      .createTable('distribution_points')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('coverage', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addUniqueConstraint('distribution_points_code', ['regency_code', 'code'])
      .execute();

    await db.schema
      .createTable('distribution_schedules')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('point_id', e.types.uuid, (c) => c.notNull())
      .addColumn('batch_id', e.types.uuid, (c) => c.notNull())
      .addColumn('tranche', 'integer', (c) => c.notNull())
      .addColumn('starts_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('ends_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addUniqueConstraint('distribution_schedules_key', ['point_id', 'batch_id', 'tranche'])
      .execute();

    await db.schema
      .createTable('entitlements')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('batch_id', e.types.uuid, (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('tranche', 'integer', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('programme_code', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('point_id', e.types.uuid)
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('packages', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('return_reason', 'text')
      .addColumn('returned_at', e.types.timestamp)
      .addColumn('delivered_at', e.types.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addUniqueConstraint('entitlements_key', ['batch_id', 'household_id', 'tranche'])
      .execute();
    await db.schema
      .createIndex('entitlements_region_idx')
      .on('entitlements')
      .columns(['period', 'regency_code', 'district_code', 'village_code'])
      .execute();
    await db.schema
      .createIndex('entitlements_point_idx')
      .on('entitlements')
      .columns(['point_id', 'tranche'])
      .execute();

    await db.schema
      .createTable('receipts')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('entitlement_id', e.types.uuid, (c) => c.notNull().unique())
      .addColumn('point_id', e.types.uuid, (c) => c.notNull())
      .addColumn('received_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('recorded_by', e.types.uuid)
      .addColumn('device_id', 'text')
      .addColumn('client_id', 'text')
      .addColumn('representative', 'smallint', (c) => c.notNull())
      .addColumn('representative_name', 'text')
      .addColumn('proof_attachment_id', e.types.uuid)
      .addColumn('photo_attachment_id', e.types.uuid)
      .addColumn('signature_attachment_id', e.types.uuid)
      .addColumn('note', 'text')
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('receipts_point_idx')
      .on('receipts')
      .columns(['point_id', 'received_at'])
      .execute();

    await db.schema
      .createTable('distribution_stock')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('point_id', e.types.uuid, (c) => c.notNull())
      .addColumn('batch_id', e.types.uuid, (c) => c.notNull())
      .addColumn('packages', 'integer', (c) => c.notNull())
      .addColumn('delivery_note', 'text', (c) => c.notNull())
      .addColumn('received_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('recorded_by', e.types.uuid)
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('distribution_stock_point_idx')
      .on('distribution_stock')
      .columns(['point_id', 'batch_id'])
      .execute();
  },
};
