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
 * - `persons_nik_idx` indexed every person's NIK a second time beside `nik_registry`, which holds every active
 *   person's: it becomes `persons_nik_removed_idx`, the NIKs of removed people only (a list by NIK asks the
 *   registry for the active holder and this index for earlier ones).
 * - `nik_registry` is WITHOUT ROWID on SQLite: the NIK primary key is the table, instead of a rowid table
 *   plus an index on `nik` holding every NIK a second time.
 *
 * - SQLite's trigram index for heads' names (migration 018: an FTS5 table over the households' own columns,
 *   which stores only the index) becomes `households_names`, an FTS5 table holding its own copy of the two
 *   name columns and, unindexed, each household's village code and status; `detail=column` (no trigram
 *   positions: every query asks for trigrams by column, never a phrase) and no column sizes (nothing ranks
 *   by BM25). A tolerant search then reads and ranks its candidates — often a thousand or more — from these
 *   narrow rows, territory and status included, and reads only the page it answers from `households`:
 *   before, it read every candidate's household row. Three triggers keep it in step as before. Its copy of
 *   the names costs about what dropping positions saves.
 *
 * `without rowid` and the FTS5 table are SQLite-only DDL (PostgreSQL tables are heaps with separate indexes whatever is
 * declared); everything else is the same on both engines. The two tables are rebuilt and their rows copied
 * with one INSERT … SELECT each, in key order, inside the migration transaction.
 */
export const compactStorageMigration: Migration = {
  name: '021_compact_storage',
  async up(db, e) {
    await db.schema.alterTable('persons').dropColumn('name_search').execute();
    await db.schema.dropIndex('persons_nik_idx').execute();
    await db.schema
      .createIndex('persons_nik_removed_idx')
      .on('persons')
      .column('nik')
      .where(sql.ref('status'), '=', 'removed')
      .execute();
    await rebuildRecordVersions(db, e);
    if (e.name === 'sqlite') {
      await rebuildNikRegistry(db);
      await replaceNameIndex(db);
    }
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
    select nik, person_id, household_id, province_code, village_code from nik_registry order by nik`.execute(
    db,
  );
  await db.schema.dropTable('nik_registry').execute();
  await db.schema.alterTable('nik_registry_keyed').renameTo('nik_registry').execute();
}

/** The name columns the index copies, in `households` and `households_names` alike. */
const NAME_COLUMNS = sql.raw('head_name_search, head_name_fold, village_code, status');

// biome-ignore lint/suspicious/noExplicitAny: see rebuildRecordVersions
async function replaceNameIndex(db: Kysely<any>): Promise<void> {
  for (const t of ['insert', 'delete', 'update'])
    await sql`drop trigger if exists ${sql.id(`households_name_fts_${t}`)}`.execute(db);
  await sql`drop table if exists households_name_fts`.execute(db);
  await sql`create virtual table households_names using fts5(
    head_name_search, head_name_fold, village_code unindexed, status unindexed,
    tokenize='trigram', detail='column', columnsize=0)`.execute(db);
  await sql`insert into households_names(rowid, ${NAME_COLUMNS})
    select rowid, ${NAME_COLUMNS} from households order by rowid`.execute(db);
  await sql`create trigger households_names_insert after insert on households begin
    insert into households_names(rowid, ${NAME_COLUMNS})
      values (new.rowid, new.head_name_search, new.head_name_fold, new.village_code, new.status);
  end`.execute(db);
  await sql`create trigger households_names_delete after delete on households begin
    delete from households_names where rowid = old.rowid;
  end`.execute(db);
  await sql`create trigger households_names_update
    after update of ${NAME_COLUMNS} on households begin
    update households_names set head_name_search = new.head_name_search, head_name_fold = new.head_name_fold,
      village_code = new.village_code, status = new.status
    where rowid = old.rowid;
  end`.execute(db);
}
