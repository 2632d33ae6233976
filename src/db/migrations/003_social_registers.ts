import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * PPKS and PSKS registers: lists page by id inside every territory level (001 indexed only village and
 * regency), a covering index for the category filter, NIK look-ups for PSKS, and at most one active record
 * per person: one active PPKS per NIK (a person carries several categories on one record) and one active
 * PSKS per NIK and kind. Partial unique indexes work the same on SQLite and PostgreSQL.
 */
export const socialRegistersMigration: Migration = {
  name: '003_social_registers',
  async up(db) {
    const s = db.schema;
    for (const table of ['ppks', 'psks']) {
      for (const level of ['province', 'district']) {
        await s
          .createIndex(`${table}_${level}_idx`)
          .on(table)
          .columns([`${level}_code`, 'id'])
          .execute();
      }
    }
    await s.createIndex('psks_nik_idx').on('psks').column('nik').execute();
    await s
      .createIndex('ppks_active_nik_uq')
      .on('ppks')
      .column('nik')
      .unique()
      .where(sql.ref('status'), '=', 'active')
      .where(sql.ref('nik'), 'is not', null)
      .execute();
    await s
      .createIndex('psks_active_kind_nik_uq')
      .on('psks')
      .columns(['kind', 'nik'])
      .unique()
      .where(sql.ref('status'), '=', 'active')
      .where(sql.ref('nik'), 'is not', null)
      .execute();
    // The category filter reads only (category, ppks_id): this index covers it and replaces 001's.
    await s
      .createIndex('ppks_categories_category_ppks_idx')
      .on('ppks_categories')
      .columns(['category', 'ppks_id'])
      .execute();
    await s.dropIndex('ppks_categories_category_idx').execute();
  },
};
