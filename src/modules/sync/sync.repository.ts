import type { Kysely } from 'kysely';
import type { DB, HouseholdRow, PersonRow, SyncChangeRow } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

export class SyncRepository {
  /** The changes among `ids` already applied. */
  applied(db: Kysely<DB>, ids: string[]): Promise<SyncChangeRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db.selectFrom('syncChanges').selectAll().where('id', 'in', ids).execute();
  }

  /** The ids of the changes of `kind` applied to each of `targetIds`, oldest first. */
  async appliedTo(db: Kysely<DB>, kind: string, targetIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!targetIds.length) return out;
    const rows = await db
      .selectFrom('syncChanges')
      .select(['id', 'targetId'])
      .where('kind', '=', kind)
      .where('targetId', 'in', targetIds)
      .orderBy('appliedAt')
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.targetId, [...(out.get(r.targetId) ?? []), r.id]);
    return out;
  }

  /** Records an applied change; false when another request recorded the same id first. */
  async recordApplied(db: Kysely<DB>, row: SyncChangeRow): Promise<boolean> {
    const r = await db
      .insertInto('syncChanges')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  /** One page of a territory's active households, in id order after `afterId`. */
  householdsPage(
    db: Kysely<DB>,
    scope: { column: RegionColumn; value: string } | null,
    afterId: string | undefined,
    limit: number,
  ): Promise<HouseholdRow[]> {
    return db
      .selectFrom('households')
      .selectAll()
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .where('status', '=', 'active')
      .$if(afterId !== undefined, (q) => q.where('id', '>', afterId!))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The active members of these households. */
  members(db: Kysely<DB>, householdIds: string[]): Promise<PersonRow[]> {
    if (!householdIds.length) return Promise.resolve([]);
    return db
      .selectFrom('persons')
      .selectAll()
      .where('householdId', 'in', householdIds)
      .where('status', '=', 'active')
      .orderBy('householdId')
      .orderBy('id')
      .execute();
  }
}
