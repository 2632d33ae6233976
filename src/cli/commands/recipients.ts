/**
 * `dtks recipients --period YYYY-MM --programme CODE [compute|submit|approve|list|export]`: bansos proposals
 * and approved recipients through the same service as the API (`--as` applies that user's role and
 * territory; without it, the system operator, who may take every step). `compute` without `--programme`
 * computes every published programme applying in the regency in one pass.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { recipientsCsvChunks, recipientsXlsx } from '../../modules/recipients/recipients.export.ts';
import type { RunContext } from '../../modules/recipients/recipients.service.ts';
import { withContainer } from '../context.ts';
import { fail, jsonListChunks, printJson, run, writeOut } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

interface Options {
  period: string;
  programme?: string;
  regency?: string;
  region?: string;
  as?: string;
  out?: string;
  format?: 'csv' | 'xlsx';
}

const ACTIONS = ['compute', 'submit', 'approve', 'list', 'export'] as const;

export function registerRecipients(program: Command): void {
  program
    .command('recipients [action]')
    .description(
      `Bansos recipients of a period: ${ACTIONS.join('|')} (default list). compute, submit and approve act on one regency's proposal (--regency); compute without --programme computes every programme applying there in one pass`,
    )
    .requiredOption('--period <YYYY-MM>', 'a determined, ranked period')
    .option(
      '--programme <CODE>',
      'PKH, BPNT, PBI_JK, KIP_KULIAH or a provincial code (required but for compute: without it, all)',
    )
    .option('--regency <PP.RR>', 'the regency of the proposal (compute, submit, approve)')
    .option('--region <code>', 'list/export: only this region (within your territory)')
    .option('--format <csv|xlsx>', 'export format', 'csv')
    .option('--out <file>', 'export: write to this file (default: standard output, CSV only)')
    .option(
      '--as <username>',
      'act as this user (their role and territory apply); default: the system operator',
    )
    .action((action: string | undefined, o: Options) =>
      run(() =>
        withContainer(o.as, 'recipients', async (c, actor) => {
          const what = (action ?? 'list') as (typeof ACTIONS)[number];
          if (!ACTIONS.includes(what)) fail(`unknown action ${what}: one of ${ACTIONS.join(', ')}`, 2);
          const regency = () => {
            if (!o.regency) fail(`${what} needs --regency PP.RR`, 2);
            return o.regency;
          };
          if (what === 'compute') {
            const bar = progressBar();
            const job: RunContext = {
              resume: null,
              checkpoint: async (p) => bar.update(p.done, p.total ?? null, p.phase ?? ''),
            };
            const view = o.programme
              ? await c.recipients.compute(
                  actor,
                  { period: o.period, programme: o.programme, regency: regency() },
                  job,
                )
              : await c.recipients.computePass(actor, { period: o.period, regency: regency() }, job);
            bar.end();
            return printJson(view);
          }
          if (!o.programme) fail(`${what} needs --programme CODE`, 2);
          const programme = o.programme;
          const key = () => ({ period: o.period, programme, regency: regency() });
          if (what === 'submit' || what === 'approve') {
            const { id } = await c.recipients.proposalOf(actor, key());
            return printJson(await c.recipients[what](actor, id));
          }
          const which = { programme, region: o.region };
          if (what === 'list') {
            // What printJson({ items }) printed, written a page (5,000) at a time, never held whole.
            const { pages } = await c.recipients.recipientPages(actor, o.period, which);
            await pipeline(Readable.from(jsonListChunks('items', pages)), process.stdout, { end: false });
            return;
          }
          if (o.format === 'xlsx' && !o.out) fail('an Excel export needs --out FILE', 2);
          // Both formats stream page by page to the file (CSV also to standard output).
          const { households, pages } = await c.recipients.recipientPages(actor, o.period, {
            ...which,
            format: o.format === 'xlsx' ? 'xlsx' : 'csv',
          });
          await writeOut(
            o.format === 'xlsx'
              ? recipientsXlsx(`KPM ${programme} ${o.period}`, pages)
              : Readable.from(recipientsCsvChunks(pages)),
            o.out,
          );
          if (o.out) console.error(`${households} recipients written to ${o.out}`);
        }),
      ),
    );
}
