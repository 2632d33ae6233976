import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify';
import type { Container } from '../../container.ts';
import type { Actor } from '../../modules/access/actor.ts';
import type { RejectedLine } from '../../modules/transfer/transfer.service.ts';
import { withContainer } from '../context.ts';
import { fileBytes } from '../file-bytes.ts';
import { fail, printJson, run, say, writeOut } from '../output.ts';
import { dataLinesOfFile, progressBar } from '../progress-bar.ts';
import { runJobHere } from '../run-job.ts';

/** Exit code when the file was read but some of its lines were rejected. */
export const EXIT_REJECTED = 3;

const REPORT_COLUMNS = ['line', 'kk_number', 'field', 'code', 'severity', 'message'];

export function registerTransfer(program: Command): void {
  program
    .command('import')
    .description(
      'Import households from a CSV file (docs/csv-format.md); exit 0 when every line was accepted, 3 when some were rejected or not processed',
    )
    .argument('<file>', 'CSV file, one row per household member')
    .option(
      '--as <username>',
      'act as this user (their role and territory apply); default: the system operator',
    )
    .option(
      '--accept-warnings',
      'import households whose only problems are warnings (e.g. NIK/birth-date mismatch)',
    )
    .option('--report <file>', 'also write every rejected line to this CSV file')
    .option('--json', 'print the summary and rejected lines as JSON')
    .action((file: string, o: { as?: string; acceptWarnings?: boolean; report?: string; json?: boolean }) =>
      run(async () => {
        if (!existsSync(file)) fail(`No such file: ${file}`);
        await withContainer(o.as, 'import', async (c, actor) => {
          const report = o.report ? openReport(o.report) : null;
          const rows: RejectedLine[] = [];
          const bar = progressBar();
          // The bar's total costs one more read of the file: only when there is a terminal to show it on.
          const total = process.stderr.isTTY ? await dataLinesOfFile(file) : null;
          try {
            const summary = await c.transfer.importHouseholdsCsv(actor, fileBytes(file), {
              acceptWarnings: o.acceptWarnings === true,
              source: basename(file),
              onChunk: async (counts) => bar.update(counts.lines, total, 'lines'),
              onRejected: (r) => {
                report?.write(r);
                if (o.json) rows.push(r);
                else
                  for (const i of r.issues)
                    console.log(
                      `line ${r.line}  ${i.field}  ${say(i.message)} (${i.code}${i.severity === 'warning' ? ', warning' : ''})`,
                    );
              },
            });
            if (o.json) {
              printJson({
                ...summary,
                rows: rows.map((r) => ({
                  ...r,
                  issues: r.issues.map((i) => ({ ...i, message: say(i.message) })),
                })),
              });
            } else {
              console.log(
                [
                  `households: ${summary.households} (created ${summary.created}, unchanged ${summary.unchanged}, rejected ${summary.rejected})`,
                  `lines: ${summary.lines} (rejected ${summary.rejectedLines})`,
                  ...(summary.notProcessed
                    ? [
                        `not processed: ${summary.notProcessed} households (${summary.notProcessedLines} lines): the hourly limit of refused NIKs/KK numbers held outside your territory was reached; re-run the file later`,
                      ]
                    : []),
                  `time: ${summary.seconds} s`,
                ].join('\n'),
              );
            }
            if (summary.rejectedLines + summary.notProcessedLines > 0) process.exitCode = EXIT_REJECTED;
          } finally {
            bar.end();
            await report?.close();
          }
        });
      }),
    );

  program
    .command('export')
    .description('Export households and members as CSV (one row per member), to stdout or --out')
    .option('--region <code>', 'region code (dotted or not); default: the whole territory')
    .option('--status <status>', 'active | removed | all', 'active')
    .option(
      '--as <username>',
      'act as this user (their role and territory apply); default: the system operator',
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option(
      '--job',
      "queue it as a household.export job (resumable, listed under `dtks jobs`), run it here unless a worker takes it first, then write its file; needs --as (the file is its owner's)",
    )
    .action((o: { region?: string; status: string; as?: string; out?: string; job?: boolean }) =>
      run(async () => {
        if (!['active', 'removed', 'all'].includes(o.status))
          fail(`--status must be active, removed or all (got ${o.status})`);
        if (o.job) {
          if (!o.as)
            fail("--job needs --as <username>: an export job's file is downloaded by its owner only");
          await withContainer(o.as, 'export', (c, actor) =>
            exportAsJob(c, actor, { region: o.region, status: o.status as ExportStatus }, o.out),
          );
          return;
        }
        await withContainer(o.as, 'export', async (c, actor) => {
          const t = performance.now();
          const query = { region: o.region, status: o.status as 'active' | 'removed' | 'all' };
          const bar = progressBar();
          // The bar's total costs one count query: only when there is a terminal to show it on.
          const total = process.stderr.isTTY
            ? await c.transfer.exportTotal(c.transfer.exportPlan(actor, query))
            : null;
          const { csv, counts } = await c.transfer.exportHouseholdsCsv(actor, query, {
            onPage: (n) => bar.update(n.households, total, 'households'),
          });
          try {
            await writeOut(csv, o.out);
          } finally {
            bar.end();
          }
          process.stderr.write(
            `exported ${counts.households} households (${counts.persons} members)${o.out ? ` to ${o.out}` : ''} in ${Math.round(performance.now() - t) / 1000} s\n`,
          );
        });
      }),
    );
}

type ExportStatus = 'active' | 'removed' | 'all';

/** `dtks export --job`: a household.export job run here (../run-job.ts), its CSV to `out` or stdout. */
async function exportAsJob(
  c: Container,
  actor: Actor,
  query: { region?: string; status: ExportStatus },
  out: string | undefined,
): Promise<void> {
  const t = performance.now();
  const job = await c.transfer.startExport(actor, query);
  const v = await runJobHere(c, actor, { id: job.id, kind: 'household.export' }, 'households', out);
  const r = v.result as { households: number; persons: number };
  process.stderr.write(
    `exported ${r.households} households (${r.persons} members)${out ? ` to ${out}` : ''} as job ${job.id} in ${Math.round(performance.now() - t) / 1000} s\n`,
  );
}

/** The --report file: one row per issue of each rejected line, written as lines are rejected. */
function openReport(path: string) {
  const out: WriteStream = createWriteStream(path);
  const csv = stringify();
  const done = pipeline(csv, out);
  csv.write(REPORT_COLUMNS);
  return {
    write(r: RejectedLine) {
      for (const i of r.issues)
        csv.write([r.line, r.kkNumber ?? '', i.field, i.code, i.severity, say(i.message)]);
    },
    async close() {
      csv.end();
      await done;
    },
  };
}
