import type { Command } from 'commander';
import { CATEGORY_LABELS, LEVEL_LABELS, OUTCOME_LABELS, STATUS_LABELS } from '../../domain/reports/labels.ts';
import {
  REPORT_LEVELS,
  REPORT_OUTCOMES,
  REPORT_STATUSES,
  type ReportLevel,
  type ReportOutcome,
  type ReportStatus,
} from '../../domain/reports/reports.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run, say } from '../output.ts';

/** `dtks reports list|show|close`: laporan / pengaduan of a user's territory, through ReportsService. */
export function registerReports(program: Command): void {
  const reports = program
    .command('reports')
    .description('Laporan / pengaduan: list, show and close reports of a territory');

  reports
    .command('list')
    .description('Reports of the territory, newest first, with totals per status and the overdue count')
    .option('--as <username>', 'act as this user (their role and territory); default: the system')
    .option('--region <code>', 'a region inside the territory')
    .option('--status <status>', `one of ${REPORT_STATUSES.join(', ')}`)
    .option('--level <level>', `one of ${REPORT_LEVELS.join(', ')}`)
    .option('--overdue', 'only reports with an SLA timer run out')
    .option('--limit <n>', 'at most this many (default 50)', (v) => Number.parseInt(v, 10))
    .option('--json', 'print the answer as JSON')
    .action(
      (o: {
        as?: string;
        region?: string;
        status?: string;
        level?: string;
        overdue?: boolean;
        limit?: number;
        json?: boolean;
      }) =>
        run(async () => {
          if (o.status && !(REPORT_STATUSES as readonly string[]).includes(o.status))
            fail(`Unknown status ${o.status}`);
          if (o.level && !(REPORT_LEVELS as readonly string[]).includes(o.level))
            fail(`Unknown level ${o.level}`);
          await withContainer(o.as, 'reports', async (c, actor) => {
            const answer = await c.reports.list(actor, {
              region: o.region,
              status: o.status as ReportStatus | undefined,
              level: o.level as ReportLevel | undefined,
              overdue: o.overdue,
              limit: o.limit,
            });
            if (o.json) {
              printJson(answer);
              return;
            }
            const t = answer.totals;
            console.log(
              `${t.all} reports: ${t.received} received, ${t.in_progress} in progress, ${t.closed} closed; ${t.overdue} overdue`,
            );
            for (const r of answer.items) {
              const late = r.overdue.triage || r.overdue.response ? '  OVERDUE' : '';
              console.log(
                `${r.trackingNumber}  ${r.createdAt.slice(0, 10)}  ${say(STATUS_LABELS[r.status])} (${say(LEVEL_LABELS[r.level])})  ${say(CATEGORY_LABELS[r.category])}  ${r.villageName}${late}  ${r.id}`,
              );
            }
          });
        }),
    );

  reports
    .command('show <id>')
    .description('One report with the reporter and every step (an audited personal read)')
    .option('--as <username>', 'act as this user; default: the system')
    .option('--json', 'print the report as JSON')
    .action((id: string, o: { as?: string; json?: boolean }) =>
      run(async () => {
        await withContainer(o.as, 'reports', async (c, actor) => {
          const r = await c.reports.get(actor, await resolveId(c, id));
          if (o.json) {
            printJson(r);
            return;
          }
          console.log(`${r.trackingNumber}  ${say(STATUS_LABELS[r.status])}  ${say(LEVEL_LABELS[r.level])}`);
          console.log(
            `${say(CATEGORY_LABELS[r.category])} — ${r.villageName}, ${r.districtName}, ${r.regencyName}`,
          );
          console.log(
            `reporter: ${r.reporter.name} ${r.reporter.phone ?? ''} ${r.reporter.email ?? ''}`.trimEnd(),
          );
          console.log(`address: ${r.address}${r.rt ? ` RT ${r.rt}` : ''}${r.rw ? ` RW ${r.rw}` : ''}`);
          console.log(r.text);
          for (const s of r.steps) {
            console.log(`  ${s.at}  ${s.kind}${s.public ? '' : ' (internal)'}${s.text ? `: ${s.text}` : ''}`);
          }
        });
      }),
    );

  reports
    .command('close <id>')
    .description('Close a report with an outcome and, optionally, a last public reply')
    .requiredOption('--as <username>', 'the staff member closing it')
    .requiredOption('--outcome <outcome>', `one of ${REPORT_OUTCOMES.join(', ')}`)
    .option('--reply <text>', 'a public reply the reporter sees')
    .action((id: string, o: { as: string; outcome: string; reply?: string }) =>
      run(async () => {
        if (!(REPORT_OUTCOMES as readonly string[]).includes(o.outcome)) fail(`Unknown outcome ${o.outcome}`);
        await withContainer(o.as, 'reports', async (c, actor) => {
          const r = await c.reports.close(actor, await resolveId(c, id), {
            outcome: o.outcome as ReportOutcome,
            reply: o.reply,
          });
          console.log(`${r.trackingNumber} closed: ${say(OUTCOME_LABELS[o.outcome as ReportOutcome])}`);
        });
      }),
    );
}

/** A report's id, or its tracking number (LPR-…) turned into the id. */
async function resolveId(c: { reports: { idOf(tracking: string): Promise<string | null> } }, input: string) {
  if (!/^LPR/i.test(input)) return input;
  return (await c.reports.idOf(input)) ?? input;
}
