import { type Expression, type SqlBool, sql } from 'kysely';

/** `column LIKE %value%` with LIKE wildcards in `value` taken literally, identical on both engines. */
export function containsLiteral(column: string, value: string): Expression<SqlBool> {
  const pattern = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
