/**
 * Hot read paths (authentication, person lookup) run the same query shape thousands of times a second.
 * Building and compiling a Kysely query costs ~100 µs — ten times the lookup itself on SQLite — so these
 * compile once per database engine and afterwards only bind new values. Results still pass through the
 * handle's plugins (camelCase keys), so callers see exactly what the built query would return. On a
 * database's root handle (outside any transaction) a select skips Kysely's executor: on SQLite it runs
 * straight on the connection (dialect.ts, readDirect); on PostgreSQL as a named prepared statement, parsed
 * and planned once per pooled connection (dialect.ts, preparedReader).
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { directReader, preparedReader } from './dialect.ts';
import type { DB } from './schema/index.ts';

const marker = (i: number) => `\u0000param:${i}`;

interface Compiled {
  sql: string;
  /** For each bound parameter: the index of the caller's value, or a constant from the built query. */
  slots: (number | { constant: unknown })[];
  /** A plain select (a write or a locking read keeps Kysely's path). */
  select: boolean;
}

/**
 * `build` receives one marker per parameter (a string, whatever the parameter's type) and must use each only
 * as a bound value (`where('nik', '=', nik)`, `eb('n', '+', count)`), never as an identifier.
 */
export function preparedQuery<P extends unknown[], R>(
  build: (db: Kysely<DB>, ...params: P) => Compilable<R>,
): (db: Kysely<DB>, ...params: P) => Promise<R[]> {
  // Keyed by the dialect adapter, which a database handle shares with its transactions (the SQL differs by
  // engine, not by connection), so the compiled text serves inside transactions too.
  const cache = new WeakMap<object, Compiled>();
  return async (db, ...params) => {
    const key = db.getExecutor().adapter;
    let compiled = cache.get(key);
    if (!compiled) {
      const markers = params.map((_, i) => marker(i));
      const q = build(db, ...(markers as unknown as P)).compile();
      compiled = {
        sql: q.sql,
        select: q.sql.startsWith('select ') && !/ for (update|share|no key update|key share)\b/.test(q.sql),
        slots: q.parameters.map((p) => {
          const i = markers.indexOf(p as string);
          return i >= 0 ? i : { constant: p };
        }),
      };
      cache.set(key, compiled);
    }
    const values = compiled.slots.map((s) => (typeof s === 'number' ? params[s] : s.constant));
    const direct = directReader(db)?.(compiled.sql, values);
    if (direct) return direct as R[];
    const prepared = compiled.select ? preparedReader(db) : undefined;
    if (prepared) return (await prepared(compiled.sql, values)) as R[];
    return (await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, values))).rows;
  };
}
