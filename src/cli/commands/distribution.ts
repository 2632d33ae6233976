/**
 * `dtks distribution export|returns|accept|move|reconcile`: distribution with PT Pos through the same service as the API
 * (`--as` applies that user's role and territory; without it, the system operator).
 * - `export --period --programme --regency [--create] [--tranches N] [--format csv|xlsx] [--out FILE]`: the
 *   batch for the partner (created from the approved recipients first with `--create`).
 * - `returns --period --programme --regency [--apply FILE]`: the worklist of returned records; with
 *   `--apply`, a partner's CSV (`household_id,reason_code[,note]`) returned record by record.
 * - `accept --period --programme --regency [--note TEXT]`: the partner accepts the batch (as `--as` a PT Pos
 *   user): refused while records wait for completion.
 * - `move --period --programme --regency --household ID --point CODE [--note TEXT]`: one KPM moved to another
 *   point by hand (kept when the batch is mapped again); refused once the KPM received anything of the batch.
 * - `reconcile --period [--region CODE] [--format json|csv|pdf] [--out FILE]`: the reconciliation.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { RETURN_REASONS, type ReturnReason } from '../../domain/distribution/states.ts';
import { AppError } from '../../domain/errors.ts';
import { readCsvRecords } from '../../lib/csv-records.ts';
import {
  batchCsv,
  batchXlsx,
  reconciliationCsv,
  reconciliationPdf,
} from '../../modules/distribution/distribution.export.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run, writeOut } from '../output.ts';

interface Options {
  period: string;
  programme?: string;
  regency?: string;
  region?: string;
  create?: boolean;
  tranches?: string;
  apply?: string;
  format?: string;
  out?: string;
  as?: string;
  note?: string;
  household?: string;
  point?: string;
}

const ACTIONS = ['export', 'returns', 'accept', 'move', 'reconcile'] as const;

export function registerDistribution(program: Command): void {
  program
    .command('distribution <action>')
    .description(`Distribution with PT Pos: ${ACTIONS.join('|')}`)
    .requiredOption('--period <YYYY-MM>', 'the period of the approved recipients')
    .option('--programme <CODE>', 'export, returns, accept, move: the programme (PKH, BPNT …)')
    .option('--regency <PP.RR>', 'export, returns, accept, move: the regency of the batch')
    .option('--household <id>', "move: the KPM's household id")
    .option('--point <CODE>', 'move: the code of the point to move the KPM to')
    .option('--region <code>', 'reconcile: the region (default: your territory)')
    .option('--create', 'export: create the batch from the approved recipients first')
    .option('--tranches <n>', 'export --create: cash tranches per KPM', '1')
    .option('--apply <file>', "returns: the partner's CSV of returns (household_id,reason_code[,note])")
    .option('--note <text>', 'accept, move: a note kept in the audit trail')
    .option('--format <f>', 'export: csv|xlsx; reconcile: json|csv|pdf')
    .option('--out <file>', 'write to this file (default: standard output; xlsx and pdf need it)')
    .option(
      '--as <username>',
      'act as this user (their role and territory apply); default: the system operator',
    )
    .action((action: string, o: Options) =>
      run(() =>
        withContainer(o.as, 'distribution', async (c, actor) => {
          if (!(ACTIONS as readonly string[]).includes(action)) {
            fail(`unknown action ${action}: one of ${ACTIONS.join(', ')}`, 2);
          }
          const key = () => {
            if (!o.programme || !o.regency) fail(`${action} needs --programme and --regency`, 2);
            return { period: o.period, programme: o.programme, regency: o.regency };
          };
          const emit = async (text: string | Buffer, what: string) => {
            if (o.out) {
              await writeOut(Readable.from([text]), o.out);
              console.error(`${what} written to ${o.out}`);
            } else if (typeof text === 'string') process.stdout.write(text);
            else fail(`${what} needs --out FILE`, 2);
          };
          if (action === 'export') {
            const view = o.create
              ? await c.distribution.createBatch(actor, { ...key(), tranches: Number(o.tranches) })
              : await c.distribution.batchOf(actor, key());
            if (o.format === 'xlsx' && !o.out) fail('an Excel export needs --out FILE', 2);
            // Both formats stream page by page to the file (CSV also to standard output).
            const { batch, records, pages } = await c.distribution.recordPages(actor, view.id, {
              format: o.format === 'xlsx' ? 'xlsx' : 'csv',
            });
            await writeOut(o.format === 'xlsx' ? batchXlsx(batch, pages) : batchCsv(batch, pages), o.out);
            if (o.out) console.error(`${records} records written to ${o.out}`);
            return;
          }
          if (action === 'returns') {
            const batch = await c.distribution.batchOf(actor, key());
            if (!o.apply) {
              const page = await c.distribution.records(actor, batch.id, { state: 'returned', limit: 500 });
              return printJson(page);
            }
            const done: { line: number; householdId: string; version?: number; error?: string }[] = [];
            for await (const rec of readCsvRecords(createReadStream(o.apply))) {
              if (!rec.fields || rec.line === 1) continue;
              const [householdId = '', reason = '', note] = rec.fields;
              if (!(RETURN_REASONS as readonly string[]).includes(reason)) {
                done.push({
                  line: rec.line,
                  householdId,
                  error: `unknown reason ${reason}: ${RETURN_REASONS.join(', ')}`,
                });
                continue;
              }
              try {
                const { record } = await c.distribution.history(actor, batch.id, householdId);
                const r = await c.distribution.returnRecord(actor, batch.id, householdId, {
                  reasonCode: reason as ReturnReason,
                  ...(note ? { note } : {}),
                  version: record.version,
                });
                done.push({ line: rec.line, householdId, version: r.version });
              } catch (err) {
                if (!(err instanceof AppError)) throw err;
                done.push({ line: rec.line, householdId, error: err.code });
              }
            }
            printJson({ returned: done.filter((d) => !d.error).length, lines: done });
            if (done.some((d) => d.error)) process.exitCode = 1;
            return;
          }
          if (action === 'accept') {
            const batch = await c.distribution.batchOf(actor, key());
            return printJson(
              await c.distribution.acceptBatch(actor, batch.id, o.note ? { note: o.note } : {}),
            );
          }
          if (action === 'move') {
            if (!o.household || !o.point) fail('move needs --household and --point', 2);
            const batch = await c.distribution.batchOf(actor, key());
            const point = (await c.distribution.points(actor, { region: batch.regencyCode })).items.find(
              (p) => p.code === o.point,
            );
            if (!point) fail(`no point ${o.point} in ${batch.regencyCode} within your territory`, 1);
            return printJson(
              await c.distribution.moveRecord(actor, batch.id, o.household, {
                pointId: point.id,
                ...(o.note ? { note: o.note } : {}),
              }),
            );
          }
          const view = await c.distribution.reconciliation(actor, { period: o.period, region: o.region });
          if (o.format === 'csv') return emit(reconciliationCsv(view), 'reconciliation');
          if (o.format === 'pdf') return emit(await reconciliationPdf(view), 'reconciliation');
          return printJson(view);
        }),
      ),
    );
}
