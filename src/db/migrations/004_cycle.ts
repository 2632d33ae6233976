import type { CreateTableBuilder } from 'kysely';
import type { DbEngine } from '../dialect.ts';
import type { Migration } from '../migrate.ts';

// biome-ignore lint/suspicious/noExplicitAny: DDL builders are untyped by nature
type TableBuilder = CreateTableBuilder<any, any>;

function regionAndStamp(t: TableBuilder, e: DbEngine): TableBuilder {
  return t
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('regency_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
    .addColumn('created_by', e.types.uuid)
    .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
    .addColumn('updated_by', e.types.uuid);
}

/** The update cycle (issue: usulan → Musdes → verivali → Dinas Sosial → pengesahan → penetapan). */
export const cycleMigration: Migration = {
  name: '004_cycle',
  async up(db, e) {
    const s = db.schema;
    await s
      .createTable('periods')
      .addColumn('period', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('sk_number', 'text')
      .addColumn('checksum', 'text')
      .addColumn('households', 'integer')
      .addColumn('persons', 'integer')
      .addColumn('added', 'integer')
      .addColumn('removed', 'integer')
      .addColumn('changed', 'integer')
      .addColumn('determined_at', e.types.timestamp)
      .addColumn('determined_by', e.types.uuid)
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .execute();

    await s
      .createTable('attachments')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('owner_type', 'text', (c) => c.notNull())
      .addColumn('owner_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('thumb_sha256', 'text')
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .execute();
    await s.createIndex('attachments_owner_idx').on('attachments').columns(['owner_id', 'kind']).execute();

    let usulan: TableBuilder = s
      .createTable('usulan')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid)
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('return_note', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('musdes_session_id', e.types.uuid);
    usulan = regionAndStamp(usulan, e);
    await usulan.execute();
    await s
      .createIndex('usulan_village_idx')
      .on('usulan')
      .columns(['village_code', 'period', 'id'])
      .execute();
    await s
      .createIndex('usulan_regency_idx')
      .on('usulan')
      .columns(['regency_code', 'period', 'state'])
      .execute();
    await s.createIndex('usulan_household_idx').on('usulan').columns(['household_id']).execute();

    await s
      .createTable('usulan_niks')
      .addColumn('nik', 'text', (c) => c.notNull())
      .addColumn('usulan_id', e.types.uuid, (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('usulan_niks_pk', ['nik', 'usulan_id'])
      .execute();

    let musdes: TableBuilder = s
      .createTable('musdes_sessions')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('held_on', e.types.date)
      .addColumn('place', 'text')
      .addColumn('participants', 'text', (c) => c.notNull())
      .addColumn('counts', 'text')
      .addColumn('berita_acara_id', e.types.uuid)
      .addColumn('signed_scan_id', e.types.uuid);
    musdes = regionAndStamp(musdes, e);
    await musdes.execute();
    await s
      .createIndex('musdes_village_period_idx')
      .on('musdes_sessions')
      .columns(['village_code', 'period'])
      .unique()
      .execute();
    await s
      .createIndex('musdes_regency_idx')
      .on('musdes_sessions')
      .columns(['regency_code', 'period'])
      .execute();

    await s
      .createTable('musdes_rows')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('session_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid)
      .addColumn('usulan_id', e.types.uuid)
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('note', 'text')
      .addColumn('decided_by', e.types.uuid)
      .addColumn('decided_at', e.types.timestamp)
      .execute();
    await s
      .createIndex('musdes_rows_session_idx')
      .on('musdes_rows')
      .columns(['session_id', 'row_no'])
      .unique()
      .execute();

    let visits: TableBuilder = s
      .createTable('visits')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid)
      .addColumn('usulan_id', e.types.uuid)
      .addColumn('assigned_to', e.types.uuid, (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('result', 'text')
      .addColumn('visited_at', e.types.timestamp)
      .addColumn('latitude', 'real')
      .addColumn('longitude', 'real')
      .addColumn('instrument', 'text')
      .addColumn('notes', 'text');
    visits = regionAndStamp(visits, e);
    await visits.execute();
    await s.createIndex('visits_assignee_idx').on('visits').columns(['assigned_to', 'state']).execute();
    await s.createIndex('visits_regency_idx').on('visits').columns(['regency_code', 'period']).execute();
    await s.createIndex('visits_usulan_idx').on('visits').columns(['usulan_id']).execute();

    await s
      .createTable('dukcapil_imports')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .execute();

    await s
      .createTable('dukcapil_matches')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('import_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text')
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('nik', 'text', (c) => c.notNull())
      .addColumn('person_id', e.types.uuid)
      .addColumn('household_id', e.types.uuid)
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text')
      .addColumn('note', 'text')
      .addColumn('resolved_by', e.types.uuid)
      .addColumn('resolved_at', e.types.timestamp)
      .execute();
    await s
      .createIndex('dukcapil_matches_import_idx')
      .on('dukcapil_matches')
      .columns(['import_id', 'result', 'line'])
      .execute();

    await s
      .createTable('ineligible_registry')
      .addColumn('nik', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('declared_by', e.types.uuid)
      .addColumn('declared_at', e.types.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('ineligible_registry_pk', ['nik', 'household_id'])
      .execute();

    await s
      .createTable('submissions')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('approval_letter_id', e.types.uuid)
      .addColumn('berita_acara_ids', 'text', (c) => c.notNull())
      .addColumn('submitted_at', e.types.timestamp)
      .addColumn('note', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_by', e.types.uuid)
      .execute();
    await s
      .createIndex('submissions_period_regency_idx')
      .on('submissions')
      .columns(['period', 'regency_code'])
      .unique()
      .execute();

    await s
      .createTable('snapshot_households')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('snapshot_households_pk', ['period', 'household_id'])
      .execute();

    await s
      .createTable('snapshot_changes')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('from_version', 'integer')
      .addColumn('to_version', 'integer')
      .addColumn('reason', 'text')
      .addPrimaryKeyConstraint('snapshot_changes_pk', ['period', 'household_id'])
      .execute();

    await s
      .createTable('notifications')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await s
      .createIndex('notifications_region_idx')
      .on('notifications')
      .columns(['region_code', 'created_at'])
      .execute();
    await s
      .createTable('notification_reads')
      .addColumn('notification_id', e.types.uuid, (c) => c.notNull())
      .addColumn('user_id', e.types.uuid, (c) => c.notNull())
      .addColumn('read_at', e.types.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
      .execute();
  },
};
