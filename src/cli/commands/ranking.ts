/**
 * `dtks rank`, `dtks household-ranking`, `dtks ranking-runs` and `dtks ranking-model …`: rank a determined
 * period, read a household's "why this desil" (of the newest run or a past one), list which model versions
 * ranked a period, upload and publish PMT models, through the same service as the API (`--as`
 * applies that user's role and territory; without it, the system operator).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { issue, validationError } from '../../domain/errors.ts';
import { DEFAULT_MODEL } from '../../domain/ranking/default-model.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

const AS = [
  '--as <username>',
  'act as this user (their role and territory apply); default: the system operator',
] as const;

export function registerRanking(program: Command): void {
  program
    .command('rank')
    .description(
      'Rank a determined period into deciles (national, province, regency) with the latest published model; run again it answers the same result',
    )
    .requiredOption('--period <YYYY-MM>', 'a determined period')
    .option('--model <version>', 'a published model version (default: the latest published)')
    .option(...AS)
    .option('--json', 'print {"period","modelVersion","households","checksum"}')
    .action((o: { period: string; model?: string; as?: string; json?: boolean }) =>
      run(() =>
        withContainer(
          o.as,
          'rank',
          async (c, actor) => {
            const bar = o.json ? null : progressBar();
            const summary = await c.ranking.rank(
              actor,
              { period: o.period, model: o.model },
              {
                resume: null,
                checkpoint: async (p) => bar?.update(p.done, p.total ?? null, p.phase ?? ''),
              },
            );
            bar?.end();
            if (o.json) printJson(summary);
            else
              console.log(
                `ranked ${summary.households} households of ${summary.period} with ${summary.modelVersion} (checksum ${summary.checksum})`,
              );
          },
          { worker: true },
        ),
      ),
    );

  program
    .command('household-ranking <householdId>')
    .description(
      "Why this desil: a household's score, deciles, BPS criteria and each variable's contribution in a period (GET /api/v1/households/{id}/ranking; audited; outside your territory: not found)",
    )
    .requiredOption('--period <YYYY-MM>', 'a ranked period')
    .option(
      '--model <version>',
      "that model version's run of the period (a past ranking, as it was; see dtks ranking-runs); default: the newest",
    )
    .option(...AS)
    .action((householdId: string, o: { period: string; model?: string; as?: string }) =>
      run(() =>
        withContainer(o.as, 'household-ranking', async (c, actor) =>
          printJson(await c.ranking.householdRanking(actor, householdId, o.period, o.model)),
        ),
      ),
    );

  program
    .command('ranking-runs')
    .description(
      'The model versions that ranked a period: its finished runs, newest first (GET /api/v1/periods/{period}/ranking-runs)',
    )
    .requiredOption('--period <YYYY-MM>', 'a period')
    .option(...AS)
    .action((o: { period: string; as?: string }) =>
      run(() =>
        withContainer(o.as, 'ranking-runs', async (c, actor) =>
          printJson(await c.ranking.rankingRuns(actor, o.period)),
        ),
      ),
    );

  const models = program.command('ranking-model').description('Ranking (PMT) models: upload, publish, list');
  models
    .command('list')
    .option(...AS)
    .action((o: { as?: string }) =>
      run(() =>
        withContainer(o.as, 'ranking-model', async (c, actor) =>
          printJson(await c.ranking.listModels(actor)),
        ),
      ),
    );
  models
    .command('upload [file]')
    .description(
      'Check a model document (JSON, docs/ranking.md) and store it as a draft; every problem is named by its path',
    )
    .option('--default', `the shipped default model (${DEFAULT_MODEL.version})`)
    .option(...AS)
    .action((file: string | undefined, o: { as?: string; default?: boolean }) =>
      run(() =>
        withContainer(o.as, 'ranking-model', async (c, actor) => {
          if (o.default) return printJson(await c.ranking.uploadModel(actor, DEFAULT_MODEL));
          if (!file) fail('a model file, or --default', 2);
          let doc: unknown;
          try {
            doc = JSON.parse(await readFile(file, 'utf8'));
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(`no such file: ${file}`, 1);
            throw validationError([issue('file', 'file.invalid_json', { message: (err as Error).message })]);
          }
          printJson(await c.ranking.uploadModel(actor, doc));
        }),
      ),
    );
  models
    .command('publish <version>')
    .option(
      '--confirm-concentration',
      'publish although the model lumps most of the check sample into one decile',
    )
    .option(...AS)
    .action((version: string, o: { as?: string; confirmConcentration?: boolean }) =>
      run(() =>
        withContainer(o.as, 'ranking-model', async (c, actor) =>
          printJson(
            await c.ranking.publishModel(actor, version, { confirmConcentration: o.confirmConcentration }),
          ),
        ),
      ),
    );
}
