/**
 * Bulk writes (imports, seeding, ranking results, audit appends) on both engines.
 *
 * PostgreSQL: one `COPY t (…) FROM STDIN` of the rows in COPY's text format (src/db/pg-copy.ts) when every
 * value is text, a number or null — for recipients' candidate rows ~40 % of the server's CPU of the unnest
 * INSERT below, and less of this process's (bench/results/recipients-national.md, branch pgnat). Otherwise
 * one `INSERT INTO t (…) SELECT * FROM unnest($1::type[], $2::type[], …)` per UNNEST_ROWS rows,
 * one array parameter per column, cast to the column's own type (read once per process and table from the
 * catalog). The statement is the same whatever the row count, so the server parses and plans a dozen
 * parameters instead of thousands, and a page of 5,000 rows is one round trip instead of twenty
 * (bench/results/ranking.md: the 1,000,000 results of a rank).
 *
 * SQLite (and PostgreSQL rows the arrays cannot carry): multi-row INSERTs of a few fixed sizes whose SQL is
 * compiled once per process and reused, so:
 * - Kysely does not rebuild and re-transform a syntax tree of thousands of values for every batch;
 * - each engine sees a handful of distinct statements per table (a full batch, and powers of two for the
 *   remainder) instead of one new statement per row count — on SQLite every distinct statement is prepared
 *   and cached, and a statement with thousands of parameters holds megabytes.
 * The same idea pads `IN (…)` lists to a power of two, for the batched look-ups that go with bulk writes.
 */
import { CompiledQuery, type InsertObject, type Kysely, sql } from 'kysely';
import { type DbEngine, sqlName } from './dialect.ts';
import { CopyIn, canCopy, copyText } from './pg-copy.ts';
import type { DB } from './schema/index.ts';

/** Bound parameters per statement: well under both engines' limits, and small enough to cache cheaply. */
const PARAMS_PER_STATEMENT = 4000;
const MAX_ROWS_PER_STATEMENT = 256;

const compiled = new Map<string, string>();

/**
 * Inserts `rows` (plain objects with the same keys, camelCase like every Kysely call) into `table`.
 * Rows with differing keys or undefined values fall back to Kysely's own multi-row insert.
 */
export async function insertRows<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (!rows.every((r) => sameColumns(r as Record<string, unknown>, columns))) {
    const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const batch = rows.slice(i, i + perStatement) as InsertObject<DB, T>[];
      await db.insertInto(table).values(batch).execute();
    }
    return;
  }
  const values: unknown[] = new Array(rows.length * columns.length);
  let p = 0;
  for (const row of rows as Record<string, unknown>[]) for (const c of columns) values[p++] = row[c];
  await insertValues(db, table, {}, columns, values);
}

/**
 * Inserts rows given as one flat array of values — `columns.length` per row, in `columns` order — each
 * preceded by the columns of `fixed` (the same value in every row: a run's id), the way `insertRows` writes
 * them. For a caller that holds its rows as values already (recipients' rows packed on a worker thread: a
 * flat array of primitives crosses threads far cheaper than row objects) and so builds no row objects.
 */
export async function insertValues<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  fixed: Record<string, unknown>,
  columns: readonly string[],
  values: readonly unknown[],
): Promise<void> {
  const width = columns.length;
  const count = values.length / width;
  if (count === 0) return;
  const constants = Object.values(fixed);
  const all = [...Object.keys(fixed), ...columns];
  const style = placeholderStyle(db);
  if (style === 'numbered' && (await insertCopied(db, table, all, constants, width, values))) return;
  if (style === 'numbered' && (await insertUnnested(db, table, all, constants, width, values))) return;
  const full = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMS_PER_STATEMENT / all.length)));
  let offset = 0;
  const write = async (n: number) => {
    const sql = statementFor(db, style, table, all, n);
    const params: unknown[] = new Array(n * all.length);
    let p = 0;
    for (let r = offset; r < offset + n; r++) {
      for (const v of constants) params[p++] = v;
      for (let i = r * width, end = i + width; i < end; i++) params[p++] = values[i];
    }
    offset += n;
    await db.executeQuery(CompiledQuery.raw(sql, params));
  };
  while (count - offset >= full) await write(full);
  for (let size = highestPowerOfTwo(full); size >= 1; size >>= 1) {
    if (count - offset >= size) await write(size);
  }
}

/** Rows per chunk (CopyData message) of a COPY: ~100–300 KiB of candidate rows. */
const COPY_CHUNK_ROWS = 1000;

/**
 * PostgreSQL: writes the rows (`constants`, then `width` of `values` each) with one COPY … FROM STDIN in
 * the caller's transaction, encoded chunk by chunk as the socket takes them. False (nothing written) when the
 * handle's clients cannot COPY, or a value is not one `copyText` encodes (bytes, booleans, dates, arrays:
 * the unnest INSERT takes those as pg encodes parameters).
 */
async function insertCopied(
  db: Kysely<DB>,
  table: string,
  columns: string[],
  constants: readonly unknown[],
  width: number,
  values: readonly unknown[],
): Promise<boolean> {
  if (!canCopy(db)) return false;
  const fixed = constants.map(copyText);
  if (fixed.some((v) => v === undefined)) return false;
  for (const v of values) if (copyText(v) === undefined) return false;
  const prefix = fixed.length ? `${fixed.join('\t')}\t` : '';
  const count = values.length / width;
  const rows = new CopyIn(function* () {
    for (let from = 0; from < count; from += COPY_CHUNK_ROWS) {
      const to = Math.min(count, from + COPY_CHUNK_ROWS);
      let text = '';
      for (let r = from; r < to; r++) {
        text += prefix;
        for (let i = r * width, end = i + width; i < end; i++)
          text += i + 1 < end ? `${copyText(values[i])}\t` : `${copyText(values[i])}\n`;
      }
      yield Buffer.from(text);
    }
  });
  const statement = `copy "${sqlName(table)}" (${columns.map((c) => `"${sqlName(c)}"`).join(', ')}) from stdin`;
  await db.executeQuery(CompiledQuery.raw(statement, [rows]));
  return true;
}

/**
 * PostgreSQL: writes rows already encoded as COPY text lines (`columns` tab-separated, each line ending in a
 * newline; `copyText` per value) with one COPY … FROM STDIN in the caller's transaction, one chunk per text.
 * For rows encoded where they were computed (recipients' candidate rows, packed on the evaluation threads):
 * the caller's thread only sends them. False (nothing written) when the handle's clients cannot COPY
 * (`copiesText`).
 */
export async function insertCopyText(
  db: Kysely<DB>,
  table: keyof DB & string,
  columns: readonly string[],
  texts: readonly string[],
): Promise<boolean> {
  if (!copiesText(db)) return false;
  if (texts.every((t) => t.length === 0)) return true;
  const rows = new CopyIn(function* () {
    for (const text of texts) if (text.length) yield Buffer.from(text);
  });
  const statement = `copy "${sqlName(table)}" (${columns.map((c) => `"${sqlName(c)}"`).join(', ')}) from stdin`;
  await db.executeQuery(CompiledQuery.raw(statement, [rows]));
  return true;
}

/** Whether `insertCopyText` can write through this handle (PostgreSQL handles made by `createDb`). */
export function copiesText(db: Kysely<DB>): boolean {
  return placeholderStyle(db) === 'numbered' && canCopy(db);
}

/** Rows per `INSERT … SELECT FROM unnest(…)` statement (PostgreSQL): a ranking page, a seed chunk. */
const UNNEST_ROWS = 5000;

/** Per table: its columns' SQL types, and the unnest INSERTs compiled for it (by column list). */
interface UnnestTable {
  types: Map<string, string>;
  statements: Map<string, string | null>;
}

/** Per dialect adapter (a database handle and its transactions), per table name as the caller spells it. */
const unnestTables = new WeakMap<object, Map<string, Promise<UnnestTable>>>();

/**
 * PostgreSQL: writes the rows (`constants`, then `width` of `values` each) as column arrays unnested by one
 * statement per UNNEST_ROWS rows. False (nothing written) when the arrays cannot carry them: a column of an array type or a value that is itself an array
 * (unnest would flatten it), or a column the table does not have (the plain INSERT then reports it).
 */
async function insertUnnested(
  db: Kysely<DB>,
  table: string,
  columns: string[],
  constants: readonly unknown[],
  width: number,
  values: readonly unknown[],
): Promise<boolean> {
  const statement = await unnestStatement(db, table, columns);
  if (statement === null) return false;
  if (constants.some((v) => Array.isArray(v)) || values.some((v) => Array.isArray(v))) return false;
  const count = values.length / width;
  for (let from = 0; from < count; from += UNNEST_ROWS) {
    const n = Math.min(count, from + UNNEST_ROWS) - from;
    const arrays: unknown[][] = constants.map((v) => new Array(n).fill(v));
    for (let c = 0; c < width; c++) {
      const column = new Array(n);
      for (let r = 0, i = from * width + c; r < n; r++, i += width) column[r] = values[i];
      arrays.push(column);
    }
    await db.executeQuery(CompiledQuery.raw(statement, arrays));
  }
  return true;
}

async function unnestStatement(db: Kysely<DB>, table: string, columns: string[]): Promise<string | null> {
  const key = columns.join(',');
  let entry = await unnestTable(db, table);
  if (columns.some((c) => !entry.types.has(sqlName(c)))) {
    // Read before the table had this column (a migration ran since, in another process): read it again.
    unnestTables.get(db.getExecutor().adapter)?.delete(table);
    entry = await unnestTable(db, table);
  }
  let statement = entry.statements.get(key);
  if (statement === undefined) {
    const types = columns.map((c) => entry.types.get(sqlName(c)));
    statement = types.every((t) => t !== undefined && !t.endsWith(']'))
      ? db
          .insertInto(table as keyof DB)
          .columns(columns as never)
          .expression(
            sql`select * from unnest(${sql.join(types.map((t) => sql`cast(${null} as ${sql.raw(`${t}[]`)})`))})`,
          )
          .compile().sql
      : null;
    entry.statements.set(key, statement);
  }
  return statement;
}

function unnestTable(db: Kysely<DB>, table: string): Promise<UnnestTable> {
  const adapter = db.getExecutor().adapter;
  let tables = unnestTables.get(adapter);
  if (!tables) {
    tables = new Map();
    unnestTables.set(adapter, tables);
  }
  let entry = tables.get(table);
  if (!entry) {
    const forget = tables;
    entry = sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = to_regclass(${sqlName(table)}) and attnum > 0 and not attisdropped`
      .execute(db)
      .then((r) => ({ types: new Map(r.rows.map((c) => [c.name, c.type])), statements: new Map() }));
    entry.catch(() => forget.delete(table));
    tables.set(table, entry);
  }
  return entry;
}

/**
 * Forgets the column types read for the unnest INSERTs of this database (the migrator calls it after a
 * migration: a column's type may have changed, which the cached casts would not follow).
 */
export function forgetColumnTypes(db: Kysely<DB>): void {
  unnestTables.delete(db.getExecutor().adapter);
}

/** `values` padded (with its last value) to a power-of-two length, so `IN (…)` lists reuse few statements. */
export function paddedInList<V>(values: readonly V[]): V[] {
  if (values.length === 0) return [];
  const size = Math.max(8, 2 ** Math.ceil(Math.log2(values.length)));
  const out = values.slice();
  const last = values[values.length - 1]!;
  while (out.length < size) out.push(last);
  return out;
}

function sameColumns(row: Record<string, unknown>, columns: string[]): boolean {
  let n = 0;
  for (const k in row) {
    if (row[k] === undefined) return false;
    n++;
  }
  if (n !== columns.length) return false;
  for (const c of columns) if (!(c in row)) return false;
  return true;
}

function highestPowerOfTwo(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}

const styles = new WeakMap<object, string>();

/**
 * '?' for SQLite, '$1' for PostgreSQL: part of the cache key, as compiled SQL differs by engine. Found once
 * per dialect adapter (shared by a handle and its transactions): audited reads insert on every commit.
 */
function placeholderStyle(db: Kysely<DB>): string {
  const adapter = db.getExecutor().adapter;
  let style = styles.get(adapter);
  if (style === undefined) {
    style = db.selectFrom('regions').select('code').where('code', '=', '').compile().sql.includes('$1')
      ? 'numbered'
      : 'question';
    styles.set(adapter, style);
  }
  return style;
}

function statementFor(
  db: Kysely<DB>,
  style: string,
  table: string,
  columns: string[],
  count: number,
): string {
  const key = `${style}|${table}|${columns.join(',')}|${count}`;
  let sql = compiled.get(key);
  if (sql === undefined) {
    // A template of nulls, compiled only for its SQL text (identifiers, placeholders, plugins applied).
    const template = Object.fromEntries(columns.map((c) => [c, null])) as InsertObject<DB, keyof DB>;
    sql = db
      .insertInto(table as keyof DB)
      .values(Array.from({ length: count }, () => template))
      .compile().sql;
    compiled.set(key, sql);
  }
  return sql;
}

/** Values per `IN (…)` list: far below both engines' parameter limits. */
export const IN_LIST_MAX = 4096;

/**
 * The rows `select` answers for every distinct value of `values`, asked in `IN (…)` lists of at most
 * IN_LIST_MAX values, each padded (paddedInList) so the statements stay few.
 */
export async function selectInLists<V, R>(
  values: readonly V[],
  select: (inList: V[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (const part of slices([...new Set(values)], IN_LIST_MAX))
    out.push(...(await select(paddedInList(part))));
  return out;
}

/** `items` in consecutive slices of at most `size` (one `IN (…)` list each). */
export function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Fresh planner statistics for a table that just received a bulk of rows, where the engine needs them
 * (PostgreSQL: `analyze`, which may run in a transaction; SQLite's planner keeps none here).
 */
export async function refreshStatistics(db: Kysely<DB>, engine: DbEngine, table: string): Promise<void> {
  if (engine.analyzeAfterBulkInsert) await sql`analyze ${sql.table(table)}`.execute(db);
}

/**
 * `refreshStatistics` only when the planner's count of the table's rows (PostgreSQL's `reltuples`, from the
 * last `analyze`, -1 when never analyzed) is behind its rows by more than a fifth (and a few rows): for a
 * small table that grows by a few rows at a time (a regency's proposals), so that plans follow its growth
 * without an `analyze` after every write — ~28 ms each, 514 per national computation. Counting the rows of
 * such a table is a fraction of a millisecond.
 */
export async function refreshStatisticsIfGrown(
  db: Kysely<DB>,
  engine: DbEngine,
  table: string,
): Promise<void> {
  if (!engine.analyzeAfterBulkInsert) return;
  const { rows } = await sql<{ counted: string | number; estimated: number | null }>`
    select (select count(*) from ${sql.table(table)}) as counted,
      (select reltuples from pg_class where oid = to_regclass(${table})) as estimated`.execute(db);
  if (statisticsBehind(Number(rows[0]!.counted), rows[0]!.estimated))
    await sql`analyze ${sql.table(table)}`.execute(db);
}

/** Whether the planner's estimate of a table's rows (null or negative: never analyzed) is too far behind. */
export function statisticsBehind(counted: number, estimated: number | null): boolean {
  if (estimated === null || estimated < 0) return true;
  return Math.abs(counted - estimated) > estimated / 5 + 20;
}

/**
 * `refreshStatistics` for a large table that just received `written` rows, when the planner's idea of its
 * size (PostgreSQL: `reltuples` from the last `analyze` or `vacuum`; -1, never analyzed, is left alone) is
 * far behind: below the rows just written, or under a quarter of the live rows PostgreSQL counts
 * (`pg_stat_user_tables.n_live_tup`, kept as rows are written, a moment late) less 10,000. The planner scales
 * `reltuples / relpages` to the table's current pages, but a table emptied and vacuumed keeps its pages with
 * `reltuples` 0 — "empty" however many rows come back into those pages, until autovacuum's next `analyze`
 * (never, when it is off): a look-up joining it was then planned as a walk over all of its rows
 * (bench/results/recipients-national.md: 24 s for 100 households). One catalog read per call; an `analyze`
 * (a sample, ~0.1–0.3 s on millions of rows) about once each time the table's rows grow fourfold.
 */
export async function refreshStatisticsIfFarBehind(
  db: Kysely<DB>,
  engine: DbEngine,
  table: string,
  written: number,
): Promise<boolean> {
  if (!engine.analyzeAfterBulkInsert || written <= 0) return false;
  const { rows } = await sql<{ estimated: number | null; live: string | number | null }>`
    select c.reltuples as estimated, s.n_live_tup as live
    from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
    where c.oid = to_regclass(${table})`.execute(db);
  if (!rows[0] || !statisticsFarBehind(rows[0].estimated, Number(rows[0].live ?? 0), written)) return false;
  // One `analyze` of a table at a time per database handle: job workers finishing passes together all find
  // the estimate behind (a national computation's first passes: three analyzes of the same rows, ~1 s each
  // at millions of rows); the one under way refreshes it for them.
  const adapter = db.getExecutor().adapter;
  const running = analyzing.get(adapter) ?? new Set<string>();
  analyzing.set(adapter, running);
  if (running.has(table)) return false;
  running.add(table);
  try {
    await sql`analyze ${sql.table(table)}`.execute(db);
  } finally {
    running.delete(table);
  }
  return true;
}

/** Tables `refreshStatisticsIfFarBehind` is analyzing, per dialect adapter (a database handle). */
const analyzing = new WeakMap<object, Set<string>>();

/** Whether a planner's row estimate (null or -1: never analyzed) is far behind the rows (`refreshStatisticsIfFarBehind`). */
export function statisticsFarBehind(estimated: number | null, live: number, written: number): boolean {
  if (estimated === null || estimated < 0) return false;
  return estimated < written || live > 4 * estimated + 10_000;
}
