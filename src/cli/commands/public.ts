/**
 * `dtks public prune-checks`: removes public check-log rows older than PUBLIC_CHECK_RETENTION_DAYS (default
 * 90) now — the server also does it at start and daily.
 */
import type { Command } from 'commander';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';

export function registerPublic(program: Command): void {
  program
    .command('public <action>')
    .description('Public portal upkeep: prune-checks (apply the check log’s retention now)')
    .action((action: string) =>
      run(() =>
        withContainer(undefined, 'public', async (c) => {
          if (action !== 'prune-checks') fail(`unknown action ${action}: prune-checks`, 2);
          return printJson(await c.publicPortal.pruneCheckLog());
        }),
      ),
    );
}
