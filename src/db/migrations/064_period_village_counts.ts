import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * DTKS size per village and determined period, materialised at determination beside the per-regency counts
 * (period_region_counts): the public statistics below the regency (kecamatan, village) read these few rows,
 * never the snapshot. Keyed by regency first so one regency's villages over every period are one range.
 * Existing periods are filled from their snapshots.
 */
export const periodVillageCountsMigration: Migration = {
  name: '064_period_village_counts',
  async up(db, e) {
    let t = db.schema
      .createTable('period_village_counts')
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('households', 'integer', (c) => c.notNull())
      .addColumn('persons', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('period_village_counts_pk', ['regency_code', 'period', 'village_code']);
    if (e.clusteredTables) t = t.modifyEnd(sql`without rowid`);
    await t.execute();
    await sql`
      insert into period_village_counts (regency_code, period, village_code, households, persons)
      select s.regency_code, s.period, s.village_code, count(*), sum(s.member_count)
      from snapshot_households s
      join periods p on p.period = s.period and p.state = 'determined'
      group by s.regency_code, s.period, s.village_code`.execute(db);
  },
};
