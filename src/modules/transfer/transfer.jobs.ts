/**
 * The household CSV import and export as jobs.
 *
 * Import (kind `household.import`): the file is stored with the job, so any worker runs it; each chunk's
 * households and the job's checkpoint (counts so far, rejected lines) commit in one transaction, so a job
 * resumed after a crash skips exactly the households already decided.
 *
 * Export (kind `household.export`): the rows of TransferService.exportPages, page by page, into a file under
 * the data directory (export-files.ts); every EXPORT_CHECKPOINT_MS or `checkpointPages` pages, whichever comes
 * first, the file is synced and then the checkpoint records its bytes and the last household written, so a
 * job resumed after a crash continues from there (the pages after it written again) with no row twice or
 * missing. Syncing and checkpointing every page cost the job +25–80 % CPU over the direct export
 * (bench/results/jobs.md). Cancelled, it stops at its next checkpoint.
 * Cancelled, it removes its unfinished file. Done, its owner downloads the file (GET /jobs/{id}/result)
 * until it expires.
 */
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import { label } from '../../domain/catalogue.ts';
import { requirePermission } from '../access/actor.ts';
import { type JobKind, JobStopped, piecesOf } from '../jobs/jobs.service.ts';
import type { ExportFileState, ExportFiles } from './export-files.ts';
import { EXPORT_COLUMNS } from './households.csv.ts';
import type { ImportCounts, ImportSummary, RejectedLine, TransferService } from './transfer.service.ts';

export const HOUSEHOLD_IMPORT = 'household.import';
export const HOUSEHOLD_EXPORT = 'household.export';

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

export const HouseholdExportParams = z.strictObject({
  /** Region code as normalized by TransferService.startExport; the owner's territory narrows it. */
  region: z.string().min(2).max(20).optional(),
  status: z.enum(['active', 'removed', 'all']),
  /** Households per page. */
  pageSize: z.int().min(1).max(5000).optional(),
  /** Pages between two checkpoints at most (default EXPORT_CHECKPOINT_PAGES; also every EXPORT_CHECKPOINT_MS). */
  checkpointPages: z.int().min(1).max(1000).optional(),
});
export type HouseholdExportParams = z.infer<typeof HouseholdExportParams>;

interface ExportCheckpoint extends ExportFileState {
  /** The last household written: the next page starts after it. */
  afterId: string | null;
  households: number;
  persons: number;
}

export interface HouseholdExportResult {
  /** The file under the exports directory (never shown: answers name the download instead). */
  file: string;
  /** The name to save it under. */
  filename: string;
  region: string | null;
  status: HouseholdExportParams['status'];
  households: number;
  persons: number;
  bytes: number;
  expiresAt: string;
}

/** An export job's checkpoint (sync, then record) comes at least this often while pages are written… */
export const EXPORT_CHECKPOINT_MS = 2000;
/** …and after at most this many pages (of 1,000 households by default). */
export const EXPORT_CHECKPOINT_PAGES = 10;

/**
 * A page's rows as CSV bytes, through csv-stringify's stream (the direct export's encoder, same bytes):
 * csv-stringify/sync encoded a page of ~4,000 rows 1.5–2× slower (bench/results/jobs.md). The rows are
 * written as the generator builds them, so the page stays lazy.
 */
async function csvBytes(rows: Iterable<string[]>): Promise<Buffer> {
  const encoder = stringify();
  const chunks: Buffer[] = [];
  encoder.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(encoder, 'end');
  for (const row of rows) encoder.write(row);
  encoder.end();
  await ended;
  return Buffer.concat(chunks);
}

export function householdExportJob(
  transfer: TransferService,
  files: ExportFiles,
): JobKind<HouseholdExportParams> {
  return {
    kind: HOUSEHOLD_EXPORT,
    authorize: (actor) => requirePermission(actor, 'registry.export'),
    params: HouseholdExportParams,
    label: label('job_kind.household_export'),
    async run(ctx) {
      await files.sweep();
      const plan = transfer.exportPlan(ctx.actor, ctx.params);
      const total = await transfer.exportTotal(plan);
      const resumed = ctx.resume as ExportCheckpoint | null;
      const out = await files.writer(ctx.id, ctx.attempt, resumed);
      // The previous run's file is gone or short: start over (its rows are written again, once).
      let at: ExportCheckpoint =
        resumed && out.bytes === resumed.bytes
          ? { ...resumed, file: out.name }
          : { file: out.name, bytes: 0, afterId: null, households: 0, persons: 0 };
      const progress = () => ({
        phase: 'export',
        done: at.households,
        total: Math.max(total, at.households),
      });
      try {
        const everyPages = ctx.params.checkpointPages ?? EXPORT_CHECKPOINT_PAGES;
        let pages = 0;
        let last = performance.now();
        const checkpoint = async () => {
          await out.sync();
          await ctx.checkpoint(progress(), at);
          pages = 0;
          last = performance.now();
        };
        if (at.bytes === 0) {
          await out.append(await csvBytes([[...EXPORT_COLUMNS]]));
          at = { ...at, bytes: out.bytes };
          await checkpoint();
        }
        for await (const page of transfer.exportPages(plan, at.afterId, ctx.params.pageSize)) {
          await out.append(await csvBytes(page.rows));
          at = {
            file: out.name,
            bytes: out.bytes,
            afterId: page.lastId,
            households: at.households + page.households,
            persons: at.persons + page.persons,
          };
          if (++pages >= everyPages || performance.now() - last >= EXPORT_CHECKPOINT_MS) await checkpoint();
        }
        const { file, bytes } = await out.publish();
        return {
          file,
          filename: plan.filename,
          region: plan.region,
          status: plan.status,
          households: at.households,
          persons: at.persons,
          bytes,
          expiresAt: files.expiresAt(),
        } satisfies HouseholdExportResult;
      } catch (err) {
        // Cancelled: nothing half-written stays. Otherwise the file is kept for the run that resumes the job.
        if (err instanceof JobStopped && err.reason === 'cancelled') await out.discard();
        else await out.close();
        throw err;
      }
    },
    present(result) {
      const { file: _file, ...shown } = result as HouseholdExportResult;
      return shown;
    },
    resultFile(result, job) {
      const r = result as HouseholdExportResult;
      return {
        mime: 'text/csv; charset=utf-8',
        name: r.filename,
        open: () => files.read(r.file, r.expiresAt),
        audit: {
          action: 'household.export',
          entityType: 'household',
          regionCode: r.region,
          details: {
            job: job.id,
            status: r.status,
            households: r.households,
            persons: r.persons,
            complete: true,
          },
        },
      };
    },
  };
}
