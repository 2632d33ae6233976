/**
 * `--job` options of the CLI (`dtks export --job`, `dtks distribution invitations --job`): after a job is
 * queued, run queued jobs in this process until it has ended (a server's or `dtks worker`'s worker may take
 * it, or jobs queued before it, first: then this one waits and follows it), with a progress bar on a
 * terminal, then write the job's file (the owner's audited download) to `out` or stdout. Ctrl-C stops here;
 * the job stays queued or resumable for any worker.
 */
import type { Container } from '../container.ts';
import type { Actor } from '../modules/access/actor.ts';
import type { JobView } from '../modules/jobs/jobs.service.ts';
import { JobWorker, workerOptionsFromEnv } from '../modules/jobs/jobs.worker.ts';
import { fail, say, writeOut } from './output.ts';
import { progressBar } from './progress-bar.ts';

export async function runJobHere(
  c: Container,
  actor: Actor,
  job: { id: string; kind: string },
  unit: string,
  out: string | undefined,
): Promise<JobView> {
  process.stderr.write(`job ${job.id} queued (${job.kind})\n`);
  const bar = progressBar();
  const show = async () => {
    const v = await c.jobs.get(actor, job.id);
    bar.update(v.progress.done, v.progress.total, unit);
    return v;
  };
  const worker = new JobWorker(c.jobs, {
    ...workerOptionsFromEnv(),
    afterCheckpoint: async () => void (await show()),
  });
  let v = await show();
  try {
    while (v.state === 'queued' || v.state === 'running') {
      // Ours or one queued before it; none waiting: another worker runs ours, so follow it.
      if (!(await worker.runOne())) await new Promise((r) => setTimeout(r, 500));
      v = await show();
    }
  } finally {
    bar.end();
  }
  if (v.state !== 'done') {
    fail(`job ${job.id} ${v.state}${v.error ? `: ${say(v.error.message)} (${v.error.code})` : ''}`);
  }
  const file = await c.jobs.download(actor, job.id);
  await writeOut(file.stream, out);
  return v;
}
