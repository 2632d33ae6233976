/**
 * Ranking: PMT models as immutable versioned documents (upload → check → publish) and the ranking of a
 * determined period (a job) into scores, BPS criteria counts and deciles per household, read back with each
 * variable's contribution. A period's result never changes: running it again with the same model answers the
 * stored run; another model version makes another result.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GroupedRead } from '../../db/grouped-read.ts';
import type { DB, RankingModelRow, RankingResultTable } from '../../db/schema/index.ts';
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import { label } from '../../domain/catalogue.ts';
import { checkPeriod } from '../../domain/cycle/period.ts';
import { AppError, issue, notFound, validationError } from '../../domain/errors.ts';
import { criteria14 } from '../../domain/ranking/criteria14.ts';
import { concentration, decilesByGroup } from '../../domain/ranking/deciles.ts';
import { readValue } from '../../domain/ranking/explain.ts';
import type { RankedHousehold } from '../../domain/ranking/household-input.ts';
import { checkModel, type RankingModel, RankingModelDocument } from '../../domain/ranking/model.ts';
import { scoreHousehold } from '../../domain/ranking/score.ts';
import { issuesFromZod } from '../../http/problem.ts';
import { nowIso } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { findWithin } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { JobContext } from '../jobs/jobs.service.ts';
import type { DecileScope, NewestResult, RankingRepository, SnapshotRange } from './ranking.repository.ts';
import { modelCheckSample, SAMPLE_AS_OF } from './ranking.sample.ts';
import type {
  HouseholdRanking,
  RankingModelSummary,
  RankingRunList,
  RankSummary,
} from './ranking.schemas.ts';
import { inThreadScorer, PARALLEL_MIN, workerScorer } from './ranking.scoring.ts';

const HOUSEHOLD = label('record.household');
const MODEL = label('record.ranking_model');
/** Households read (and scored) per snapshot page. */
const READ_PAGE = 2000;
/** Key ranges of the snapshot read side by side where the engine allows it (SnapshotRange). */
const READERS = 2;
/** Result rows written per transaction (and per checkpoint). */
const WRITE_PAGE = 5000;
/** Result pages written at once, each in its own transaction, where the engine allows it. */
const WRITERS = 2;
/** Scoring progress is reported (and a cancellation noticed) about this often. */
const PROGRESS_EVERY = 20_000;

/** A period's households scored in memory, in household id order (index i = the i-th household). */
interface ScoredPeriod {
  n: number;
  ids: string[];
  version: Int32Array;
  scores: Float64Array;
  criteria: Uint8Array;
  /** Each household's KK number and head's name (`identityOf`), written with its result. */
  kkNumbers: string[];
  headNames: string[];
  /** Indexes into `places`. */
  village: Uint32Array;
  province: Uint32Array;
  regency: Uint32Array;
  places: { villages: string[]; provinces: string[]; regencies: string[] };
}

/** What a run needs of a job: progress and a resumable checkpoint (a plain run passes a no-op). */
export type RunContext = Pick<JobContext<unknown>, 'resume' | 'checkpoint'>;

export function assertMayRank(actor: Actor): void {
  requirePermission(actor, 'ranking.manage');
}

/** Ages are counted to the last day of the period ranked. */
export function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

export class RankingService {
  readonly #deps: { db: Kysely<DB>; repo: RankingRepository; audit: AuditService };
  readonly #models = new Map<string, RankingModel>();
  /** Where look-ups are round trips: a household's newest result read with the look-ups that arrive together. */
  readonly #newestResults: GroupedRead<NewestResult> | null;

  constructor(deps: { db: Kysely<DB>; repo: RankingRepository; audit: AuditService }) {
    this.#deps = deps;
    this.#newestResults = deps.repo.groupsLookups
      ? new GroupedRead((period, ids) => deps.repo.newestResults(deps.db, period, ids))
      : null;
  }

  async listModels(actor: Actor): Promise<{ items: RankingModelSummary[] }> {
    requirePermission(actor, 'registry.read');
    const { db, repo } = this.#deps;
    return { items: (await repo.listModels(db)).map(summaryOf) };
  }

  /**
   * Checks and stores a model document as a draft. Anything wrong is refused with its path in the document
   * and nothing is stored; the model is tried on the fixed sample and flagged when it lumps households together.
   */
  async uploadModel(actor: Actor, document: unknown): Promise<RankingModelSummary> {
    requirePermission(actor, 'ranking.manage');
    const { db, repo, audit } = this.#deps;
    const parsed = RankingModelDocument.safeParse(document);
    if (!parsed.success) throw validationError(issuesFromZod(parsed.error.issues));
    const issues = checkModel(parsed.data);
    if (issues.length) throw validationError(issues);
    const model = parsed.data;
    const scores = modelCheckSample().map((h) => scoreHousehold(model, h, SAMPLE_AS_OF).score);
    const spread = concentration(scores);
    return db.transaction().execute(async (trx) => {
      if (await repo.findModel(trx, model.version)) {
        throw new AppError('conflict', 'ranking.model_exists', { version: model.version });
      }
      const row = {
        version: model.version,
        document: JSON.stringify(model),
        state: 'draft' as const,
        largestShare: spread.largestShare,
        flagged: spread.flagged ? 1 : 0,
        createdAt: nowIso(),
        createdBy: actor.userId,
        publishedAt: null,
        publishedBy: null,
      };
      await repo.insertModel(trx, row);
      await audit.record(trx, actor, {
        action: 'ranking_model.upload',
        entityType: 'ranking_model',
        entityId: model.version,
        details: { variables: model.variables.length, concentration: spread },
      });
      return summaryOf(row);
    });
  }

  async publishModel(
    actor: Actor,
    version: string,
    opts: { confirmConcentration?: boolean } = {},
  ): Promise<RankingModelSummary> {
    requirePermission(actor, 'ranking.manage');
    const { db, repo, audit } = this.#deps;
    return db.transaction().execute(async (trx) => {
      const row = await repo.findModel(trx, version);
      if (!row) throw notFound(MODEL);
      if (row.state === 'published') {
        throw new AppError(
          'conflict',
          'ranking.already_published',
          { version },
          { extra: { currentState: row.state } },
        );
      }
      if (row.flagged && !opts.confirmConcentration) {
        throw new AppError(
          'conflict',
          'ranking.concentrated',
          { share: Math.round(row.largestShare * 100) },
          { extra: { largestShare: row.largestShare } },
        );
      }
      const at = nowIso();
      await repo.publish(trx, version, at, actor.userId);
      await audit.record(trx, actor, {
        action: 'ranking_model.publish',
        entityType: 'ranking_model',
        entityId: version,
        details: { confirmedConcentration: Boolean(row.flagged) },
      });
      return summaryOf({ ...row, state: 'published', publishedAt: at, publishedBy: actor.userId });
    });
  }

  /**
   * Ranks a determined period with a published model (default: the latest published): reads its snapshot
   * page by page and scores every household in memory (#scoreAll), cuts the deciles from the sorted scores
   * (national, per province, per regency), then writes each result row once, complete, in pages committed
   * with their checkpoint; a job taken over resumes scoring from the start (deterministic) and writing after
   * the last committed page. The checksum is taken over the same numbers. A finished run is answered as it
   * stands.
   */
  async rank(
    actor: Actor,
    input: { period: string; model?: string },
    ctx?: RunContext,
  ): Promise<RankSummary> {
    assertMayRank(actor);
    const { db, repo, audit } = this.#deps;
    const issues = checkPeriod(input.period);
    if (issues.length) throw validationError(issues);
    const period = input.period;
    if ((await repo.periodState(db, period))?.state !== 'determined') {
      throw validationError([issue('period', 'ranking.not_determined', { period })]);
    }
    const modelRow = input.model ? await repo.findModel(db, input.model) : await repo.latestPublished(db);
    if (!modelRow) {
      if (input.model) throw notFound(MODEL);
      throw new AppError('conflict', 'ranking.no_published_model');
    }
    if (modelRow.state !== 'published') throw notFound(MODEL);
    const model = this.#model(modelRow);
    const done = await repo.findRun(db, period, model.version);
    if (done?.state === 'done') {
      return { period, modelVersion: model.version, households: done.households!, checksum: done.checksum! };
    }
    await repo.startRun(db, period, model.version, nowIso());
    const run = ctx ?? { resume: null, checkpoint: async () => {} };
    const written = (run.resume as { written?: string } | null)?.written ?? null;
    // Rows of an attempt that stopped before its first written page (or of an older layout of the job).
    if (written === null) await repo.deleteResults(db, period, model.version);
    const total = await repo.countSnapshot(db, period);
    const scored = await this.#scoreAll(period, model, total, run);
    await run.checkpoint({ phase: 'deciles', done: 0, total: scored.n });
    const deciles = {
      national: decilesByGroup(scored.scores, null),
      province: decilesByGroup(scored.scores, scored.province),
      regency: decilesByGroup(scored.scores, scored.regency),
    };
    const checksum = this.#checksumOf(scored, deciles);
    let from = written === null ? 0 : scored.ids.indexOf(written) + 1;
    if (written !== null && from === 0) throw new Error(`ranking ${period}: resume after unknown household`);
    // Up to WRITERS pages in flight, each in its own transaction (PostgreSQL: on its own connection, so the
    // server inserts two pages at once); a page's checkpoint is written, and its transaction committed, only
    // once the page before it has committed, so the committed pages are always the ones before the
    // checkpoint's household, whatever moment the process dies.
    const writers = repo.writers(WRITERS);
    const inFlight: Promise<void>[] = [];
    let previous: Promise<void> = Promise.resolve();
    while (from < scored.n) {
      const to = Math.min(scored.n, from + WRITE_PAGE);
      const rows: RankingResultTable[] = [];
      for (let i = from; i < to; i++) {
        const v = scored.village[i]!;
        rows.push({
          period,
          modelVersion: model.version,
          householdId: scored.ids[i]!,
          provinceCode: scored.places.provinces[scored.province[i]!]!,
          regencyCode: scored.places.regencies[scored.regency[i]!]!,
          villageCode: scored.places.villages[v]!,
          householdVersion: scored.version[i]!,
          score: scored.scores[i]!,
          criteria14: scored.criteria[i]!,
          decileNational: deciles.national[i]!,
          decileProvince: deciles.province[i]!,
          decileRegency: deciles.regency[i]!,
          kkNumber: scored.kkNumbers[i]!,
          headName: scored.headNames[i]!,
        });
      }
      const last = scored.ids[to - 1]!;
      const before = previous;
      const page = db.transaction().execute(async (trx) => {
        await repo.insertResults(trx, rows);
        await before;
        await run.checkpoint({ phase: 'deciles', done: to, total: scored.n }, { written: last }, trx);
      });
      // A failed page fails the pages after it (they await it) and the run (awaited below); marked handled
      // here so it is not reported as unhandled while an earlier page is still awaited.
      page.catch(() => {});
      previous = page;
      inFlight.push(page);
      if (inFlight.length >= writers) await settledFirst(inFlight);
      from = to;
    }
    while (inFlight.length) await settledFirst(inFlight);
    const households = scored.n;
    await repo.refreshStatistics(db);
    await db.transaction().execute(async (trx) => {
      await repo.finishRun(trx, {
        period,
        modelVersion: model.version,
        households,
        checksum,
        at: nowIso(),
      });
      await audit.record(trx, actor, {
        action: 'ranking.rank',
        entityType: 'period',
        entityId: period,
        details: { modelVersion: model.version, households, checksum },
      });
    });
    return { period, modelVersion: model.version, households, checksum };
  }

  /** The newest determined period (the one a demo or an operator ranks by default), or null. */
  async latestDeterminedPeriod(): Promise<string | null> {
    const { db, repo } = this.#deps;
    return (await repo.latestDeterminedPeriod(db))?.period ?? null;
  }

  /**
   * The finished ranking runs of a period, newest first: which model versions ranked it (a household's answer
   * reads the first by default, any of them with `model`). Not personal data: a run covers the whole
   * period's snapshot, whose national count every reader of the registry sees on the periods list.
   */
  async rankingRuns(actor: Actor, period: string): Promise<RankingRunList> {
    requirePermission(actor, 'registry.read');
    const issues = checkPeriod(period);
    if (issues.length) throw validationError(issues);
    const { db, repo } = this.#deps;
    const runs = await repo.finishedRunsOf(db, period);
    return {
      period,
      items: runs.map((r) => ({
        modelVersion: r.modelVersion,
        households: r.households ?? 0,
        checksum: r.checksum ?? '',
        finishedAt: r.finishedAt ?? '',
      })),
    };
  }

  /**
   * A household's ranking in a period, explained variable by variable: the period's newest finished run, or
   * the finished run of `modelVersion` (a past result, as it was). 404 as for the household, also when that model
   * did not rank the period. A past run is read alone, not gathered: it is an explicit choice on the panel,
   * rare beside the newest run's reads.
   */
  async householdRanking(
    actor: Actor,
    id: string,
    period: string,
    modelVersion?: string,
  ): Promise<HouseholdRanking> {
    requirePermission(actor, 'registry.read');
    const { db, repo, audit } = this.#deps;
    const row = await findWithin(actor, id, HOUSEHOLD, (hid) =>
      modelVersion !== undefined
        ? repo.resultOfModel(db, period, modelVersion, hid)
        : this.#newestResults
          ? this.#newestResults.read(period, hid)
          : repo.newestResult(db, period, hid),
    );
    const model = await this.#modelByVersion(row.modelVersion);
    if (!row.snapshot || !model) throw notFound(HOUSEHOLD);
    const h = decodeSnapshot<RankedHousehold>(row.snapshot);
    const scored = scoreHousehold(model, h, periodEnd(period));
    const criteria = criteria14(h);
    await audit.recordRead(actor, {
      action: 'household.ranking',
      entityType: 'household',
      entityId: id,
      regionCode: row.villageCode,
      details: { period, modelVersion: row.modelVersion },
    });
    return {
      period,
      modelVersion: row.modelVersion,
      score: row.score,
      decile: { national: row.decileNational!, province: row.decileProvince!, regency: row.decileRegency! },
      criteria14: row.criteria14,
      criteriaMet: criteria.met,
      criteriaUnknown: criteria.unknown,
      contributions: scored.contributions.map((c, i) => ({
        ...c,
        ...readValue(model.variables[i]!.source, c.value),
      })),
    };
  }

  /**
   * Scores every household of the period's snapshot into memory, in household id order: the snapshot is
   * read in keyset pages of its needed columns while the scorer threads score the page before (pipelined).
   * Where the engine reads on several connections at once (PostgreSQL) the period is cut into READERS key
   * ranges read side by side, each filling its own part of the arrays: the database then answers on more
   * than one CPU while the scorers work. A nation is ~1 M households: ids, codes as small indexes into the
   * distinct regions, scores and counts in typed arrays — about 100 MiB, not a row object per household.
   */
  async #scoreAll(
    period: string,
    model: RankingModel,
    total: number,
    run: RunContext,
  ): Promise<ScoredPeriod> {
    const { db, repo } = this.#deps;
    const asOf = periodEnd(period);
    const out: ScoredPeriod = {
      n: 0,
      ids: new Array<string>(total),
      version: new Int32Array(total),
      scores: new Float64Array(total),
      criteria: new Uint8Array(total),
      kkNumbers: new Array<string>(total),
      headNames: new Array<string>(total),
      village: new Uint32Array(total),
      province: new Uint32Array(total),
      regency: new Uint32Array(total),
      places: { villages: [], provinces: [], regencies: [] },
    };
    const index = {
      villages: new Map<string, number>(),
      provinces: new Map<string, number>(),
      regencies: new Map<string, number>(),
    };
    const intern = (kind: keyof typeof index, code: string) => {
      let k = index[kind].get(code);
      if (k === undefined) {
        k = out.places[kind].push(code) - 1;
        index[kind].set(code, k);
      }
      return k;
    };
    let lastReport = 0;
    let reporting: Promise<void> = Promise.resolve();
    /** Progress every PROGRESS_EVERY households (one checkpoint at a time, whichever range crossed it). */
    const progress = async () => {
      if (out.n - lastReport < PROGRESS_EVERY && out.n < total) return;
      lastReport = out.n;
      const done = out.n;
      reporting = reporting.then(() => run.checkpoint({ phase: 'score', done, total }));
      await reporting;
    };
    const scorer = total >= PARALLEL_MIN ? workerScorer(model, asOf) : inThreadScorer(model, asOf);
    /** Reads, scores and places the households of one range, from index `start` of the arrays. */
    const readRange = async (range: SnapshotRange, start: number) => {
      const read = (afterId: string | null) => repo.snapshotPage(db, period, afterId, READ_PAGE, range.until);
      let at = start;
      const end = start + range.count;
      let page = await read(range.after);
      let scoring = page.length ? scorer.score(page.map((s) => s.snapshot)) : null;
      while (page.length && scoring) {
        const next = page.length === READ_PAGE ? await read(page.at(-1)!.householdId) : [];
        const nextScoring = next.length ? scorer.score(next.map((s) => s.snapshot)) : null;
        const { scores, criteria, kkNumbers, headNames } = await scoring;
        if (at + page.length > end) throw new Error(`ranking ${period}: the snapshot grew while read`);
        page.forEach((s, j) => {
          const i = at + j;
          out.ids[i] = s.householdId;
          out.version[i] = s.version;
          out.scores[i] = scores[j]!;
          out.criteria[i] = criteria[j]!;
          out.kkNumbers[i] = kkNumbers[j]!;
          out.headNames[i] = headNames[j]!;
          out.village[i] = intern('villages', s.villageCode);
          out.province[i] = intern('provinces', s.provinceCode);
          out.regency[i] = intern('regencies', s.regencyCode);
        });
        at += page.length;
        out.n += page.length;
        await progress();
        page = next;
        scoring = nextScoring;
      }
      if (at !== end)
        throw new Error(`ranking ${period}: read ${at - start} of ${range.count} households of a range`);
    };
    try {
      const ranges = await repo.snapshotRanges(db, period, total, READERS);
      let start = 0;
      const reads = ranges.map((range) => {
        const from = start;
        start += range.count;
        return readRange(range, from);
      });
      // Every range settles before the scorer closes (one failing must not close it under the others).
      const settled = await Promise.allSettled(reads);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      await scorer.close();
    }
    if (out.n !== total) throw new Error(`ranking ${period}: read ${out.n} of ${total} households`);
    return out;
  }

  /** SHA-256 over `id:score:criteria:national:province:regency` lines in household id order. */
  #checksumOf(r: ScoredPeriod, d: Record<DecileScope, Uint8Array>): string {
    const hash = createHash('sha256');
    for (let i = 0; i < r.n; i++) {
      hash.update(
        `${r.ids[i]}:${r.scores[i]}:${r.criteria[i]}:${d.national[i]}:${d.province[i]}:${d.regency[i]}\n`,
      );
    }
    return hash.digest('hex');
  }

  /** A stored model by version; documents never change once stored, so a parsed one is kept. */
  async #modelByVersion(version: string): Promise<RankingModel | undefined> {
    const cached = this.#models.get(version);
    if (cached) return cached;
    const row = await this.#deps.repo.findModel(this.#deps.db, version);
    return row ? this.#model(row) : undefined;
  }

  #model(row: RankingModelRow): RankingModel {
    let m = this.#models.get(row.version);
    if (!m) {
      m = RankingModelDocument.parse(JSON.parse(row.document));
      this.#models.set(row.version, m);
    }
    return m;
  }
}

/**
 * Waits for the oldest page in flight; when it failed, for every other one too (they fail after it, having
 * awaited it) before the failure is thrown, so no transaction of the run is left open behind it.
 */
async function settledFirst(inFlight: Promise<void>[]): Promise<void> {
  try {
    await inFlight.shift();
  } catch (err) {
    await Promise.allSettled(inFlight.splice(0));
    throw err;
  }
}

function summaryOf(row: RankingModelRow): RankingModelSummary {
  const doc = JSON.parse(row.document) as RankingModel;
  return {
    version: row.version,
    description: doc.description ?? null,
    state: row.state,
    variables: doc.variables.length,
    concentration: { largestShare: row.largestShare, flagged: row.flagged === 1 },
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
  };
}
