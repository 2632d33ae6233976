/**
 * Importing a .siks bundle as a job (kind `bundle.import`): the uploaded file is stored with the job, written
 * to a temporary file, verified and imported with progress by records. A job run again (taken over after a
 * crash) imports the bundle again: every record already applied answers unchanged.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { label } from '../../domain/catalogue.ts';
import { requirePermission } from '../access/actor.ts';
import type { JobKind } from '../jobs/jobs.service.ts';
import { stagingDir } from './bundle.zip.ts';
import type { BundlesService, ImportReport } from './bundles.service.ts';

export const BUNDLE_IMPORT = 'bundle.import';
/** Conflicting or refused rows kept in a job's result. */
const ROWS_KEPT = 1000;

export const BundleImportParams = z.strictObject({ source: z.string().min(1).max(200) });

export function bundleImportJob(bundles: BundlesService): JobKind<z.infer<typeof BundleImportParams>> {
  return {
    kind: BUNDLE_IMPORT,
    authorize: (actor) => requirePermission(actor, 'bundle.import'),
    params: BundleImportParams,
    needsInput: true,
    label: label('job_kind.bundle_import'),
    async run(ctx) {
      const stage = await stagingDir();
      try {
        const file = join(stage.dir, 'bundle.siks');
        await writeFile(file, await ctx.input());
        let last = 0;
        const report = await bundles.import(ctx.actor, file, {
          onProgress: async (done, total) => {
            if (done - last < 1000 && done < total) return;
            last = done;
            await ctx.checkpoint({ phase: 'import', done, total });
          },
        });
        return { ...report, rows: report.rows.slice(0, ROWS_KEPT) } satisfies ImportReport;
      } finally {
        await stage.dispose();
      }
    },
  };
}
