import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * Bansos proposals and recipients (issue 13): one proposal (run) per period, programme and regency with its
 * state and who took each step; per household of the regency the evaluation of that run (candidate or
 * not, exclusion codes, components, amount, reasons); the review's decisions; and the approved recipients,
 * written once at approval and never changed. Declarations of ineligibility can now carry evidence and be
 * lifted (the NIKs may then be proposed again).
 */
export const recipientsMigration: Migration = {
  name: '029_recipients',
  async up(db, e) {
    await db.schema
      .createTable('recipient_runs')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('programme_code', 'text', (c) => c.notNull())
      .addColumn('programme_version', 'text', (c) => c.notNull())
      .addColumn('door', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('evaluated', 'integer', (c) => c.notNull())
      .addColumn('candidates', 'integer', (c) => c.notNull())
      .addColumn('excluded', 'integer', (c) => c.notNull())
      .addColumn('amount', e.types.bigint, (c) => c.notNull())
      .addColumn('checksum', 'text')
      .addColumn('note', 'text')
      .addColumn('computed_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('computed_by', e.types.uuid)
      .addColumn('submitted_at', e.types.timestamp)
      .addColumn('submitted_by', e.types.uuid)
      .addColumn('decided_at', e.types.timestamp)
      .addColumn('decided_by', e.types.uuid)
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addUniqueConstraint('recipient_runs_key', ['period', 'programme_code', 'regency_code'])
      .execute();
    await db.schema
      .createIndex('recipient_runs_state_idx')
      .on('recipient_runs')
      .columns(['state', 'province_code', 'regency_code'])
      .execute();

    let candidates = db.schema
      .createTable('recipient_candidates')
      .addColumn('run_id', e.types.uuid, (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('decile', 'integer')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('codes', 'text', (c) => c.notNull())
      .addColumn('components', 'text', (c) => c.notNull())
      .addColumn('yearly_amount', 'integer', (c) => c.notNull())
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('recipient_candidates_pk', ['run_id', 'household_id']);
    if (e.clusteredTables) candidates = candidates.modifyEnd(sql`without rowid`);
    await candidates.execute();
    await db.schema
      .createIndex('recipient_candidates_household_idx')
      .on('recipient_candidates')
      .columns(['household_id', 'run_id'])
      .execute();

    await db.schema
      .createTable('recipient_decisions')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('run_id', e.types.uuid, (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text')
      .addColumn('decided_by', e.types.uuid)
      .addColumn('decided_at', e.types.timestamp, (c) => c.notNull())
      .addUniqueConstraint('recipient_decisions_key', ['run_id', 'household_id'])
      .execute();

    let recipients = db.schema
      .createTable('recipients')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('programme_code', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('run_id', e.types.uuid, (c) => c.notNull())
      .addColumn('programme_version', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('decile', 'integer')
      .addColumn('components', 'text', (c) => c.notNull())
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('approved_at', e.types.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('recipients_pk', ['period', 'programme_code', 'household_id']);
    if (e.clusteredTables) recipients = recipients.modifyEnd(sql`without rowid`);
    await recipients.execute();
    await db.schema
      .createIndex('recipients_region_idx')
      .on('recipients')
      .columns(['period', 'programme_code', 'regency_code', 'household_id'])
      .execute();
    await db.schema
      .createIndex('recipients_household_idx')
      .on('recipients')
      .columns(['household_id', 'period'])
      .execute();

    await db.schema.alterTable('ineligible_registry').addColumn('evidence', 'text').execute();
    await db.schema.alterTable('ineligible_registry').addColumn('lifted_at', e.types.timestamp).execute();
    await db.schema.alterTable('ineligible_registry').addColumn('lifted_by', e.types.uuid).execute();
    await db.schema.alterTable('ineligible_registry').addColumn('lift_reason', 'text').execute();
  },
};
