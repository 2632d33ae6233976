import type { FastifyInstance } from 'fastify';
import type { Container } from '../../src/container.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';

type Injected = Awaited<ReturnType<FastifyInstance['inject']>>;

/**
 * Starts a CSV import through the API, runs the queued job to its end with a worker, and reads the job back
 * with the same headers and language: `started` is the 202 (or the refusal), `job` the finished job's answer.
 */
export async function importThroughJob(
  app: FastifyInstance,
  c: Container,
  req: { url?: string; headers: Record<string, string>; payload: string },
): Promise<{ started: Injected; job: Injected | null }> {
  const url = req.url ?? '/api/v1/imports/households';
  const started = await app.inject({ method: 'POST', url, headers: req.headers, payload: req.payload });
  if (started.statusCode !== 202) return { started, job: null };
  await new JobWorker(c.jobs).drain();
  const lang = new URL(url, 'http://x').searchParams.get('lang');
  const job = await app.inject({
    url: `/api/v1/jobs/${started.json().jobId}${lang ? `?lang=${lang}` : ''}`,
    headers: req.headers,
  });
  return { started, job };
}
