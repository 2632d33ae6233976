/**
 * Ranking a determined period as a job (kind `ranking.rank`, params `{"period", "model"?}`): every household
 * scored in memory, the deciles cut from the sorted scores (no SQL window updates), then the results written
 * with their deciles page by page, each page and its checkpoint in one transaction, so a job taken over after
 * a crash re-scores and resumes after the last committed page.
 */
import { label } from '../../domain/catalogue.ts';
import type { JobKind } from '../jobs/jobs.service.ts';
import { RankParams } from './ranking.schemas.ts';
import { assertMayRank, type RankingService } from './ranking.service.ts';

export const RANKING_RANK = 'ranking.rank';

export function rankingJob(ranking: RankingService): JobKind<RankParams> {
  return {
    kind: RANKING_RANK,
    authorize: assertMayRank,
    params: RankParams,
    label: label('job_kind.ranking_rank'),
    run: (ctx) => ranking.rank(ctx.actor, ctx.params, ctx),
  };
}
