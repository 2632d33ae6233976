/** The only SQL of recipients: proposals (runs), their candidates and decisions, and approved recipients. */
import { type Kysely, sql } from 'kysely';
import {
  copiesText,
  IN_LIST_MAX,
  insertCopyText,
  insertRows,
  insertValues,
  paddedInList,
  refreshStatisticsIfFarBehind,
  refreshStatisticsIfGrown,
  slices,
} from '../../db/bulk-insert.ts';
import type { DbEngine } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type {
  DB,
  RecipientCandidateRow,
  RecipientDecisionTable,
  RecipientRow,
  RecipientRunRow,
  RecipientRunTable,
  RecipientTable,
} from '../../db/schema/index.ts';
import type { Outcome } from '../../domain/recipients/diff.ts';
import type { ProposalState } from '../../domain/recipients/proposal.ts';
import type { RegionColumn } from '../access/actor.ts';
import { ROW_COLUMNS, type RowBatch } from './recipients.evaluate.ts';

export type Scope = { column: RegionColumn; value: string } | null;

const SNAKE: Record<RegionColumn, string> = {
  provinceCode: 'province_code',
  regencyCode: 'regency_code',
  districtCode: 'district_code',
  villageCode: 'village_code',
};

/**
 * Territory filter on a table holding province, regency and village codes (a district or a village also by
 * its regency, so the region index serves it). Runs belong to a regency: a district or village territory
 * holds none. `alias` names the table in the query when it is not its own name.
 */
function inScope(scope: Scope, table: 'recipients' | 'recipient_runs', alias: string = table) {
  if (!scope) return sql<boolean>`1 = 1`;
  const runs = table === 'recipient_runs';
  if (runs && (scope.column === 'districtCode' || scope.column === 'villageCode')) return sql<boolean>`1 = 0`;
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  if (scope.column === 'districtCode' || scope.column === 'villageCode') {
    const village =
      scope.column === 'districtCode'
        ? sql<boolean>`${col('village_code')} like ${`${scope.value}.%`}`
        : sql<boolean>`${col('village_code')} = ${scope.value}`;
    return sql<boolean>`${col('regency_code')} = ${scope.value.slice(0, 5)} and ${village}`;
  }
  return sql<boolean>`${col(SNAKE[scope.column])} = ${scope.value}`;
}

/** One side of a diff page: a household on this period's or the previous period's list, in the territory. */
export interface DiffSideRow {
  householdId: string;
  kkNumber: string;
  villageCode: string;
  headName: string;
  amount: number;
  /** The previous period's amount; null when the household was not on the previous list. */
  previousAmount: number | null;
}

/**
 * Recipients on the newest approved list of their programme in their regency: what "receives now" means
 * for the public portal (a household absent from it has stopped, whatever it received before).
 */
function receivingNowQuery(db: Kysely<DB>) {
  const newest = db
    .selectFrom('recipientRuns')
    .select((eb) => ['programmeCode', 'regencyCode', eb.fn.max<string>('period').as('period')])
    .where('state', '=', 'approved')
    .groupBy(['programmeCode', 'regencyCode'])
    .as('newest');
  return db
    .selectFrom('recipients')
    .innerJoin(newest, (j) =>
      j
        .onRef('newest.programmeCode', '=', 'recipients.programmeCode')
        .onRef('newest.regencyCode', '=', 'recipients.regencyCode')
        .onRef('newest.period', '=', 'recipients.period'),
    );
}

const receivingNowOfOne = preparedQuery((db, householdId: string) =>
  receivingNowQuery(db)
    .select(['recipients.householdId', 'recipients.programmeCode', 'recipients.period'])
    .where('recipients.householdId', '=', householdId),
);

export class RecipientsRepository {
  readonly #engine: DbEngine;

  constructor(engine: DbEngine) {
    this.#engine = engine;
  }

  /**
   * Fresh planner statistics once a pass created proposals and the planner's count of them fell behind by
   * more than a fifth (where the engine needs it; `refreshStatisticsIfGrown`): PostgreSQL otherwise counts a
   * handful of runs for a while and plans the diff's "why stopped" (`evaluationsIn`) as a loop over every
   * regency's run probing the snapshot for the page's households — ~160–200 ms for 100 households at
   * 1,000,000 right after a national computation against ~9 ms with the runs counted
   * (bench/results/recipients-national.md). Not after every pass: an `analyze` took ~28 ms, 514 times in a
   * national computation (~14 s of the server's time at 200,000 households, branch pgnat).
   */
  async refreshRunStatistics(db: Kysely<DB>): Promise<void> {
    await refreshStatisticsIfGrown(db, this.#engine, 'recipient_runs');
  }

  /**
   * Fresh planner statistics of the candidates after a pass wrote `written` rows, when the planner's count of
   * them is far behind (`refreshStatisticsIfFarBehind`): after the table was emptied and vacuumed, with
   * autovacuum off or not yet come, the diff's "why stopped" (`evaluationsIn`) was planned as a walk over
   * every candidate row — 24 s for 100 households at 1,000,000 instead of ~7 ms.
   */
  async refreshCandidateStatistics(db: Kysely<DB>, written: number): Promise<void> {
    await refreshStatisticsIfFarBehind(db, this.#engine, 'recipient_candidates', written);
  }

  periodState(db: Kysely<DB>, period: string) {
    return db.selectFrom('periods').select('state').where('period', '=', period).executeTakeFirst();
  }

  /** The ranking a period's households are shown: its newest finished run. */
  latestRanking(db: Kysely<DB>, period: string) {
    return db
      .selectFrom('rankingRuns')
      .select('modelVersion')
      .where('period', '=', period)
      .where('state', '=', 'done')
      .orderBy('finishedAt', 'desc')
      .orderBy('modelVersion', 'desc')
      .executeTakeFirst();
  }

  findRun(
    db: Kysely<DB>,
    key: { period: string; programmeCode: string; regencyCode: string },
  ): Promise<RecipientRunRow | undefined> {
    return db
      .selectFrom('recipientRuns')
      .selectAll()
      .where('period', '=', key.period)
      .where('programmeCode', '=', key.programmeCode)
      .where('regencyCode', '=', key.regencyCode)
      .executeTakeFirst();
  }

  findRunById(db: Kysely<DB>, id: string): Promise<RecipientRunRow | undefined> {
    return db.selectFrom('recipientRuns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertRun(db: Kysely<DB>, row: RecipientRunTable): Promise<void> {
    await db.insertInto('recipientRuns').values(row).execute();
  }

  /** Moves a run on only from the state and version it was read in; false when another step came first. */
  async updateRun(
    db: Kysely<DB>,
    id: string,
    from: { state: ProposalState; version: number },
    set: Partial<RecipientRunTable>,
    /** Only if the run's `updatedAt` is still this (see `touchRuns`). */
    unchangedSince?: string,
  ): Promise<boolean> {
    const r = await db
      .updateTable('recipientRuns')
      .set({ ...set, version: from.version + 1 })
      .where('id', '=', id)
      .where('state', '=', from.state)
      .where('version', '=', from.version)
      // A computation's sign of life (`touchRuns`) changes only `updatedAt`: a takeover decided on an idle run
      // must not go ahead when the run has shown life since it was read.
      .$if(unchangedSince !== undefined, (q) => q.where('updatedAt', '=', unchangedSince!))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * A computation's sign of life, written with each commit of its pass's runs before their rows: only on
   * runs still `computing` at the version the pass started them in. Returns the ids so touched; a run not
   * among them was taken over by another computation (or finished elsewhere) and is no longer the pass's to
   * write. Each run's row stays locked to the end of the transaction, so a takeover (which moves the run on
   * before deleting its rows, `#start`) waits for these rows and deletes them, or came first and is seen.
   */
  async touchRuns(
    db: Kysely<DB>,
    runs: readonly { id: string; version: number }[],
    at: string,
  ): Promise<Set<string>> {
    const touched = new Set<string>();
    for (const run of runs) {
      const r = await db
        .updateTable('recipientRuns')
        .set({ updatedAt: at })
        .where('id', '=', run.id)
        .where('version', '=', run.version)
        .where('state', '=', 'computing')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) touched.add(run.id);
    }
    return touched;
  }

  /** Runs in a territory (regency within it), optionally of one period, programme and states. */
  listRuns(
    db: Kysely<DB>,
    scope: Scope,
    filter: { period?: string; programmeCode?: string; states?: readonly ProposalState[] },
  ): Promise<RecipientRunRow[]> {
    return db
      .selectFrom('recipientRuns')
      .selectAll()
      .where(inScope(scope, 'recipient_runs'))
      .$if(!!filter.period, (q) => q.where('period', '=', filter.period!))
      .$if(!!filter.programmeCode, (q) => q.where('programmeCode', '=', filter.programmeCode!))
      .$if(!!filter.states?.length, (q) => q.where('state', 'in', [...filter.states!]))
      .orderBy('period', 'desc')
      .orderBy('programmeCode')
      .orderBy('regencyCode')
      .limit(1000)
      .execute();
  }

  async deleteCandidates(db: Kysely<DB>, runId: string): Promise<void> {
    await db.deleteFrom('recipientCandidates').where('runId', '=', runId).execute();
  }

  /**
   * Whether this handle writes candidate rows packed as COPY text (PostgreSQL): then a pass asks its
   * evaluation for them (`EvaluationSettings.copyRunIds`).
   */
  copiesCandidates(db: Kysely<DB>): boolean {
    return copiesText(db);
  }

  /**
   * Runs' rows as packed by their evaluation (`RowBatch`, each run's in household order), written without
   * row objects: packed as COPY text, the rows of all the runs in one COPY (run after run); otherwise each
   * run's values by `insertValues`.
   */
  async insertBatches(
    db: Kysely<DB>,
    runs: readonly { runId: string; batches: readonly RowBatch[] }[],
  ): Promise<void> {
    const all = runs.flatMap((r) => r.batches);
    if (all.length && all.every((b) => b.copy !== null)) {
      const texts = all.map((b) => b.copy!);
      if (await insertCopyText(db, 'recipientCandidates', ['runId', ...ROW_COLUMNS], texts)) return;
      throw new Error('recipients: rows packed as COPY text on a handle that cannot COPY');
    }
    for (const { runId, batches } of runs) {
      if (batches.some((b) => b.copy !== null))
        throw new Error('recipients: rows packed as COPY text mixed with rows packed as values');
      const values = batches.length === 1 ? batches[0]!.values : batches.flatMap((b) => b.values);
      await insertValues(db, 'recipientCandidates', { runId }, ROW_COLUMNS, values);
    }
  }

  /**
   * One page of a regency's households in the period's snapshot with their ranks — not their version
   * snapshots, which `snapshotsOf` reads (on an evaluation thread's own connection when there is one).
   *
   * PostgreSQL: one statement, no transaction of its own. Before migration 079 it ran in a read-only
   * transaction with `set local max_parallel_workers_per_gather = 0` (four statements a page): at 1,000,000
   * households the planner costed the page's look-up of each household's result by primary key high enough to
   * choose a Gather Merge with one worker — a worker process started for each of a national computation's
   * ~2,000 pages (bench/results/recipients-national.md, branch national3). Read as two index-only ranges
   * merged, the page is costed at ~100 (a parallel plan starts at `parallel_setup_cost`, 1,000), whatever the
   * regency's size, and is planned without workers (EXPLAIN at 1,000,000 households, branch national4).
   */
  snapshotPage(
    db: Kysely<DB>,
    q: { period: string; regencyCode: string; modelVersion: string },
    afterId: string | null,
    limit: number,
  ) {
    return this.snapshotPageQuery(db, q, afterId, limit).execute();
  }

  /** The query of `snapshotPage` (its plan is tested: test/medium/ranking-result-regency-index.test.ts). */
  snapshotPageQuery(
    db: Kysely<DB>,
    q: { period: string; regencyCode: string; modelVersion: string },
    afterId: string | null,
    limit: number,
  ) {
    const columns = [
      's.householdId',
      's.provinceCode',
      's.regencyCode',
      's.villageCode',
      's.version',
      'r.decileNational',
      'r.decileProvince',
      'r.decileRegency',
      'r.criteria14',
      'r.kkNumber',
      'r.headName',
    ] as const;
    const households = db
      .selectFrom('snapshotHouseholds as s')
      .where('s.period', '=', q.period)
      .where('s.regencyCode', '=', q.regencyCode)
      .$if(afterId !== null, (b) => b.where('s.householdId', '>', afterId!));
    if (this.#engine.clusteredTables) {
      // SQLite: each household's result by the primary key, which holds the row itself (WITHOUT ROWID).
      return households
        .leftJoin('rankingResults as r', (j) =>
          j
            .onRef('r.householdId', '=', 's.householdId')
            .on('r.period', '=', q.period)
            .on('r.modelVersion', '=', q.modelVersion),
        )
        .select(columns)
        .orderBy('s.householdId')
        .limit(limit);
    }
    // PostgreSQL: the regency's results from the same household on, as one range of
    // `ranking_results_regency_idx` read index-only (migration 079) and merged with the page in household
    // order — instead of one look-up by the primary key and one heap page per household. The same rows: a
    // result's regency is the one of the period's snapshot row it ranked. The subquery is ordered so that the
    // planner knows the range comes in household order (the join's own conditions on the nullable side did
    // not tell it, and it sorted the regency's whole remaining range for every page).
    const results = db
      .selectFrom('rankingResults')
      .select([
        'householdId',
        'decileNational',
        'decileProvince',
        'decileRegency',
        'criteria14',
        'kkNumber',
        'headName',
      ])
      .where('period', '=', q.period)
      .where('modelVersion', '=', q.modelVersion)
      .where('regencyCode', '=', q.regencyCode)
      .$if(afterId !== null, (b) => b.where('householdId', '>', afterId!))
      .orderBy('householdId')
      .as('r');
    return households
      .leftJoin(results, (j) => j.onRef('r.householdId', '=', 's.householdId'))
      .select(columns)
      .orderBy('s.householdId')
      .limit(limit);
  }

  /**
   * The version snapshots of these household versions (the period's, as `snapshotPage` read them), by
   * household id: straight from `record_versions` by its primary key — the page already holds each
   * household's version, so the period's snapshot row is not looked up again.
   */
  async snapshotsOf(
    db: Kysely<DB>,
    keys: readonly { householdId: string; version: number }[],
  ): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    for (const part of slices(keys, IN_LIST_MAX)) {
      const rows = this.#engine.arrayParameters
        ? await sql<{ householdId: string; snapshot: Uint8Array }>`
            select entity_id as household_id, snapshot from record_versions
            where entity_type = 'household' and (entity_id, version) in (
              select * from unnest(
                cast(${part.map((k) => k.householdId)} as uuid[]),
                cast(${part.map((k) => k.version)} as integer[])))`
            .execute(db)
            .then((r) => r.rows)
        : await db
            .selectFrom('recordVersions')
            .select(['entityId as householdId', 'snapshot'])
            .where('entityType', '=', 'household')
            .where((eb) =>
              eb(
                eb.refTuple('entityId', 'version'),
                'in',
                paddedInList(part).map((k) => eb.tuple(k.householdId, k.version)),
              ),
            )
            .execute();
      for (const r of rows) out.set(r.householdId, r.snapshot);
    }
    return out;
  }

  countSnapshot(db: Kysely<DB>, period: string, regencyCode: string): Promise<number> {
    return db
      .selectFrom('snapshotHouseholds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('period', '=', period)
      .where('regencyCode', '=', regencyCode)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  /** Outcome counts and the candidates' amount of a run. */
  async runCounts(db: Kysely<DB>, runId: string) {
    const rows = await db
      .selectFrom('recipientCandidates')
      .select((eb) => [
        'outcome',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number | string>('amount').as('amount'),
      ])
      .where('runId', '=', runId)
      .groupBy('outcome')
      .execute();
    const by = new Map(rows.map((r) => [r.outcome, r]));
    return {
      evaluated: rows.reduce((s, r) => s + Number(r.n), 0),
      candidates: Number(by.get('candidate')?.n ?? 0),
      excluded: Number(by.get('excluded')?.n ?? 0),
      amount: Number(by.get('candidate')?.amount ?? 0),
    };
  }

  /** A run's candidates in household id order, filtered by outcome and region. */
  candidates(
    db: Kysely<DB>,
    runIds: readonly string[],
    filter: { outcomes?: readonly Outcome[]; villagePrefix?: string },
    afterId: string | undefined,
    limit: number,
  ): Promise<RecipientCandidateRow[]> {
    if (!runIds.length) return Promise.resolve([]);
    return db
      .selectFrom('recipientCandidates')
      .selectAll()
      .where('runId', 'in', [...runIds])
      .$if(!!filter.outcomes?.length, (q) => q.where('outcome', 'in', [...filter.outcomes!]))
      .$if(!!filter.villagePrefix, (q) =>
        q.where((eb) =>
          eb.or([
            eb('villageCode', '=', filter.villagePrefix!),
            eb('villageCode', 'like', `${filter.villagePrefix}.%`),
          ]),
        ),
      )
      .$if(afterId !== undefined, (q) => q.where('householdId', '>', afterId!))
      .orderBy('householdId')
      .limit(limit)
      .execute();
  }

  /** What a run's checksum covers, a keyset page in household order (not the names and reasons). */
  checksumPage(db: Kysely<DB>, runId: string, afterId: string | undefined, limit: number) {
    return db
      .selectFrom('recipientCandidates')
      .select(['householdId', 'outcome', 'amount', 'codes', 'components'])
      .where('runId', '=', runId)
      .$if(afterId !== undefined, (q) => q.where('householdId', '>', afterId!))
      .orderBy('householdId')
      .limit(limit)
      .execute();
  }

  findCandidate(db: Kysely<DB>, runId: string, householdId: string) {
    return db
      .selectFrom('recipientCandidates')
      .selectAll()
      .where('runId', '=', runId)
      .where('householdId', '=', householdId)
      .executeTakeFirst();
  }

  async setOutcome(db: Kysely<DB>, runId: string, householdId: string, outcome: Outcome): Promise<void> {
    await db
      .updateTable('recipientCandidates')
      .set({ outcome, amount: 0 })
      .where('runId', '=', runId)
      .where('householdId', '=', householdId)
      .execute();
  }

  async insertDecision(db: Kysely<DB>, row: RecipientDecisionTable): Promise<void> {
    await db
      .insertInto('recipientDecisions')
      .values(row)
      .onConflict((oc) => oc.columns(['runId', 'householdId']).doNothing())
      .execute();
  }

  async decidedIneligible(db: Kysely<DB>, runId: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('recipientDecisions')
      .select('householdId')
      .where('runId', '=', runId)
      .where('decision', '=', 'ineligible')
      .execute();
    return new Set(rows.map((r) => r.householdId));
  }

  /** Copies a run's candidates into the approved recipients (once: the key refuses a second copy). */
  async approve(db: Kysely<DB>, run: RecipientRunRow, at: string): Promise<number> {
    let after: string | undefined;
    let n = 0;
    for (;;) {
      const page = await this.candidates(db, [run.id], { outcomes: ['candidate'] }, after, 2000);
      if (!page.length) break;
      const rows: RecipientTable[] = page.map((c) => ({
        period: run.period,
        programmeCode: run.programmeCode,
        householdId: c.householdId,
        runId: run.id,
        programmeVersion: run.programmeVersion,
        provinceCode: run.provinceCode,
        regencyCode: run.regencyCode,
        villageCode: c.villageCode,
        kkNumber: c.kkNumber,
        headName: c.headName,
        decile: c.decile,
        components: c.components,
        amount: c.amount,
        approvedAt: at,
      }));
      await insertRows(db, 'recipients', rows);
      n += rows.length;
      if (page.length < 2000) break;
      after = page.at(-1)!.householdId;
    }
    return n;
  }

  /** Approved recipients of a period and programme in a territory, in household id order. */
  recipients(
    db: Kysely<DB>,
    q: { period: string; programmeCode: string },
    scope: Scope,
    afterId: string | undefined,
    limit: number,
  ): Promise<RecipientRow[]> {
    return db
      .selectFrom('recipients')
      .selectAll()
      .where('period', '=', q.period)
      .where('programmeCode', '=', q.programmeCode)
      .where(inScope(scope, 'recipients'))
      .$if(afterId !== undefined, (b) => b.where('householdId', '>', afterId!))
      .orderBy('householdId')
      .limit(limit)
      .execute();
  }

  /** How many approved recipients a period and programme has in a territory. */
  async countRecipients(db: Kysely<DB>, q: { period: string; programmeCode: string }, scope: Scope) {
    const r = await db
      .selectFrom('recipients')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('period', '=', q.period)
      .where('programmeCode', '=', q.programmeCode)
      .where(inScope(scope, 'recipients'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The newest period before `period` with approved recipients of the programme in the territory. */
  async previousPeriod(
    db: Kysely<DB>,
    q: { period: string; programmeCode: string },
    scope: Scope,
  ): Promise<string | null> {
    const r = await db
      .selectFrom('recipients')
      .select((eb) => eb.fn.max('period').as('period'))
      .where('period', '<', q.period)
      .where('programmeCode', '=', q.programmeCode)
      .where(inScope(scope, 'recipients'))
      .executeTakeFirst();
    return (r?.period as string | null | undefined) ?? null;
  }

  /**
   * This period's recipients in the territory after `afterId`, in household id order, each with its amount
   * on the previous period's list (null when not on it); `only` keeps the new or the continuing ones. A
   * keyset read of at most `limit` rows: the previous list is looked up by its key per row.
   */
  async diffCurrent(
    db: Kysely<DB>,
    q: { period: string; previousPeriod: string | null; programmeCode: string },
    scope: Scope,
    only: 'new' | 'continuing' | undefined,
    afterId: string | undefined,
    limit: number,
  ): Promise<DiffSideRow[]> {
    if (q.previousPeriod === null && only === 'continuing') return [];
    const previous = q.previousPeriod;
    const rows = await db
      .selectFrom('recipients as c')
      .$if(previous !== null, (b) =>
        b.leftJoin('recipients as p', (j) =>
          j
            .on('p.period', '=', previous!)
            .onRef('p.programmeCode', '=', 'c.programmeCode')
            .onRef('p.householdId', '=', 'c.householdId')
            .on(inScope(scope, 'recipients', 'p')),
        ),
      )
      .select([
        'c.householdId',
        'c.kkNumber',
        'c.villageCode',
        'c.headName',
        'c.amount',
        previous === null
          ? sql<number | null>`null`.as('previousAmount')
          : sql<number | null>`p.amount`.as('previousAmount'),
      ])
      .where('c.period', '=', q.period)
      .where('c.programmeCode', '=', q.programmeCode)
      .where(inScope(scope, 'recipients', 'c'))
      .$if(previous !== null && only === 'new', (b) => b.where(sql<boolean>`p.household_id is null`))
      .$if(only === 'continuing', (b) => b.where(sql<boolean>`p.household_id is not null`))
      .$if(afterId !== undefined, (b) => b.where('c.householdId', '>', afterId!))
      .orderBy('c.householdId')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      amount: Number(r.amount),
      previousAmount: r.previousAmount === null ? null : Number(r.previousAmount),
    }));
  }

  /**
   * The previous period's recipients in the territory that are not on this period's list (the stopped
   * ones) after `afterId`, in household id order: a keyset read of at most `limit` rows.
   */
  async diffStopped(
    db: Kysely<DB>,
    q: { period: string; previousPeriod: string; programmeCode: string },
    scope: Scope,
    afterId: string | undefined,
    limit: number,
  ): Promise<DiffSideRow[]> {
    const rows = await db
      .selectFrom('recipients as p')
      .select(['p.householdId', 'p.kkNumber', 'p.villageCode', 'p.headName', 'p.amount'])
      .where('p.period', '=', q.previousPeriod)
      .where('p.programmeCode', '=', q.programmeCode)
      .where(inScope(scope, 'recipients', 'p'))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('recipients as c')
              .select(sql`1`.as('one'))
              .where('c.period', '=', q.period)
              .whereRef('c.programmeCode', '=', 'p.programmeCode')
              .whereRef('c.householdId', '=', 'p.householdId')
              .where(inScope(scope, 'recipients', 'c')),
          ),
        ),
      )
      .$if(afterId !== undefined, (b) => b.where('p.householdId', '>', afterId!))
      .orderBy('p.householdId')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, amount: 0, previousAmount: Number(r.amount) }));
  }

  /**
   * The counts of a whole diff by aggregate queries: this period's list, the previous one's, and the
   * households on both (new = current − both, stopped = previous − both).
   */
  async diffCounts(
    db: Kysely<DB>,
    q: { period: string; previousPeriod: string | null; programmeCode: string },
    scope: Scope,
  ): Promise<{ new: number; continuing: number; stopped: number }> {
    const count = (period: string) =>
      this.countRecipients(db, { period, programmeCode: q.programmeCode }, scope);
    const current = await count(q.period);
    if (q.previousPeriod === null) return { new: current, continuing: 0, stopped: 0 };
    const previous = await count(q.previousPeriod);
    const both = await db
      .selectFrom('recipients as c')
      .innerJoin('recipients as p', (j) =>
        j
          .on('p.period', '=', q.previousPeriod!)
          .onRef('p.programmeCode', '=', 'c.programmeCode')
          .onRef('p.householdId', '=', 'c.householdId'),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('c.period', '=', q.period)
      .where('c.programmeCode', '=', q.programmeCode)
      .where(inScope(scope, 'recipients', 'c'))
      .where(inScope(scope, 'recipients', 'p'))
      .executeTakeFirstOrThrow();
    const continuing = Number(both.n);
    return { new: current - continuing, continuing, stopped: previous - continuing };
  }

  /**
   * How these households were evaluated in the period's proposals of a programme in a (run) territory:
   * why a stopped one stopped. One row per household evaluated. Each household is looked up by keys only:
   * its regency in the period's snapshot (primary key), that regency's run of the programme (its unique
   * key), its row of the run (primary key) — no index of candidates by household (migration 069).
   */
  evaluationsIn(
    db: Kysely<DB>,
    q: { period: string; programmeCode: string },
    scope: Scope,
    householdIds: readonly string[],
  ) {
    if (!householdIds.length) return Promise.resolve([]);
    return this.evaluationsInQuery(db, q, scope, householdIds).execute();
  }

  /** The query of `evaluationsIn` (its plan is tested: keys only). */
  evaluationsInQuery(
    db: Kysely<DB>,
    q: { period: string; programmeCode: string },
    scope: Scope,
    householdIds: readonly string[],
  ) {
    return db
      .selectFrom('snapshotHouseholds as s')
      .innerJoin('recipientRuns as r', (j) =>
        j
          .onRef('r.period', '=', 's.period')
          .on('r.programmeCode', '=', q.programmeCode)
          .onRef('r.regencyCode', '=', 's.regencyCode'),
      )
      .innerJoin('recipientCandidates as c', (j) =>
        j.onRef('c.runId', '=', 'r.id').onRef('c.householdId', '=', 's.householdId'),
      )
      .select(['c.householdId', 'c.outcome', 'c.codes'])
      .where('s.period', '=', q.period)
      .where('s.householdId', 'in', [...householdIds])
      .where(inScope(scope, 'recipient_runs', 'r'));
  }

  /**
   * Approved recipients of a period in a territory, per programme, village and the programme version their
   * list was computed with (for totals by programme).
   */
  approvedTotals(db: Kysely<DB>, period: string, scope: Scope) {
    return db
      .selectFrom('recipients')
      .select((eb) => [
        'programmeCode',
        'villageCode',
        'programmeVersion',
        eb.fn.countAll<number>().as('households'),
        eb.fn.sum<number | string>('amount').as('amount'),
      ])
      .where('period', '=', period)
      .where(inScope(scope, 'recipients'))
      .groupBy(['programmeCode', 'villageCode', 'programmeVersion'])
      .execute();
  }

  /** Of these households, the ones on their regency's newest approved list of a programme, with its period. */
  receivingNow(db: Kysely<DB>, householdIds: string[]) {
    // One household (every found NIK check): compiled once, a hot path of the public check.
    if (householdIds.length === 1) return receivingNowOfOne(db, householdIds[0]!);
    return receivingNowQuery(db)
      .select(['recipients.householdId', 'recipients.programmeCode', 'recipients.period'])
      .where('recipients.householdId', 'in', householdIds)
      .execute();
  }

  /**
   * Public statistics' cells: per programme, households and amount per regency (nation-wide) or per village
   * (one regency), on the newest approved lists (`period` null) or on one period's approved lists.
   */
  programmeCells(db: Kysely<DB>, period: string | null, regency: string | null) {
    const unit = regency === null ? ('recipients.regencyCode' as const) : ('recipients.villageCode' as const);
    const base =
      period === null
        ? receivingNowQuery(db)
        : db.selectFrom('recipients').where('recipients.period', '=', period);
    return base
      .select((eb) => [
        'recipients.programmeCode',
        eb.ref(unit).as('unit'),
        eb.fn.max<string>('recipients.period').as('period'),
        eb.fn.countAll<number>().as('households'),
        eb.fn.sum<number | string>('recipients.amount').as('amount'),
      ])
      .$if(regency !== null, (q) => q.where('recipients.regencyCode', '=', regency!))
      .groupBy(['recipients.programmeCode', unit])
      .execute();
  }

  /**
   * Public statistics' kecamatan aggregates: per programme, regency and kecamatan (PP.RR.DD) of the whole
   * nation, its households and its largest village's, and its regency's list period, on the newest approved
   * lists (`period` null) or on one period's approved lists (a kecamatan whose villages all count 1 has its
   * total hidden on every page: `hiddenFromBelow`).
   */
  programmeKecamatanCells(db: Kysely<DB>, period: string | null) {
    const base =
      period === null
        ? receivingNowQuery(db)
        : db.selectFrom('recipients').where('recipients.period', '=', period);
    const villages = base
      .select((eb) => [
        'recipients.programmeCode',
        'recipients.regencyCode',
        'recipients.villageCode',
        eb.fn.max<string>('recipients.period').as('period'),
        eb.fn.countAll<number>().as('households'),
      ])
      .groupBy(['recipients.programmeCode', 'recipients.regencyCode', 'recipients.villageCode'])
      .as('v');
    const kecamatan = sql<string>`substr(${sql.ref('v.villageCode')}, 1, 8)`;
    return db
      .selectFrom(villages)
      .select((eb) => [
        'v.programmeCode',
        'v.regencyCode',
        kecamatan.as('kecamatanCode'),
        eb.fn.max<string>('v.period').as('period'),
        eb.fn.sum<number | string>('v.households').as('households'),
        eb.fn.max<number | string>('v.households').as('largestVillage'),
      ])
      .groupBy(['v.programmeCode', 'v.regencyCode', kecamatan])
      .execute();
  }

  /** A household's approved programmes, period by period (newest first). */
  /** Where a household lives now (its village decides who may read it). */
  householdPlace(db: Kysely<DB>, householdId: string) {
    return db
      .selectFrom('households')
      .select(['id', 'villageCode'])
      .where('id', '=', householdId)
      .executeTakeFirst();
  }

  householdRecipients(db: Kysely<DB>, householdId: string) {
    return db
      .selectFrom('recipients')
      .selectAll()
      .where('householdId', '=', householdId)
      .orderBy('period', 'desc')
      .orderBy('programmeCode')
      .limit(500)
      .execute();
  }

  /**
   * A household's evaluations in runs, newest period first, with the run's programme and state. A run
   * evaluates its regency's households of its period's snapshot, so each determined period's snapshot row
   * names the regency whose runs can hold the household then — the regency it lived in that month, which
   * need not be today's (a household that moved keeps its history). Snapshot row, runs and candidate row are
   * each found by key (`snapshot_households_pk`, `recipient_runs_regency_idx`, the candidates' primary key):
   * no index of candidates by household (migration 069).
   */
  householdEvaluations(db: Kysely<DB>, householdId: string) {
    return this.householdEvaluationsQuery(db, householdId).execute();
  }

  /** The query of `householdEvaluations` (its plan is tested: keys only). */
  householdEvaluationsQuery(db: Kysely<DB>, householdId: string) {
    return db
      .selectFrom('snapshotHouseholds as s')
      .innerJoin('recipientRuns as r', (j) =>
        j.onRef('r.regencyCode', '=', 's.regencyCode').onRef('r.period', '=', 's.period'),
      )
      .innerJoin('recipientCandidates as c', (j) =>
        j.onRef('c.runId', '=', 'r.id').onRef('c.householdId', '=', 's.householdId'),
      )
      .where('s.period', 'in', (eb) => eb.selectFrom('periods').select('period'))
      .where('s.householdId', '=', householdId)
      .select([
        'r.period',
        'r.programmeCode',
        'r.programmeVersion',
        'r.state',
        'c.outcome',
        'c.codes',
        'c.components',
        'c.amount',
        'c.yearlyAmount',
        'c.decile',
        'c.reasons',
      ])
      .orderBy('r.period', 'desc')
      .orderBy('r.programmeCode')
      .limit(500);
  }
}
