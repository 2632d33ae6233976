import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * Opting out of a programme (issue 13, docs/recipients.md): a household withdraws from one programme on its
 * written request, recorded by staff with the reason and the letter's date. A record is never deleted or
 * edited: withdrawing the opt-out stamps it (when, who, why), and a new opt-out is a new row. At most one
 * standing (not withdrawn) opt-out per household and programme. Existing data is untouched: no household
 * has opted out before this.
 */
export const programmeOptOutsMigration: Migration = {
  name: '045_programme_opt_outs',
  async up(db, e) {
    await db.schema
      .createTable('programme_opt_outs')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('programme_code', 'text', (c) => c.notNull())
      .addColumn('requested_on', e.types.date, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text')
      .addColumn('recorded_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('recorded_by', e.types.uuid)
      .addColumn('withdrawn_at', e.types.timestamp)
      .addColumn('withdrawn_by', e.types.uuid)
      .addColumn('withdraw_reason', 'text')
      .execute();
    await db.schema
      .createIndex('programme_opt_outs_household_idx')
      .on('programme_opt_outs')
      .columns(['household_id', 'programme_code'])
      .execute();
    await db.schema
      .createIndex('programme_opt_outs_standing_key')
      .on('programme_opt_outs')
      .columns(['household_id', 'programme_code'])
      .unique()
      .where(sql.ref('withdrawn_at'), 'is', null)
      .execute();
  },
};
