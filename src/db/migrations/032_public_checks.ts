import type { Migration } from '../migrate.ts';

/**
 * The public Cek Bansos and WALIM (issue 14). `public_checks`: one row per status check, web or chat —
 * when, the outcome, whether a proof of work was asked, and keyed hashes (HMAC, key outside the database)
 * of the client and of the NIK, never the NIK itself; a region check keeps its village code. `abuse_reports`:
 * suspicious patterns (a limit reached, a failed or replayed challenge) counted per subject and hour, with
 * the region they concern where one is known, for staff of that territory.
 */
export const publicChecksMigration: Migration = {
  name: '032_public_checks',
  async up(db, e) {
    await db.schema
      .createTable('public_checks')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('checked_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('client_hash', 'text', (c) => c.notNull())
      .addColumn('nik_hash', 'text')
      .addColumn('village_code', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('challenged', 'smallint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('public_checks_at_idx').on('public_checks').column('checked_at').execute();
    await db.schema
      .createTable('abuse_reports')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject_hash', 'text', (c) => c.notNull())
      .addColumn('hour', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text')
      .addColumn('regency_code', 'text')
      .addColumn('district_code', 'text')
      .addColumn('village_code', 'text')
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('first_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('last_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('abuse_reports_subject_idx')
      .on('abuse_reports')
      .columns(['kind', 'subject_hash', 'hour'])
      .unique()
      .execute();
    await db.schema.createIndex('abuse_reports_last_idx').on('abuse_reports').column('last_at').execute();
  },
};
