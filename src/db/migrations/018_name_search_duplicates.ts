import { type Kysely, type RawBuilder, sql } from 'kysely';
import { foldName } from '../../domain/names/name-fold.ts';
import type { Migration } from '../migrate.ts';

/** Households whose folded head name is written per statement while filling the new column. */
const FILL_BATCH = 500;

/**
 * Trigram indexes for head-of-household names and the duplicate-candidate worklist.
 *
 * - `households.head_name_fold`: the head's name with Indonesian spelling variants folded
 *   (domain/names/name-fold.ts), written by the application beside `head_name_search`; filled here for
 *   existing rows.
 * - The trigram index itself is the one place where the engines need their own DDL: SQLite an FTS5 table
 *   with the trigram tokenizer over both name columns (external content: it stores only the index, keyed
 *   by the households' rowid, and triggers keep it in step with every insert, update and delete, whatever
 *   writes them), PostgreSQL `pg_trgm` GIN indexes on the two columns (kept by the engine itself).
 * - `persons (regency_code, birth_date)`: the people a new member may duplicate (same birth date, same
 *   regency) are found without reading the regency.
 * - `duplicate_candidates`: one row per pair of households and rule, the pair in id order so a pair is
 *   flagged once whichever household came first.
 */
export const nameSearchDuplicatesMigration: Migration = {
  name: '018_name_search_duplicates',
  async up(db, e) {
    await db.schema
      .alterTable('households')
      .addColumn('head_name_fold', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await fillFoldedNames(db, e.name);

    if (e.name === 'sqlite') {
      await sql`create virtual table households_name_fts using fts5(
        head_name_search, head_name_fold, content='households', content_rowid='rowid', tokenize='trigram')`.execute(
        db,
      );
      await sql`insert into households_name_fts(households_name_fts) values ('rebuild')`.execute(db);
      await sql`create trigger households_name_fts_insert after insert on households begin
        insert into households_name_fts(rowid, head_name_search, head_name_fold)
          values (new.rowid, new.head_name_search, new.head_name_fold);
      end`.execute(db);
      await sql`create trigger households_name_fts_delete after delete on households begin
        insert into households_name_fts(households_name_fts, rowid, head_name_search, head_name_fold)
          values ('delete', old.rowid, old.head_name_search, old.head_name_fold);
      end`.execute(db);
      await sql`create trigger households_name_fts_update after update of head_name_search, head_name_fold
        on households begin
        insert into households_name_fts(households_name_fts, rowid, head_name_search, head_name_fold)
          values ('delete', old.rowid, old.head_name_search, old.head_name_fold);
        insert into households_name_fts(rowid, head_name_search, head_name_fold)
          values (new.rowid, new.head_name_search, new.head_name_fold);
      end`.execute(db);
    } else {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index households_name_trgm_idx on households
        using gin (head_name_search gin_trgm_ops, head_name_fold gin_trgm_ops)`.execute(db);
    }

    await db.schema
      .createIndex('persons_regency_birth_idx')
      .on('persons')
      .columns(['regency_code', 'birth_date'])
      .execute();

    await db.schema
      .createTable('duplicate_candidates')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('household_a', e.types.uuid, (c) => c.notNull())
      .addColumn('household_b', e.types.uuid, (c) => c.notNull())
      .addColumn('person_a', e.types.uuid)
      .addColumn('person_b', e.types.uuid)
      .addColumn('village_a', 'text', (c) => c.notNull())
      .addColumn('village_b', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('score', 'real', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('found_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('resolution', 'text')
      .addColumn('resolved_by', e.types.uuid)
      .addColumn('resolved_at', e.types.timestamp)
      .addColumn('resolution_note', 'text')
      .execute();
    await db.schema
      .createIndex('duplicate_candidates_pair_idx')
      .on('duplicate_candidates')
      .columns(['household_a', 'household_b', 'rule'])
      .unique()
      .execute();
    await db.schema
      .createIndex('duplicate_candidates_worklist_idx')
      .on('duplicate_candidates')
      .columns(['regency_code', 'state', 'id'])
      .execute();
    await db.schema
      .createIndex('duplicate_candidates_b_idx')
      .on('duplicate_candidates')
      .column('household_b')
      .execute();
  },
};

async function fillFoldedNames(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const from: RawBuilder<unknown> = after === null ? sql`` : sql`where id > ${after}`;
    const { rows }: { rows: { id: string; name: string }[] } = await sql<{
      id: string;
      name: string;
    }>`select id, head_name as name from households
      ${from} order by id limit ${FILL_BATCH}`.execute(db);
    if (rows.length === 0) return;
    const values = sql.join(rows.map((r) => sql`(${r.id}, ${foldName(r.name)})`));
    if (engine === 'postgres')
      await sql`update households set head_name_fold = v.fold from (values ${values}) as v(id, fold)
        where households.id = v.id::uuid`.execute(db);
    else
      await sql`with v(id, fold) as (values ${values})
        update households set head_name_fold = v.fold from v where households.id = v.id`.execute(db);
    after = rows.at(-1)!.id;
  }
}
