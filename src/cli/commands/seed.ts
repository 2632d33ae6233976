import type { Command } from 'commander';
import type { Container } from '../../container.ts';
import type { Actor } from '../../modules/access/actor.ts';
import type { SeedOptions, SeedProgress, SeedResult } from '../../modules/seed/seed.service.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run, say } from '../output.ts';

/** Seeds and prints a progress line per ~5% (or per chunk when stdout is a terminal) and a summary. */
export async function seedWithProgress(
  c: Container,
  actor: Actor,
  opts: SeedOptions,
  print?: (line: string) => void,
): Promise<SeedResult> {
  let nextReport = 0;
  const step = Math.max(1, Math.ceil(opts.households / 20));
  // One line rewritten in place on a terminal; a line per 5% otherwise (logs, CI, a caller's printer).
  const live = !print && process.stdout.isTTY === true;
  const out = print ?? ((l: string) => console.log(l));
  const line = (p: SeedProgress) =>
    `${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} households, ${p.persons.toLocaleString('en')} persons, ${(p.elapsedMs / 1000).toFixed(1)} s, ${Math.round(p.done / (p.elapsedMs / 1000)).toLocaleString('en')} households/s`;
  const result = await c.seed.seed(actor, opts, (p) => {
    if (live) process.stdout.write(`\r  ${line(p)}   `);
    else if (p.done >= nextReport || p.done === p.total) {
      out(`  ${line(p)}`);
      nextReport = p.done + step;
    }
  });
  if (live) process.stdout.write('\n');
  return result;
}

export function summarize(r: SeedResult): string {
  const seconds = r.elapsedMs / 1000;
  const lines = [
    `seeded ${r.created.toLocaleString('en')} households (${r.persons.toLocaleString('en')} persons) in ${r.regionCode || 'the whole nation'} (${r.villages.toLocaleString('en')} villages), seed ${r.seed}`,
    `  ${seconds.toFixed(1)} s, ${Math.round(r.done / seconds).toLocaleString('en')} households/s, ${Math.round(r.persons / seconds).toLocaleString('en')} persons/s`,
  ];
  if (r.unchanged)
    lines.push(
      `  ${r.unchanged.toLocaleString('en')} already present (same KK in the same village): run with another --seed to add more`,
    );
  if (r.rejected) {
    lines.push(`  ${r.rejected.toLocaleString('en')} rejected, for example:`);
    for (const x of r.rejections)
      for (const i of x.issues)
        lines.push(`    household ${x.ref}: ${i.field}: ${say(i.message)} (${i.code})`);
  }
  return lines.join('\n');
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('Generate realistic synthetic households (deterministic per seed) through the import path')
    .requiredOption('--households <n>', 'number of households to generate')
    .option('--region <code>', 'region to fill (province, regency, district or village); default: the nation')
    .option('--seed <s>', 'seed: the same seed and date give the same households', '1')
    .option('--as-of <date>', 'date the data describes (YYYY-MM-DD); default today')
    .option('--chunk <n>', 'households per transaction', '500')
    .option(
      '--as <username>',
      'act as this user (needs the import permission) instead of the system operator',
    )
    .option('--json', 'print the summary as JSON')
    .action(
      (o: {
        households: string;
        region?: string;
        seed: string;
        asOf?: string;
        chunk: string;
        as?: string;
        json?: boolean;
      }) =>
        run(async () => {
          const households = Number(o.households.replaceAll('_', ''));
          if (!Number.isInteger(households) || households < 1)
            fail(`--households: not a positive whole number: ${o.households}`);
          await withContainer(o.as, 'seed', async (c, actor) => {
            const opts: SeedOptions = {
              households,
              regionCode: o.region ?? '',
              seed: o.seed,
              asOf: o.asOf,
              chunkSize: Number(o.chunk),
            };
            if (!o.json) console.log(`database: ${c.database.location}`);
            const result = await seedWithProgress(c, actor, opts, o.json ? () => {} : undefined);
            if (o.json) printJson(result);
            else console.log(summarize(result));
            if (result.rejected) process.exitCode = 1;
          });
        }),
    );
}
