/**
 * Importing an aid-source list as a job (kind `aid_source.import`): the file is stored with the job and read
 * as a stream of pieces; a run that dies leaves its list `failed` (never counted in overlaps), and the job
 * taken over imports the file again as a new list.
 */
import { z } from 'zod';
import { label } from '../../domain/catalogue.ts';
import type { FieldIssue, Lang } from '../../domain/errors.ts';
import { requirePermission } from '../access/actor.ts';
import { type JobKind, piecesOf } from '../jobs/jobs.service.ts';
import type { AidSourcesService, RejectedLine, SourceSummary } from './aid-sources.service.ts';

export const AID_SOURCE_IMPORT = 'aid_source.import';

/** Rejected lines kept in the job's result; all of them stay with the list (GET /aid-sources/{id}/entries). */
const REJECTED_IN_RESULT = 1000;

export const AidSourceImportParams = z.strictObject({
  name: z.string().trim().min(1).max(120),
  region: z.string().max(20).optional(),
  fileName: z.string().min(1).max(200),
});

type ImportResult = SourceSummary & { rejectedLines: RejectedLine[] };

export function aidSourceImportJob(
  aidSources: AidSourcesService,
): JobKind<z.infer<typeof AidSourceImportParams>> {
  return {
    kind: AID_SOURCE_IMPORT,
    authorize: (actor) => requirePermission(actor, 'aid_source.import'),
    params: AidSourceImportParams,
    needsInput: true,
    label: label('job_kind.aid_source_import'),
    async run(ctx) {
      const content = await ctx.input();
      await ctx.checkpoint({ phase: 'match', done: 0, total: null });
      const rejectedLines: RejectedLine[] = [];
      const summary = await aidSources.importList(ctx.actor, piecesOf(content), {
        name: ctx.params.name,
        region: ctx.params.region,
        fileName: ctx.params.fileName,
        onRejected: (r) => {
          if (rejectedLines.length < REJECTED_IN_RESULT) rejectedLines.push(r);
        },
        // A cancel asked for while matching stops the import at its next batch (the list is left `failed`).
        onProgress: (lines) => ctx.checkpoint({ phase: 'match', done: lines, total: null }),
      });
      return { ...summary, rejectedLines } satisfies ImportResult;
    },
    present(result, lang: Lang) {
      const r = result as ImportResult;
      return {
        ...r,
        rejectedLines: r.rejectedLines.map((row) => ({
          ...row,
          issues: row.issues.map((i: FieldIssue) => ({
            field: i.field,
            code: i.code,
            message: i.message[lang],
          })),
        })),
      };
    },
  };
}
