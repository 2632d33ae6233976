/**
 * Computing proposals as a job (kind `recipients.compute`): params `{"period", "programme", "regency"}` compute
 * one programme's proposal, `{"period", "regency", "programmes"?}` several in one pass over the regency
 * (omitted: every published programme applying there). Evaluated page by page, pages and their checkpoint
 * committed together, so a job taken over after a crash resumes every run of its pass after the last commit;
 * computing again replaces the candidates (idempotent).
 */
import { label } from '../../domain/catalogue.ts';
import type { JobKind } from '../jobs/jobs.service.ts';
import { ComputeParams } from './recipients.schemas.ts';
import { assertMayCompute, type RecipientsService } from './recipients.service.ts';

export const RECIPIENTS_COMPUTE = 'recipients.compute';

export function recipientsJob(recipients: RecipientsService): JobKind<ComputeParams> {
  return {
    kind: RECIPIENTS_COMPUTE,
    authorize: assertMayCompute,
    params: ComputeParams,
    label: label('job_kind.recipients_compute'),
    run: (ctx) =>
      'programme' in ctx.params
        ? recipients.compute(ctx.actor, ctx.params, ctx)
        : recipients.computePass(ctx.actor, ctx.params, ctx),
  };
}
