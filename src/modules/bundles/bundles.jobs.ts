/**
 * Importing a .siks bundle as a job (kind `bundle.import`): the upload was streamed to a private file in the
 * data folder (BundlesService.receiveUpload), which the job verifies and imports with progress by records,
 * then removes. A job run again (taken over after a crash) imports the bundle again: every record already
 * applied answers unchanged. The file is kept while the job may still be retried, and removed when the job
 * ends in any way (`ended`); `sweepBundleUploads` removes the ones no job names.
 */
import { access } from 'node:fs/promises';
import { z } from 'zod';
import { label } from '../../domain/catalogue.ts';
import { notFound } from '../../domain/errors.ts';
import { requirePermission } from '../access/actor.ts';
import type { JobKind, JobsService } from '../jobs/jobs.service.ts';
import type { BundlesService, ImportReport } from './bundles.service.ts';

export const BUNDLE_IMPORT = 'bundle.import';
/** Conflicting or refused rows kept in a job's result. */
const ROWS_KEPT = 1000;

export const BundleImportParams = z.strictObject({
  source: z.string().min(1).max(200),
  /** The upload's id (BundlesService.receiveUpload); only the job's owner's uploads are found. */
  upload: z.string().regex(/^[0-9a-f-]{36}$/),
});

export function bundleImportJob(bundles: BundlesService): JobKind<z.infer<typeof BundleImportParams>> {
  return {
    kind: BUNDLE_IMPORT,
    authorize: (actor) => requirePermission(actor, 'bundle.import'),
    params: BundleImportParams,
    label: label('job_kind.bundle_import'),
    async run(ctx) {
      const file = bundles.uploadPath(ctx.actor, ctx.params.upload);
      if (
        !(await access(file).then(
          () => true,
          () => false,
        ))
      )
        throw notFound(label('record.bundle_upload'));
      let last = 0;
      const report = await bundles.import(ctx.actor, file, {
        onProgress: async (done, total) => {
          if (done - last < 1000 && done < total) return;
          last = done;
          await ctx.checkpoint({ phase: 'import', done, total });
        },
      });
      return { ...report, rows: report.rows.slice(0, ROWS_KEPT) } satisfies ImportReport;
    },
    // Imported, refused, out of attempts or cancelled: the upload is not needed again.
    ended: (job) => bundles.discardUpload(job.actor, job.params.upload),
  };
}

/**
 * Removes bundle uploads no queued or running import names, older than `olderThanMs` (the job lease: an
 * upload is queued in the request that received it) — left by a process that died between the upload and
 * the enqueue, or by a job that ended while its `ended` could not remove the file. Run at server start and
 * daily. Answers how many files were removed.
 */
export async function sweepBundleUploads(
  bundles: BundlesService,
  jobs: JobsService,
  olderThanMs: number,
): Promise<{ removed: number }> {
  const named = new Set<string>();
  for (const j of await jobs.active(BUNDLE_IMPORT)) {
    const p = BundleImportParams.safeParse(j.params);
    if (p.success && j.ownerId) named.add(`${j.ownerId}-${p.data.upload}.siks`);
  }
  return bundles.sweepUploads((name) => named.has(name), olderThanMs);
}
