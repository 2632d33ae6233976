import type { Migration } from '../migrate.ts';

/**
 * Verivali and Dukcapil matching: a visit sent back keeps the Dinas Sosial's note, an import has a status (an interrupted import is never used as a
 * worklist), rejected lines are kept with their reasons, a NIK appears once per import, and the
 * "one open visit per household" check has an index.
 */
export const verivaliDukcapilMigration: Migration = {
  name: '009_verivali_dukcapil',
  async up(db, e) {
    const s = db.schema;
    await s
      .alterTable('dukcapil_imports')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('complete'))
      .execute();
    await s.alterTable('dukcapil_imports').addColumn('finished_at', e.types.timestamp).execute();
    await s
      .createIndex('dukcapil_imports_regency_idx')
      .on('dukcapil_imports')
      .columns(['regency_code', 'created_at'])
      .execute();
    await s
      .createIndex('dukcapil_matches_nik_idx')
      .on('dukcapil_matches')
      .columns(['import_id', 'nik'])
      .unique()
      .execute();
    await s
      .createIndex('dukcapil_matches_line_idx')
      .on('dukcapil_matches')
      .columns(['import_id', 'line'])
      .execute();
    await s
      .createTable('dukcapil_rejects')
      .addColumn('import_id', e.types.uuid, (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('nik', 'text')
      /** JSON array of {field, code, message: {id, en}}. */
      .addColumn('issues', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('dukcapil_rejects_pk', ['import_id', 'line'])
      .execute();
    await s.alterTable('visits').addColumn('review_note', 'text').execute();
    await s.createIndex('visits_household_idx').on('visits').columns(['household_id']).execute();
    await s.createIndex('visits_village_idx').on('visits').columns(['village_code', 'period']).execute();
  },
};
