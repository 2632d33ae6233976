import { type Kysely, sql } from 'kysely';
import { nameIndexColumnsSql } from '../../modules/households/name-index-terms.ts';
import type { Migration } from '../migrate.ts';

/**
 * SQLite's name index (`households_names`, migrations 018/021/066) without its own copy of the rows
 * (issue 11: storage per household). FTS5 kept every row's seven values in a shadow table
 * (`households_names_content`, 0.082 KiB per household, nearly as large as the posting lists themselves),
 * yet those values are a function of the household's row under the same rowid. The index now takes them
 * from there: an external-content table whose content is the view `households_names_source` (each
 * household's rowid, head's name in both forms and five terms, by the same expressions as the triggers).
 * Lists and counts ask the index for rowids only, as before; a tolerant search reads its candidates' two
 * names from `households` by rowid (HouseholdsRepository#nameIndexRows).
 *
 * Why external content rather than contentless (`content=''`): the same bytes (0.103 KiB per household on
 * a VACUUMed 20,000-household seed, from 0.188), and the index can still be checked against its source
 * (`'integrity-check'` with rank 1 compares the two) and rebuilt from it in one statement
 * (`insert into households_names(households_names) values ('rebuild')`, e.g. after a VACUUM renumbered
 * `households`' rowids: docs/architecture.md). `contentless_delete=1` (a plain delete by rowid) is refused
 * by FTS5 together with `columnsize=0`, and keeping column sizes would cost 0.017 KiB per household.
 *
 * `detail=full` and `columnsize=0` stay. With no copy of its own the index cannot know what a row held:
 * the triggers remove one with FTS5's `'delete'` command and the row's old values, which an AFTER trigger
 * still has (`old.*`); they must be exactly what the insert wrote, so the triggers, the view and the rebuild
 * all take their expressions from one place (src/modules/households/name-index-terms.ts,
 * `nameIndexColumnsSql`, as migration 066 did). Never `delete from households_names`: FTS5 would read the
 * values to remove from the view, which already shows the row's new ones.
 *
 * A later migration rebuilding `households` (create, copy, drop, rename) must drop the view first and
 * create it again after: SQLite refuses to rename a table while a view names a missing one.
 *
 * PostgreSQL has no such table (pg_trgm indexes on `households`): nothing changes there.
 */
export const nameIndexExternalContentMigration: Migration = {
  name: '084_name_index_external_content',
  async up(db, e) {
    if (e.name === 'sqlite') await rebuildFromSource(db);
  },
};

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function rebuildFromSource(db: Kysely<any>): Promise<void> {
  for (const t of ['insert', 'delete', 'update'])
    await sql`drop trigger if exists ${sql.id(`households_names_${t}`)}`.execute(db);
  await sql`drop table if exists households_names`.execute(db);
  const own = nameIndexColumnsSql('');
  await sql`create view households_names_source as select rowid as household_rowid, ${sql.raw(
    own.values.map((v, i) => `${v} as ${own.names[i]}`).join(', '),
  )} from households`.execute(db);
  await sql`create virtual table households_names using fts5(${sql.raw(own.names.join(', '))},
    tokenize='trigram', detail='full', columnsize=0,
    content='households_names_source', content_rowid='household_rowid')`.execute(db);
  await sql`insert into households_names(households_names) values ('rebuild')`.execute(db);
  const fresh = nameIndexColumnsSql('new');
  const gone = nameIndexColumnsSql('old');
  const insert = sql.raw(
    `insert into households_names(rowid, ${fresh.names.join(', ')})
      values (new.rowid, ${fresh.values.join(', ')});`,
  );
  const remove = sql.raw(
    `insert into households_names(households_names, rowid, ${gone.names.join(', ')})
      values ('delete', old.rowid, ${gone.values.join(', ')});`,
  );
  await sql`create trigger households_names_insert after insert on households begin ${insert} end`.execute(
    db,
  );
  await sql`create trigger households_names_delete after delete on households begin ${remove} end`.execute(
    db,
  );
  // An update removes the row as it was and writes it anew, whichever of the four columns it set.
  await sql`create trigger households_names_update
    after update of head_name_search, head_name_fold, village_code, status on households begin
    ${remove} ${insert}
  end`.execute(db);
}
