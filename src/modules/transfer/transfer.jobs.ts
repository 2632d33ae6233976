/**
 * The household CSV import as a job (kind `household.import`): the file is stored with the job, so any worker
 * runs it; each chunk's households and the job's checkpoint (counts so far, rejected lines) commit in one
 * transaction, so a job resumed after a crash skips exactly the households already decided.
 */
import { z } from 'zod';
import { label } from '../../domain/catalogue.ts';
import { requirePermission } from '../access/actor.ts';
import { type JobKind, piecesOf } from '../jobs/jobs.service.ts';
import type { ImportCounts, ImportSummary, RejectedLine, TransferService } from './transfer.service.ts';

export const HOUSEHOLD_IMPORT = 'household.import';

/** Rejected lines kept in a job's result; the counts cover all of them. */
export const REJECTED_LINES_KEPT = 1000;

export const HouseholdImportParams = z.strictObject({
  /** The file's name as the user gave it (audit trail only). */
  source: z.string().min(1).max(120),
  acceptWarnings: z.boolean(),
  /** Households per transaction (and per checkpoint). */
  chunkSize: z.int().min(1).max(5000).optional(),
});
export type HouseholdImportParams = z.infer<typeof HouseholdImportParams>;

interface ImportCheckpoint {
  counts: ImportCounts;
  rows: RejectedLine[];
}

export type HouseholdImportResult = ImportSummary & { rows: RejectedLine[]; rowsOmitted: number };

/** Data lines in the file (newlines after the header): the progress bar's total. */
export function dataLinesOf(content: Uint8Array): number {
  let lines = 0;
  for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) lines++;
  if (content.length && content[content.length - 1] !== 10) lines++;
  return Math.max(0, lines - 1);
}

export function householdImportJob(transfer: TransferService): JobKind<HouseholdImportParams> {
  return {
    kind: HOUSEHOLD_IMPORT,
    authorize: (actor) => requirePermission(actor, 'registry.import'),
    params: HouseholdImportParams,
    needsInput: true,
    label: label('job_kind.household_import'),
    async run(ctx) {
      const content = await ctx.input();
      const total = dataLinesOf(content);
      const resumed = ctx.resume as ImportCheckpoint | null;
      const rows = resumed?.rows ?? [];
      let omitted = Math.max(
        0,
        (resumed ? resumed.counts.rejectedLines + resumed.counts.notProcessedLines : 0) - rows.length,
      );
      const summary = await transfer.importHouseholdsCsv(ctx.actor, piecesOf(content), {
        acceptWarnings: ctx.params.acceptWarnings,
        source: ctx.params.source,
        chunkSize: ctx.params.chunkSize,
        resume: resumed?.counts,
        onChunk: async (counts, chunkRows, trx) => {
          const room = REJECTED_LINES_KEPT - rows.length;
          const kept = [...rows, ...chunkRows.slice(0, Math.max(0, room))];
          await ctx.checkpoint(
            { phase: 'import', done: counts.lines, total: Math.max(total, counts.lines) },
            { counts, rows: kept } satisfies ImportCheckpoint,
            trx,
          );
          // Only once committed (checkpoint throws otherwise) do the lines count as reported.
          rows.splice(0, rows.length, ...kept);
          omitted += chunkRows.length - Math.min(chunkRows.length, Math.max(0, room));
        },
      });
      return { ...summary, rows, rowsOmitted: omitted } satisfies HouseholdImportResult;
    },
    present(result, lang) {
      const r = result as HouseholdImportResult;
      return {
        ...r,
        rows: r.rows.map((row) => ({
          ...row,
          issues: row.issues.map((i) => ({ ...i, message: i.message[lang] })),
        })),
      };
    },
  };
}
