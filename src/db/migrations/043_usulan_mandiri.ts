import type { Migration } from '../migrate.ts';

/**
 * Usulan mandiri (issue 14, seed 001): a citizen's own proposal — a new household, or a correction of their
 * own record — enters the village's update cycle like an operator's (`source = 'mandiri'`) and remembers the
 * citizen account that made it, so the citizen can follow it. The index serves "my proposals" and the
 * per-account limits.
 */
export const usulanMandiriMigration: Migration = {
  name: '043_usulan_mandiri',
  async up(db, e) {
    await db.schema.alterTable('usulan').addColumn('citizen_account_id', e.types.uuid).execute();
    await db.schema
      .createIndex('usulan_citizen_account_idx')
      .on('usulan')
      .columns(['citizen_account_id', 'created_at'])
      .execute();
  },
};
