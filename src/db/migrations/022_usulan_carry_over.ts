import type { Migration } from '../migrate.ts';

/**
 * No dead ends for proposals (issue 12): a proposal submitted after its village's deliberation of the
 * period is over is carried over to the next period and remembers the period it came from; a withdrawn
 * proposal keeps the operator's explanation (src/domain/cycle/placement.ts).
 */
export const usulanCarryOverMigration: Migration = {
  name: '022_usulan_carry_over',
  async up(db) {
    await db.schema.alterTable('usulan').addColumn('carried_from', 'text').execute();
    await db.schema.alterTable('usulan').addColumn('withdrawal_note', 'text').execute();
  },
};
