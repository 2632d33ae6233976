import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB, MusdesRowRow, MusdesSessionRow } from '../../db/schema/index.ts';
import type { Outcome, RowKind } from '../../domain/cycle/musdes.ts';
import type { RegionColumn } from '../access/actor.ts';

/** A prelist row with what it needs for display and checks: the proposal's kind and current state. */
export interface PrelistRow extends MusdesRowRow {
  kind: RowKind;
  usulanState: string | null;
}

export interface RowFilter {
  outcome?: Outcome | 'undecided';
  source?: 'existing' | 'usulan';
  /** Lowercased substring of the head's name, or a KK number prefix. */
  q?: string;
  afterRowNo?: number;
  limit: number;
}

export interface SessionFilter {
  scope: { column: RegionColumn; value: string } | null;
  period?: string;
  state?: string;
  afterId?: string;
  limit: number;
}

/** One village's active household as it enters the prelist awal. */
export interface ExistingHousehold {
  id: string;
  kkNumber: string;
  headName: string;
  memberCount: number;
  rw: string;
  rt: string;
}

export class MusdesRepository {
  insertSession(db: Kysely<DB>, row: MusdesSessionRow) {
    return db.insertInto('musdesSessions').values(row).execute();
  }

  findSession(db: Kysely<DB>, id: string): Promise<MusdesSessionRow | undefined> {
    return db.selectFrom('musdesSessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByVillagePeriod(db: Kysely<DB>, villageCode: string, period: string) {
    return db
      .selectFrom('musdesSessions')
      .selectAll()
      .where('villageCode', '=', villageCode)
      .where('period', '=', period)
      .executeTakeFirst();
  }

  /** Optimistic update; false when the stored version is not `version`. */
  async updateSession(
    db: Kysely<DB>,
    id: string,
    version: number,
    patch: Partial<MusdesSessionRow>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('musdesSessions')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  listSessions(db: Kysely<DB>, f: SessionFilter): Promise<MusdesSessionRow[]> {
    return db
      .selectFrom('musdesSessions')
      .selectAll()
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.period !== undefined, (q) => q.where('period', '=', f.period!))
      .$if(f.state !== undefined, (q) => q.where('state', '=', f.state!))
      .$if(f.afterId !== undefined, (q) => q.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  /** Sessions of a period in a region with their row progress, for the per-village progress view. */
  async progress(db: Kysely<DB>, scope: { column: RegionColumn; value: string } | null, period: string) {
    const rows = await db
      .selectFrom('musdesSessions as s')
      .leftJoin('musdesRows as r', 'r.sessionId', 's.id')
      .select((eb) => [
        's.id',
        's.villageCode',
        's.state',
        's.heldOn',
        eb.fn.count<number>('r.id').as('rows'),
        eb.fn.count<number>('r.outcome').as('decided'),
      ])
      .$if(scope !== null, (q) => q.where(`s.${scope!.column}`, '=', scope!.value))
      .where('s.period', '=', period)
      .groupBy(['s.id', 's.villageCode', 's.state', 's.heldOn'])
      .execute();
    return rows.map((r) => ({ ...r, rows: Number(r.rows), decided: Number(r.decided) }));
  }

  /**
   * A page of a village's active households in prelist order (RW, RT, head's name), by keyset: RW and RT
   * are stored zero-padded, so text order is numeric order.
   */
  existingPage(
    db: Kysely<DB>,
    villageCode: string,
    after: ExistingHousehold | null,
    limit: number,
  ): Promise<ExistingHousehold[]> {
    return db
      .selectFrom('households')
      .select(['id', 'kkNumber', 'headName', 'memberCount', 'rw', 'rt'])
      .where('villageCode', '=', villageCode)
      .where('status', '=', 'active')
      .$if(after !== null, (q) =>
        q.where(
          sql<boolean>`(${sql.ref('rw')}, ${sql.ref('rt')}, ${sql.ref('headName')}, ${sql.ref('id')}) > (${after!.rw}, ${after!.rt}, ${after!.headName}, ${after!.id})`,
        ),
      )
      .orderBy('rw')
      .orderBy('rt')
      .orderBy('headName')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  memberCounts(db: Kysely<DB>, householdIds: string[]) {
    if (!householdIds.length) return Promise.resolve([]);
    return db
      .selectFrom('households')
      .select(['id', 'memberCount'])
      .where('id', 'in', householdIds)
      .execute();
  }

  /** A village's sessions of `period` and later (where a proposal submitted now can go). */
  villageSessionsFrom(db: Kysely<DB>, villageCode: string, period: string) {
    return db
      .selectFrom('musdesSessions')
      .select(['id', 'period', 'state', 'version'])
      .where('villageCode', '=', villageCode)
      .where('period', '>=', period)
      .orderBy('period')
      .execute();
  }

  /** Determined periods from `period` on (no deliberation can be held for them). */
  async determinedFrom(db: Kysely<DB>, period: string): Promise<string[]> {
    const rows = await db
      .selectFrom('periods')
      .select('period')
      .where('period', '>=', period)
      .where('state', '=', 'determined')
      .execute();
    return rows.map((r) => r.period);
  }

  /** Whether `period` is determined. */
  async isDetermined(db: Kysely<DB>, period: string): Promise<boolean> {
    return (await this.determinedFrom(db, period)).includes(period);
  }

  async maxRowNo(db: Kysely<DB>, sessionId: string): Promise<number> {
    const r = await db
      .selectFrom('musdesRows')
      .select((eb) => eb.fn.max('rowNo').as('max'))
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
    return Number(r?.max ?? 0);
  }

  /** The proposals a session's prelist already holds. */
  async usulanIdsIn(db: Kysely<DB>, sessionId: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('musdesRows')
      .select('usulanId')
      .where('sessionId', '=', sessionId)
      .where('usulanId', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.usulanId!));
  }

  /** A household's existing-record row in a session, if the prelist awal listed it. */
  existingRowFor(db: Kysely<DB>, sessionId: string, householdId: string) {
    return db
      .selectFrom('musdesRows')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .where('source', '=', 'existing')
      .where('householdId', '=', householdId)
      .executeTakeFirst();
  }

  /** Turns a household's existing-record row into the row of the proposal about it, undecided. */
  async rowBecomesProposal(db: Kysely<DB>, rowId: string, usulanId: string): Promise<void> {
    await db
      .updateTable('musdesRows')
      .set({ source: 'usulan', usulanId, outcome: null, note: null, decidedBy: null, decidedAt: null })
      .where('id', '=', rowId)
      .execute();
  }

  async insertRows(db: Kysely<DB>, rows: MusdesRowRow[]): Promise<void> {
    if (rows.length) await db.insertInto('musdesRows').values(rows).execute();
  }

  #rows(db: Kysely<DB>, sessionId: string) {
    return db
      .selectFrom('musdesRows as r')
      .leftJoin('usulan as u', 'u.id', 'r.usulanId')
      .selectAll('r')
      .select([
        sql<RowKind>`case when ${sql.ref('r.source')} = 'usulan' then ${sql.ref('u.kind')} else 'existing' end`.as(
          'kind',
        ),
        'u.state as usulanState',
      ])
      .where('r.sessionId', '=', sessionId);
  }

  listRows(db: Kysely<DB>, sessionId: string, f: RowFilter): Promise<PrelistRow[]> {
    const q = f.q?.toLowerCase();
    return this.#rows(db, sessionId)
      .$if(f.outcome === 'undecided', (qb) => qb.where('r.outcome', 'is', null))
      .$if(f.outcome !== undefined && f.outcome !== 'undecided', (qb) =>
        qb.where('r.outcome', '=', f.outcome!),
      )
      .$if(f.source !== undefined, (qb) => qb.where('r.source', '=', f.source!))
      .$if(q !== undefined, (qb) =>
        qb.where((eb) => {
          const digits = q!.replace(/[^0-9]/g, '');
          const pattern = `%${q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          const name = sql<SqlBool>`lower(${sql.ref('r.headName')}) like ${pattern} escape '\\'`;
          return digits.length >= 4 ? eb.or([name, eb('r.kkNumber', 'like', `${digits}%`)]) : name;
        }),
      )
      .$if(f.afterRowNo !== undefined, (qb) => qb.where('r.rowNo', '>', f.afterRowNo!))
      .orderBy('r.rowNo')
      .limit(f.limit)
      .execute() as Promise<PrelistRow[]>;
  }

  findRow(db: Kysely<DB>, sessionId: string, rowId: string): Promise<PrelistRow | undefined> {
    return this.#rows(db, sessionId).where('r.id', '=', rowId).executeTakeFirst() as Promise<
      PrelistRow | undefined
    >;
  }

  /** Proposal rows and existing rows that produce a proposal, i.e. the rows closing must act on. */
  rowsToApply(db: Kysely<DB>, sessionId: string, afterRowNo: number, limit: number): Promise<PrelistRow[]> {
    return this.#rows(db, sessionId)
      .where((eb) =>
        eb.or([eb('r.source', '=', 'usulan'), eb('r.outcome', 'in', ['perbaikan', 'dikeluarkan'])]),
      )
      .where('r.rowNo', '>', afterRowNo)
      .orderBy('r.rowNo')
      .limit(limit)
      .execute() as Promise<PrelistRow[]>;
  }

  /** Rows that carry a proposal (moved or created by this session), for undoing a close. */
  rowsWithProposal(db: Kysely<DB>, sessionId: string, afterRowNo: number, limit: number) {
    return this.#rows(db, sessionId)
      .where('r.usulanId', 'is not', null)
      .where('r.rowNo', '>', afterRowNo)
      .orderBy('r.rowNo')
      .limit(limit)
      .execute() as Promise<PrelistRow[]>;
  }

  async decide(
    db: Kysely<DB>,
    rowId: string,
    patch: { outcome: Outcome; note: string | null; decidedBy: string | null; decidedAt: string },
  ): Promise<void> {
    await db.updateTable('musdesRows').set(patch).where('id', '=', rowId).execute();
  }

  /** Gives every undecided existing row the same outcome; answers how many rows changed. */
  async decideUndecidedExisting(
    db: Kysely<DB>,
    sessionId: string,
    patch: { outcome: Outcome; note: string | null; decidedBy: string | null; decidedAt: string },
  ): Promise<number> {
    const r = await db
      .updateTable('musdesRows')
      .set(patch)
      .where('sessionId', '=', sessionId)
      .where('source', '=', 'existing')
      .where('outcome', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async setRowProposal(db: Kysely<DB>, rowId: string, usulanId: string | null): Promise<void> {
    await db.updateTable('musdesRows').set({ usulanId }).where('id', '=', rowId).execute();
  }

  async undecidedRowNos(db: Kysely<DB>, sessionId: string, limit: number) {
    const rows = await db
      .selectFrom('musdesRows')
      .select('rowNo')
      .where('sessionId', '=', sessionId)
      .where('outcome', 'is', null)
      .orderBy('rowNo')
      .limit(limit)
      .execute();
    const total = await db
      .selectFrom('musdesRows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sessionId', '=', sessionId)
      .where('outcome', 'is', null)
      .executeTakeFirstOrThrow();
    return { rowNos: rows.map((r) => r.rowNo), total: Number(total.n) };
  }

  /** Rows per source and outcome (null outcome = undecided). */
  async tally(db: Kysely<DB>, sessionId: string) {
    const rows = await db
      .selectFrom('musdesRows')
      .select((eb) => ['source', 'outcome', eb.fn.countAll<number>().as('n')])
      .where('sessionId', '=', sessionId)
      .groupBy(['source', 'outcome'])
      .execute();
    return rows.map((r) => ({ source: r.source, outcome: r.outcome as Outcome | null, count: Number(r.n) }));
  }
}
