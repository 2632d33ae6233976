import { type Kysely, sql } from 'kysely';
import { type Migration, MigrationError } from '../migrate.ts';

/**
 * SQLite: `persons.created_at` and `updated_at` become INTEGER columns holding epoch milliseconds instead of
 * ISO text (src/db/stored-timestamp.ts): 6 bytes instead of 24 each, ~0.14 KiB per household of four (issue
 * 11). SQLite cannot change a column's type in place, so the table is rebuilt: created from its own DDL with
 * the two columns' type changed (whatever columns other migrations added to it), its rows copied in rowid
 * order, rowids kept, each canonical ISO time converted (any other text is kept as it was, and read as
 * text), then its indexes and triggers created again from their own DDL. Nothing references `persons` by a
 * foreign key. PostgreSQL: nothing to do (`timestamptz` is already 8 bytes).
 */
export const personTimestampsEpochMigration: Migration = {
  name: '081_person_timestamps_epoch',
  async up(db, e) {
    if (e.name === 'sqlite') await rebuildPersons(db);
  },
};

const TIMESTAMPS = ['created_at', 'updated_at'];

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function rebuildPersons(db: Kysely<any>): Promise<void> {
  const { rows: tables } = await sql<{ ddl: string }>`select sql as ddl from sqlite_schema
    where type = 'table' and name = 'persons'`.execute(db);
  const { rows: dependants } = await sql<{ ddl: string }>`select sql as ddl from sqlite_schema
    where tbl_name = 'persons' and type in ('index', 'trigger') and sql is not null order by rowid`.execute(
    db,
  );
  const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info('persons')
    order by cid`.execute(db);
  let ddl = tables[0]?.ddl ?? '';
  for (const c of TIMESTAMPS) {
    const declared = `"${c}" text not null`;
    if (!ddl.includes(declared)) {
      throw new MigrationError(
        `081: persons.${c} is not declared as \`${declared}\`: ${ddl || '(no table)'}`,
      );
    }
    ddl = ddl.replace(declared, `"${c}" integer not null`);
  }
  ddl = ddl.replace(/^CREATE TABLE "persons"/, 'CREATE TABLE "persons_epoch"');
  await sql.raw(ddl).execute(db);
  const names = columns.map((c) => sql.id(c.name));
  const values = columns.map((c) => (TIMESTAMPS.includes(c.name) ? epochMs(c.name) : sql.id(c.name)));
  await sql`insert into persons_epoch (rowid, ${sql.join(names)})
    select rowid, ${sql.join(values)} from persons order by rowid`.execute(db);
  await sql`drop table persons`.execute(db);
  await sql`alter table persons_epoch rename to persons`.execute(db);
  for (const d of dependants) await sql.raw(d.ddl).execute(db);
}

/** A canonical ISO time (as `Date#toISOString` writes it) as epoch milliseconds; any other value as it is. */
function epochMs(column: string) {
  const c = sql.id(column);
  return sql`case when strftime('%Y-%m-%dT%H:%M:%fZ', ${c}) = ${c}
    then cast(round(unixepoch(${c}, 'subsec') * 1000) as integer) else ${c} end`;
}
