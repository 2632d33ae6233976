/**
 * Under the distribution command, whose `--period` is required for these too (checked against the batch):
 * `dtks distribution invitations --period P --batch ID [--village CODE] --out DIR`: invitation letters (one PDF per
 * village, streamed to files); with `--job --as USER --out FILE.zip`, as a resumable job whose ZIP is written; `dtks distribution receipts --qr TEXT --photo FILE (--signature FILE |
 * --representative NAME --proof FILE)`: records a proof of receipt like the officer's phone;
 * `dtks distribution undelivered --batch ID --reason CODE`: returns what stayed undelivered after the schedule.
 * Same service as the API; `--as` applies that user's role and territory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Container } from '../../container.ts';
import { UNDELIVERED_REASONS, type UndeliveredReason } from '../../domain/distribution/states.ts';
import type { Actor } from '../../modules/access/actor.ts';
import {
  DISTRIBUTION_INVITATIONS,
  type InvitationJobResult,
} from '../../modules/receipts/invitations.jobs.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';
import { runJobHere } from '../run-job.ts';

/** The `distribution` command, shared with the distribution core's subcommands when they register first. */
function distributionCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'distribution') ??
    program.command('distribution').description('Distribution with PT Pos (issue 15)')
  );
}

interface InvitationOptions {
  period: string;
  batch: string;
  village?: string;
  out?: string;
  as?: string;
  job?: boolean;
}
interface ReceiptOptions {
  qr: string;
  photo: string;
  signature?: string;
  representative?: string;
  proof?: string;
  as?: string;
}
interface UndeliveredOptions {
  period: string;
  batch: string;
  reason: string;
  as?: string;
}

/**
 * The options given to a subcommand, with those the parent `distribution` command parsed for it: options
 * both define (`--out`, `--as`) are taken by the parent.
 */
function opts<T>(cmd: Command): T {
  return cmd.optsWithGlobals() as T;
}

/** The parent command requires `--period`: it must be the batch's, a guard against a mistyped batch id. */
async function samePeriod(c: Container, actor: Actor, batchId: string, period: string): Promise<void> {
  const batch = await c.distribution.batch(actor, batchId);
  if (batch.period !== period) fail(`batch ${batchId} is of period ${batch.period}, not ${period}`, 2);
}

export function registerReceipts(program: Command): void {
  const d = distributionCommand(program);
  d.command('invitations')
    .description('Invitation letters (undangan) with signed QR codes: one PDF per village, streamed to --out')
    .requiredOption('--batch <id>', 'the distribution batch')
    .option('--village <code>', 'only this village')
    .option('--out <dir>', 'directory for the PDFs (required); with --job, the ZIP file to write')
    .option(
      '--job',
      "queue a distribution.invitations job (resumable per village, listed under `dtks jobs`), run it here unless a worker takes it first, then write its ZIP of PDFs to --out; needs --as (the file is its owner's)",
    )
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((_: unknown, cmd: Command) =>
      run(() =>
        withContainer(opts<InvitationOptions>(cmd).as, 'distribution invitations', async (c, actor) => {
          const o = opts<InvitationOptions>(cmd);
          if (!o.out) fail('invitations needs --out DIR (with --job: --out FILE.zip)', 2);
          await samePeriod(c, actor, o.batch, o.period);
          if (o.job) {
            if (!o.as) fail("--job needs --as <username>: the job's file is downloaded by its owner only", 2);
            const job = await c.jobs.enqueue(actor, DISTRIBUTION_INVITATIONS, {
              batchId: o.batch,
              ...(o.village ? { village: o.village } : {}),
            });
            const v = await runJobHere(
              c,
              actor,
              { id: job.id, kind: DISTRIBUTION_INVITATIONS },
              'villages',
              o.out,
            );
            const { files, letters } = v.result as InvitationJobResult;
            return printJson({ job: job.id, zip: o.out, letters, files });
          }
          await mkdir(o.out, { recursive: true });
          const villages = (await c.receipts.invitationVillages(actor, o.batch)).filter(
            (v) => !o.village || v.code === o.village,
          );
          if (o.village && villages.length === 0) fail(`no invitations for village ${o.village}`, 1);
          const files = [];
          for (const v of villages) {
            const { fileName, write } = await c.receipts.invitations(actor, o.batch, v.code);
            const path = join(o.out, fileName);
            const letters = await write(createWriteStream(path));
            files.push({ village: v.code, name: v.name, letters, path });
          }
          printJson({ files });
        }),
      ),
    );

  d.command('receipts')
    .description('Record a proof of receipt from a scanned invitation (as the officer at the point)')
    .requiredOption('--qr <text>', 'the scanned QR text')
    .requiredOption('--photo <file>', 'photo of the recipient with the aid (JPEG/PNG/WebP)')
    .option('--signature <file>', "the recipient's signature (PNG)")
    .option('--representative <name>', 'a representative receiving for the KPM')
    .option('--proof <file>', "the representative's proof document (PDF/JPEG/PNG)")
    .option('--as <username>', 'act as this user (a `pos` officer of the point)')
    .action((_: unknown, cmd: Command) =>
      run(() =>
        withContainer(opts<ReceiptOptions>(cmd).as, 'distribution receipts', async (c, actor) => {
          const o = opts<ReceiptOptions>(cmd);
          const b64 = async (f: string) => (await readFile(f)).toString('base64');
          if (o.representative && !o.proof) fail('--representative needs --proof FILE', 2);
          const { receipt } = await c.receipts.receive(actor, {
            qr: o.qr,
            photo: await b64(o.photo),
            ...(o.signature ? { signature: await b64(o.signature) } : {}),
            ...(o.representative && o.proof
              ? { representative: { name: o.representative, proof: await b64(o.proof) } }
              : {}),
            deviceId: 'cli',
          });
          printJson(receipt);
        }),
      ),
    );

  d.command('undelivered')
    .description(
      "Return a batch's entitlements still undelivered after their point's schedule, with a reason",
    )
    .requiredOption('--batch <id>', 'the distribution batch')
    .requiredOption('--reason <code>', UNDELIVERED_REASONS.join('|'))
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((_: unknown, cmd: Command) =>
      run(() =>
        withContainer(opts<UndeliveredOptions>(cmd).as, 'distribution undelivered', async (c, actor) => {
          const o = opts<UndeliveredOptions>(cmd);
          await samePeriod(c, actor, o.batch, o.period);
          if (!(UNDELIVERED_REASONS as readonly string[]).includes(o.reason)) {
            fail(`--reason must be one of ${UNDELIVERED_REASONS.join(', ')}`, 2);
          }
          printJson(await c.receipts.returnUndelivered(actor, o.batch, o.reason as UndeliveredReason));
        }),
      ),
    );
}
