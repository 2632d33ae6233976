/**
 * `dtks recipients --period YYYY-MM --programme CODE [compute|submit|approve|return|declare|proposals|list|
 * export|exclusions|diff|totals]`: bansos proposals and approved recipients through the same service as the API
 * (`--as` applies that user's role and territory; without it, the system operator, who may take every step).
 * `compute` without `--programme` computes every published programme applying in the regency in one pass.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { recipientsCsvChunks, recipientsXlsx } from '../../modules/recipients/recipients.export.ts';
import { DIFF_CHANGES, DiffQuery } from '../../modules/recipients/recipients.schemas.ts';
import type { RunContext } from '../../modules/recipients/recipients.service.ts';
import { withContainer } from '../context.ts';
import { parseInput } from '../json-input.ts';
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
  note?: string;
  change?: string;
  household?: string;
  reason?: string;
  evidence?: string;
}

const ACTIONS = [
  'compute',
  'submit',
  'approve',
  'return',
  'declare',
  'proposals',
  'list',
  'export',
  'exclusions',
  'diff',
  'totals',
] as const;
/** The API's largest page; exclusions and diff walk the pages into one document. */
const PAGE = 500;

/** Every page of a keyset list (`items`, `nextCursor`), in order. */
async function allItems<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    items.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export function registerRecipients(program: Command): void {
  program
    .command('household-programmes <householdId>')
    .description(
      "A household's programmes period by period and why (not) in each (GET /api/v1/households/{id}/programmes; audited; outside your territory: not found)",
    )
    .option(
      '--as <username>',
      'act as this user (their role and territory apply); default: the system operator',
    )
    .action((householdId: string, o: { as?: string }) =>
      run(() =>
        withContainer(o.as, 'household-programmes', async (c, actor) =>
          printJson(await c.recipients.householdProgrammes(actor, householdId)),
        ),
      ),
    );

  program
    .command('recipients [action]')
    .description(
      `Bansos recipients of a period: ${ACTIONS.join('|')} (default list). compute, submit, approve, return and declare (a household of the proposal ineligible) act on one regency's proposal (--regency); compute without --programme computes every programme applying there in one pass; proposals lists the period's proposals; exclusions, diff (against the previous approved period) and totals (per region) read the approved lists`,
    )
    .requiredOption('--period <YYYY-MM>', 'a determined, ranked period')
    .option(
      '--programme <CODE>',
      'PKH, BPNT, PBI_JK, KIP_KULIAH or a provincial code (required but for compute: without it, all)',
    )
    .option('--regency <PP.RR>', 'the regency of the proposal (compute, submit, approve, return)')
    .option(
      '--region <code>',
      'proposals/list/export/exclusions/diff/totals: only this region (within your territory)',
    )
    .option('--note <text>', 'return: what the regency must correct (at least 3 characters)')
    .option(
      '--household <id>',
      'declare: the household of the proposal declared ineligible (ditidaklayakkan)',
    )
    .option('--reason <text>', 'declare: why (at least 3 characters)')
    .option('--evidence <text>', 'declare: what the declaration rests on (a letter, a visit report)')
    .option('--change <kind>', `diff: only ${DIFF_CHANGES.join(' | ')}`)
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
          if (what === 'proposals') {
            return printJson(
              await c.recipients.proposals(actor, {
                period: o.period,
                programme: o.programme,
                region: o.region,
              }),
            );
          }
          if (what === 'totals')
            return printJson(await c.recipients.totals(actor, o.period, { region: o.region }));
          if (!o.programme) fail(`${what} needs --programme CODE`, 2);
          const programme = o.programme;
          const key = () => ({ period: o.period, programme, regency: regency() });
          if (what === 'submit' || what === 'approve') {
            const { id } = await c.recipients.proposalOf(actor, key());
            return printJson(await c.recipients[what](actor, id));
          }
          if (what === 'declare') {
            if (!o.household) fail('declare needs --household ID', 2);
            const { id } = await c.recipients.proposalOf(actor, key());
            return printJson(
              await c.recipients.declareIneligible(actor, id, {
                householdId: o.household,
                reason: o.reason ?? '',
                ...(o.evidence ? { evidence: o.evidence } : {}),
              }),
            );
          }
          if (what === 'return') {
            const { id } = await c.recipients.proposalOf(actor, key());
            return printJson(await c.recipients.return(actor, id, o.note ?? ''));
          }
          const which = { programme, region: o.region };
          if (what === 'exclusions') {
            const items = await allItems((cursor) =>
              c.recipients.exclusions(actor, o.period, { ...which, cursor, limit: PAGE }),
            );
            return printJson({ period: o.period, programme, items });
          }
          if (what === 'diff') {
            const q = parseInput(DiffQuery, { ...which, change: o.change, limit: PAGE });
            // The first page carries the whole diff's period, previous period and counts.
            const { items: first, nextCursor, ...head } = await c.recipients.diff(actor, o.period, q);
            const rest = nextCursor
              ? await allItems((cursor) =>
                  c.recipients.diff(actor, o.period, { ...q, cursor: cursor ?? nextCursor }),
                )
              : [];
            const items = [...first, ...rest];
            return printJson({ ...head, items });
          }
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
