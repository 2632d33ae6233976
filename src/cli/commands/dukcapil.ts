import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { MATCH_RESULT_CODES } from '../../domain/dukcapil/dukcapil.ts';
import type { RejectedRow } from '../../modules/dukcapil/dukcapil.service.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run, say } from '../output.ts';

/** Exit code when the file was matched but some of its lines were rejected as malformed. */
export const EXIT_REJECTED = 3;

export function registerDukcapil(program: Command): void {
  program
    .command('dukcapil-match')
    .description(
      'Match a Dukcapil extract (CSV: nik, kk_number, name, birth_date, sex, region_code, status) against DTKS for a regency; prints counts per result and rejected lines (exit 3 when lines were rejected)',
    )
    .argument('<file>', 'CSV extract with a header row')
    .requiredOption('--region <code>', 'the regency the extract is for, e.g. 3201 or 32.01')
    .option(
      '--as <username>',
      'act as this user (their role and territory apply); default: the system operator',
    )
    .option('--json', 'print the summary and rejected lines as JSON')
    .action((file: string, o: { region: string; as?: string; json?: boolean }) =>
      run(async () => {
        if (!existsSync(file)) fail(`No such file: ${file}`);
        await withContainer(o.as, 'dukcapil-match', async (c, actor) => {
          const rejected: RejectedRow[] = [];
          const started = performance.now();
          const summary = await c.dukcapil.importExtract(actor, createReadStream(file), {
            region: o.region,
            fileName: basename(file),
            onRejected: (r) => {
              if (o.json) rejected.push(r);
              else
                for (const i of r.issues)
                  console.log(`line ${r.line}  ${i.field}  ${say(i.message)} (${i.code})`);
            },
          });
          const seconds = Math.round(performance.now() - started) / 1000;
          if (o.json) {
            printJson({
              ...summary,
              seconds,
              rejectedLines: rejected.map((r) => ({
                ...r,
                issues: r.issues.map((i) => ({ field: i.field, code: i.code, message: say(i.message) })),
              })),
            });
          } else {
            console.log(
              [
                `import ${summary.id} for ${summary.regencyCode}: ${summary.rows} lines, ${summary.rejected} rejected, ${seconds} s`,
                ...MATCH_RESULT_CODES.map((r) => `  ${r.padEnd(20)} ${summary.counts[r]}`),
                `  open to resolve      ${summary.open}`,
              ].join('\n'),
            );
          }
          if (summary.rejected > 0) process.exitCode = EXIT_REJECTED;
        });
      }),
    );
}
