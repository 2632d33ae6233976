import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

type Scope = { column: RegionColumn; value: string };

/** Read-only counts across the cycle's tables for the progress view. */
export class ProgressRepository {
  /** Musdes/Muskel sessions of the region's villages for a period (the musdes module owns the table). */
  musdesSessions(db: Kysely<DB>, scope: Scope, period: string) {
    return db
      .selectFrom('musdesSessions')
      .select(['id', 'villageCode', 'state', 'heldOn'])
      .where(scope.column, '=', scope.value)
      .where('period', '=', period)
      .execute();
  }

  async visits(db: Kysely<DB>, scope: Scope, period: string) {
    const rows = await db
      .selectFrom('visits')
      .select((eb) => ['villageCode', 'state', eb.fn.countAll<number>().as('n')])
      .where(scope.column, '=', scope.value)
      .where('period', '=', period)
      .groupBy(['villageCode', 'state'])
      .execute();
    return rows.map((r) => ({ villageCode: r.villageCode, state: r.state, count: Number(r.n) }));
  }

  /** Dukcapil findings still to resolve, per village, over the regency's complete imports. */
  async dukcapilOpen(db: Kysely<DB>, regencyCode: string, scope: Scope) {
    const rows = await db
      .selectFrom('dukcapilMatches')
      .select((eb) => ['villageCode', eb.fn.countAll<number>().as('n')])
      .where(
        'importId',
        'in',
        db
          .selectFrom('dukcapilImports')
          .select('id')
          .where('regencyCode', '=', regencyCode)
          .where('status', '=', 'complete'),
      )
      .where('result', '!=', 'matched')
      .where('resolution', 'is', null)
      .$if(scope.column === 'villageCode', (q) => q.where('villageCode', '=', scope.value))
      .$if(scope.column !== 'villageCode', (q) => q.where('villageCode', 'like', `${scope.value}.%`))
      .groupBy('villageCode')
      .execute();
    return rows.map((r) => ({ villageCode: r.villageCode ?? '', count: Number(r.n) }));
  }
}
