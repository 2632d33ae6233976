import type { Migration } from '../migrate.ts';

/**
 * The instrument's gaps (issue 13): the BPS 14-criteria questions the PBDT form lacked, the family's KKS card
 * number, each member's monthly income and employer; and the regional minimum wage (UMP per province, UMK per
 * regency) per year as reference data. Every new column is nullable: records entered before stay valid, with
 * those answers unknown until the next visit.
 */
export const instrumentGapsMigration: Migration = {
  name: '026_instrument_gaps_minimum_wages',
  async up(db, e) {
    for (const column of [
      'meals_per_day',
      'meat_milk_per_week',
      'new_clothes_per_year',
      'can_pay_clinic',
      'head_income_below_line',
      'has_savings500k',
    ]) {
      await db.schema.alterTable('households').addColumn(column, 'integer').execute();
    }
    await db.schema.alterTable('households').addColumn('kks_number', 'text').execute();
    // Integer rupiah: a monthly income fits 32 bits, but a bigint keeps sums over a household exact.
    await db.schema.alterTable('persons').addColumn('monthly_income', e.types.bigint).execute();
    await db.schema.alterTable('persons').addColumn('employer_type', 'integer').execute();

    await db.schema
      .createTable('minimum_wages')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('monthly_amount', e.types.bigint, (c) => c.notNull())
      .addColumn('decree', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_by', e.types.uuid)
      .addPrimaryKeyConstraint('minimum_wages_pk', ['region_code', 'year'])
      .execute();
  },
};
