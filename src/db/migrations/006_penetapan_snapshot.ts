import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * Snapshot rows stored in (period, household id) order where the engine can (SQLite WITHOUT ROWID): the
 * determination inserts a period's rows in id order and reads them back by period ranges (checksum pages,
 * diffs against the previous period, counts), so the table itself is the index. The table is recreated:
 * nothing wrote to it before penetapan existed (the module arrives with this migration).
 */
export const penetapanSnapshotMigration: Migration = {
  name: '006_penetapan_snapshot',
  async up(db, e) {
    await db.schema.dropTable('snapshot_households').execute();
    let t = db.schema
      .createTable('snapshot_households')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('snapshot_households_pk', ['period', 'household_id']);
    if (e.clusteredTables) t = t.modifyEnd(sql`without rowid`);
    await t.execute();
  },
};
