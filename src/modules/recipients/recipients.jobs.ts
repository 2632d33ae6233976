/**
 * Computing a proposal as a job (kind `recipients.compute`, params `{"period", "programme", "regency"}`):
 * evaluated page by page, each page and its checkpoint in one transaction, so a job taken over after a crash
 * resumes after the last committed page; computing again replaces the candidates (idempotent).
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
    run: (ctx) => recipients.compute(ctx.actor, ctx.params, ctx),
  };
}
