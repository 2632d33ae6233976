import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema/index.ts';

/** A list read's audit entries by one user, oldest first: each entry's details and the subjects indexed for it. */
export async function entriesWithSubjects(
  db: Kysely<DB>,
  action: string,
  username: string,
): Promise<{ details: Record<string, unknown>; subjects: string[] }[]> {
  const entries = await db
    .selectFrom('auditLog')
    .select(['id', 'details'])
    .where('action', '=', action)
    .where('actorUsername', '=', username)
    .orderBy('seq')
    .execute();
  const out: { details: Record<string, unknown>; subjects: string[] }[] = [];
  for (const e of entries) {
    const subjects = await db
      .selectFrom('auditSubjects')
      .select('entityId')
      .where('auditId', '=', e.id)
      .execute();
    out.push({ details: JSON.parse(e.details), subjects: subjects.map((s) => s.entityId).sort() });
  }
  return out;
}
