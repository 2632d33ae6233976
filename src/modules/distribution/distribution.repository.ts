/** The only SQL of distribution: batches, records and their versions, points, schedules, entitlements, stock. */
import { type Kysely, sql } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import type {
  DB,
  DistributionBatchRow,
  DistributionBatchTable,
  DistributionPointRow,
  DistributionPointTable,
  DistributionRecordRow,
  DistributionRecordTable,
  DistributionRecordVersionTable,
  DistributionScheduleTable,
  DistributionStockTable,
  EntitlementTable,
} from '../../db/schema/index.ts';
import type { ApprovedList, HandedOverList } from '../../domain/distribution/hand-over.ts';
import type { EntitlementState, RecordState } from '../../domain/distribution/states.ts';
import type { DistributionHouseholds } from '../../domain/public/suppression.ts';
import type { RegionColumn } from '../access/actor.ts';

export type Scope = { column: RegionColumn; value: string } | null;

/** An approved recipient with where they live (the household's address, RT/RW and kecamatan). */
export interface RecipientAtHome {
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  kkNumber: string;
  headName: string;
  address: string;
  rt: string;
  rw: string;
  amount: number;
}

export class DistributionRepository {
  approvedRun(db: Kysely<DB>, period: string, programmeCode: string, regencyCode: string) {
    return db
      .selectFrom('recipientRuns')
      .select(['id', 'provinceCode', 'state'])
      .where('period', '=', period)
      .where('programmeCode', '=', programmeCode)
      .where('regencyCode', '=', regencyCode)
      .where('state', '=', 'approved')
      .executeTakeFirst();
  }

  /** One page of a period's approved recipients of a regency with their household's address. */
  recipientsAtHome(
    db: Kysely<DB>,
    key: { period: string; programmeCode: string; regencyCode: string },
    afterId: string | undefined,
    limit: number,
  ): Promise<RecipientAtHome[]> {
    return db
      .selectFrom('recipients as r')
      .innerJoin('households as h', 'h.id', 'r.householdId')
      .select([
        'r.householdId',
        'r.provinceCode',
        'r.regencyCode',
        'h.districtCode',
        'r.villageCode',
        'r.kkNumber',
        'r.headName',
        'h.address',
        'h.rt',
        'h.rw',
        'r.amount',
      ])
      .where('r.period', '=', key.period)
      .where('r.programmeCode', '=', key.programmeCode)
      .where('r.regencyCode', '=', key.regencyCode)
      .$if(afterId !== undefined, (q) => q.where('r.householdId', '>', afterId!))
      .orderBy('r.householdId')
      .limit(limit)
      .execute();
  }

  async approvedCount(
    db: Kysely<DB>,
    key: { period: string; programmeCode: string; regencyCode: string },
  ): Promise<number> {
    const r = await db
      .selectFrom('recipients')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('period', '=', key.period)
      .where('programmeCode', '=', key.programmeCode)
      .where('regencyCode', '=', key.regencyCode)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The last household written to a batch (records are written in household id order). */
  async lastRecord(db: Kysely<DB>, batchId: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('distributionRecords')
      .select('householdId')
      .where('batchId', '=', batchId)
      .orderBy('householdId', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.householdId;
  }

  findBatch(db: Kysely<DB>, id: string): Promise<DistributionBatchRow | undefined> {
    return db.selectFrom('distributionBatches').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findBatchByKey(db: Kysely<DB>, period: string, programmeCode: string, regencyCode: string) {
    return db
      .selectFrom('distributionBatches')
      .selectAll()
      .where('period', '=', period)
      .where('programmeCode', '=', programmeCode)
      .where('regencyCode', '=', regencyCode)
      .executeTakeFirst();
  }

  insertBatch(db: Kysely<DB>, row: DistributionBatchTable) {
    return db.insertInto('distributionBatches').values(row).execute();
  }

  updateBatch(db: Kysely<DB>, id: string, set: Partial<DistributionBatchTable>) {
    return db.updateTable('distributionBatches').set(set).where('id', '=', id).execute();
  }

  listBatches(db: Kysely<DB>, scope: Scope, q: { period?: string; programmeCode?: string }) {
    return db
      .selectFrom('distributionBatches')
      .selectAll()
      .$if(scope !== null, (x) =>
        scope!.column === 'provinceCode' || scope!.column === 'regencyCode'
          ? x.where(scope!.column, '=', scope!.value)
          : x.where(sql<boolean>`1 = 0`),
      )
      .$if(q.period !== undefined, (x) => x.where('period', '=', q.period!))
      .$if(q.programmeCode !== undefined, (x) => x.where('programmeCode', '=', q.programmeCode!))
      .orderBy('period', 'desc')
      .orderBy('regencyCode')
      .orderBy('programmeCode')
      .execute();
  }

  insertRecords(db: Kysely<DB>, rows: DistributionRecordTable[]) {
    return insertRows(db, 'distributionRecords', rows);
  }

  insertVersions(db: Kysely<DB>, rows: DistributionRecordVersionTable[]) {
    return insertRows(db, 'distributionRecordVersions', rows);
  }

  insertEntitlements(db: Kysely<DB>, rows: EntitlementTable[]) {
    return insertRows(db, 'entitlements', rows);
  }

  findRecord(db: Kysely<DB>, batchId: string, householdId: string) {
    return db
      .selectFrom('distributionRecords')
      .selectAll()
      .where('batchId', '=', batchId)
      .where('householdId', '=', householdId)
      .executeTakeFirst();
  }

  records(
    db: Kysely<DB>,
    batchId: string,
    q: { states?: readonly RecordState[]; scope: Scope },
    afterId: string | undefined,
    limit: number,
  ): Promise<DistributionRecordRow[]> {
    const scope = q.scope;
    return db
      .selectFrom('distributionRecords')
      .selectAll()
      .where('batchId', '=', batchId)
      .$if(q.states !== undefined, (x) => x.where('state', 'in', q.states!))
      .$if(scope !== null, (x) => x.where(scope!.column, '=', scope!.value))
      .$if(afterId !== undefined, (x) => x.where('householdId', '>', afterId!))
      .orderBy('householdId')
      .limit(limit)
      .execute();
  }

  /** How many records of a batch lie in the scope (what an export will write). */
  async countRecords(db: Kysely<DB>, batchId: string, scope: Scope): Promise<number> {
    const r = await db
      .selectFrom('distributionRecords')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('batchId', '=', batchId)
      .$if(scope !== null, (x) => x.where(scope!.column, '=', scope!.value))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Moves a record to its next version, if it is still at `version` (false: someone else moved it). */
  async stepRecord(
    db: Kysely<DB>,
    current: DistributionRecordRow,
    set: Partial<DistributionRecordTable>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('distributionRecords')
      .set({ ...set, version: current.version + 1 })
      .where('batchId', '=', current.batchId)
      .where('householdId', '=', current.householdId)
      .where('version', '=', current.version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The partner's acceptance: records still `sent` or `resent` among these become `cleaned` (next version). */
  async acceptRecords(db: Kysely<DB>, batchId: string, householdIds: string[]): Promise<number> {
    if (householdIds.length === 0) return 0;
    const r = await db
      .updateTable('distributionRecords')
      .set((eb) => ({ state: 'cleaned' as const, version: eb('version', '+', 1) }))
      .where('batchId', '=', batchId)
      .where('householdId', 'in', householdIds)
      .where('state', 'in', ['sent', 'resent'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Moves a batch from one state to another if it is still in the first (false: it is not). */
  async moveBatch(
    db: Kysely<DB>,
    id: string,
    from: DistributionBatchTable['state'],
    set: Partial<DistributionBatchTable>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('distributionBatches')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  versions(db: Kysely<DB>, batchId: string, householdId: string) {
    return db
      .selectFrom('distributionRecordVersions')
      .selectAll()
      .where('batchId', '=', batchId)
      .where('householdId', '=', householdId)
      .orderBy('version')
      .execute();
  }

  lastVersion(db: Kysely<DB>, batchId: string, householdId: string, step: 'return') {
    return db
      .selectFrom('distributionRecordVersions')
      .selectAll()
      .where('batchId', '=', batchId)
      .where('householdId', '=', householdId)
      .where('step', '=', step)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  recordCounts(db: Kysely<DB>, batchId: string) {
    return db
      .selectFrom('distributionRecords')
      .select(['state', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('batchId', '=', batchId)
      .groupBy('state')
      .execute();
  }

  // ---- points -----------------------------------------------------------------------------------------

  insertPoint(db: Kysely<DB>, row: DistributionPointTable) {
    return db.insertInto('distributionPoints').values(row).execute();
  }

  findPoint(db: Kysely<DB>, id: string): Promise<DistributionPointRow | undefined> {
    return db.selectFrom('distributionPoints').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findPointByCode(db: Kysely<DB>, regencyCode: string, code: string) {
    return db
      .selectFrom('distributionPoints')
      .select('id')
      .where('regencyCode', '=', regencyCode)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  points(db: Kysely<DB>, scope: Scope): Promise<DistributionPointRow[]> {
    return db
      .selectFrom('distributionPoints')
      .selectAll()
      .$if(scope !== null, (x) =>
        scope!.column === 'villageCode'
          ? x.where((eb) =>
              eb.or([
                eb('villageCode', '=', scope!.value),
                eb.and([eb('villageCode', 'is', null), eb('districtCode', '=', scope!.value.slice(0, 8))]),
              ]),
            )
          : x.where(scope!.column, '=', scope!.value),
      )
      .orderBy('regencyCode')
      .orderBy('code')
      .execute();
  }

  insertSchedule(db: Kysely<DB>, row: DistributionScheduleTable) {
    return db.insertInto('distributionSchedules').values(row).execute();
  }

  schedules(db: Kysely<DB>, pointIds: readonly string[]) {
    if (pointIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('distributionSchedules')
      .selectAll()
      .where('pointId', 'in', pointIds)
      .orderBy('startsAt')
      .execute();
  }

  insertStock(db: Kysely<DB>, row: DistributionStockTable) {
    return db.insertInto('distributionStock').values(row).execute();
  }

  stock(db: Kysely<DB>, batchId: string) {
    return db
      .selectFrom('distributionStock')
      .selectAll()
      .where('batchId', '=', batchId)
      .orderBy('receivedAt')
      .execute();
  }

  // ---- mapping and allocation ---------------------------------------------------------------------------

  setRecordPoint(db: Kysely<DB>, batchId: string, householdId: string, pointId: string | null) {
    return db
      .updateTable('distributionRecords')
      .set({ pointId })
      .where('batchId', '=', batchId)
      .where('householdId', '=', householdId)
      .execute();
  }

  /** A KPM moved to another point by hand: mapping keeps it there (`pointMovedAt`). */
  moveRecordPoint(db: Kysely<DB>, batchId: string, householdId: string, pointId: string, at: string) {
    return db
      .updateTable('distributionRecords')
      .set({ pointId, pointMovedAt: at })
      .where('batchId', '=', batchId)
      .where('householdId', '=', householdId)
      .execute();
  }

  /** Whether any of a KPM's entitlements of a batch has a proof of receipt. */
  async hasReceipt(db: Kysely<DB>, batchId: string, householdId: string): Promise<boolean> {
    const row = await db
      .selectFrom('receipts as rc')
      .innerJoin('entitlements as e', 'e.id', 'rc.entitlementId')
      .select('rc.id')
      .where('e.batchId', '=', batchId)
      .where('e.householdId', '=', householdId)
      .executeTakeFirst();
    return row !== undefined;
  }

  setEntitlementPoint(
    db: Kysely<DB>,
    batchId: string,
    householdId: string,
    pointId: string | null,
    at: string,
  ) {
    return db
      .updateTable('entitlements')
      .set({ pointId, updatedAt: at })
      .where('batchId', '=', batchId)
      .where('householdId', '=', householdId)
      .where('state', '=', 'allocated')
      .execute();
  }

  entitlementLines(db: Kysely<DB>, batchId: string) {
    return db
      .selectFrom('entitlements')
      .select(['pointId', 'householdId', 'amount', 'packages'])
      .where('batchId', '=', batchId)
      .execute();
  }

  /** The newest period with entitlements, or the newest before `before` (the public distribution figures). */
  async latestPeriod(db: Kysely<DB>, before?: string): Promise<string | null> {
    const row = await db
      .selectFrom('entitlements')
      .select((eb) => eb.fn.max<string | null>('period').as('period'))
      .$if(before !== undefined, (q) => q.where('period', '<', before!))
      .executeTakeFirst();
    return row?.period ?? null;
  }

  /**
   * Per regency, the households behind a period's entitlement counts (the public figures decide smallness on
   * them): those with at least one entitlement, one in each state, and one in either of the two states other
   * than each (`DistributionHouseholds`).
   */
  async householdsByRegency(db: Kysely<DB>, period: string): Promise<Map<string, DistributionHouseholds>> {
    const has = (state: EntitlementState) => sql<number>`max(case when state = ${state} then 1 else 0 end)`;
    const families = db
      .selectFrom('entitlements')
      .select(['regencyCode', has('delivered').as('d'), has('returned').as('r'), has('allocated').as('o')])
      .where('period', '=', period)
      .groupBy(['regencyCode', 'householdId']);
    const rows = await db
      .selectFrom(families.as('f'))
      .select([
        'f.regencyCode as code',
        (eb) => eb.fn.countAll<number | string>().as('allocated'),
        sql<number | string>`sum(f.d)`.as('delivered'),
        sql<number | string>`sum(f.r)`.as('returned'),
        sql<number | string>`sum(f.o)`.as('outstanding'),
        sql<number | string>`sum(case when f.r + f.o > 0 then 1 else 0 end)`.as('besidesDelivered'),
        sql<number | string>`sum(case when f.d + f.o > 0 then 1 else 0 end)`.as('besidesReturned'),
        sql<number | string>`sum(case when f.d + f.r > 0 then 1 else 0 end)`.as('besidesOutstanding'),
      ])
      .groupBy('f.regencyCode')
      .execute();
    return new Map(
      rows.map((r) => [
        r.code,
        {
          allocated: Number(r.allocated),
          delivered: Number(r.delivered),
          returned: Number(r.returned),
          outstanding: Number(r.outstanding),
          others: {
            delivered: Number(r.besidesDelivered),
            returned: Number(r.besidesReturned),
            outstanding: Number(r.besidesOutstanding),
          },
        },
      ]),
    );
  }

  /** Entitlement totals per village (or point) and state for a period within a territory. */
  async reconciliationRows(
    db: Kysely<DB>,
    period: string,
    scope: Scope,
    by: 'village' | 'point',
  ): Promise<{ code: string; state: EntitlementState; count: number; amount: number; packages: number }[]> {
    const key = by === 'village' ? 'villageCode' : 'pointId';
    const rows = await db
      .selectFrom('entitlements')
      .select([
        `${key} as code`,
        'state',
        (eb) => eb.fn.countAll<number | string>().as('count'),
        (eb) => eb.fn.sum<number | string>('amount').as('amount'),
        (eb) => eb.fn.sum<number | string>('packages').as('packages'),
      ])
      .where('period', '=', period)
      .$if(scope !== null, (x) => x.where(scope!.column, '=', scope!.value))
      .groupBy([key, 'state'])
      .execute();
    return rows.map((r) => ({
      code: (r.code as string | null) ?? '',
      state: r.state,
      count: Number(r.count),
      amount: Number(r.amount),
      packages: Number(r.packages),
    }));
  }

  /** A period's approved recipients lists: programme and regency (what its hand-over is measured against). */
  approvedLists(db: Kysely<DB>, period: string): Promise<ApprovedList[]> {
    return db
      .selectFrom('recipientRuns')
      .select(['programmeCode', 'regencyCode'])
      .where('period', '=', period)
      .where('state', '=', 'approved')
      .execute();
  }

  /** A period's distribution batches: programme, regency and state. */
  batchesOf(db: Kysely<DB>, period: string): Promise<HandedOverList[]> {
    return db
      .selectFrom('distributionBatches')
      .select(['programmeCode', 'regencyCode', 'state'])
      .where('period', '=', period)
      .execute();
  }
}
