import type { Migration } from '../migrate.ts';

/**
 * Laporan / pengaduan (issue 14). `reports`: one row per report — its tracking number, the reporter's identity
 * (personal data: read by staff only, audited), the reported address (village code, text, RT/RW), category and
 * text, and its state: status, handling level (village → district → regency), assignee, the SLA due times and
 * when triage, the first public reply and closing happened. `report_events`: every step, public (shown to the
 * reporter: received, triaged, replies, escalations, closing) or internal (notes, assignments).
 */
export const reportsMigration: Migration = {
  name: '036_reports',
  async up(db, e) {
    await db.schema
      .createTable('reports')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('citizen_account_id', e.types.uuid)
      .addColumn('reporter_name', 'text', (c) => c.notNull())
      .addColumn('reporter_phone', 'text')
      .addColumn('reporter_email', 'text')
      .addColumn('reporter_nik', 'text')
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('rt', 'text')
      .addColumn('rw', 'text')
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('assigned_to', e.types.uuid)
      .addColumn('triage_due_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('response_due_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('triaged_at', e.types.timestamp)
      .addColumn('first_reply_at', e.types.timestamp)
      .addColumn('closed_at', e.types.timestamp)
      .addColumn('outcome', 'text')
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('reports_village_idx')
      .on('reports')
      .columns(['village_code', 'created_at'])
      .execute();
    await db.schema.createIndex('reports_district_idx').on('reports').column('district_code').execute();
    await db.schema.createIndex('reports_regency_idx').on('reports').column('regency_code').execute();
    await db.schema.createIndex('reports_status_idx').on('reports').columns(['status', 'level']).execute();
    await db.schema
      .createTable('report_events')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('report_id', e.types.uuid, (c) => c.notNull().references('reports.id'))
      .addColumn('at', e.types.timestamp, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('public', 'smallint', (c) => c.notNull())
      .addColumn('actor_user_id', e.types.uuid)
      .addColumn('actor_role', 'text')
      .addColumn('level', 'text')
      .addColumn('assigned_to', e.types.uuid)
      .addColumn('outcome', 'text')
      .addColumn('text', 'text')
      .execute();
    await db.schema
      .createIndex('report_events_report_idx')
      .on('report_events')
      .columns(['report_id', 'at'])
      .execute();
  },
};
