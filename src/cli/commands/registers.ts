/**
 * `dtks ppks …` and `dtks psks …`: the social registers from the command line, one parametrised
 * registration for both. Each subcommand is what one API route does (list, show, history, add, edit,
 * remove), validated by the route's zod schema and answered by the same service call, so roles, territory,
 * versions and the audit log apply as they do over HTTP.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { type AppError, issue, validationError } from '../../domain/errors.ts';
import { PPKS_CATEGORIES, PSKS_KINDS } from '../../domain/registry/ppks-psks.ts';
import { REMOVAL_REASONS } from '../../domain/registry/removal-reasons.ts';
import type { Actor } from '../../modules/access/actor.ts';
import { Removal } from '../../modules/households/households.schemas.ts';
import { ppksSchemas } from '../../modules/ppks/ppks.schemas.ts';
import { psksSchemas } from '../../modules/psks/psks.schemas.ts';
import type { RegisterSchemas, RegisterServiceFor } from '../../modules/social/register.routes.ts';
import { History } from '../../modules/social/social.schemas.ts';
import { localWarnings } from '../../modules/social/social-register.ts';
import { withContainer } from '../context.ts';
import { parseInput as parse, readJson } from '../json-input.ts';
import { printJson, run } from '../output.ts';

/** One column of the list's text table; the last column is not padded. */
interface Column<Item> {
  header: string;
  width: number;
  value: (item: Item) => string;
}

interface RegisterCommandsOptions<
  Query extends z.ZodObject,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Detail extends z.ZodObject,
  List extends z.ZodObject<{ items: z.ZodArray<z.ZodObject>; nextCursor: z.ZodNullable<z.ZodString> }>,
> {
  /** The command, as in the API path: `ppks`, `psks`. */
  name: string;
  description: string;
  /** The register's own list filter, named as the API's query parameter. */
  filter: { key: string; description: string };
  /** The codes a record takes (categories, kinds), listed by `dtks NAME codes`. */
  codes: { what: string; list: readonly { code: string; label: { en: string } }[] };
  service: RegisterServiceFor<Query, Create, Patch, Detail, List>;
  schemas: RegisterSchemas<Query, Create, Patch, Detail, List>;
  columns: Column<z.output<List>['items'][number]>[];
  /** The record's own fields for `show`, as label and value. */
  fields: (d: z.output<Detail>) => [string, string][];
}

const AS = [
  '--as <username>',
  'act as this user (their role and territory apply); default: the system operator',
] as const;
/** The API's largest page; `list` walks the pages. */
const PAGE = 200;

function registerCommands<
  Query extends z.ZodObject,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  Detail extends z.ZodObject,
  List extends z.ZodObject<{ items: z.ZodArray<z.ZodObject>; nextCursor: z.ZodNullable<z.ZodString> }>,
>(program: Command, opts: RegisterCommandsOptions<Query, Create, Patch, Detail, List>): void {
  const { name, schemas } = opts;
  const NAME = name.toUpperCase();
  const cmd = program.command(name).description(opts.description);

  /** Opens the database and the actor, runs the body, closes the database whatever happens. */
  const withService = (
    as: string | undefined,
    what: string,
    body: (svc: ReturnType<typeof opts.service>, actor: Actor) => Promise<void>,
  ) => run(() => withContainer(as, `${name}-${what}`, (c, actor) => body(opts.service(c), actor)));

  const printDetail = (d: z.output<Detail>, json: boolean | undefined) => {
    if (json) return printJson(d);
    const rows: [string, string][] = [
      ['id', String(d.id)],
      ...opts.fields(d),
      [
        'region',
        (d.regionPath as { code: string; name: string }[]).map((r) => `${r.name} (${r.code})`).join(' › '),
      ],
      [
        'status',
        d.status === 'removed'
          ? `removed: ${d.removalReason}${d.removalNote ? ` (${d.removalNote})` : ''}`
          : String(d.status),
      ],
      ['version', String(d.version)],
      ['created', String(d.createdAt)],
      ['updated', String(d.updatedAt)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    for (const w of (d.warnings as { field: string; code: string; message: string }[] | undefined) ?? [])
      console.log(`warning ${w.field}: ${w.message} (${w.code})`);
  };

  /** A write's answer as the API sends it: the record with its warnings in English. */
  const saved = (record: { warnings: Parameters<typeof localWarnings>[0] }) =>
    schemas.detail.parse({ ...record, warnings: localWarnings(record.warnings, 'en') }) as z.output<Detail>;

  cmd
    .command('list')
    .description(
      `${NAME} records in your territory, page by page as they are read (the API's GET /${name}); q = name or NIK`,
    )
    .option('--region <code>', 'region code (dotted or not); default: the whole territory')
    .option(`--${opts.filter.key} <code>`, opts.filter.description)
    .option('--status <status>', 'active | removed | all', 'active')
    .option('--q <text>', 'a name (or part of it) or an exact 16-digit NIK')
    .option('--limit <n>', 'print at most this many records (default: all)')
    .option('--json', 'print a JSON array of the API list items')
    .option(...AS)
    .action((o: Record<string, string | boolean | undefined>) =>
      withService(o.as as string | undefined, 'list', async (svc, actor) => {
        const limit = o.limit === undefined ? Number.POSITIVE_INFINITY : Number(o.limit);
        if (!(Number.isInteger(limit) || limit === Number.POSITIVE_INFINITY) || limit < 1)
          throw validationError([issue('limit', 'cli.invalid_limit')]);
        const query = parse(schemas.listQuery, {
          region: o.region,
          [opts.filter.key]: o[opts.filter.key],
          q: o.q,
          status: o.status,
          limit: Math.min(limit, PAGE),
        });
        const out = new Lines();
        const { columns } = opts;
        const line = (cells: string[]) =>
          cells.map((v, i) => (i === cells.length - 1 ? v : v.padEnd(columns[i]!.width))).join('  ');
        let printed = 0;
        let cursor: string | undefined;
        do {
          const page = await svc.list(actor, { ...query, cursor, limit: Math.min(limit - printed, PAGE) });
          // The header once the first page has passed the service's checks (an unknown filter prints none).
          if (cursor === undefined) await out.write(o.json ? '[' : line(columns.map((c) => c.header)));
          for (const item of page.items) {
            await out.write(
              o.json
                ? `${printed ? ',' : ''}${JSON.stringify(item)}`
                : line(columns.map((c) => c.value(item))),
            );
            printed++;
          }
          cursor = page.nextCursor ?? undefined;
        } while (cursor && printed < limit && !out.closed);
        if (o.json) await out.write(']');
        process.stderr.write(`${printed} ${NAME} record${printed === 1 ? '' : 's'}\n`);
      }),
    );

  cmd
    .command('show')
    .description(`One ${NAME} record (GET /${name}/{id}); outside your territory it is not found`)
    .argument('<id>')
    .option('--json', 'print the API answer as JSON')
    .option(...AS)
    .action((id: string, o: { json?: boolean; as?: string }) =>
      withService(o.as, 'show', async (svc, actor) => {
        printDetail((await svc.get(actor, id)) as z.output<Detail>, o.json);
      }),
    );

  cmd
    .command('history')
    .description(`Every version of a ${NAME} record, newest first, with who, when, why and what changed`)
    .argument('<id>')
    .option('--json', 'print the API answer as JSON')
    .option(...AS)
    .action((id: string, o: { json?: boolean; as?: string }) =>
      withService(o.as, 'history', async (svc, actor) => {
        const h = History.parse(await svc.history(actor, id));
        if (o.json) return printJson(h);
        for (const v of h.items) {
          const who = v.changedBy ? `${v.changedByName ?? v.changedBy}` : 'system';
          console.log(
            `v${v.version}  ${v.changeType}  ${v.changedAt}  by ${who}${v.reason ? `  reason: ${v.reason}` : ''}`,
          );
          for (const c of v.changes) console.log(`    ${c.field}: ${show(c.before)} → ${show(c.after)}`);
        }
      }),
    );

  cmd
    .command('add')
    .description(`Register a ${NAME} record from a JSON file: the body of the API's POST /${name}`)
    .requiredOption('--file <file>', "JSON file ('-' reads standard input)")
    .option('--json', 'print the API answer as JSON')
    .option(...AS)
    .action((o: { file: string; json?: boolean; as?: string }) =>
      withService(o.as, 'add', async (svc, actor) => {
        const body = parse(schemas.create, readJson(o.file));
        printDetail(saved(await svc.create(actor, body)), o.json);
      }),
    );

  cmd
    .command('edit')
    .description(
      `Correct a ${NAME} record from a JSON file of the fields to change (the API's PATCH /${name}/{id}); --version is the one you edited`,
    )
    .argument('<id>')
    .requiredOption('--file <file>', "JSON file ('-' reads standard input)")
    .requiredOption('--version <n>', 'the version you edited (a newer one is a conflict)')
    .option('--reason <text>', "why (the patch's reason; overrides one in the file)")
    .option('--json', 'print the API answer as JSON')
    .option(...AS)
    .action(
      (id: string, o: { file: string; version: string; reason?: string; json?: boolean; as?: string }) =>
        withService(o.as, 'edit', async (svc, actor) => {
          const file = readJson(o.file);
          if (!isObject(file)) throw notAnObject();
          const body = parse(schemas.patch, {
            ...file,
            version: Number(o.version),
            ...(o.reason !== undefined ? { reason: o.reason } : {}),
          });
          printDetail(saved(await svc.update(actor, id, body)), o.json);
        }),
    );

  cmd
    .command('remove')
    .description(
      `Remove a ${NAME} record from the register (a status change with a reason; nothing is deleted)`,
    )
    .argument('<id>')
    .requiredOption('--reason <code>', `removal reason: ${REMOVAL_REASONS.map((r) => r.code).join(', ')}`)
    .requiredOption('--version <n>', 'the version you are removing')
    .option('--note <text>', 'a note about the removal')
    .option('--json', 'print the API answer as JSON')
    .option(...AS)
    .action(
      (id: string, o: { reason: string; version: string; note?: string; json?: boolean; as?: string }) =>
        withService(o.as, 'remove', async (svc, actor) => {
          const body = parse(Removal, { version: Number(o.version), reasonCode: o.reason, note: o.note });
          printDetail(schemas.detail.parse(await svc.remove(actor, id, body)) as z.output<Detail>, o.json);
        }),
    );

  cmd
    .command('codes')
    .description(`The ${opts.codes.what} codes a ${NAME} record takes, and the removal reasons`)
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      const list = opts.codes.list.map((c) => ({ code: c.code, label: c.label.en }));
      const reasons = REMOVAL_REASONS.map((r) => ({ code: r.code, label: r.label.en }));
      if (o.json) return printJson({ [opts.filter.key]: list, removalReasons: reasons });
      console.log(`${opts.codes.what} codes:`);
      for (const c of list) console.log(`  ${c.code.padEnd(40)} ${c.label}`);
      console.log('removal reasons:');
      for (const r of reasons) console.log(`  ${r.code.padEnd(40)} ${r.label}`);
    });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function notAnObject(): AppError {
  return validationError([issue('file', 'file.not_an_object')]);
}

function show(v: unknown): string {
  return v === undefined ? '—' : JSON.stringify(v);
}

/**
 * Standard output line by line, waiting when the pipe is full, so a long list is never held in memory.
 * When the reader goes away (`dtks ppks list | head`), `closed` turns true and the list stops reading pages.
 */
class Lines {
  closed = false;
  #waiting: (() => void) | null = null;

  constructor() {
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      this.closed = true;
      this.#waiting?.();
    });
  }

  async write(line: string): Promise<void> {
    if (this.closed || process.stdout.write(`${line}\n`)) return;
    await new Promise<void>((resolve) => {
      this.#waiting = resolve;
      process.stdout.once('drain', resolve);
    });
    this.#waiting = null;
  }
}

const orDash = (v: string | null | undefined) => v || '-';

export function registerRegisters(program: Command): void {
  registerCommands(program, {
    name: 'ppks',
    description:
      'The PPKS register (people needing social-welfare services): list, show, history, add, edit, remove, codes',
    filter: {
      key: 'category',
      description: 'only records with this category now (see `dtks ppks codes`)',
    },
    codes: { what: 'category', list: PPKS_CATEGORIES },
    service: (c) => c.ppks,
    schemas: ppksSchemas,
    columns: [
      { header: 'id', width: 36, value: (i) => i.id },
      { header: 'name', width: 24, value: (i) => i.name },
      { header: 'nik', width: 16, value: (i) => orDash(i.nik) },
      { header: 'village', width: 13, value: (i) => i.regionCode },
      { header: 'rw/rt', width: 7, value: (i) => (i.rw || i.rt ? `${orDash(i.rw)}/${orDash(i.rt)}` : '-') },
      { header: 'status', width: 7, value: (i) => i.status },
      { header: 'v', width: 3, value: (i) => String(i.version) },
      { header: 'categories', width: 0, value: (i) => i.categories.map((c) => c.category).join(',') },
    ],
    fields: (d) => [
      ['name', d.name],
      ['nik', orDash(d.nik)],
      ['birth date', orDash(d.birthDate)],
      ['sex', orDash(d.sex)],
      ['rw/rt', `${orDash(d.rw)}/${orDash(d.rt)}`],
      ['address', orDash(d.address)],
      ['notes', orDash(d.notes)],
      ['dtks person', orDash(d.personId)],
      [
        'categories',
        d.categories.map((c) => `${c.category} ${c.startDate}…${c.endDate ?? ''}`).join('; ') || '-',
      ],
    ],
  });

  registerCommands(program, {
    name: 'psks',
    description:
      'The PSKS register (social-welfare workers and institutions): list, show, history, add, edit, remove, codes',
    filter: { key: 'kind', description: 'only records of this kind (see `dtks psks codes`)' },
    codes: { what: 'kind', list: PSKS_KINDS },
    service: (c) => c.psks,
    schemas: psksSchemas,
    columns: [
      { header: 'id', width: 36, value: (i) => i.id },
      { header: 'kind', width: 28, value: (i) => i.kind },
      { header: 'name', width: 28, value: (i) => i.name },
      { header: 'nik', width: 16, value: (i) => orDash(i.nik) },
      { header: 'village', width: 13, value: (i) => i.regionCode },
      { header: 'status', width: 7, value: (i) => i.status },
      { header: 'v', width: 0, value: (i) => String(i.version) },
    ],
    fields: (d) => [
      ['kind', `${d.kind}${d.isInstitution ? ' (institution)' : ''}`],
      ['name', d.name],
      ['nik', orDash(d.nik)],
      ['address', orDash(d.address)],
      ['phone', orDash(d.phone)],
      ['email', orDash(d.email)],
      ['notes', orDash(d.notes)],
    ],
  });
}
