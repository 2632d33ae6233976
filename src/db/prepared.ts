/**
 * Hot read paths (authentication, person lookup) run the same query shape thousands of times a second.
 * Building and compiling a Kysely query costs ~100 µs — ten times the lookup itself on SQLite — so these
 * compile once per database handle and afterwards only bind new values. Results still pass through the
 * handle's plugins (camelCase keys), so callers see exactly what the built query would return.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema/index.ts';

const marker = (i: number) => `\u0000param:${i}`;

interface Compiled {
  sql: string;
  /** For each bound parameter: the index of the caller's value, or a constant from the built query. */
  slots: (number | { constant: unknown })[];
}

/**
 * `build` receives one marker string per parameter and must use each only as a compared value
 * (`where('nik', '=', nik)`), never as an identifier.
 */
export function preparedQuery<P extends string[], R>(
  build: (db: Kysely<DB>, ...params: P) => Compilable<R>,
): (db: Kysely<DB>, ...params: P) => Promise<R[]> {
  const cache = new WeakMap<Kysely<DB>, Compiled>();
  return async (db, ...params) => {
    let compiled = cache.get(db);
    if (!compiled) {
      const markers = params.map((_, i) => marker(i)) as P;
      const q = build(db, ...markers).compile();
      compiled = {
        sql: q.sql,
        slots: q.parameters.map((p) => {
          const i = markers.indexOf(p as string);
          return i >= 0 ? i : { constant: p };
        }),
      };
      cache.set(db, compiled);
    }
    const values = compiled.slots.map((s) => (typeof s === 'number' ? params[s] : s.constant));
    return (await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, values))).rows;
  };
}
