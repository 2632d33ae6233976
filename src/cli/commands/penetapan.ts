import type { Command } from 'commander';
import type { Actor } from '../../modules/access/actor.ts';
import { withContainer } from '../context.ts';
import { printJson, run } from '../output.ts';

/**
 * Without `--as`, the machine's operator acts as Pusdatin (the national data centre runs the monthly
 * determination on its own server); with `--as USER`, that user's role applies (only pusdatin may determine).
 */
function penetapanActor(actor: Actor, as: string | undefined): Actor {
  return as ? actor : { ...actor, role: 'pusdatin' };
}

export function registerPenetapan(program: Command): void {
  program
    .command('penetapan')
    .description("Determine DTKS for a month (the Minister's penetapan): snapshot, diff and SK; idempotent")
    .requiredOption('--period <YYYY-MM>', 'the period to determine')
    .option('--as <username>', 'act as this user (must be pusdatin) instead of the system operator')
    .option('--json', 'print the summary as JSON')
    .action((o: { period: string; as?: string; json?: boolean }) =>
      run(async () => {
        await withContainer(o.as, 'penetapan', async (c, cli) => {
          const actor = penetapanActor(cli, o.as);
          const started = Date.now();
          const s = await c.penetapan.determine(actor, o.period);
          if (o.json) {
            printJson(s);
            return;
          }
          const p = await c.penetapan.get(actor, s.period);
          const f = (n: number) => n.toLocaleString('en');
          console.log(
            `DTKS ${s.period} determined: ${p.skNumber}${p.previousPeriod ? ` (compared with ${p.previousPeriod})` : ' (first determination)'}`,
          );
          console.log(`  households ${f(s.households)}, persons ${f(s.persons)}`);
          console.log(`  added ${f(s.added)}, removed ${f(s.removed)}, changed ${f(s.changed)}`);
          console.log(`  checksum ${s.checksum}`);
          console.log(`  ${((Date.now() - started) / 1000).toFixed(1)} s`);
        });
      }),
    );
}
