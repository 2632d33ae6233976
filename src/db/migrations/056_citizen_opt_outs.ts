import type { Migration } from '../migrate.ts';

/**
 * A citizen declares their family's opt-out of a programme from their portal (issue 13 "opted out", issue
 * 14): the same `programme_opt_outs` record as the staff path, marked with the declaring citizen account
 * (`citizen_account_id`; `recorded_by` stays null), and a withdrawal by the citizen with theirs
 * (`withdrawn_by_citizen`). Existing rows were all recorded by staff: both stay null.
 */
export const citizenOptOutsMigration: Migration = {
  name: '056_citizen_opt_outs',
  async up(db, e) {
    await db.schema.alterTable('programme_opt_outs').addColumn('citizen_account_id', e.types.uuid).execute();
    await db.schema
      .alterTable('programme_opt_outs')
      .addColumn('withdrawn_by_citizen', e.types.uuid)
      .execute();
  },
};
