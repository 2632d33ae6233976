/**
 * `dtks public prune-checks`: removes public check-log rows older than PUBLIC_CHECK_RETENTION_DAYS (default
 * 90) now — the server also does it at start and daily.
 * `dtks public statistics [--region CODE] [--period YYYY-MM]`: the public statistics exactly as
 * `GET /api/v1/public/statistics` answers them (small cells hidden as null), as JSON.
 */
import type { Command } from 'commander';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';

export function registerPublic(program: Command): void {
  program
    .command('public <action>')
    .description(
      'Public portal: prune-checks (apply the check log’s retention now), statistics (the public figures, as the API gives them)',
    )
    .option(
      '--region <code>',
      'statistics: a province, regency, kecamatan or village code (default: the nation)',
    )
    .option('--period <period>', 'statistics: a determined period YYYY-MM (default: the newest)')
    .action((action: string, opts: { region?: string; period?: string }) =>
      run(() =>
        withContainer(undefined, 'public', async (c) => {
          if (action === 'prune-checks') return printJson(await c.publicPortal.pruneCheckLog());
          if (action === 'statistics') {
            if (opts.period !== undefined && !/^\d{4}-\d{2}$/.test(opts.period)) {
              fail(`--period must be YYYY-MM (got ${opts.period})`, 2);
            }
            return printJson(await c.publicPortal.statistics(opts.region, opts.period));
          }
          fail(`unknown action ${action}: prune-checks, statistics`, 2);
        }),
      ),
    );
}
