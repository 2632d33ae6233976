/**
 * Row counts of the tables a request could change, so a test can prove that a rejected request changed
 * nothing (no household, person, NIK, version or audit entry appeared or vanished).
 */
import type { Container } from '../../src/container.ts';

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
