import type { Command } from 'commander';
import type { GcReport } from '../../modules/attachments/blob-store.ts';
import { openContainer } from '../context.ts';
import { printJson, run } from '../output.ts';

/** One line about what a blob collection did, for the CLI and the server's start-up log. */
export function describeGc(r: GcReport): string {
  const mib = (r.removedBytes / 1024 / 1024).toFixed(1);
  return `blobs gc: removed ${r.removedBlobs} unreferenced blob(s) (${mib} MiB) and ${r.removedTemp} stale temporary file(s); kept ${r.kept}`;
}

export function registerBlobs(program: Command): void {
  const blobs = program.command('blobs').description('The attachment files under DATA_DIR/blobs');
  blobs
    .command('gc')
    .description(
      'Remove blobs no attachment refers to and temporary files of unfinished uploads, both older than an hour (also done at server start)',
    )
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(async () => {
        const c = await openContainer();
        try {
          const report = await c.attachments.collectGarbage();
          if (o.json) printJson(report);
          else console.log(describeGc(report));
        } finally {
          await c.close();
        }
      }),
    );
}
