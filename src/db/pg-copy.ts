/**
 * PostgreSQL `COPY … FROM STDIN` through Kysely (the bulk writes of src/db/bulk-insert.ts). Kysely hands a
 * query to the pooled pg client of the connection (or transaction) it runs on as `query(sql, parameters)`;
 * the pool's clients are `CopyingClient`s, which take a query whose one parameter is a `CopyIn` as a COPY and
 * stream its rows (COPY's text format, already encoded) in CopyData messages, as the `pg-copy-streams`
 * package does. So a COPY runs in the caller's transaction like any statement, and fails it like one.
 *
 * Why: for the 4,000,000 candidate rows of a national computation (bench/results/recipients-national.md,
 * branch pgnat), COPY took ~40 % of the server's CPU of `INSERT … SELECT FROM unnest(…)` for the same rows
 * (the server parses each row's fields once instead of building and taking apart one array per column) and
 * less of this process's (no array literal escaped per value).
 */
import pg from 'pg';

/** The rows of a COPY, in its text format: chunks produced one at a time, as the socket takes them. */
export class CopyIn {
  readonly chunks: () => Iterator<Buffer>;
  constructor(chunks: () => Iterator<Buffer>) {
    this.chunks = chunks;
  }
}

interface CopyConnection {
  query(text: string): void;
  endCopyFrom(): void;
  stream: { write(chunk: Buffer): boolean; once(event: 'drain', listener: () => void): void };
}

/** A CopyData message's header ('d', then its length counting itself) for a chunk of `size` bytes. */
function copyDataHeader(size: number): Buffer {
  const header = Buffer.allocUnsafe(5);
  header[0] = 0x64;
  header.writeUInt32BE(size + 4, 1);
  return header;
}

interface CopyResult {
  command: 'COPY';
  rowCount: number;
  rows: never[];
}

/** One COPY … FROM STDIN as pg's client runs a query (its `Submittable` protocol). */
class CopyFromStdin {
  #rowCount = 0;
  readonly #text: string;
  readonly #rows: CopyIn;
  readonly #done: (r: CopyResult) => void;
  readonly #failed: (e: unknown) => void;

  constructor(text: string, rows: CopyIn, done: (r: CopyResult) => void, failed: (e: unknown) => void) {
    this.#text = text;
    this.#rows = rows;
    this.#done = done;
    this.#failed = failed;
  }

  /** pg replaces it to clear a query timeout: defined so that it can. */
  callback(): void {}

  submit(connection: CopyConnection): void {
    connection.query(this.#text);
  }

  /** The server is ready for the rows: sent chunk by chunk, waiting for the socket to drain when full. */
  handleCopyInResponse(connection: CopyConnection): void {
    const chunks = this.#rows.chunks();
    const send = () => {
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        // Framed here rather than by pg's sendCopyFromChunk, which copies the chunk and drops the
        // socket's answer to whether it wants more.
        connection.stream.write(copyDataHeader(next.value.length));
        if (!connection.stream.write(next.value)) {
          connection.stream.once('drain', send);
          return;
        }
      }
      connection.endCopyFrom();
    };
    send();
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /^COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.#rowCount = Number(m[1]);
  }

  handleReadyForQuery(): void {
    this.callback();
    this.#done({ command: 'COPY', rowCount: this.#rowCount, rows: [] });
  }

  handleError(err: unknown): void {
    this.callback();
    this.#failed(err);
  }
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
      const rows = values[0];
      return new Promise<CopyResult>((done, failed) => {
        super.query(new CopyFromStdin(config, rows, done, failed) as never);
      });
    }
    return super.query(config, values, callback);
  }
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
