/**
 * Ranking: PMT models as immutable versioned documents (upload → check → publish) and the ranking of a
 * determined period (a job) into scores, BPS criteria counts and deciles per household, read back with each
 * variable's contribution. A period's result never changes: running it again with the same model answers the
 * stored run; another model version makes another result.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, RankingModelRow, RankingResultTable } from '../../db/schema/index.ts';
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import { label } from '../../domain/catalogue.ts';
import { checkPeriod } from '../../domain/cycle/period.ts';
import { AppError, issue, notFound, validationError } from '../../domain/errors.ts';
import { criteria14 } from '../../domain/ranking/criteria14.ts';
import { concentration } from '../../domain/ranking/deciles.ts';
import type { RankedHousehold } from '../../domain/ranking/household-input.ts';
import { checkModel, type RankingModel, RankingModelDocument } from '../../domain/ranking/model.ts';
import { scoreHousehold } from '../../domain/ranking/score.ts';
import { issuesFromZod } from '../../http/problem.ts';
import { nowIso } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { findWithin } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { JobContext } from '../jobs/jobs.service.ts';
import type { DecileScope, RankingRepository } from './ranking.repository.ts';
import { modelCheckSample, SAMPLE_AS_OF } from './ranking.sample.ts';
import type { HouseholdRanking, RankingModelSummary, RankSummary } from './ranking.schemas.ts';
import { inThreadScorer, PARALLEL_MIN, workerScorer } from './ranking.scoring.ts';

const HOUSEHOLD = label('record.household');
const MODEL = label('record.ranking_model');
/** Households scored and written per transaction (and per checkpoint). */
const PAGE = 1000;
const SCOPES: DecileScope[] = ['national', 'province', 'regency'];

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

  constructor(deps: { db: Kysely<DB>; repo: RankingRepository; audit: AuditService }) {
    this.#deps = deps;
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
   * Ranks a determined period with a published model (default: the latest published), reading its snapshot
   * page by page: scores and criteria per household, then the deciles in SQL, then a checksum over the
   * results. A finished run is answered as it stands.
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
    const total = await repo.countSnapshot(db, period);
    const asOf = periodEnd(period);
    let after = (run.resume as { after?: string } | null)?.after ?? null;
    let scored = (run.resume as { scored?: number } | null)?.scored ?? 0;
    const scorer = total - scored >= PARALLEL_MIN ? workerScorer(model, asOf) : inThreadScorer(model, asOf);
    try {
      // Pipelined: the scorer threads score a page while this thread reads the next one and writes the last.
      const read = (afterId: string | null) => repo.snapshotPage(db, period, afterId, PAGE);
      let page = await read(after);
      let scoring = page.length ? scorer.score(page.map((s) => s.snapshot)) : null;
      while (page.length && scoring) {
        const next = page.length === PAGE ? await read(page.at(-1)!.householdId) : [];
        const nextScoring = next.length ? scorer.score(next.map((s) => s.snapshot)) : null;
        const { scores, criteria } = await scoring;
        const rows: RankingResultTable[] = page.map((s, i) => ({
          period,
          modelVersion: model.version,
          householdId: s.householdId,
          provinceCode: s.provinceCode,
          regencyCode: s.regencyCode,
          villageCode: s.villageCode,
          householdVersion: s.version,
          score: scores[i]!,
          criteria14: criteria[i]!,
          decileNational: null,
          decileProvince: null,
          decileRegency: null,
        }));
        after = page.at(-1)!.householdId;
        scored += page.length;
        await db.transaction().execute(async (trx) => {
          await repo.insertResults(trx, rows);
          await run.checkpoint({ phase: 'score', done: scored, total }, { after, scored }, trx);
        });
        page = next;
        scoring = nextScoring;
      }
    } finally {
      await scorer.close();
    }
    for (const scope of SCOPES) await repo.setDeciles(db, period, model.version, scope);
    await run.checkpoint({ phase: 'deciles', done: scored, total });
    const checksum = await this.#checksum(period, model.version);
    await db.transaction().execute(async (trx) => {
      await repo.finishRun(trx, {
        period,
        modelVersion: model.version,
        households: scored,
        checksum,
        at: nowIso(),
      });
      await audit.record(trx, actor, {
        action: 'ranking.rank',
        entityType: 'period',
        entityId: period,
        details: { modelVersion: model.version, households: scored, checksum },
      });
    });
    return { period, modelVersion: model.version, households: scored, checksum };
  }

  /** The newest determined period (the one a demo or an operator ranks by default), or null. */
  async latestDeterminedPeriod(): Promise<string | null> {
    const { db, repo } = this.#deps;
    return (await repo.latestDeterminedPeriod(db))?.period ?? null;
  }

  /** A household's ranking in a period (the newest run), explained variable by variable. 404 as for the household. */
  async householdRanking(actor: Actor, id: string, period: string): Promise<HouseholdRanking> {
    requirePermission(actor, 'registry.read');
    const { db, repo, audit } = this.#deps;
    const run = await repo.latestRun(db, period);
    const row = await findWithin(actor, id, HOUSEHOLD, async (hid) =>
      run ? repo.resultWithSnapshot(db, period, run.modelVersion, hid) : undefined,
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
      contributions: scored.contributions,
    };
  }

  /** SHA-256 over `id:score:criteria:national:province:regency` lines in household id order. */
  async #checksum(period: string, modelVersion: string): Promise<string> {
    const { db, repo } = this.#deps;
    const hash = createHash('sha256');
    let after: string | null = null;
    for (;;) {
      const page = await repo.resultPage(db, period, modelVersion, after, 5000);
      for (const r of page) {
        hash.update(
          `${r.householdId}:${r.score}:${r.criteria14}:${r.decileNational}:${r.decileProvince}:${r.decileRegency}\n`,
        );
      }
      if (page.length < 5000) break;
      after = page.at(-1)!.householdId;
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
