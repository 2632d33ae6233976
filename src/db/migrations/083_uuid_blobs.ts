import { type Kysely, sql } from 'kysely';
import type { Migration } from '../migrate.ts';
import { NON_UUID_COLUMN_TYPE } from '../uuid-blob.ts';

/**
 * SQLite: every UUID is stored as its 16 bytes instead of 36 characters of text (src/db/uuid-blob.ts): in the
 * rows and in every index holding one — the primary keys, households' territory indexes, persons' household
 * index, record_versions' key — about half a KiB per household (issue 11). The SQLite driver converts at its
 * boundary (dialect.ts), so services, repositories and answers see the same strings as before.
 *
 * Every ordinary table (`pragma table_list`: not views, not the FTS5 index nor its shadow tables, which hold
 * no ids), every column but those declared blob, integer or real (which the driver never converts): each
 * value that is a canonical UUID — text, 36 characters, lowercase hex 8-4-4-4-12, exactly what the driver
 * binds as bytes — becomes `unhex(…)` of its digits; any other value is left as it is. One scan per table
 * finds the columns that hold any, one `update` sets only those (so no trigger on other columns fires: the
 * name index's triggers watch names, village and status). Rows already converted are blobs and match
 * nothing: running it again changes nothing. Keys change in place, in WITHOUT ROWID tables too; the three
 * foreign keys (sessions → users, report events → reports, job files → jobs) are checked at commit
 * (`defer_foreign_keys`, reset by the commit), when parent and child hold the same bytes again.
 *
 * The driver switches to binding and reading blobs right after this migration, inside the same transaction
 * (migrate.ts, applyMigration): migrations before it bind the text ids they were written for.
 * PostgreSQL: nothing to do (`uuid` is already 16 bytes).
 */
export const uuidBlobsMigration: Migration = {
  name: '083_uuid_blobs',
  async up(db, e) {
    if (e.name === 'sqlite') await convertUuids(db);
  },
};

const HEX = '[0-9a-f]';
/** The glob a canonical UUID matches (glob is case-sensitive: lowercase only). */
const UUID_GLOB = [8, 4, 4, 4, 12].map((n) => HEX.repeat(n)).join('-');

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function convertUuids(db: Kysely<any>): Promise<void> {
  await sql`pragma defer_foreign_keys = on`.execute(db);
  const { rows: tables } = await sql<{ name: string }>`select name from pragma_table_list
    where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(
    db,
  );
  for (const { name: table } of tables) {
    const { rows: columns } = await sql<{ name: string; type: string }>`select name, type
      from pragma_table_info(${table}) order by cid`.execute(db);
    const candidates = columns.filter((c) => !NON_UUID_COLUMN_TYPE.test(c.type)).map((c) => c.name);
    if (candidates.length === 0) continue;
    const { rows: found } = await sql<Record<string, number | null>>`select ${sql.join(
      candidates.map((c, i) => sql`max(${isUuid(c)}) as ${sql.id(`c${i}`)}`),
    )} from ${sql.id(table)}`.execute(db);
    const holding = candidates.filter((_, i) => found[0]?.[`c${i}`] === 1);
    if (holding.length === 0) continue;
    await sql`update ${sql.id(table)} set ${sql.join(
      holding.map(
        (c) =>
          sql`${sql.id(c)} = case when ${isUuid(c)} then unhex(replace(${sql.id(c)}, '-', '')) else ${sql.id(c)} end`,
      ),
    )} where ${sql.join(
      holding.map((c) => isUuid(c)),
      sql` or `,
    )}`.execute(db);
  }
}

/** 1 when the column's value is a canonical UUID as text, else 0 (null for null). */
function isUuid(column: string) {
  const c = sql.id(column);
  return sql`(typeof(${c}) = 'text' and ${c} glob ${sql.lit(UUID_GLOB)})`;
}
