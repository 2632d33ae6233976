/**
 * `dtks usulan list|show|edit`: proposals of the territory through the same service as the API. `--source
 * mandiri` lists citizens' own proposals and correction requests (usulan mandiri); the citizen's own
 * actions are on the public pages and their API only. `edit <id> --file F` replaces a draft with the
 * proposal in F — the body of `PUT /api/v1/usulan/{id}` (`version` included) — which is how the village
 * operator completes a citizen's draft from the command line.
 */
import type { Command } from 'commander';
import { UsulanUpdate } from '../../modules/usulan/usulan.schemas.ts';
import { withContainer } from '../context.ts';
import { parseInput, readJson } from '../json-input.ts';
import { fail, printJson, run } from '../output.ts';

interface Options {
  as?: string;
  source?: string;
  state?: string;
  kind?: string;
  period?: string;
  region?: string;
  limit?: string;
  file?: string;
}

const SOURCES = ['operator', 'musdes', 'mandiri'] as const;
const KINDS = ['baru', 'perbaikan', 'dikeluarkan'] as const;

export function registerUsulan(program: Command): void {
  program
    .command('usulan <action> [id]')
    .description('Proposals (usulan): list [--source mandiri] | show <id> | edit <id> --file <proposal.json>')
    .option('--source <source>', `list: ${SOURCES.join(' | ')} (mandiri: citizens’ own)`)
    .option('--state <state>', 'list: only this state (draft, submitted, …)')
    .option('--kind <kind>', `list: ${KINDS.join(' | ')}`)
    .option('--period <YYYY-MM>', 'list: only this period')
    .option('--region <code>', 'list: only this region (within your territory)')
    .option('--limit <n>', 'list: at most this many (default 50, at most 200)')
    .option(
      '--file <file>',
      'edit: the whole proposal with its version, as PUT /usulan/{id} takes it (- = stdin)',
    )
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((action: string, id: string | undefined, o: Options) =>
      run(() =>
        withContainer(o.as, 'usulan', async (c, actor) => {
          if (action === 'show') {
            if (!id) fail('show needs the proposal id', 2);
            return printJson(await c.usulan.get(actor, id));
          }
          if (action === 'edit') {
            if (!id || !o.file) fail('edit needs the proposal id and --file', 2);
            const { version, ...proposal } = parseInput(UsulanUpdate, readJson(o.file));
            return printJson(await c.usulan.updateDraft(actor, id, version, proposal));
          }
          if (action !== 'list') fail(`unknown action ${action}: list, show or edit`, 2);
          const source = o.source as (typeof SOURCES)[number] | undefined;
          if (source && !SOURCES.includes(source)) fail(`--source: one of ${SOURCES.join(', ')}`, 2);
          const kind = o.kind as (typeof KINDS)[number] | undefined;
          if (kind && !KINDS.includes(kind)) fail(`--kind: one of ${KINDS.join(', ')}`, 2);
          const limit = o.limit ? Number(o.limit) : 50;
          if (!Number.isInteger(limit) || limit < 1 || limit > 200) fail('--limit: 1 to 200', 2);
          return printJson(
            await c.usulan.list(actor, {
              limit,
              ...(source ? { source } : {}),
              ...(kind ? { kind } : {}),
              ...(o.state ? { state: o.state } : {}),
              ...(o.period ? { period: o.period } : {}),
              ...(o.region ? { region: o.region } : {}),
            }),
          );
        }),
      ),
    );
}
