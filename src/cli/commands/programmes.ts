/**
 * `dtks programme list|show|upload|publish`: programme documents (docs/programmes.md) through the same service
 * as the API (`--as` applies that user's role and territory; without it, the system operator).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { issue, validationError } from '../../domain/errors.ts';
import { DEFAULT_PROGRAMMES } from '../../domain/programmes/defaults.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';

const AS = [
  '--as <username>',
  'act as this user (their role and territory apply); default: the system operator',
] as const;

export function registerProgrammes(program: Command): void {
  const programmes = program
    .command('programme')
    .description('Assistance programmes as configuration: list, show, upload and publish versions');
  programmes
    .command('list')
    .description('Every programme with the version in force')
    .option(...AS)
    .action((o: { as?: string }) =>
      run(() =>
        withContainer(o.as, 'programme', async (c, actor) => {
          const { items } = await c.programmes.list(actor);
          printJson({
            items: items.map((p) => ({
              code: p.code,
              door: p.door,
              provinceCode: p.provinceCode,
              name: p.name,
              currentVersion: p.current?.version ?? null,
              latestVersion: p.latest.version,
              latestState: p.latest.state,
            })),
          });
        }),
      ),
    );
  programmes
    .command('show <code>')
    .description('One programme: the version in force with its document, and every version')
    .option('--version <version>', 'one version (with its document) instead')
    .option(...AS)
    .action((code: string, o: { as?: string; version?: string }) =>
      run(() =>
        withContainer(o.as, 'programme', async (c, actor) =>
          printJson(
            o.version
              ? await c.programmes.version(actor, code, o.version)
              : await c.programmes.get(actor, code),
          ),
        ),
      ),
    );
  programmes
    .command('upload [file]')
    .description(
      'Check a programme document (JSON, docs/programmes.md) and store it as a draft; every problem is named by its JSON pointer',
    )
    .option(
      '--default <code>',
      `a shipped default document (${DEFAULT_PROGRAMMES.map((d) => d.code).join(', ')})`,
    )
    .option(...AS)
    .action((file: string | undefined, o: { as?: string; default?: string }) =>
      run(() =>
        withContainer(o.as, 'programme', async (c, actor) => {
          if (o.default) {
            const doc = DEFAULT_PROGRAMMES.find((d) => d.code === o.default);
            if (!doc) fail(`no default programme ${o.default}`, 2);
            return printJson(await c.programmes.upload(actor, doc));
          }
          if (!file) fail('a programme file, or --default <code>', 2);
          let doc: unknown;
          try {
            doc = JSON.parse(await readFile(file, 'utf8'));
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(`no such file: ${file}`, 1);
            throw validationError([issue('file', 'file.invalid_json', { message: (err as Error).message })]);
          }
          printJson(await c.programmes.upload(actor, doc));
        }),
      ),
    );
  programmes
    .command('publish <code> <version>')
    .description("Make a draft version the programme's version in force (the previous one is retired)")
    .option(...AS)
    .action((code: string, version: string, o: { as?: string }) =>
      run(() =>
        withContainer(o.as, 'programme', async (c, actor) =>
          printJson(await c.programmes.publish(actor, code, version)),
        ),
      ),
    );
}
