/**
 * The one job runner: claims jobs from the queue (JobsService.claim), runs their kind, keeps the lease
 * alive with a heartbeat and records the end. Started by `dtks serve`/`dtks start` next to the HTTP server
 * and by `dtks worker` on its own; any number of them may share one database.
 */
import { hostname } from 'node:os';
import { message } from '../../domain/catalogue.ts';
import { AppError } from '../../domain/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type JobContext, type JobKind, JobRetry, JobStopped, type JobsService } from './jobs.service.ts';

export interface WorkerOptions {
  /** Names this worker in `lease_owner`; default host, pid and a random part. */
  id?: string;
  /** How long a claim lasts without a heartbeat (JOB_LEASE_MS, default 30 s); renewed every third of it. */
  leaseMs?: number;
  /** How often an idle worker looks for work (JOB_POLL_MS, default 1 s); jobs queued in-process wake it. */
  pollMs?: number;
  /** Called after every checkpoint write; tests slow a job down with it to kill it mid-way. */
  afterCheckpoint?: () => Promise<void>;
  log?: (line: string) => void;
  /** Only jobs of these kinds (a worker kept for short work, e.g. DCI callbacks, beside long imports). */
  kinds?: readonly string[];
}

/**
 * Unexpected failures (not a user's error) are retried this many runs in all, resuming from the checkpoint,
 * unless the kind says otherwise (JobKind.maxAttempts).
 */
const MAX_ATTEMPTS = 3;

export function workerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerOptions {
  const num = (name: string) => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 10)
      throw new Error(`${name} must be a whole number of milliseconds ≥ 10`);
    return n;
  };
  return { leaseMs: num('JOB_LEASE_MS'), pollMs: num('JOB_POLL_MS') };
}

export class JobWorker {
  readonly id: string;
  readonly #jobs: JobsService;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #afterCheckpoint: (() => Promise<void>) | undefined;
  readonly #log: (line: string) => void;
  readonly #kinds: readonly string[] | undefined;
  #stopping = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #current: AbortController | null = null;

  constructor(jobs: JobsService, opts: WorkerOptions = {}) {
    this.#jobs = jobs;
    this.id = opts.id ?? `${hostname()}:${process.pid}:${newId().slice(-8)}`;
    this.#leaseMs = opts.leaseMs ?? 30_000;
    this.#pollMs = opts.pollMs ?? 1000;
    this.#afterCheckpoint = opts.afterCheckpoint;
    this.#log = opts.log ?? (() => {});
    this.#kinds = opts.kinds;
  }

  /** Runs jobs until stop(). */
  start(): void {
    if (this.#loop) return;
    const unsubscribe = this.#jobs.onQueued(() => this.#wake?.());
    this.#loop = (async () => {
      while (!this.#stopping) {
        let ran = false;
        try {
          ran = await this.runOne();
        } catch (err) {
          this.#log(`worker ${this.id}: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (!ran && !this.#stopping) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.#pollMs);
            this.#wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.#wake = null;
        }
      }
    })().finally(unsubscribe);
  }

  /**
   * Stops claiming; a running job stops at its next checkpoint (its uncommitted step rolled back) and goes
   * back to the queue, for this or another worker to resume. Resolves once nothing runs.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#current?.abort();
    this.#wake?.();
    await this.#loop;
  }

  /** Runs queued jobs until none is left (tests, `dtks worker --drain`). */
  async drain(): Promise<number> {
    let n = 0;
    while (!this.#stopping && (await this.runOne())) n++;
    return n;
  }

  /** Claims and runs one job; false when none was waiting. */
  async runOne(): Promise<boolean> {
    const row = await this.#jobs.claim(this.id, this.#leaseMs, this.#kinds);
    if (!row) return false;
    const kind = this.#jobs.kindOf(row.kind)!;
    const controller = new AbortController();
    this.#current = controller;
    const heartbeat = setInterval(
      () => {
        this.#jobs.renew(row.id, this.id, this.#leaseMs).then(
          (held) => {
            if (!held) controller.abort();
          },
          (err: unknown) => this.#log(`job ${row.id}: heartbeat failed: ${String(err)}`),
        );
      },
      Math.max(5, Math.floor(this.#leaseMs / 3)),
    );
    const ctx: JobContext<unknown> = {
      id: row.id,
      kind: row.kind,
      actor: this.#jobs.actorOf(row),
      params: kind.params.parse(JSON.parse(row.params)),
      attempt: row.attempts,
      resume: row.checkpoint === null ? null : JSON.parse(row.checkpoint),
      input: () => this.#jobs.input(row.id),
      signal: controller.signal,
      checkpoint: async (progress, state, trx) => {
        if (this.#stopping) throw new JobStopped('stopping');
        await this.#jobs.checkpoint(row.id, this.id, progress, state, trx);
        await this.#afterCheckpoint?.();
      },
    };
    this.#log(`job ${row.id} (${row.kind}) started, attempt ${row.attempts}`);
    try {
      const result = await kind.run(ctx);
      await this.#end(row.id, { state: 'done', result });
    } catch (err) {
      await this.#failed(row.id, row.attempts, kind, err);
    } finally {
      clearInterval(heartbeat);
      this.#current = null;
    }
    return true;
  }

  async #failed(job: string, attempts: number, kind: JobKind<unknown>, err: unknown): Promise<void> {
    const maxAttempts = kind.maxAttempts ?? MAX_ATTEMPTS;
    if (err instanceof JobStopped) {
      if (err.reason === 'cancelled') await this.#end(job, { state: 'cancelled' });
      else if (err.reason === 'stopping') await this.#jobs.release(job, this.id);
      else this.#log(`job ${job}: lease lost; another worker carries on`);
      return;
    }
    if (err instanceof AppError) {
      await this.#end(job, { state: 'failed', error: { code: err.code, message: err.text } });
      return;
    }
    if (err instanceof JobRetry) {
      this.#log(`job ${job}: ${err.message}; attempt ${attempts} of ${maxAttempts}`);
      if (attempts < maxAttempts) await this.#jobs.release(job, this.id, err.delayMs);
      else await this.#end(job, { state: 'failed', error: { code: err.code, message: err.text } });
      return;
    }
    const reason = err instanceof Error ? err.message : String(err);
    this.#log(`job ${job}: ${reason}`);
    if (attempts < maxAttempts && !this.#stopping) {
      await this.#jobs.release(job, this.id);
      return;
    }
    await this.#end(job, {
      state: 'failed',
      error: { code: 'job.crashed', message: message('job.crashed', { attempts, reason }) },
    });
  }

  async #end(job: string, end: Parameters<JobsService['finish']>[2]): Promise<void> {
    const held = await this.#jobs.finish(job, this.id, end);
    this.#log(held ? `job ${job} ${end.state}` : `job ${job}: lease lost before its end was recorded`);
  }
}
