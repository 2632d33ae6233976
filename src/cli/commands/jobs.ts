import type { Command } from 'commander';
import type { JobSummary, JobView } from '../../modules/jobs/jobs.service.ts';
import { JobWorker, workerOptionsFromEnv } from '../../modules/jobs/jobs.worker.ts';
import { openContainer, withContainer } from '../context.ts';
import { printJson, run } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

function line(v: JobSummary): string {
  const progress = `${v.progress.done}${v.progress.total === null ? '' : `/${v.progress.total}`}`;
  return `${v.id}  ${v.kind.padEnd(18)} ${v.state.padEnd(9)} ${progress.padEnd(13)} ${v.owner}  ${v.createdAt}`;
}

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('Long work (imports, …) queued in the database');
  jobs
    .command('list')
    .description('Jobs in your territory, newest first')
    .option('--as <username>', 'act as this user (role and territory)')
    .option('--mine', 'only the jobs this user started')
    .option('--state <state>', 'queued, running, done, failed or cancelled')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action((o: { as?: string; mine?: boolean; state?: JobView['state']; limit: string; json?: boolean }) =>
      run(() =>
        withContainer(o.as, 'jobs', async (c, actor) => {
          const page = await c.jobs.list(actor, { mine: o.mine, state: o.state, limit: Number(o.limit) });
          if (o.json) printJson(page.items);
          else for (const v of page.items) console.log(line(v));
        }),
      ),
    );
  jobs
    .command('show <id>')
    .description('One job; with --wait, follow its progress until it ends (a progress bar on a terminal)')
    .option('--as <username>', 'act as this user (role and territory)')
    .option('--wait', 'wait until the job ends')
    .action((id: string, o: { as?: string; wait?: boolean }) =>
      run(() =>
        withContainer(o.as, 'jobs', async (c, actor) => {
          let v = await c.jobs.get(actor, id);
          const bar = progressBar();
          while (o.wait && (v.state === 'queued' || v.state === 'running')) {
            bar.update(v.progress.done, v.progress.total, v.progress.phase ?? v.state);
            await new Promise((r) => setTimeout(r, 500));
            v = await c.jobs.get(actor, id);
          }
          bar.end();
          printJson(v);
          if (v.state === 'failed') process.exitCode = 1;
        }),
      ),
    );
  jobs
    .command('cancel <id>')
    .description('Cancel a job: a queued one at once, a running one at its next checkpoint')
    .option('--as <username>', 'act as this user (role and territory)')
    .action((id: string, o: { as?: string }) =>
      run(() =>
        withContainer(o.as, 'jobs', async (c, actor) => {
          console.log(line(await c.jobs.cancel(actor, id)));
        }),
      ),
    );

  program
    .command('worker')
    .description(
      'Run queued jobs (any number of workers may share the database; JOB_LEASE_MS, JOB_POLL_MS); stops on SIGINT/SIGTERM, handing its job back to the queue',
    )
    .option('--drain', 'exit once no job is waiting')
    .action((o: { drain?: boolean }) =>
      run(async () => {
        const c = await openContainer({ worker: true });
        const worker = new JobWorker(c.jobs, { ...workerOptionsFromEnv(), log: (l) => console.log(l) });
        console.log(`worker ${worker.id}: database ${c.database.location}; kinds ${c.jobs.kinds.join(', ')}`);
        if (o.drain) {
          const n = await worker.drain();
          console.log(`worker ${worker.id}: ran ${n} job(s)`);
          await c.close();
          return;
        }
        const shutdown = async () => {
          await worker.stop();
          await c.close();
          process.exit(0);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
        worker.start();
      }),
    );
}
