import { join } from 'node:path';
import type { Command } from 'commander';
import type { Container } from '../../container.ts';
import { type HttpSettings, loadHttpSettings } from '../../http/settings.ts';
import { sweepBundleUploads } from '../../modules/bundles/bundles.jobs.ts';
import { DCI_CALLBACK } from '../../modules/dci/dci.service.ts';
import { JobWorker, workerOptionsFromEnv } from '../../modules/jobs/jobs.worker.ts';
import { openContainer } from '../context.ts';
import { ensureDemoAccounts, printDemoAccounts, proposalWindowLine } from '../demo.ts';
import { run } from '../output.ts';
import { describeGc } from './blobs.ts';

async function listen(c: Container, settings: HttpSettings): Promise<string> {
  // Loaded here, not at the top: every other command starts without the HTTP stack.
  const { buildApp } = await import('../../http/app.ts');
  const app = await buildApp(c, { logger: process.env.LOG_LEVEL !== 'silent', settings });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '0.0.0.0';
  await app.listen({ port, host });
  // Links audited entries into the keyed chain within a second and signs a checkpoint every minute.
  const checkpointFile =
    process.env.AUDIT_CHECKPOINT_FILE || join(c.config.dataDir, 'audit-checkpoints.jsonl');
  const sealer = c.audit.startSealer({
    checkpointFile,
    onError: (err) => console.error(`audit sealer: ${err instanceof Error ? err.message : String(err)}`),
  });
  // Blobs left behind by uploads whose row was never written: collected once per start, while serving.
  const gc = c.attachments.collectGarbage().then(
    (report) => console.log(describeGc(report)),
    (err: unknown) => console.error(`blobs gc failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  // The public check log keeps PUBLIC_CHECK_RETENTION_DAYS: swept at start, then daily.
  const prune = () =>
    c.publicPortal.pruneCheckLog().then(
      (r) => r.removed > 0 && app.log.info(`public check log: ${r.removed} rows before ${r.before} removed`),
      (err: unknown) =>
        console.error(`public check log prune failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  // Bundle uploads no import job names (a process died between upload and enqueue): at start, then daily.
  const sweepUploads = () =>
    sweepBundleUploads(c.bundles, c.jobs, workerOptionsFromEnv().leaseMs ?? 30_000).then(
      (r) => r.removed > 0 && app.log.info(`bundle uploads: ${r.removed} left-over files removed`),
      (err: unknown) =>
        console.error(`bundle upload sweep failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  const pruning = Promise.all([prune(), sweepUploads()]);
  const pruneTimer = setInterval(() => {
    void prune();
    void sweepUploads();
  }, 24 * 3600_000);
  pruneTimer.unref();
  // Jobs queued through the API run here too (and in any `dtks worker` sharing the database).
  const worker = new JobWorker(c.jobs, {
    ...workerOptionsFromEnv(),
    log: (line) => app.log.info(line),
  });
  // DCI callbacks (docs/dci.md) are answers partners wait for: a second worker runs only them, so they do
  // not queue behind a long import.
  const callbackWorker = new JobWorker(c.jobs, {
    ...workerOptionsFromEnv(),
    kinds: [DCI_CALLBACK],
    log: (line) => app.log.info(line),
  });
  if (process.env.JOB_WORKER !== 'off') {
    worker.start();
    callbackWorker.start();
  }
  // DCI subscribers hear of registry events (docs/dci.md) within DCI_NOTIFY_SECONDS (default 30; 0 = off).
  const notifyEvery = Number(process.env.DCI_NOTIFY_SECONDS ?? 30) * 1000;
  let notifying: Promise<unknown> | null = null;
  const notifier =
    notifyEvery > 0
      ? setInterval(() => {
          // One round at a time: a slow subscriber delays the next round instead of doubling it.
          notifying ??= c.dci
            .notifyAll()
            .catch((err: unknown) => app.log.error(err))
            .finally(() => {
              notifying = null;
            });
        }, notifyEvery)
      : null;
  const shutdown = async () => {
    if (notifier) clearInterval(notifier);
    clearInterval(pruneTimer);
    await notifying;
    await app.close();
    await pruning;
    await worker.stop();
    await callbackWorker.stop();
    await sealer.stop();
    await gc;
    await c.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return `http://localhost:${port}`;
}

export function registerServer(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and serve the web app and API (PORT, HOST, DATABASE_URL)')
    .action(() =>
      run(async () => {
        // HTTP settings first: an unusable one stops the server before the database is opened.
        const settings = loadHttpSettings();
        const c = await openContainer({ server: true });
        console.log(`database: ${c.database.location}`);
        await listen(c, settings);
      }),
    );

  program
    .command('start')
    .description('Demo: migrate, seed a demo kabupaten if the database is empty, print demo accounts, serve')
    .option('--households <n>', 'households to generate for the demo', '3000')
    .action((opts: { households: string }) =>
      run(async () => {
        const settings = loadHttpSettings();
        const c = await openContainer({ server: true });
        console.log(`database: ${c.database.location}`);
        const { seedDemoIfEmpty } = await import('../seed-demo.ts');
        await seedDemoIfEmpty(c, Number(opts.households));
        const accounts = await ensureDemoAccounts(c);
        const url = await listen(c, settings);
        printDemoAccounts(accounts, url, proposalWindowLine(c.config.now(), c.config.proposalWindow));
      }),
    );
}
