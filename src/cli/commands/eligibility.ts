/**
 * `dtks ineligible list|declare|lift`: households declared ineligible (ditidaklayakkan) through the same service
 * as the API. Declaring and lifting are the regency Dinas Sosial's (use `--as` with such a user); `list` shows
 * the standing declarations of the territory.
 */
import type { Command } from 'commander';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';

interface Options {
  as?: string;
  region?: string;
  reason?: string;
  evidence?: string;
  version?: string;
}

export function registerEligibility(program: Command): void {
  program
    .command('ineligible <action> [householdId]')
    .description(
      'Ditidaklayakkan: list | declare <householdId> --reason R [--evidence E] | lift <householdId> --reason R',
    )
    .option('--region <code>', 'list: only this region (within your territory)')
    .option('--reason <text>', 'declare, lift: the reason (at least 3 characters)')
    .option('--evidence <text>', 'declare: what the declaration rests on (a letter, a visit report)')
    .option('--version <n>', 'declare: the household version you read (default: the current one)')
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((action: string, householdId: string | undefined, o: Options) =>
      run(() =>
        withContainer(o.as, 'ineligible', async (c, actor) => {
          if (action === 'list') return printJson({ items: await c.eligibility.list(actor, o.region) });
          if (action !== 'declare' && action !== 'lift')
            fail(`unknown action ${action}: list, declare or lift`, 2);
          if (!householdId) fail(`${action} needs the household id`, 2);
          if (!o.reason) fail('--reason is required', 2);
          if (action === 'lift') {
            return printJson(await c.eligibility.liftIneligible(actor, householdId, { reason: o.reason }));
          }
          const version = o.version
            ? Number(o.version)
            : (await c.households.get(actor, householdId)).version;
          return printJson(
            await c.eligibility.declareIneligible(actor, householdId, {
              version,
              reason: o.reason,
              ...(o.evidence ? { evidence: o.evidence } : {}),
            }),
          );
        }),
      ),
    );
}
