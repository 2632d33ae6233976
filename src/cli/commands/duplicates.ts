/**
 * `dtks duplicates …`: the likely-duplicate worklist from the command line — scan a region, list the
 * candidates, resolve one — through the same service as the API, so roles, territory and the audit log apply.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { validationError } from '../../domain/errors.ts';
import { issuesFromZod } from '../../http/problem.ts';
import { Resolution, WorklistQuery } from '../../modules/duplicates/duplicates.schemas.ts';
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

export function registerDuplicates(program: Command): void {
  const cmd = program
    .command('duplicates')
    .description('Likely duplicate households: scan a region, list the worklist, resolve a candidate');

  cmd
    .command('scan')
    .description(
      'Compare every active household and person of a region by the duplicate rules; flag new pairs',
    )
    .requiredOption('--region <code>', 'region to scan, e.g. 33.07 (a regency)')
    .option(...AS)
    .option('--json', 'print the result as JSON')
    .action((o: { region: string; as?: string; json?: boolean }) =>
      run(async () => {
        await withContainer(o.as, 'duplicates-scan', async (c, actor) => {
          const started = performance.now();
          const tty = process.stderr.isTTY && !o.json;
          const r = await c.duplicates.scan(actor, o.region, (phase, n) => {
            if (tty) process.stderr.write(`\r${phase}: ${n.toLocaleString('en')}   `);
          });
          if (tty) process.stderr.write('\n');
          const seconds = Math.round(performance.now() - started) / 1000;
          if (o.json) printJson({ ...r, seconds });
          else
            console.log(
              [
                `scanned ${r.region || 'the nation'}: ${r.households} households, ${r.persons} persons, ${seconds} s`,
                `  found ${r.found} pairs, ${r.inserted} new`,
                ...Object.entries(r.byRule).map(([rule, n]) => `  ${rule.padEnd(20)} ${n}`),
              ].join('\n'),
            );
        });
      }),
    );

  cmd
    .command('list')
    .description('The worklist (open candidates by default)')
    .option('--region <code>', 'narrow to a region inside your territory')
    .option('--state <state>', 'open, linked, dismissed or all', 'open')
    .option('--limit <n>', 'at most this many', '50')
    .option(...AS)
    .option('--json', 'print as JSON')
    .action((o: { region?: string; state: string; limit: string; as?: string; json?: boolean }) =>
      run(async () => {
        const query = parse(WorklistQuery, { region: o.region, state: o.state, limit: o.limit });
        await withContainer(o.as, 'duplicates-list', async (c, actor) => {
          const { items } = await c.duplicates.worklist(actor, query);
          if (o.json) return printJson(items);
          for (const i of items)
            console.log(
              `${i.id}  ${i.rule.padEnd(18)} ${i.score.toFixed(3)}  ${i.state.padEnd(9)} ${i.a.headName} (${i.a.kkNumber}, ${i.a.regionCode}) ↔ ${i.b.headName} (${i.b.kkNumber}, ${i.b.regionCode})`,
            );
        });
      }),
    );

  cmd
    .command('resolve')
    .description(
      'Resolve a candidate: same_family, not_duplicate, or remove (one household, reason duplikat)',
    )
    .argument('<id>', 'candidate id')
    .requiredOption('--action <action>', 'same_family, not_duplicate or remove')
    .requiredOption('--note <text>', 'why')
    .option('--household <id>', 'with remove: the household to remove')
    .option('--version <n>', 'with remove: its current version')
    .option(...AS)
    .action(
      (id: string, o: { action: string; note: string; household?: string; version?: string; as?: string }) =>
        run(async () => {
          const body = parse(
            Resolution,
            o.action === 'remove'
              ? { action: o.action, note: o.note, householdId: o.household, version: Number(o.version) }
              : { action: o.action, note: o.note },
          );
          await withContainer(o.as, 'duplicates-resolve', async (c, actor) => {
            const r = await c.duplicates.resolve(actor, id, body);
            console.log(`${r.id}: ${r.state} (${r.resolution})`);
          });
        }),
    );
}
