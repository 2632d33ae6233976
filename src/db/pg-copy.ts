/**
 * PostgreSQL `COPY … FROM STDIN` through Kysely (the bulk writes of src/db/bulk-insert.ts). Kysely hands a
 * query to the pooled pg client of the connection (or transaction) it runs on as `query(sql, parameters)`;
 * the pool's clients are `CopyingClient`s, which take a query whose one parameter is a `CopyIn` as a COPY and
 * stream its rows (COPY's text format, already encoded) through the `pg-copy-streams` package. So a COPY runs in the caller's transaction like any statement, and fails it like one.
 *
 * Why: for the 4,000,000 candidate rows of a national computation (bench/results/recipients-national.md,
 * branch pgnat), COPY took ~40 % of the server's CPU of `INSERT … SELECT FROM unnest(…)` for the same rows
 * (the server parses each row's fields once instead of building and taking apart one array per column) and
 * less of this process's (no array literal escaped per value).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { type CopyStreamQuery, from as copyFrom } from 'pg-copy-streams';

/** The rows of a COPY, in its text format: chunks produced one at a time, as the socket takes them. */
export class CopyIn {
  readonly chunks: () => Iterable<Buffer>;
  constructor(chunks: () => Iterable<Buffer>) {
    this.chunks = chunks;
  }
}

interface CopyResult {
  command: 'COPY';
  rowCount: number;
  rows: never[];
}

/** A pg client that runs a query whose one parameter is a `CopyIn` as a COPY … FROM STDIN of those rows. */
export class CopyingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads of query, passed through unchanged
  override query(config: any, values?: any, callback?: any): any {
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length === 1 &&
      values[0] instanceof CopyIn
    ) {
      return copy(super.query(copyFrom(config)), values[0]);
    }
    return super.query(config, values, callback);
  }
}

/** Streams the rows into the COPY (pg-copy-streams frames and sends them); its row count once the server ends it. */
async function copy(stream: CopyStreamQuery, rows: CopyIn): Promise<CopyResult> {
  await pipeline(Readable.from(rows.chunks(), { objectMode: false }), stream);
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}

/** The dialect adapters (one per database handle, shared by its transactions) whose clients can COPY. */
const copying = new WeakSet<object>();

/** A database handle or transaction, as far as telling its dialect adapter. */
interface Handle {
  getExecutor(): { adapter: object };
}

export function markCopying(db: Handle): void {
  copying.add(db.getExecutor().adapter);
}

/** Whether this handle's (or transaction's) PostgreSQL clients run a `CopyIn` (every `createDb` handle). */
export function canCopy(db: Handle): boolean {
  return copying.has(db.getExecutor().adapter);
}

/**
 * A value as COPY's text format reads it, or undefined when this module does not encode it (the caller
 * then writes the rows another way): null as `\N`; text with backslash, tab, newline and carriage return
 * escaped; numbers and bigints as their decimal text, as pg sends them as parameters.
 */
export function copyText(v: unknown): string | undefined {
  if (v === null) return '\\N';
  switch (typeof v) {
    case 'string':
      return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v;
    case 'number':
    case 'bigint':
      return String(v);
    default:
      return undefined;
  }
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
