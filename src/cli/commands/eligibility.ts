/**
 * `dtks opt-out list|record|withdraw`: a household's opt-outs of programmes (on the citizen's written
 * request), through the same service as the API.
 *
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
  programme?: string;
  date?: string;
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

export function registerOptOut(program: Command): void {
  program
    .command('opt-out <action> <householdId> [optOutId]')
    .description(
      'Opting out of a programme: list <householdId> | record <householdId> --programme P --date YYYY-MM-DD --reason R [--evidence E] | withdraw <householdId> <optOutId> --reason R',
    )
    .option('--programme <code>', 'record: the programme (PKH, BPNT, PBI_JK, KIP_KULIAH, PROV_…)')
    .option('--date <YYYY-MM-DD>', "record: the date of the citizen's written request")
    .option('--reason <text>', 'record, withdraw: the reason (at least 3 characters)')
    .option('--evidence <text>', 'record: the letter as filed (its number)')
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((action: string, householdId: string, optOutId: string | undefined, o: Options) =>
      run(() =>
        withContainer(o.as, 'opt-out', async (c, actor) => {
          if (action === 'list') return printJson(await c.eligibility.optOuts(actor, householdId));
          if (action !== 'record' && action !== 'withdraw')
            fail(`unknown action ${action}: list, record or withdraw`, 2);
          if (!o.reason) fail('--reason is required', 2);
          if (action === 'withdraw') {
            if (!optOutId) fail('withdraw needs the opt-out id', 2);
            return printJson(
              await c.eligibility.withdrawOptOut(actor, householdId, optOutId, { reason: o.reason }),
            );
          }
          if (!o.programme) fail('--programme is required', 2);
          if (!o.date) fail('--date is required', 2);
          return printJson(
            await c.eligibility.recordOptOut(actor, householdId, {
              programme: o.programme,
              requestedOn: o.date,
              reason: o.reason,
              ...(o.evidence ? { evidence: o.evidence } : {}),
            }),
          );
        }),
      ),
    );
}
