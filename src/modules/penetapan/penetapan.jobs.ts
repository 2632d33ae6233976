/**
 * Penetapan as a job (kind `penetapan.determine`). The determination is one transaction and idempotent (a
 * determined period answers its summary), so a job taken over after a crash simply runs it again: a killed
 * run rolled back whole, or committed and is then answered as it stands.
 */
import { z } from 'zod';
import { label } from '../../domain/catalogue.ts';
import type { JobKind } from '../jobs/jobs.service.ts';
import { assertMayDetermine, type PenetapanService } from './penetapan.service.ts';

export const PENETAPAN_DETERMINE = 'penetapan.determine';

export const PenetapanParams = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
});

export function penetapanJob(penetapan: PenetapanService): JobKind<z.infer<typeof PenetapanParams>> {
  return {
    kind: PENETAPAN_DETERMINE,
    authorize: assertMayDetermine,
    params: PenetapanParams,
    label: label('job_kind.penetapan_determine'),
    async run(ctx) {
      // A cancel asked for before this point stops the job here; once determining, it runs to its end.
      await ctx.checkpoint({ phase: 'determine', done: 0, total: 1 });
      return penetapan.determine(ctx.actor, ctx.params.period);
    },
  };
}
