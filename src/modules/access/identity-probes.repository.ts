import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import { newId } from '../../lib/ids.ts';

export class IdentityProbesRepository {
  /** The times of the actor's refusals after `since`, newest first, at most `limit`. */
  async recent(db: Kysely<DB>, actorKey: string, since: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('identityProbes')
      .select('at')
      .where('actorKey', '=', actorKey)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.at);
  }

  /** Counts `count` refusals at `at`, and forgets the actor's refusals from before `since`. */
  async add(db: Kysely<DB>, actorKey: string, at: string, count: number, since: string): Promise<void> {
    await db
      .insertInto('identityProbes')
      .values(Array.from({ length: count }, () => ({ id: newId(), actorKey, at })))
      .execute();
    await db.deleteFrom('identityProbes').where('actorKey', '=', actorKey).where('at', '<=', since).execute();
  }
}
