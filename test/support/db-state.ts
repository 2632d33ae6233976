/**
 * Row counts of the tables a request could change, so a test can prove that a rejected request changed
 * nothing (no household, person, NIK, version or audit entry appeared or vanished).
 */
import { type Kysely, sql } from 'kysely';
import type { Container } from '../../src/container.ts';
import type { Database } from '../../src/db/dialect.ts';

export interface RowCounts {
  households: number;
  persons: number;
  nikRegistry: number;
  recordVersions: number;
  auditLog: number;
}

const TABLES = ['households', 'persons', 'nikRegistry', 'recordVersions', 'auditLog'] as const;

export async function rowCounts(c: Container): Promise<RowCounts> {
  const out = {} as RowCounts;
  for (const table of TABLES) {
    const r = await c.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

/** The stored household and its members as the database has them (for before/after comparisons). */
export async function storedHousehold(c: Container, id: string) {
  const db = c.database.db;
  const household = await db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
  const persons = await db
    .selectFrom('persons')
    .selectAll()
    .where('householdId', '=', id)
    .orderBy('id')
    .execute();
  return { household, persons };
}

/** The newest audit entries, newest first. */
export function latestAudit(c: Container, limit = 5) {
  return c.database.db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(limit).execute();
}

/**
 * The schema as a comparable value: every table with its columns (sorted by name, so the order in which
 * migrations added them does not matter) and every index with its definition. The migrations' bookkeeping
 * tables are left out.
 */
export async function schemaOf({ db, engine }: Database) {
  const tables = (await db.introspection.getTables())
    .filter((t) => !/migration/.test(t.name))
    .map((t) => ({
      table: t.name,
      columns: t.columns
        .map(
          (c) =>
            `${c.name} ${c.dataType}${c.isNullable ? '' : ' not null'}${c.hasDefaultValue ? ' default' : ''}`,
        )
        .sort(),
    }))
    .sort((a, b) => (a.table < b.table ? -1 : 1));
  // biome-ignore lint/suspicious/noExplicitAny: catalog tables are not part of the domain schema
  const raw = db as unknown as Kysely<any>;
  const indexes =
    engine.name === 'postgres'
      ? await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition
          from pg_indexes where schemaname = 'public' and tablename not like '%migration%'`.execute(raw)
      : await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master
          where type = 'index' and tbl_name not like '%migration%'`.execute(raw);
  return {
    tables,
    indexes: indexes.rows.map((i) => `${i.name}: ${i.definition ?? '(automatic)'}`).sort(),
  };
}
