/**
 * `dtks sync working-set|apply`: the offline sync through the same service as the API (docs/offline.md).
 * `working-set --region CODE --out FILE` writes a territory's working set as NDJSON (one record a line,
 * streamed); `apply FILE` applies the changes a device recorded — a JSON file shaped like the body of
 * `POST /api/v1/sync/changes` (`{"changes": [...], "files": {ref: base64}}`), or NDJSON with one change a
 * line and photos read from `--photos DIR` (a file named by its ref). Exit 0 when every change was applied
 * or already was, 3 when any conflicts or was rejected.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SYNC_STATUSES, type SyncStatus } from '../../modules/sync/sync.schemas.ts';
import { withContainer } from '../context.ts';
import { cliLanguage, fail, printJson, run } from '../output.ts';

/** Exit code when some change conflicts or was rejected. */
export const EXIT_NOT_APPLIED = 3;

export function registerSync(program: Command): void {
  const sync = program.command('sync').description('Offline field app sync: working set and changes');

  sync
    .command('working-set')
    .description(
      "Write a territory's working set (households, open proposals, visits, Musdes, code lists) as NDJSON",
    )
    .requiredOption('--region <code>', 'the region (within your territory)')
    .requiredOption('--out <file>', 'the NDJSON file to write')
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((o: { region: string; out: string; as?: string }) =>
      run(() =>
        withContainer(o.as, 'sync', async (c, actor) => {
          const records = c.sync.workingSet(actor, o.region);
          const first = await records.next(); // territory and region checked before the file is made
          const out = createWriteStream(o.out);
          const write = async (line: string) => {
            if (!out.write(line)) await once(out, 'drain');
          };
          let end: unknown = null;
          if (!first.done) await write(`${JSON.stringify(first.value)}\n`);
          for await (const r of records) {
            await write(`${JSON.stringify(r)}\n`);
            if (r.type === 'end') end = r.data;
          }
          out.end();
          await once(out, 'finish');
          printJson({ file: o.out, ...(end as object) });
        }),
      ),
    );

  sync
    .command('apply')
    .description(
      'Apply changes recorded offline; exit 0 when all were applied (or already were), 3 otherwise',
    )
    .argument('<file>', 'JSON {"changes", "files"} as the API takes it, or NDJSON with one change a line')
    .option('--photos <dir>', 'NDJSON: the directory holding the photos, each named by its ref')
    .option('--json', 'print every result and the counts as JSON')
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((file: string, o: { photos?: string; json?: boolean; as?: string }) =>
      run(async () => {
        if (!existsSync(file)) fail(`No such file: ${file}`);
        const { changes, files } = parseChanges(await readFile(file, 'utf8'), file);
        const results = await withContainer(o.as, 'sync', (c, actor) =>
          c.sync.apply(actor, changes, {
            lang: cliLanguage(),
            source: `cli ${file}`,
            photos: async (ref) => {
              if (Object.hasOwn(files, ref)) return Buffer.from(files[ref]!, 'base64');
              if (!o.photos || !/^[A-Za-z0-9_-]+$/.test(ref)) return undefined;
              const path = join(o.photos, ref);
              return existsSync(path) ? readFile(path) : undefined;
            },
          }),
        );
        const counts = Object.fromEntries(SYNC_STATUSES.map((s) => [s, 0])) as Record<SyncStatus, number>;
        for (const r of results) counts[r.status]++;
        if (o.json) printJson({ ...counts, results });
        else {
          for (const r of results)
            console.log(
              `${r.status.padEnd(9)} ${r.kind} ${r.targetId}${r.reason ? `  ${r.reason.message}` : ''}`,
            );
          console.log(SYNC_STATUSES.map((s) => `${s} ${counts[s]}`).join(', '));
        }
        if (counts.conflict + counts.rejected > 0) process.exitCode = EXIT_NOT_APPLIED;
      }),
    );
}

function parseChanges(text: string, file: string): { changes: unknown[]; files: Record<string, string> } {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{') && !trimmed.includes('\n{')) {
      const body = JSON.parse(trimmed) as { changes?: unknown; files?: unknown };
      if (Array.isArray(body.changes)) {
        const files =
          body.files && typeof body.files === 'object' ? (body.files as Record<string, string>) : {};
        return { changes: body.changes, files };
      }
      return { changes: [body], files: {} };
    }
    if (trimmed.startsWith('[')) return { changes: JSON.parse(trimmed) as unknown[], files: {} };
    return {
      changes: trimmed
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown),
      files: {},
    };
  } catch (err) {
    fail(`${file}: not JSON or NDJSON (${(err as Error).message})`, 2);
  }
}
