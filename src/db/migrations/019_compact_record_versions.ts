import type { Migration } from '../migrate.ts';
import { encodeSnapshot } from '../version-snapshot.ts';

/** Rows re-encoded per statement pair (read one page, insert it). */
const PAGE = 1000;

/**
 * Version snapshots stored compressed (src/db/version-snapshot.ts) instead of as JSON text: `record_versions`
 * was over half of a seeded database. The table is rebuilt with a `blob`/`bytea` snapshot column and every
 * row copied across, re-encoded, in id order; same ids, versions and times, so history, diffs and `asOf`
 * answer exactly as before. Runs inside the migration transaction: an interrupted run leaves the old table.
 */
export const compactRecordVersionsMigration: Migration = {
  name: '019_compact_record_versions',
  async up(db, e) {
    await db.schema
      .createTable('record_versions_compact')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('change_type', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('snapshot', e.types.blob, (c) => c.notNull())
      .addColumn('changed_by', e.types.uuid)
      .addColumn('changed_at', e.types.timestamp, (c) => c.notNull())
      .execute();

    let after: string | null = null;
    for (;;) {
      let page = db.selectFrom('record_versions').selectAll().orderBy('id').limit(PAGE);
      if (after !== null) page = page.where('id', '>', after);
      const rows = (await page.execute()) as { id: string; snapshot: string }[];
      if (rows.length === 0) break;
      await db
        .insertInto('record_versions_compact')
        .values(rows.map((r) => ({ ...r, snapshot: encodeSnapshot(JSON.parse(r.snapshot)) })))
        .execute();
      after = rows[rows.length - 1]!.id;
    }

    await db.schema.dropTable('record_versions').execute();
    await db.schema.alterTable('record_versions_compact').renameTo('record_versions').execute();
    await db.schema
      .createIndex('record_versions_entity_idx')
      .on('record_versions')
      .columns(['entity_id', 'version'])
      .unique()
      .execute();
  },
};
