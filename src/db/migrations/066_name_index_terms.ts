import { type Kysely, sql } from 'kysely';
import { nameIndexColumnsSql } from '../../modules/households/name-index-terms.ts';
import type { Migration } from '../migrate.ts';

/**
 * SQLite's name index (`households_names`, migration 021) answers a list's total from its posting lists
 * alone (issue 11; bench/results/name-search.md). Before, its rows held the village code and status
 * unindexed, and `detail=column`: a count read every match's row to check the territory, the status and
 * the fragment itself (LIKE), ~0.65 µs a match, 13–18 ms for a common fragment across a 300,000-household
 * regency. Now:
 *
 * - `detail=full` (trigram positions): a fragment is an exact phrase of its trigrams, no LIKE on its rows;
 * - the territory and status as one indexed term each, in columns of their own (`in_province`,
 *   `in_regency`, `in_district`, `in_village`, `in_status`: src/modules/households/name-index-terms.ts),
 *   instead of the unindexed village code and status: a territory is one posting list.
 *
 * The names stay copied (a tolerant search ranks its candidates from them). The three triggers are rebuilt
 * to write the terms from the row's village code and status, so every write to `households` (creation,
 * import, edit, removal, an offline installation's import, a change of village) keeps the index in step.
 * PostgreSQL has no such table (pg_trgm indexes on `households`): nothing changes there.
 */
export const nameIndexTermsMigration: Migration = {
  name: '066_name_index_terms',
  async up(db, e) {
    if (e.name === 'sqlite') await rebuildNameIndex(db);
  },
};

/** The index's own columns and, for the household row `row` (`new`, or '' for `households` itself), their values. */
function columns(row: string): { names: string; values: string } {
  const { names, values } = nameIndexColumnsSql(row);
  return { names: names.join(', '), values: values.join(', ') };
}

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function rebuildNameIndex(db: Kysely<any>): Promise<void> {
  for (const t of ['insert', 'delete', 'update'])
    await sql`drop trigger if exists ${sql.id(`households_names_${t}`)}`.execute(db);
  await sql`drop table if exists households_names`.execute(db);
  const own = columns('');
  await sql`create virtual table households_names using fts5(${sql.raw(own.names)},
    tokenize='trigram', detail='full', columnsize=0)`.execute(db);
  await sql`insert into households_names(rowid, ${sql.raw(own.names)})
    select rowid, ${sql.raw(own.values)} from households order by rowid`.execute(db);
  const fresh = columns('new');
  await sql`create trigger households_names_insert after insert on households begin
    insert into households_names(rowid, ${sql.raw(fresh.names)}) values (new.rowid, ${sql.raw(fresh.values)});
  end`.execute(db);
  await sql`create trigger households_names_delete after delete on households begin
    delete from households_names where rowid = old.rowid;
  end`.execute(db);
  // An update is a delete and an insert in FTS5 whatever it sets: the row is written whole.
  await sql`create trigger households_names_update
    after update of head_name_search, head_name_fold, village_code, status on households begin
    delete from households_names where rowid = old.rowid;
    insert into households_names(rowid, ${sql.raw(fresh.names)}) values (new.rowid, ${sql.raw(fresh.values)});
  end`.execute(db);
}
