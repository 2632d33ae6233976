import type { Command } from 'commander';
import type { Container } from '../../container.ts';
import { AppError } from '../../domain/errors.ts';
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

/** `next` is the next determinable period (never one that answers 409), or a refusal when none is left. */
async function periodToDetermine(c: Container, actor: Actor, period: string): Promise<string> {
  if (period !== 'next') return period;
  const { nextDeterminable } = await c.penetapan.list(actor);
  if (!nextDeterminable) throw new AppError('state', 'penetapan.nothing_to_determine');
  return nextDeterminable;
}

export function registerPenetapan(program: Command): void {
  program
    .command('penetapan')
    .description("Determine DTKS for a month (the Minister's penetapan): snapshot, diff and SK; idempotent")
    .requiredOption(
      '--period <YYYY-MM|next>',
      'the period to determine; "next": the month after the latest determined one (what the web form proposes)',
    )
    .option('--as <username>', 'act as this user (must be pusdatin) instead of the system operator')
    .option('--json', 'print the summary as JSON')
    .action((o: { period: string; as?: string; json?: boolean }) =>
      run(async () => {
        await withContainer(o.as, 'penetapan', async (c, cli) => {
          const actor = penetapanActor(cli, o.as);
          const started = Date.now();
          const s = await c.penetapan.determine(actor, await periodToDetermine(c, actor, o.period));
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
