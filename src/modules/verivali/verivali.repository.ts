import type { Kysely } from 'kysely';
import type { DB, UsulanRow, VisitRow } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

/** Visits that still hold their household: a second visit is refused while one of these exists. */
export const OPEN_VISIT_STATES = ['assigned', 'visited'] as const;

export interface VisitFilter {
  scope: { column: RegionColumn; value: string } | null;
  /** One visit (for its view). */
  id?: string;
  assignedTo?: string;
  state?: string;
  result?: string;
  period?: string;
  afterId?: string;
  limit: number;
}

export type VisitListRow = VisitRow & {
  usulanKind: string | null;
  kkNumber: string | null;
  headName: string | null;
  assigneeUsername: string | null;
  assigneeName: string | null;
};

export class VerivaliRepository {
  async insert(db: Kysely<DB>, rows: VisitRow[]): Promise<void> {
    if (rows.length) await db.insertInto('visits').values(rows).execute();
  }

  findById(db: Kysely<DB>, id: string): Promise<VisitRow | undefined> {
    return db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Optimistic update; false when the stored version is not `version`. */
  async update(db: Kysely<DB>, id: string, version: number, patch: Partial<VisitRow>): Promise<boolean> {
    const r = await db
      .updateTable('visits')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  openVisit(db: Kysely<DB>, by: { usulanId?: string; householdId?: string }): Promise<VisitRow | undefined> {
    return db
      .selectFrom('visits')
      .selectAll()
      .$if(by.usulanId !== undefined, (q) => q.where('usulanId', '=', by.usulanId!))
      .$if(by.householdId !== undefined, (q) => q.where('householdId', '=', by.householdId!))
      .where('state', 'in', [...OPEN_VISIT_STATES])
      .executeTakeFirst();
  }

  list(db: Kysely<DB>, f: VisitFilter): Promise<VisitListRow[]> {
    const col = f.scope ? (`visits.${f.scope.column}` as const) : null;
    return db
      .selectFrom('visits')
      .leftJoin('usulan', 'usulan.id', 'visits.usulanId')
      .leftJoin('households', 'households.id', 'visits.householdId')
      .leftJoin('users', 'users.id', 'visits.assignedTo')
      .selectAll('visits')
      .select((eb) => [
        'usulan.kind as usulanKind',
        eb.fn.coalesce('usulan.kkNumber', 'households.kkNumber').as('kkNumber'),
        eb.fn.coalesce('usulan.headName', 'households.headName').as('headName'),
        'users.username as assigneeUsername',
        'users.displayName as assigneeName',
      ])
      .$if(col !== null, (q) => q.where(col!, '=', f.scope!.value))
      .$if(f.id !== undefined, (q) => q.where('visits.id', '=', f.id!))
      .$if(f.assignedTo !== undefined, (q) => q.where('visits.assignedTo', '=', f.assignedTo!))
      .$if(f.state !== undefined, (q) => q.where('visits.state', '=', f.state!))
      .$if(f.result !== undefined, (q) => q.where('visits.result', '=', f.result!))
      .$if(f.period !== undefined, (q) => q.where('visits.period', '=', f.period!))
      .$if(f.afterId !== undefined, (q) => q.where('visits.id', '>', f.afterId!))
      .orderBy('visits.id')
      .limit(f.limit)
      .execute() as Promise<VisitListRow[]>;
  }

  /** Active field officers (role petugas) whose territory is `villageCode` or its district. */
  officersFor(db: Kysely<DB>, villageCode: string) {
    const district = villageCode.split('.').slice(0, 3).join('.');
    return db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'regionCode'])
      .where('role', '=', 'petugas')
      .where('status', '=', 'active')
      .where('regionCode', 'in', [villageCode, district])
      .orderBy('username')
      .execute();
  }

  user(db: Kysely<DB>, id: string) {
    return db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'role', 'regionCode', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  // Proposals are read here (never written): the usulan module moves them, through UsulanService.advance.

  proposal(db: Kysely<DB>, id: string): Promise<UsulanRow | undefined> {
    return db.selectFrom('usulan').selectAll().where('id', '=', id).executeTakeFirst();
  }

  acceptedProposals(
    db: Kysely<DB>,
    scope: { column: RegionColumn; value: string } | null,
    period: string,
  ): Promise<UsulanRow[]> {
    return db
      .selectFrom('usulan')
      .selectAll()
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .where('period', '=', period)
      .where('state', '=', 'musdes_accepted')
      .orderBy('villageCode')
      .orderBy('id')
      .execute();
  }

  /** The newest period with proposals accepted by the Musdes/Muskel in the scope, or undefined. */
  async newestAcceptedPeriod(
    db: Kysely<DB>,
    scope: { column: RegionColumn; value: string } | null,
  ): Promise<string | undefined> {
    const row = await db
      .selectFrom('usulan')
      .select('period')
      .where('state', '=', 'musdes_accepted')
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.period;
  }

  /** Accepted proposals with their open visit (if any) and its officer: the assignment worklist. */
  candidates(db: Kysely<DB>, scope: { column: RegionColumn; value: string } | null, period: string) {
    const col = scope ? (`usulan.${scope.column}` as const) : null;
    return db
      .selectFrom('usulan')
      .leftJoin('visits', (j) =>
        j.onRef('visits.usulanId', '=', 'usulan.id').on('visits.state', 'in', [...OPEN_VISIT_STATES]),
      )
      .leftJoin('users', 'users.id', 'visits.assignedTo')
      .select([
        'usulan.id',
        'usulan.kind',
        'usulan.state',
        'usulan.period',
        'usulan.villageCode',
        'usulan.householdId',
        'usulan.kkNumber',
        'usulan.headName',
        'visits.id as visitId',
        'visits.state as visitState',
        'visits.assignedTo',
        'users.displayName as assigneeName',
        'users.username as assigneeUsername',
      ])
      .$if(col !== null, (q) => q.where(col!, '=', scope!.value))
      .where('usulan.period', '=', period)
      .where('usulan.state', '=', 'musdes_accepted')
      .orderBy('usulan.villageCode')
      .orderBy('usulan.id')
      .execute();
  }
}
