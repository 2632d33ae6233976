import type { Kysely } from 'kysely';
import type { DB, HouseholdRow, PersonRow } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

export interface ExportPageFilter {
  scope: { column: RegionColumn; value: string } | null;
  status: 'active' | 'removed' | 'all';
  /** Keyset: households with an id after this one (ids are UUIDv7, so this is creation order). */
  afterId: string | null;
  limit: number;
}

/** The export's queries: short keyset pages, so no engine keeps a cursor open while the client reads. */
export class TransferRepository {
  householdPage(db: Kysely<DB>, f: ExportPageFilter): Promise<HouseholdRow[]> {
    return db
      .selectFrom('households')
      .selectAll()
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .$if(f.afterId !== null, (q) => q.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  /** Households an export with this filter writes (its progress bar's total). */
  async householdCount(db: Kysely<DB>, f: Omit<ExportPageFilter, 'afterId' | 'limit'>): Promise<number> {
    const r = await db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Members of the given households, grouped by household in the order a household shows them. */
  members(db: Kysely<DB>, householdIds: string[], activeOnly: boolean): Promise<PersonRow[]> {
    if (householdIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('persons')
      .selectAll()
      .where('householdId', 'in', householdIds)
      .$if(activeOnly, (q) => q.where('status', '=', 'active'))
      .orderBy('householdId')
      .orderBy('relationship')
      .orderBy('birthDate')
      .orderBy('id')
      .execute();
  }
}
