/**
 * `dtks wage …`: the regional minimum wages (UMP/UMK) from the command line, through the same service as the
 * API (`--as` applies that user's role and territory; without it, the system operator).
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { validationError } from '../../domain/errors.ts';
import { rupiah } from '../../domain/group-digits.ts';
import { issuesFromZod } from '../../http/problem.ts';
import { WageListQuery, WageSet } from '../../modules/wages/wages.schemas.ts';
import { withContainer } from '../context.ts';
import { printJson, run } from '../output.ts';

const AS = [
  '--as <username>',
  'act as this user (their role and territory apply); default: the system operator',
] as const;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(issuesFromZod(r.error.issues));
  return r.data;
}

/** A whole number as typed, or the text itself so that the schema names the field and the reason. */
const whole = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : v);

export function registerWages(program: Command): void {
  const cmd = program
    .command('wage')
    .description(
      'Regional minimum wages: UMP per province, UMK per regency, per year (integer rupiah a month)',
    );

  cmd
    .command('list')
    .description("Figures of a region's province (or all), newest year first")
    .option('--region <code>', 'a province or regency, e.g. 33.07')
    .option('--year <year>', 'one year')
    .option(...AS)
    .option('--json', 'print JSON as the API answers')
    .action((o: { region?: string; year?: string; as?: string; json?: boolean }) =>
      run(() =>
        withContainer(o.as, 'wage-list', async (c, actor) => {
          const query = parse(WageListQuery, { region: o.region, year: o.year });
          const { items } = await c.wages.list(actor, query);
          if (o.json) return printJson({ items });
          for (const w of items)
            console.log(
              `${w.year}  ${w.kind}  ${w.regionCode.padEnd(6)} ${w.regionName.padEnd(28)} ${rupiah(w.monthlyAmount, 'id')}  v${w.version}${w.decree ? `  ${w.decree}` : ''}`,
            );
        }),
      ),
    );

  cmd
    .command('set')
    .description("Set a province's UMP or a regency's UMK for a year (a change needs --version)")
    .requiredOption('--region <code>', 'a province (UMP) or a regency (UMK)')
    .requiredOption('--year <year>', 'the year the figure applies to')
    .requiredOption('--amount <rupiah>', 'integer rupiah a month, e.g. 2327386')
    .option('--decree <text>', 'the decree that set it (SK Gubernur …)')
    .option('--version <n>', 'the version read, to change an existing figure')
    .option(...AS)
    .option('--json', 'print JSON as the API answers')
    .action(
      (o: {
        region: string;
        year: string;
        amount: string;
        decree?: string;
        version?: string;
        as?: string;
        json?: boolean;
      }) =>
        run(() =>
          withContainer(o.as, 'wage-set', async (c, actor) => {
            const input = parse(WageSet, {
              regionCode: o.region,
              year: whole(o.year),
              monthlyAmount: whole(o.amount),
              decree: o.decree,
              version: whole(o.version),
            });
            const w = await c.wages.set(actor, input);
            if (o.json) printJson(w);
            else
              console.log(
                `${w.kind} ${w.regionName} ${w.year}: ${rupiah(w.monthlyAmount, 'id')} (version ${w.version})`,
              );
          }),
        ),
    );
}
