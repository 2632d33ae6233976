/**
 * Targeting analytics (issue 13): for one region of the actor's territory and one ranked period, households per
 * national decile, the same per child region (the drill-down: province → regency → district → village), how
 * households moved between deciles since the previous ranked period, and the provinces for the tile map.
 * Aggregates only — counts of households, never who they are — except the drill-down list, which names
 * households and is audited like every personal read. A region outside the territory is answered like an
 * absent one (404); the provinces of the map count only the actor's territory.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { notFound } from '../../domain/errors.ts';
import {
  type ChildRollup,
  decileHistogram,
  EXCLUSION_DECILE_TO,
  INCLUSION_DECILE_FROM,
  type Movement,
  movementOf,
  type ProgrammeTotals,
  poorestOf,
  programmeTotals,
  rollupByChild,
  share,
} from '../../domain/targeting/aggregates.ts';
import { afterIdOf, pageOf } from '../../lib/cursor.ts';
import { type Actor, isWithin, requirePermission } from '../access/actor.ts';
import { recordListRead } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RankingRepository } from '../ranking/ranking.repository.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { AnalyticsRepository, DecileScope, Run, TargetingError } from './analytics.repository.ts';

const RANKED_PERIOD = label('record.ranked_period');

export interface TargetingOverview {
  period: string;
  modelVersion: string;
  scope: DecileScope;
  previousPeriod: string | null;
  region: { code: string; name: string; level: number };
  /** Province down to the region, for the breadcrumb (only levels within the actor's territory). */
  path: { code: string; name: string; level: number }[];
  households: number;
  /** Households per national decile, index 0 = desil 1. */
  deciles: number[];
  poorest: number;
  poorestShare: number;
  children: ChildRollup[];
  movement: Movement | null;
  /** Provinces of the actor's territory, for the tile map. */
  provinces: ChildRollup[];
  /** Ranked periods the actor may pick, newest first. */
  periods: string[];
  /** The period's approved recipients (KPM) and amounts (integer rupiah) per programme, and per child region. */
  recipients: ProgrammeTotals;
  /** Households on the likely-error lists (docs/analytics.md), with the thresholds used. */
  errors: { inclusion: number; exclusion: number; inclusionDecileFrom: number; exclusionDecileTo: number };
}

interface AnalyticsDeps {
  db: Kysely<DB>;
  repo: AnalyticsRepository;
  /** The finished ranking runs, each period's newest one analysed. */
  rankings: RankingRepository;
  regions: RegionsService;
  audit: AuditService;
}

export class AnalyticsService {
  readonly #deps: AnalyticsDeps;

  constructor(deps: AnalyticsDeps) {
    this.#deps = deps;
  }

  async targeting(
    actor: Actor,
    q: { region?: string; period?: string; scope?: DecileScope },
  ): Promise<TargetingOverview> {
    requirePermission(actor, 'targeting.read');
    const { db, repo, regions } = this.#deps;
    const region = await this.#region(actor, q.region);
    const scope = q.scope ?? 'national';
    const { run, previous, periods } = await this.#runs(q.period);
    const groups = await repo.decileGroups(db, run, region, scope);
    const deciles = decileHistogram(groups);
    const households = deciles.reduce((a, b) => a + b, 0);
    const level = region === '' ? 0 : region.split('.').length;
    const children =
      level === 4
        ? []
        : rollupByChild(groups, await regions.names([...new Set(groups.map((g) => g.regionCode))]));
    let movement: Movement | null = null;
    if (previous) {
      movement = movementOf(await repo.movementGroups(db, run, previous, region, scope), {
        current: households,
        previous: await repo.total(db, previous, region),
      });
    }
    // The tile map compares provinces, so it stays national whatever the scope asked.
    const provinceGroups =
      region === actor.regionCode && scope === 'national'
        ? groups
        : await repo.decileGroups(db, run, actor.regionCode);
    const provinces =
      actor.regionCode === ''
        ? rollupByChild(
            provinceGroups,
            await regions.names([...new Set(provinceGroups.map((g) => g.regionCode))]),
          )
        : rollupByChild(
            provinceGroups.map((g) => ({ ...g, regionCode: actor.regionCode.slice(0, 2) })),
            await regions.names([actor.regionCode.slice(0, 2)]),
          );
    const path =
      region === ''
        ? []
        : (await regions.path(region)).filter((p) => isWithin(actor, p.code) || p.code === region);
    const poorest = poorestOf(deciles);
    const programmeGroups = await repo.programmeGroups(db, run.period, region);
    const recipients = programmeTotals(
      level === 4 ? programmeGroups.map((g) => ({ ...g, regionCode: region })) : programmeGroups,
      await regions.names([...new Set(programmeGroups.map((g) => g.regionCode))]),
    );
    const errorCounts = await repo.errorCounts(db, run, region);
    return {
      period: run.period,
      modelVersion: run.modelVersion,
      scope,
      previousPeriod: previous?.period ?? null,
      region: {
        code: region,
        name: region === '' ? 'INDONESIA' : ((await regions.names([region])).get(region) ?? region),
        level,
      },
      path,
      households,
      deciles,
      poorest,
      poorestShare: share(poorest, households),
      children,
      movement,
      provinces,
      periods,
      recipients,
      errors: {
        ...errorCounts,
        inclusionDecileFrom: INCLUSION_DECILE_FROM,
        exclusionDecileTo: EXCLUSION_DECILE_TO,
      },
    };
  }

  /**
   * The drill-down: households of the region (and decile, and previous decile) in household id order, with
   * their score and deciles. Audited: it names households.
   */
  async households(
    actor: Actor,
    q: {
      region?: string;
      period?: string;
      scope?: DecileScope;
      decile?: number;
      previousDecile?: number;
      error?: TargetingError;
      cursor?: string;
      limit: number;
    },
  ) {
    requirePermission(actor, 'targeting.read');
    const { db, repo, audit } = this.#deps;
    const region = await this.#region(actor, q.region);
    const { run, previous } = await this.#runs(q.period);
    const rows = await repo.householdPage(db, {
      run,
      previous,
      region,
      scope: q.scope ?? 'national',
      decile: q.decile,
      previousDecile: q.previousDecile,
      error: q.error,
      afterId: afterIdOf(q.cursor),
      limit: q.limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.householdId);
    await recordListRead(audit, actor, page, {
      action: 'analytics.households',
      entityType: 'period',
      entityId: run.period,
      regionCode: region || null,
      details: {
        modelVersion: run.modelVersion,
        scope: q.scope ?? 'national',
        decile: q.decile ?? null,
        previousDecile: q.previousDecile ?? null,
        error: q.error ?? null,
        count: page.length,
        households: page.map((r) => r.householdId),
      },
      // The page's households, for "who read my data" (audit_subjects), before the rows leave.
      subjects: page.map((r) => r.householdId),
    });
    return { period: run.period, previousPeriod: previous?.period ?? null, items: page, nextCursor };
  }

  /** The region asked for (default the actor's territory); outside the territory it is absent. */
  async #region(actor: Actor, input: string | undefined): Promise<string> {
    const { regions } = this.#deps;
    if (input === undefined || input.trim() === '') return actor.regionCode;
    const code = regions.normalize(input, 'region');
    const what = label('record.region_code', { code });
    if (!(await regions.find(code)) || !isWithin(actor, code)) throw notFound(what);
    return code;
  }

  /** The run of the period (default: the newest ranked period) and of the ranked period before it. */
  async #runs(period: string | undefined): Promise<{ run: Run; previous: Run | null; periods: string[] }> {
    const { db, rankings } = this.#deps;
    const newestPerPeriod: Run[] = [];
    for (const r of await rankings.finishedRuns(db)) {
      if (newestPerPeriod.at(-1)?.period !== r.period) newestPerPeriod.push(r);
    }
    const at = period === undefined ? 0 : newestPerPeriod.findIndex((r) => r.period === period);
    const run = newestPerPeriod[at];
    if (at < 0 || !run) throw notFound(RANKED_PERIOD);
    return { run, previous: newestPerPeriod[at + 1] ?? null, periods: newestPerPeriod.map((r) => r.period) };
  }
}
