/**
 * Dukcapil matching as a job (kind `dukcapil.match`), for extracts too big to wait for in a request. The
 * extract is stored with the job; a run that dies leaves its import unfinished (never used, see
 * DukcapilService), and the job taken over matches the whole file again as a new import.
 */
import { z } from 'zod';
import { label } from '../../domain/catalogue.ts';
import type { FieldIssue, Lang } from '../../domain/errors.ts';
import { requirePermission } from '../access/actor.ts';
import { type JobKind, piecesOf } from '../jobs/jobs.service.ts';
import type { DukcapilService, ImportSummary, RejectedRow } from './dukcapil.service.ts';

export const DUKCAPIL_MATCH = 'dukcapil.match';

/** Rejected lines kept in the job's result; every one is kept with the import (GET /dukcapil/imports/{id}/rejected). */
const REJECTED_IN_RESULT = 1000;

export const DukcapilMatchParams = z.strictObject({
  region: z.string().max(20).optional(),
  fileName: z.string().min(1).max(200),
});

type MatchResult = ImportSummary & { rejectedLines: RejectedRow[] };

export function dukcapilMatchJob(dukcapil: DukcapilService): JobKind<z.infer<typeof DukcapilMatchParams>> {
  return {
    kind: DUKCAPIL_MATCH,
    authorize: (actor) => requirePermission(actor, 'registry.import'),
    params: DukcapilMatchParams,
    needsInput: true,
    label: label('job_kind.dukcapil_match'),
    async run(ctx) {
      const content = await ctx.input();
      // A cancel asked for before this point stops the job here; once matching, it runs to its end.
      await ctx.checkpoint({ phase: 'match', done: 0, total: null });
      const rejectedLines: RejectedRow[] = [];
      const summary = await dukcapil.importExtract(ctx.actor, piecesOf(content), {
        region: ctx.params.region,
        fileName: ctx.params.fileName,
        onRejected: (r) => {
          if (rejectedLines.length < REJECTED_IN_RESULT) rejectedLines.push(r);
        },
      });
      return { ...summary, rejectedLines } satisfies MatchResult;
    },
    present: (result, lang) => presentMatch(result, lang),
  };
}

function presentMatch(result: unknown, lang: Lang) {
  const r = result as MatchResult;
  return {
    ...r,
    rejectedLines: r.rejectedLines.map((row) => ({
      ...row,
      issues: row.issues.map((i: FieldIssue) => ({ field: i.field, code: i.code, message: i.message[lang] })),
    })),
  };
}

export const DUKCAPIL_SERVICE_MATCH = 'dukcapil.service_match';

export const DukcapilServiceParams = z.strictObject({ region: z.string().max(20).optional() });

/** Seconds between two progress checkpoints at most. */
const PROGRESS_EVERY_MS = 2000;

/**
 * Matching through the civil registry's HTTP service (kind `dukcapil.service_match`): the regency's DTKS
 * NIKs asked batch by batch. A run that fails — service down after its retries, an answer refused, the
 * worker stopped — keeps nothing but its import marked failed (DukcapilService.match); a job taken over
 * asks again from the start as a new import.
 */
export function dukcapilServiceJob(
  dukcapil: DukcapilService,
): JobKind<z.infer<typeof DukcapilServiceParams>> {
  return {
    kind: DUKCAPIL_SERVICE_MATCH,
    authorize: (actor) => requirePermission(actor, 'registry.import'),
    params: DukcapilServiceParams,
    label: label('job_kind.dukcapil_service_match'),
    async run(ctx) {
      await ctx.checkpoint({ phase: 'match', done: 0, total: null });
      const rejectedLines: RejectedRow[] = [];
      let last = Date.now();
      const summary = await dukcapil.matchService(ctx.actor, {
        region: ctx.params.region,
        signal: ctx.signal,
        onRejected: (r) => {
          if (rejectedLines.length < REJECTED_IN_RESULT) rejectedLines.push(r);
        },
        onProgress: async (done, total) => {
          if (Date.now() - last < PROGRESS_EVERY_MS) return;
          last = Date.now();
          await ctx.checkpoint({ phase: 'match', done, total });
        },
      });
      return { ...summary, rejectedLines } satisfies MatchResult;
    },
    present: (result, lang) => presentMatch(result, lang),
  };
}
