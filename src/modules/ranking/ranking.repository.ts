/** The only SQL of ranking: models, runs, results, and the period snapshot pages a run reads. */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { insertRows, refreshStatistics } from '../../db/bulk-insert.ts';
import type { DbEngine } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type {
  DB,
  RankingModelRow,
  RankingModelTable,
  RankingResultRow,
  RankingResultTable,
  RankingRunRow,
} from '../../db/schema/index.ts';

export type DecileScope = 'national' | 'province' | 'regency';

/** Consecutive households of a period's snapshot: after `after`, up to and including `until` (null: open). */
export interface SnapshotRange {
  after: string | null;
  until: string | null;
  count: number;
}

/**
 * A household's result in a finished run of a period, with the version snapshot that was scored and the
 * household's CURRENT village: the run (its model version) chosen by a scalar subquery (evaluated once), then
 * three primary-key look-ups, in one statement prepared once (the household ranking API is a hot read).
 * Joined with the runs instead, SQLite's planner may walk the whole period's results.
 *
 * `villageCode` is the household's village now (`households`), not the one stored in the result (where it
 * lived when the period was ranked): the territory check reads it, so after a move the old village's
 * operator gets the 404 of an absent household, as from the household read, and the new village's the
 * answer.
 */
const resultsOfRun = (
  db: Kysely<DB>,
  period: string,
  run: SelectQueryBuilder<DB, 'rankingRuns', { modelVersion: string }>,
) =>
  db
    .selectFrom('rankingResults as r')
    .innerJoin('households as h', 'h.id', 'r.householdId')
    .leftJoin('recordVersions as v', (j) =>
      j
        .onRef('v.entityId', '=', 'r.householdId')
        .onRef('v.version', '=', 'r.householdVersion')
        .on('v.entityType', '=', 'household'),
    )
    .select([
      'r.householdId',
      'r.modelVersion',
      'h.villageCode',
      'r.score',
      'r.decileNational',
      'r.decileProvince',
      'r.decileRegency',
      'r.criteria14',
      'v.snapshot',
    ])
    .where('r.period', '=', period)
    .where('r.modelVersion', '=', run);

/** The newest finished run of the period (the answer by default). */
const newestResultsOf = (db: Kysely<DB>, period: string) =>
  resultsOfRun(
    db,
    period,
    db
      .selectFrom('rankingRuns')
      .select('modelVersion')
      .where('period', '=', period)
      .where('state', '=', 'done')
      .orderBy('finishedAt', 'desc')
      .orderBy('modelVersion', 'desc')
      .limit(1),
  );

/** The run of one model version, when it finished (a past ranking of the period, `?model=`). */
const resultOfModelQuery = preparedQuery((db, period: string, modelVersion: string, householdId: string) =>
  resultsOfRun(
    db,
    period,
    db
      .selectFrom('rankingRuns')
      .select('modelVersion')
      .where('period', '=', period)
      .where('modelVersion', '=', modelVersion)
      .where('state', '=', 'done'),
  ).where('r.householdId', '=', householdId),
);

const newestResultQuery = preparedQuery((db, period: string, householdId: string) =>
  newestResultsOf(db, period).where('r.householdId', '=', householdId),
);

/** The same for several households at once, as one statement (PostgreSQL: `= any($2)`, a uuid array). */
const newestResultsQuery = preparedQuery((db, period: string, householdIds: readonly string[]) =>
  newestResultsOf(db, period).where('r.householdId', '=', sql<string>`any(${householdIds})`),
);

export type NewestResult = NonNullable<Awaited<ReturnType<typeof newestResultQuery>>[number]>;

export class RankingRepository {
  readonly #engine: DbEngine;

  constructor(engine: DbEngine) {
    this.#engine = engine;
  }

  /**
   * Fresh planner statistics after a run's rows were written (where the engine needs it): without them
   * PostgreSQL plans the next reads of the results (a regency's proposal joins them page by page) for the
   * handful of rows it last counted — at 1,000,000 results a merge join sorting them all, ~3 s a page.
   */
  async refreshStatistics(db: Kysely<DB>): Promise<void> {
    await refreshStatistics(db, this.#engine, 'ranking_results');
  }

  listModels(db: Kysely<DB>): Promise<RankingModelRow[]> {
    return db.selectFrom('rankingModels').selectAll().orderBy('createdAt', 'desc').execute();
  }

  findModel(db: Kysely<DB>, version: string): Promise<RankingModelRow | undefined> {
    return db.selectFrom('rankingModels').selectAll().where('version', '=', version).executeTakeFirst();
  }

  latestPublished(db: Kysely<DB>): Promise<RankingModelRow | undefined> {
    return db
      .selectFrom('rankingModels')
      .selectAll()
      .where('state', '=', 'published')
      .orderBy('publishedAt', 'desc')
      .orderBy('version', 'desc')
      .executeTakeFirst();
  }

  async insertModel(db: Kysely<DB>, row: RankingModelTable): Promise<void> {
    await db.insertInto('rankingModels').values(row).execute();
  }

  async publish(db: Kysely<DB>, version: string, at: string, by: string | null): Promise<boolean> {
    const r = await db
      .updateTable('rankingModels')
      .set({ state: 'published', publishedAt: at, publishedBy: by })
      .where('version', '=', version)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  findRun(db: Kysely<DB>, period: string, modelVersion: string): Promise<RankingRunRow | undefined> {
    return db
      .selectFrom('rankingRuns')
      .selectAll()
      .where('period', '=', period)
      .where('modelVersion', '=', modelVersion)
      .executeTakeFirst();
  }

  async startRun(db: Kysely<DB>, period: string, modelVersion: string, at: string): Promise<void> {
    await db
      .insertInto('rankingRuns')
      .values({
        period,
        modelVersion,
        state: 'running',
        households: null,
        checksum: null,
        startedAt: at,
        finishedAt: null,
      })
      .onConflict((oc) => oc.columns(['period', 'modelVersion']).doNothing())
      .execute();
  }

  async finishRun(
    db: Kysely<DB>,
    run: { period: string; modelVersion: string; households: number; checksum: string; at: string },
  ): Promise<void> {
    await db
      .updateTable('rankingRuns')
      .set({ state: 'done', households: run.households, checksum: run.checksum, finishedAt: run.at })
      .where('period', '=', run.period)
      .where('modelVersion', '=', run.modelVersion)
      .execute();
  }

  countSnapshot(db: Kysely<DB>, period: string): Promise<number> {
    return db
      .selectFrom('snapshotHouseholds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('period', '=', period)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  /** How many transactions writing results may be open at once: `wanted`, or 1 where they take turns. */
  writers(wanted: number): number {
    return this.#engine.parallelConnections ? wanted : 1;
  }

  /**
   * A period's snapshot cut into `parts` consecutive household id ranges of (nearly) equal size, to be read
   * side by side (`snapshotPage` with the range's bounds) — one range where the engine's reads take turns
   * anyway (SQLite). Each range: after `after` (null: from the first), up to and including `until` (null: to
   * the last), `count` households. A determined period's snapshot never changes, so the counts hold.
   */
  async snapshotRanges(
    db: Kysely<DB>,
    period: string,
    total: number,
    parts: number,
  ): Promise<SnapshotRange[]> {
    const n = this.#engine.parallelConnections ? Math.max(1, Math.min(parts, Math.floor(total / 1000))) : 1;
    const bounds: string[] = [];
    for (let k = 1; k < n; k++) {
      const row = await db
        .selectFrom('snapshotHouseholds')
        .select('householdId')
        .where('period', '=', period)
        .orderBy('householdId')
        .offset(Math.floor((total * k) / n) - 1)
        .limit(1)
        .executeTakeFirstOrThrow();
      bounds.push(row.householdId);
    }
    return Array.from({ length: n }, (_, k) => ({
      after: k === 0 ? null : bounds[k - 1]!,
      until: k === n - 1 ? null : bounds[k]!,
      count: Math.floor((total * (k + 1)) / n) - Math.floor((total * k) / n),
    }));
  }

  /**
   * One page of a period's snapshot in household id order, with the version snapshot that was determined:
   * after `afterId`, up to and including `untilId` (null: no bound). The bounds are stated on both sides of
   * the join: PostgreSQL merge-joins the page against `record_versions_pk`, and with the bound on the
   * snapshot side only it walked that index (and its rows) from the first household up to the page on every
   * page — quadratic, ~70 s of a 1,000,000-household rank instead of a few.
   */
  snapshotPage(
    db: Kysely<DB>,
    period: string,
    afterId: string | null,
    limit: number,
    untilId: string | null = null,
  ) {
    return db
      .selectFrom('snapshotHouseholds as s')
      .innerJoin('recordVersions as v', (j) =>
        j
          .onRef('v.entityId', '=', 's.householdId')
          .onRef('v.version', '=', 's.version')
          .on('v.entityType', '=', 'household'),
      )
      .select([
        's.householdId',
        's.version',
        's.provinceCode',
        's.regencyCode',
        's.villageCode',
        'v.snapshot',
      ])
      .where('s.period', '=', period)
      .$if(afterId !== null, (b) =>
        b.where('s.householdId', '>', afterId!).where('v.entityId', '>', afterId!),
      )
      .$if(untilId !== null, (b) =>
        b.where('s.householdId', '<=', untilId!).where('v.entityId', '<=', untilId!),
      )
      .orderBy('s.householdId')
      .limit(limit)
      .execute();
  }

  insertResults(db: Kysely<DB>, rows: RankingResultTable[]): Promise<void> {
    return insertRows(db, 'rankingResults', rows);
  }

  /** Every result of a run (the rows of an attempt that stopped before writing its first page). */
  async deleteResults(db: Kysely<DB>, period: string, modelVersion: string): Promise<void> {
    await db
      .deleteFrom('rankingResults')
      .where('period', '=', period)
      .where('modelVersion', '=', modelVersion)
      .execute();
  }

  result(
    db: Kysely<DB>,
    period: string,
    modelVersion: string,
    householdId: string,
  ): Promise<RankingResultRow | undefined> {
    return db
      .selectFrom('rankingResults')
      .selectAll()
      .where('period', '=', period)
      .where('modelVersion', '=', modelVersion)
      .where('householdId', '=', householdId)
      .executeTakeFirst();
  }

  /** A household's result in the newest finished run of the period (see newestResultsOf). */
  async newestResult(db: Kysely<DB>, period: string, householdId: string): Promise<NewestResult | undefined> {
    const [row] = await newestResultQuery(db, period, householdId);
    return row;
  }

  /**
   * A household's result in the period's finished run of `modelVersion` (see resultsOfRun); nothing when
   * that model did not rank the period or its run has not finished.
   */
  async resultOfModel(
    db: Kysely<DB>,
    period: string,
    modelVersion: string,
    householdId: string,
  ): Promise<NewestResult | undefined> {
    const [row] = await resultOfModelQuery(db, period, modelVersion, householdId);
    return row;
  }

  /** The finished runs of one period, newest first (the first is the one a household answer reads by default). */
  finishedRunsOf(
    db: Kysely<DB>,
    period: string,
  ): Promise<
    { modelVersion: string; households: number | null; checksum: string | null; finishedAt: string | null }[]
  > {
    return db
      .selectFrom('rankingRuns')
      .select(['modelVersion', 'households', 'checksum', 'finishedAt'])
      .where('period', '=', period)
      .where('state', '=', 'done')
      .orderBy('finishedAt', 'desc')
      .orderBy('modelVersion', 'desc')
      .execute();
  }

  /**
   * Whether concurrent `newestResult` look-ups are worth gathering into one `newestResults` statement: where
   * each statement is a round trip (PostgreSQL), not a call in the process (SQLite).
   */
  get groupsLookups(): boolean {
    return this.#engine.roundTrips;
  }

  /**
   * The results of several households (distinct record ids, lower case as `isRecordId` requires) in the
   * newest finished run of the period, by household id; households without one are left out. One statement:
   * only where look-ups are gathered (`groupsLookups`, PostgreSQL — the uuid array is its parameter).
   */
  async newestResults(
    db: Kysely<DB>,
    period: string,
    householdIds: readonly string[],
  ): Promise<Map<string, NewestResult>> {
    const rows = await newestResultsQuery(db, period, householdIds);
    return new Map(rows.map((r) => [r.householdId, r]));
  }

  /**
   * Finished runs, newest period first (per period the newest run first), at most `limit` of them: the
   * first is the latest ranking, whose deciles DCI queries read; analytics pairs each period's first.
   */
  finishedRuns(db: Kysely<DB>, limit?: number): Promise<{ period: string; modelVersion: string }[]> {
    const runs = db
      .selectFrom('rankingRuns')
      .select(['period', 'modelVersion'])
      .where('state', '=', 'done')
      .orderBy('period', 'desc')
      .orderBy('finishedAt', 'desc')
      .orderBy('modelVersion', 'desc');
    return (limit === undefined ? runs : runs.limit(limit)).execute();
  }

  periodState(db: Kysely<DB>, period: string) {
    return db.selectFrom('periods').select(['state']).where('period', '=', period).executeTakeFirst();
  }

  latestDeterminedPeriod(db: Kysely<DB>) {
    return db
      .selectFrom('periods')
      .select('period')
      .where('state', '=', 'determined')
      .orderBy('period', 'desc')
      .executeTakeFirst();
  }
}
