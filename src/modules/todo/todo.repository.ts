import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import type { CitizenAccountState } from '../../domain/citizen/account-state.ts';
import type { RegionColumn } from '../access/actor.ts';

/** A territory as a column and its value; null = the nation. */
export type TodoScope = { column: RegionColumn; value: string } | null;

const n = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

/** Read-only counts over the cycle's tables for the to-do list (each module owns its table's writes). */
export class TodoRepository {
  async reportsToTriage(db: Kysely<DB>, scope: TodoScope, level: 'village' | 'district' | 'regency') {
    return n(
      await db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'received')
        .where('level', '=', level)
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .executeTakeFirst(),
    );
  }

  /** Open reports with a timer run out at `now` (the same rule as ReportsRepository's overdue filter). */
  async reportsOverdue(db: Kysely<DB>, scope: TodoScope, now: string) {
    return n(
      await db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '<>', 'closed')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'received'), eb('triageDueAt', '<', now)]),
            eb.and([eb('firstReplyAt', 'is', null), eb('responseDueAt', '<', now)]),
          ]),
        )
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .executeTakeFirst(),
    );
  }

  /** Proposals in a state; `source` counts only those of one origin (operator, musdes, mandiri). */
  async usulan(db: Kysely<DB>, scope: TodoScope, state: string, source?: string): Promise<number> {
    return n(
      await db
        .selectFrom('usulan')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', state)
        .$if(source !== undefined, (q) => q.where('source', '=', source!))
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .executeTakeFirst(),
    );
  }

  async visits(db: Kysely<DB>, scope: TodoScope, state: string, assignedTo?: string): Promise<number> {
    return n(
      await db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', state)
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .$if(assignedTo !== undefined, (q) => q.where('assignedTo', '=', assignedTo!))
        .executeTakeFirst(),
    );
  }

  /** Visits in a state by period, oldest period first (a period's list is what a to-do link opens). */
  async visitsByPeriod(
    db: Kysely<DB>,
    scope: TodoScope,
    state: string,
  ): Promise<{ period: string; count: number }[]> {
    const rows = await db
      .selectFrom('visits')
      .select((eb) => ['period', eb.fn.countAll<number>().as('n')])
      .where('state', '=', state)
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .groupBy('period')
      .orderBy('period')
      .execute();
    return rows.map((r) => ({ period: r.period, count: Number(r.n) }));
  }

  async citizenAccounts(db: Kysely<DB>, scope: TodoScope, state: CitizenAccountState): Promise<number> {
    return n(
      await db
        .selectFrom('citizenAccounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', state)
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .executeTakeFirst(),
    );
  }

  /** Open objections (sanggah) of the territory. */
  async sanggahOpen(db: Kysely<DB>, scope: TodoScope): Promise<number> {
    return n(
      await db
        .selectFrom('sanggah')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', ['submitted', 'investigating'])
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .executeTakeFirst(),
    );
  }

  async musdes(db: Kysely<DB>, scope: TodoScope, state: string): Promise<number> {
    return n(
      await db
        .selectFrom('musdesSessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', state)
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .executeTakeFirst(),
    );
  }

  /** Villages of the territory whose session for `period` is signed. */
  async signedVillages(db: Kysely<DB>, scope: TodoScope, period: string): Promise<number> {
    return n(
      await db
        .selectFrom('musdesSessions')
        .select((eb) => eb.fn.count<number>('villageCode').distinct().as('n'))
        .where('state', '=', 'signed')
        .where('period', '=', period)
        .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
        .executeTakeFirst(),
    );
  }

  /** Regency submissions in `state` (sent to Pusdatin, or at the province), per period, oldest first. */
  async submitted(
    db: Kysely<DB>,
    scope: TodoScope,
    state: 'submitted' | 'at_province' = 'submitted',
  ): Promise<{ period: string; count: number }[]> {
    const column = scope?.column === 'provinceCode' ? 'provinceCode' : 'regencyCode';
    const rows = await db
      .selectFrom('submissions')
      .select((eb) => ['period', eb.fn.countAll<number>().as('n')])
      .where('state', '=', state)
      .$if(scope !== null, (q) => q.where(column, '=', scope!.value))
      .groupBy('period')
      .orderBy('period')
      .execute();
    return rows.map((r) => ({ period: r.period, count: Number(r.n) }));
  }

  /** Findings of the regency's complete Dukcapil imports that are not a plain match and not resolved. */
  async dukcapilOpen(db: Kysely<DB>, regencyCode: string): Promise<number> {
    return n(
      await db
        .selectFrom('dukcapilMatches')
        .select((eb) => eb.fn.countAll<number>().as('n'))
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
        .executeTakeFirst(),
    );
  }

  /** Recipient proposals in a state whose regency lies in the territory, at one door (Pusdatin or province). */
  async recipientProposals(
    db: Kysely<DB>,
    scope: TodoScope,
    state: 'submitted' | 'returned',
    door?: 'pusdatin' | 'province',
  ): Promise<number> {
    const col = scope?.column === 'provinceCode' || scope?.column === 'regencyCode' ? scope.column : null;
    if (scope && !col) return 0;
    return n(
      await db
        .selectFrom('recipientRuns')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', state)
        .$if(col !== null, (q) => q.where(col!, '=', scope!.value))
        .$if(door !== undefined, (q) => q.where('door', '=', door!))
        .executeTakeFirst(),
    );
  }
}
