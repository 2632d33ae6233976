import type { Migration } from '../migrate.ts';

/**
 * Matching other aid and subsidy sources (pemadanan sumber bansos dan subsidi, seed 004; issue 13): a list
 * another programme hands over (one row per import, named by its source), and per line of the file what it
 * named (NIK and/or KK number, as the registry stores them) and the DTKS household it matched, if any. Lines
 * refused as malformed are kept with their reasons. Rows are written once; a list is never edited.
 */
export const aidSourcesMigration: Migration = {
  name: '030_aid_sources',
  async up(db, e) {
    await db.schema
      .createTable('aid_sources')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .addColumn('finished_at', e.types.timestamp)
      .execute();
    await db.schema.createIndex('aid_sources_region_idx').on('aid_sources').column('region_code').execute();
    await db.schema
      .createTable('aid_source_entries')
      .addColumn('source_id', e.types.uuid, (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('nik', 'text')
      .addColumn('kk_number', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid)
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('issues', 'text')
      .addPrimaryKeyConstraint('aid_source_entries_pk', ['source_id', 'line'])
      .execute();
    await db.schema
      .createIndex('aid_source_entries_household_idx')
      .on('aid_source_entries')
      .columns(['household_id', 'source_id'])
      .execute();
    await db.schema
      .createIndex('aid_source_entries_result_idx')
      .on('aid_source_entries')
      .columns(['source_id', 'result', 'region_code'])
      .execute();
  },
};
