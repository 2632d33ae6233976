/**
 * DCI callbacks as jobs (kind `dci.callback`, docs/dci.md): an async request's answer (on-search,
 * txn-on-status, on-subscribe, on-unsubscribe) is computed and POSTed to the partner by the job queue, so it
 * survives a restart and is retried with backoff until the partner answers 2xx or the attempts run out
 * (DciService.runCallback). The job belongs to the partner (role `dci_partner`, its territory).
 */
import { z } from 'zod';
import { isDciPartner } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError } from '../../domain/errors.ts';
import type { JobKind } from '../jobs/jobs.service.ts';
import { type CallbackParams, DCI_CALLBACK, type DciService } from './dci.service.ts';

export const DciCallbackParams: z.ZodType<CallbackParams> = z.strictObject({
  correlationId: z.uuid(),
  url: z.url().max(2000),
  request: z.record(z.string(), z.unknown()),
});

/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 15 * 60_000;

/** The wait after a failed attempt `attempt` (1, 2, …): `backoffMs` doubled each time, at most 15 minutes. */
export function callbackBackoff(backoffMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** Math.max(0, attempt - 1));
}

export function dciCallbackJob(
  dci: DciService,
  retry: { attempts: number; backoffMs: number },
): JobKind<CallbackParams> {
  return {
    kind: DCI_CALLBACK,
    // Queued only by the DCI service for the partner that asked: no staff member starts (or cancels) one.
    authorize: (actor) => {
      if (!isDciPartner(actor.role))
        throw new AppError('forbidden', 'access.forbidden', { role: actor.role, permission: DCI_CALLBACK });
    },
    params: DciCallbackParams,
    label: label('job_kind.dci_callback'),
    maxAttempts: retry.attempts,
    run: (ctx) =>
      dci.runCallback(ctx.params, {
        attempt: ctx.attempt,
        final: ctx.attempt >= retry.attempts,
        backoffMs: callbackBackoff(retry.backoffMs, ctx.attempt),
        resume: ctx.resume,
        save: (state, trx) => ctx.checkpoint({ phase: 'answer', done: 1, total: 2 }, state, trx),
        beforeSend: () => ctx.checkpoint({ phase: 'deliver', done: 1, total: 2 }),
      }),
  };
}
