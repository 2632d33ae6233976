import type { Command } from 'commander';
import type { Container } from '../../container.ts';
import { buildApp } from '../../http/app.ts';
import { openContainer } from '../context.ts';
import { ensureDemoAccounts, printDemoAccounts } from '../demo.ts';
import { run } from '../output.ts';
import { describeGc } from './blobs.ts';

async function listen(c: Container): Promise<string> {
  const app = await buildApp(c, { logger: process.env.LOG_LEVEL !== 'silent' });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '0.0.0.0';
  await app.listen({ port, host });
  // Blobs left behind by uploads whose row was never written: collected once per start, while serving.
  const gc = c.attachments.collectGarbage().then(
    (report) => console.log(describeGc(report)),
    (err: unknown) => console.error(`blobs gc failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  const shutdown = async () => {
    await app.close();
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
        const c = await openContainer({ server: true });
        console.log(`database: ${c.database.location}`);
        await listen(c);
      }),
    );

  program
    .command('start')
    .description('Demo: migrate, seed a demo kabupaten if the database is empty, print demo accounts, serve')
    .option('--households <n>', 'households to generate for the demo', '3000')
    .action((opts: { households: string }) =>
      run(async () => {
        const c = await openContainer({ server: true });
        console.log(`database: ${c.database.location}`);
        const { seedDemoIfEmpty } = await import('../seed-demo.ts');
        await seedDemoIfEmpty(c, Number(opts.households));
        const accounts = await ensureDemoAccounts(c);
        const url = await listen(c);
        printDemoAccounts(accounts, url);
      }),
    );
}
