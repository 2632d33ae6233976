/**
 * The `dtks` commands (src/cli/main.ts loads this once the compile cache is on). `buildProgram` answers a
 * fresh command tree each time: commander keeps parsed option values on its commands, so a tree serves one
 * parse (the tests' in-process runner, test/support/cli.ts, builds one per run).
 */
import { Command } from 'commander';
import { registerAdmin } from './commands/admin.ts';
import { registerBackup } from './commands/backup.ts';
import { registerBlobs } from './commands/blobs.ts';
import { registerBundle } from './commands/bundle.ts';
import { registerChain } from './commands/chain.ts';
import { registerDci } from './commands/dci.ts';
import { registerDistribution } from './commands/distribution.ts';
import { registerDukcapil } from './commands/dukcapil.ts';
import { registerDuplicates } from './commands/duplicates.ts';
import { registerEligibility, registerOptOut } from './commands/eligibility.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerMusdes } from './commands/musdes.ts';
import { registerPenetapan } from './commands/penetapan.ts';
import { registerProgrammes } from './commands/programmes.ts';
import { registerPublic } from './commands/public.ts';
import { registerRanking } from './commands/ranking.ts';
import { registerReceipts } from './commands/receipts.ts';
import { registerRecipients } from './commands/recipients.ts';
import { registerRegisters } from './commands/registers.ts';
import { registerReports } from './commands/reports.ts';
import { registerSanggah } from './commands/sanggah.ts';
import { registerSeed } from './commands/seed.ts';
import { registerServer } from './commands/server.ts';
import { registerSync } from './commands/sync.ts';
import { registerTargeting } from './commands/targeting.ts';
import { registerTodo } from './commands/todo.ts';
import { registerTransfer } from './commands/transfer.ts';
import { registerUsulan } from './commands/usulan.ts';
import { registerWages } from './commands/wages.ts';
import { setCliLanguage } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('dtks')
    .description(
      'DTKS registry: serve the app, manage the database, import and export households, keep the PPKS and PSKS registers',
    )
    .option('--lang <lang>', 'language of error and issue texts: id or en (default: DTKS_LANG, else en)')
    .hook('preAction', (cmd) => setCliLanguage(cmd.opts().lang as string | undefined))
    .showHelpAfterError();

  registerServer(program);
  registerAdmin(program);
  registerBlobs(program);
  registerBackup(program);
  registerSeed(program);
  registerTransfer(program);
  registerBundle(program);
  registerMusdes(program);
  registerDukcapil(program);
  registerDuplicates(program);
  registerChain(program);
  registerPenetapan(program);
  registerRegisters(program);
  registerJobs(program);
  registerTodo(program);
  registerWages(program);
  registerRanking(program);
  registerProgrammes(program);
  registerRecipients(program);
  registerDci(program);
  registerDistribution(program);
  registerSanggah(program);
  registerEligibility(program);
  registerOptOut(program);
  registerTargeting(program);
  registerReports(program);
  registerReceipts(program);
  registerSync(program);
  registerPublic(program);
  registerUsulan(program);

  return program;
}
