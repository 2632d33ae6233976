import type { Kysely } from 'kysely';
import type { DB, IneligibleTable } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

/** A declaration as listed; also its GROUP BY, since each row counts the household's members. */
const DECLARATION = [
  'ineligibleRegistry.householdId',
  'ineligibleRegistry.kkNumber',
  'ineligibleRegistry.period',
  'ineligibleRegistry.reason',
  'ineligibleRegistry.declaredAt',
  'households.villageCode',
  'households.headName',
] as const;

export class EligibilityRepository {
  async insert(db: Kysely<DB>, rows: IneligibleTable[]): Promise<void> {
    if (rows.length) await db.insertInto('ineligibleRegistry').values(rows).execute();
  }

  /** Ineligible declarations of households in a region, newest first. */
  list(db: Kysely<DB>, scope: { column: RegionColumn; value: string } | null, limit: number) {
    const col = scope ? (`households.${scope.column}` as const) : null;
    return db
      .selectFrom('ineligibleRegistry')
      .innerJoin('households', 'households.id', 'ineligibleRegistry.householdId')
      .select(DECLARATION)
      .select((eb) => eb.fn.countAll<number>().as('persons'))
      .$if(col !== null, (q) => q.where(col!, '=', scope!.value))
      .groupBy(DECLARATION)
      .orderBy('ineligibleRegistry.declaredAt', 'desc')
      .limit(limit)
      .execute();
  }
}
