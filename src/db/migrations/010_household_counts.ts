import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * Active households and people per village, kept in step by every household write (same transaction), so
 * the dashboard's counts read at most one row per village instead of scanning households: a regency is a few
 * hundred rows, the nation ~84,000, on either engine.
 */
export const householdCountsMigration: Migration = {
  name: '010_household_counts',
  async up(db) {
    const s = db.schema;
    await s
      .createTable('household_counts')
      .addColumn('village_code', 'text', (c) => c.primaryKey())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('households', 'integer', (c) => c.notNull())
      .addColumn('persons', 'integer', (c) => c.notNull())
      .execute();
    for (const level of ['province', 'regency', 'district']) {
      await s
        .createIndex(`household_counts_${level}_idx`)
        .on('household_counts')
        .column(`${level}_code`)
        .execute();
    }
    await db
      .insertInto('household_counts')
      .columns(['village_code', 'province_code', 'regency_code', 'district_code', 'households', 'persons'])
      .expression((eb) =>
        eb
          .selectFrom('households')
          .select([
            'village_code',
            'province_code',
            'regency_code',
            'district_code',
            sql<number>`count(*)`.as('households'),
            sql<number>`coalesce(sum(member_count), 0)`.as('persons'),
          ])
          .where('status', '=', 'active')
          .groupBy(['village_code', 'province_code', 'regency_code', 'district_code']),
      )
      .execute();
  },
};
