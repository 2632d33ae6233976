/**
 * `dtks sanggah list|decide`: citizens' objections through the same service as the API. `list` shows the
 * open objections of the territory (or `--state`); `decide <id> --step investigate|uphold|reject` takes a
 * Dinas Sosial step (use `--as` with a regency Dinas Sosial user: only that role decides).
 */
import type { Command } from 'commander';
import { SANGGAH_STATES, type SanggahState } from '../../domain/sanggah/sanggah-state.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';

interface Options {
  as?: string;
  state?: string;
  region?: string;
  step?: string;
  version?: string;
  reason?: string;
  visit?: string;
}

const STEPS = ['investigate', 'uphold', 'reject'] as const;

export function registerSanggah(program: Command): void {
  program
    .command('sanggah <action> [id]')
    .description('Citizens’ objections (sanggah): list | decide <id> --step investigate|uphold|reject')
    .option('--state <state>', `list: open (default) or one of ${SANGGAH_STATES.join(', ')}`)
    .option('--region <code>', 'list: only this region (within your territory)')
    .option('--step <step>', `decide: ${STEPS.join(' | ')}`)
    .option('--version <n>', 'decide: the objection’s version you read (default: the current one)')
    .option('--reason <text>', 'decide: the reason the objector reads (uphold, reject)')
    .option('--visit <officerId>', 'decide: with investigate, a verivali visit to this petugas (user id)')
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((action: string, id: string | undefined, o: Options) =>
      run(() =>
        withContainer(o.as, 'sanggah', async (c, actor) => {
          if (action === 'list') {
            const state = o.state as SanggahState | 'open' | undefined;
            if (state && state !== 'open' && !SANGGAH_STATES.includes(state))
              fail(`unknown state ${state}`, 2);
            return printJson({
              items: await c.sanggah.list(actor, {
                ...(state ? { state } : {}),
                ...(o.region ? { region: o.region } : {}),
              }),
            });
          }
          if (action !== 'decide') fail(`unknown action ${action}: list or decide`, 2);
          if (!id) fail('decide needs the objection id', 2);
          const step = o.step as (typeof STEPS)[number];
          if (!STEPS.includes(step)) fail(`--step: one of ${STEPS.join(', ')}`, 2);
          const version = o.version ? Number(o.version) : (await c.sanggah.get(actor, id)).version;
          return printJson(
            await c.sanggah.decide(actor, id, {
              step,
              version,
              ...(o.reason ? { reason: o.reason } : {}),
              ...(o.visit ? { visitOfficer: o.visit } : {}),
            }),
          );
        }),
      ),
    );
}
