import { type Kysely, sql } from 'kysely';
import type { DbEngine } from '../dialect.ts';
import type { Migration } from '../migrate.ts';

/**
 * Less storage per household (issue 11; bench/results/seed-storage.md), ids' type unchanged:
 *
 * - `persons.name_search` is dropped: written beside every member's name but never read (people are found by
 *   NIK; name search is on the heads' names held by `households`).
 * - `record_versions` is keyed by what every reader asks for, `(entity_id, version)`, instead of by `id`: the
 *   unique index on `(entity_id, version)` becomes the primary key and the index on `id` (never looked up)
 *   goes; `id` stays a column. On SQLite the table is also WITHOUT ROWID, so it is stored once, in key order,
 *   rather than as a rowid table plus two indexes.
 * - `nik_registry` is WITHOUT ROWID on SQLite: the NIK primary key is the table, instead of a rowid table
 *   plus an index on `nik` holding every NIK a second time.
 *
 * `without rowid` is SQLite-only DDL (PostgreSQL tables are heaps with separate indexes whatever is
 * declared); everything else is the same on both engines. The two tables are rebuilt and their rows copied
 * with one INSERT … SELECT each, in key order, inside the migration transaction.
 */
export const compactStorageMigration: Migration = {
  name: '021_compact_storage',
  async up(db, e) {
    await db.schema.alterTable('persons').dropColumn('name_search').execute();
    await rebuildRecordVersions(db, e);
    if (e.name === 'sqlite') await rebuildNikRegistry(db);
  },
};

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function rebuildRecordVersions(db: Kysely<any>, e: DbEngine): Promise<void> {
  const table = db.schema
    .createTable('record_versions_keyed')
    .addColumn('entity_id', e.types.uuid, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('id', e.types.uuid, (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('change_type', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot', e.types.blob, (c) => c.notNull())
    .addColumn('changed_by', e.types.uuid)
    .addColumn('changed_at', e.types.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('record_versions_pk', ['entity_id', 'version']);
  await (e.name === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
  await sql`insert into record_versions_keyed
      (entity_id, version, id, entity_type, province_code, village_code, change_type, reason, snapshot,
       changed_by, changed_at)
    select entity_id, version, id, entity_type, province_code, village_code, change_type, reason, snapshot,
       changed_by, changed_at
    from record_versions order by entity_id, version`.execute(db);
  await db.schema.dropTable('record_versions').execute();
  await db.schema.alterTable('record_versions_keyed').renameTo('record_versions').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see rebuildRecordVersions
async function rebuildNikRegistry(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nik_registry_keyed')
    .addColumn('nik', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
  await sql`insert into nik_registry_keyed (nik, person_id, household_id, province_code, village_code)
    select nik, person_id, household_id, province_code, village_code from nik_registry order by nik`.execute(db);
  await db.schema.dropTable('nik_registry').execute();
  await db.schema.alterTable('nik_registry_keyed').renameTo('nik_registry').execute();
}
