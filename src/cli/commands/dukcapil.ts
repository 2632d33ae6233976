/**
 * `dtks dukcapil match --adapter file|http`: Dukcapil matching for a regency through one of its adapters
 * (docs/dukcapil-adapter.md) — a CSV extract, or the civil registry's HTTP service configured by
 * DUKCAPIL_URL and DUKCAPIL_TOKEN. `dtks dukcapil-match FILE` is the file adapter's older spelling.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { MATCH_RESULT_CODES } from '../../domain/dukcapil/dukcapil.ts';
import { fileAdapter } from '../../modules/dukcapil/dukcapil.adapter.ts';
import type { RejectedRow } from '../../modules/dukcapil/dukcapil.service.ts';
import { withContainer } from '../context.ts';
import { fileBytes } from '../file-bytes.ts';
import { fail, printJson, run, say } from '../output.ts';

/** Exit code when the file was matched but some of its lines were rejected as malformed. */
export const EXIT_REJECTED = 3;

interface MatchOptions {
  region: string;
  as?: string;
  json?: boolean;
}

function matchAction(adapter: 'file' | 'http', file: string | undefined, o: MatchOptions, name: string) {
  return run(async () => {
    if (adapter === 'file') {
      if (!file) fail('--adapter file needs the extract: dtks dukcapil match --adapter file FILE', 2);
      if (!existsSync(file)) fail(`No such file: ${file}`);
    } else if (file)
      fail('--adapter http reads no file (it asks the service for the regency’s DTKS NIKs)', 2);
    await withContainer(o.as, name, async (c, actor) => {
      const rejected: RejectedRow[] = [];
      const started = performance.now();
      const source =
        adapter === 'file' ? fileAdapter(fileBytes(file!), basename(file!)) : c.dukcapil.httpAdapter();
      const summary = await c.dukcapil.match(actor, source, {
        region: o.region,
        onRejected: (r) => {
          if (o.json) rejected.push(r);
          else
            for (const i of r.issues)
              console.log(`line ${r.line}  ${i.field}  ${say(i.message)} (${i.code})`);
        },
        onProgress: (done, total) => {
          if (!o.json && total !== null && process.stderr.isTTY) process.stderr.write(`\r${done}/${total}`);
        },
      });
      if (!o.json && process.stderr.isTTY) process.stderr.write('\n');
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
            `import ${summary.id} for ${summary.regencyCode} (${summary.fileName}): ${summary.rows} lines, ${summary.rejected} rejected, ${seconds} s`,
            ...MATCH_RESULT_CODES.map((r) => `  ${r.padEnd(20)} ${summary.counts[r]}`),
            `  open to resolve      ${summary.open}`,
          ].join('\n'),
        );
      }
      if (summary.rejected > 0) process.exitCode = EXIT_REJECTED;
    });
  });
}

const AS = 'act as this user (their role and territory apply); default: the system operator';

export function registerDukcapil(program: Command): void {
  program
    .command('dukcapil-match')
    .description(
      'Match a Dukcapil extract (CSV: nik, kk_number, name, birth_date, sex, region_code, status) against DTKS for a regency; prints counts per result and rejected lines (exit 3 when lines were rejected). Same as `dtks dukcapil match --adapter file`',
    )
    .argument('<file>', 'CSV extract with a header row')
    .requiredOption('--region <code>', 'the regency the extract is for, e.g. 3201 or 32.01')
    .option('--as <username>', AS)
    .option('--json', 'print the summary and rejected lines as JSON')
    .action((file: string, o: MatchOptions) => matchAction('file', file, o, 'dukcapil-match'));

  const group = program.command('dukcapil').description('Dukcapil (civil registry) matching');
  group
    .command('match')
    .description(
      'Match DTKS with Dukcapil for a regency through an adapter: `file` reads a CSV extract (nik, kk_number, name, birth_date, sex, region_code, status); `http` asks the service at DUKCAPIL_URL (token DUKCAPIL_TOKEN) for every DTKS NIK of the regency (docs/dukcapil-adapter.md). Prints counts per result and rejected lines (exit 3 when lines were rejected); a failed run keeps nothing but its import marked failed',
    )
    .argument('[file]', 'with --adapter file: the CSV extract with a header row')
    .option('--adapter <kind>', 'file or http', 'file')
    .requiredOption('--region <code>', 'the regency, e.g. 3201 or 32.01')
    .option('--as <username>', AS)
    .option('--json', 'print the summary and rejected lines as JSON')
    .action((file: string | undefined, o: MatchOptions & { adapter: string }) => {
      if (o.adapter !== 'file' && o.adapter !== 'http') {
        return run(async () => fail(`unknown adapter ${o.adapter}: file or http`, 2));
      }
      return matchAction(o.adapter, file, o, 'dukcapil match');
    });
}
