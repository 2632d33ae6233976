/**
 * A big hand-over as a job (kind `distribution.batch`, params as `POST /distribution/batches`): written page by
 * page, each page and its checkpoint in one transaction; a job taken over after a crash resumes after the last
 * household written (the batch stays `preparing` until the last page).
 */
import { label } from '../../domain/catalogue.ts';
import { requirePermission } from '../access/actor.ts';
import type { JobKind } from '../jobs/jobs.service.ts';
import { BatchBody } from './distribution.schemas.ts';
import type { DistributionService } from './distribution.service.ts';

export const DISTRIBUTION_BATCH = 'distribution.batch';

export function distributionJob(distribution: DistributionService): JobKind<BatchBody> {
  return {
    kind: DISTRIBUTION_BATCH,
    authorize: (actor) => requirePermission(actor, 'distribution.manage'),
    params: BatchBody,
    label: label('job_kind.distribution_batch'),
    run: (ctx) => distribution.createBatch(ctx.actor, ctx.params, ctx),
  };
}
