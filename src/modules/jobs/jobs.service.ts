/**
 * Long work as jobs: one queue for every kind (CSV import, export, …), kept in the `jobs` table so it
 * survives a crash and is shared by every server and `dtks worker` process on the database.
 *
 * - A kind declares its parameters' schema: a job whose parameters are invalid is refused before it is queued.
 * - A worker claims a job with a lease (JobsRepository.claim) and renews it with a heartbeat; a job whose
 *   lease expired (its worker died) is claimed by another worker and resumes from its last checkpoint.
 * - `checkpoint(progress, state, trx)` is written in the transaction of the work it records, and only while
 *   the worker still holds the lease: a worker that lost its job cannot commit work for it, and a resumed job
 *   redoes exactly the work after the last commit.
 * - Cancel flags a running job; its next checkpoint throws, rolling back the work of that transaction.
 * - Territory: a job belongs to its owner's territory; anyone whose territory contains it sees it, everyone
 *   else gets the same 404 as for an absent job.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { DB, JobRow, JobState } from '../../db/schema/index.ts';
import { isPartner, isRole, isWithinTerritory } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError, issue, type Lang, notFound, type Text, validationError } from '../../domain/errors.ts';
import { issuesFromZod } from '../../http/problem.ts';
import { afterIdOf, pageOf } from '../../lib/cursor.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import type { AuditEvent, AuditService } from '../audit/audit.service.ts';
import type { JobsRepository, ProgressUpdate } from './jobs.repository.ts';

export interface JobContext<P> {
  id: string;
  kind: string;
  /** The owner, with the role and territory they had when the job was queued. */
  actor: Actor;
  params: P;
  /** 1 on the first run, more when the job was taken over or retried. */
  attempt: number;
  /** The state saved by the last committed checkpoint; null on a fresh start. */
  resume: unknown;
  /** The file the job was started with. */
  input(): Promise<Uint8Array>;
  /**
   * Records progress and (when given) the state to resume from. With `trx`, inside the work's own
   * transaction, so both commit or neither. Throws JobStopped when the job was cancelled or the worker lost
   * its lease or is stopping: the caller lets it propagate, which rolls `trx` back.
   */
  checkpoint(progress: ProgressUpdate, state?: unknown, trx?: Kysely<DB>): Promise<void>;
  /** Aborted when the worker lost the lease or is stopping. */
  signal: AbortSignal;
}

export interface JobKind<P = unknown> {
  kind: string;
  /**
   * Throws (an AppError, 403) unless the actor may start such a job; checked when queued, and for anyone but
   * the owner cancelling it.
   */
  authorize(actor: Actor): void;
  /**
   * Distribution partners (`pos`, `pengadaan`) may start this kind (when `authorize` lets them) and follow,
   * download and cancel their own jobs of it; every other job is absent to a partner (docs/jobs.md).
   */
  partners?: boolean;
  params: z.ZodType<P>;
  /**
   * Checks the parameters against stored data before anything is queued (the record exists in the actor's
   * territory, is in a state that allows the job); throws the AppError to answer.
   */
  check?(actor: Actor, params: P): Promise<void>;
  /** The job needs a file (an import's CSV), stored with it when queued. */
  needsInput?: boolean;
  /** A label for lists, in both languages. */
  label: Text;
  run(ctx: JobContext<P>): Promise<unknown>;
  /** The result as an answer in one language (texts kept in both in the job's row). */
  present?(result: unknown, lang: Lang): unknown;
  /**
   * Runs in all before the job fails (default 3): a crash (a worker killed, an unexpected error) or a
   * JobRetry each end a run.
   */
  maxAttempts?: number;
  /** A kind whose result is a file (an export): how its owner downloads it (JobsService.download). */
  resultFile?(result: unknown, job: { id: string; regionCode: string }): ResultFile;
  /**
   * Runs once the job reached a final state — done, failed (out of attempts too) or cancelled (queued or at a
   * checkpoint) — e.g. to remove a file it was given. A failure is logged; the job's state stands.
   */
  ended?(job: { id: string; actor: Actor; params: P; state: 'done' | 'failed' | 'cancelled' }): Promise<void>;
}

/** A job's result file, as its kind describes it. */
export interface ResultFile {
  mime: string;
  /** The name to save it under. */
  name: string;
  /** The content; null when the file expired or is gone. */
  open(): Promise<{ stream: Readable; size: number } | null>;
  /** How a download is audited: a read of the personal data the file holds. */
  audit: AuditEvent;
}

/** A stored file in 64 KiB views, as a stream would deliver it: a reader never decodes it whole. */
export function* piecesOf(content: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < content.length; at += 65_536) yield content.subarray(at, at + 65_536);
}

/** Why a running job stops before its end: the job is cancelled, taken by another worker, or released. */
export class JobStopped extends Error {
  readonly reason: 'cancelled' | 'lease_lost' | 'stopping';
  constructor(reason: JobStopped['reason']) {
    super(`job stopped: ${reason}`);
    this.name = 'JobStopped';
    this.reason = reason;
  }
}

/**
 * Thrown by a kind's run when the work failed for a reason that may pass (a partner's server down): the job
 * goes back to the queue, not to be claimed for `delayMs`, its checkpoint kept. When the kind's attempts have
 * run out the job fails with `code` and `text` instead.
 */
export class JobRetry extends Error {
  readonly delayMs: number;
  readonly code: string;
  readonly text: Text;
  constructor(reason: { code: string; text: Text }, delayMs: number) {
    super(reason.text.en);
    this.name = 'JobRetry';
    this.delayMs = delayMs;
    this.code = reason.code;
    this.text = reason.text;
  }
}

export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  progress: { done: number; total: number | null; phase: string | null };
  result: unknown;
  error: { code: string; message: Text } | null;
  owner: string;
  attempts: number;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job in a list: without its result and error, which may name households (those are read one by one). */
export type JobSummary = Omit<JobView, 'result' | 'error'>;

export interface JobListQuery {
  mine?: boolean;
  state?: JobState;
  cursor?: string;
  limit: number;
}

export interface JobsDeps {
  db: Kysely<DB>;
  repo: JobsRepository;
  audit: AuditService;
  config: Config;
}

export class JobsService {
  readonly #deps: JobsDeps;
  readonly #kinds = new Map<string, JobKind<never>>();
  readonly #listeners = new Set<() => void>();

  constructor(deps: JobsDeps) {
    this.#deps = deps;
  }

  /** Adds a kind; a second kind with the same name is a programming error. */
  register<P>(kind: JobKind<P>): void {
    if (this.#kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} is registered twice`);
    this.#kinds.set(kind.kind, kind as unknown as JobKind<never>);
  }

  kindOf(name: string): JobKind<unknown> | undefined {
    return this.#kinds.get(name) as JobKind<unknown> | undefined;
  }

  get kinds(): string[] {
    return [...this.#kinds.keys()];
  }

  /** Wakes in-process workers when a job is queued here (other processes find it by polling). */
  onQueued(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Queues a job after checking the kind, the actor's permission and the parameters (every problem at once,
   * fields under `params.`); nothing is written when any check fails.
   */
  async enqueue(
    actor: Actor,
    kindName: string,
    params: unknown,
    input?: { name: string; content: Uint8Array },
  ): Promise<JobView> {
    const kind = this.#kinds.get(kindName);
    // A kind partners may not start is, to a partner, as unknown as one that does not exist.
    if (!kind || (isPartner(actor.role) && !kind.partners)) {
      throw validationError([issue('kind', 'job.unknown_kind', { kind: kindName })]);
    }
    kind.authorize(actor);
    const parsed = kind.params.safeParse(params);
    if (!parsed.success) {
      throw validationError(
        issuesFromZod(parsed.error.issues).map((i) => ({
          ...i,
          field: i.field === '(body)' ? 'params' : `params.${i.field}`,
        })),
      );
    }
    if (kind.needsInput && !input) {
      throw validationError([issue('(file)', 'job.input_required')]);
    }
    await kind.check?.(actor, parsed.data);
    const { db, repo, audit, config } = this.#deps;
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await repo.insert(
        trx,
        {
          id,
          kind: kindName,
          params: JSON.stringify(parsed.data),
          ownerId: actor.userId,
          ownerName: actor.username,
          ownerRole: actor.role,
          regionCode: actor.regionCode,
          state: 'queued',
          phase: null,
          done: 0,
          total: null,
          checkpoint: null,
          result: null,
          error: null,
          attempts: 0,
          cancelRequested: 0,
          leaseOwner: null,
          leaseExpiresAt: null,
          heartbeatAt: null,
          notBefore: null,
          createdAt: config.now().toISOString(),
          startedAt: null,
          finishedAt: null,
        },
        input,
      );
      await audit.record(trx, actor, {
        action: 'job.enqueue',
        entityType: 'job',
        entityId: id,
        regionCode: actor.regionCode || null,
        details: { kind: kindName, ...(input ? { input: input.name, bytes: input.content.length } : {}) },
      });
    });
    for (const wake of this.#listeners) wake();
    return this.#view((await repo.find(db, id))!);
  }

  /** One job the actor may see (own territory); absent, malformed and hidden ids all answer 404. */
  async get(actor: Actor, id: string): Promise<JobView> {
    const row = await this.#visible(actor, id);
    if (row.result !== null || row.error !== null) {
      // A result or an error may name households and people (rejected lines, a refusal's text): a read of
      // personal data, the owner's too. A job still running has neither, so following it is not audited.
      await this.#deps.audit.recordRead(actor, {
        action: 'job.read',
        entityType: 'job',
        entityId: id,
        regionCode: row.regionCode || null,
      });
    }
    return this.#view(row);
  }

  /**
   * The result file of a job (an export), for its owner only: anyone else, and a job without a file, gets
   * the 404 of an absent job. A job not done yet answers 409; an expired file 404 `job.result_expired`.
   * Every download is audited as a read of the personal data in the file.
   */
  async download(
    actor: Actor,
    id: string,
  ): Promise<{ mime: string; name: string; size: number; stream: Readable }> {
    const row = await this.#visible(actor, id);
    const kind = this.#kinds.get(row.kind);
    if (!kind?.resultFile || actor.userId === null || row.ownerId !== actor.userId) {
      throw notFound(label('record.job'));
    }
    if (row.state !== 'done' || row.result === null) {
      throw new AppError(
        'state',
        'job.result_not_ready',
        { state: row.state },
        { extra: { currentState: row.state } },
      );
    }
    const file = kind.resultFile(JSON.parse(row.result), { id: row.id, regionCode: row.regionCode });
    const content = await file.open();
    if (!content) throw new AppError('not_found', 'job.result_expired');
    try {
      await this.#deps.audit.recordRead(actor, file.audit);
    } catch (err) {
      content.stream.destroy();
      throw err;
    }
    return { mime: file.mime, name: file.name, ...content };
  }

  /**
   * Jobs in the actor's territory (or only the actor's own), newest first, without results and errors. A
   * partner sees only their own jobs of the kinds open to partners.
   */
  async list(actor: Actor, q: JobListQuery): Promise<{ items: JobSummary[]; nextCursor: string | null }> {
    const partner = isPartner(actor.role);
    const rows = await this.#deps.repo.list(this.#deps.db, {
      territory: actor.regionCode,
      ownerId: q.mine || partner ? (actor.userId ?? '') : undefined,
      ...(partner ? { kinds: this.#partnerKinds() } : {}),
      state: q.state,
      beforeId: afterIdOf(q.cursor),
      limit: q.limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.id);
    const summary = (r: JobRow): JobSummary => {
      const { result: _r, error: _e, ...rest } = this.#view(r);
      return rest;
    };
    return { items: page.map(summary), nextCursor };
  }

  /**
   * Cancels a job: at once when still queued, at its next checkpoint when running (the work of that step is
   * rolled back). The owner may cancel; so may anyone in whose territory it runs who may start such a job.
   * A job already ended answers 409 with its state.
   */
  async cancel(actor: Actor, id: string): Promise<JobView> {
    const row = await this.#visible(actor, id);
    const kind = this.#kinds.get(row.kind);
    const isOwner = actor.userId !== null && row.ownerId === actor.userId;
    if (!isOwner) {
      if (kind) kind.authorize(actor);
      else requirePermission(actor, 'user.manage');
    }
    if (row.state !== 'queued' && row.state !== 'running') {
      throw new AppError(
        'state',
        'job.finished',
        { state: row.state },
        { extra: { currentState: row.state } },
      );
    }
    const { db, repo, audit, config } = this.#deps;
    await db.transaction().execute(async (trx) => {
      await repo.requestCancel(trx, id, config.now().toISOString());
      await audit.record(trx, actor, {
        action: 'job.cancel',
        entityType: 'job',
        entityId: id,
        regionCode: row.regionCode || null,
        details: { kind: row.kind, state: row.state },
      });
    });
    const after = (await repo.find(db, id))!;
    // Cancelled while queued: ended here (a running one ends at its checkpoint, through finish).
    if (row.state === 'queued' && after.state === 'cancelled') await this.#ended(after);
    return this.#view(after);
  }

  /** One job the actor may see: in their territory; for a partner, their own of a kind open to partners. */
  async #visible(actor: Actor, id: string): Promise<JobRow> {
    if (!isRecordId(id)) throw notFound(label('record.job'));
    const row = await this.#deps.repo.find(this.#deps.db, id);
    if (!row || !isWithinTerritory(row.regionCode, actor.regionCode)) throw notFound(label('record.job'));
    if (
      isPartner(actor.role) &&
      (actor.userId === null || row.ownerId !== actor.userId || !this.#kinds.get(row.kind)?.partners)
    ) {
      throw notFound(label('record.job'));
    }
    return row;
  }

  #partnerKinds(): string[] {
    return [...this.#kinds.values()].filter((k) => k.partners).map((k) => k.kind);
  }

  #view(r: JobRow): JobView {
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      progress: { done: r.done, total: r.total, phase: r.phase },
      result: r.result === null ? null : JSON.parse(r.result),
      error: r.error === null ? null : JSON.parse(r.error),
      owner: r.ownerName,
      attempts: r.attempts,
      cancelRequested: r.cancelRequested === 1,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
    };
  }

  // ------------------------------------------------------------------ worker side (JobWorker)

  /** Leases the next runnable job of a registered kind (of `kinds` when given) to `worker`. */
  claim(worker: string, leaseMs: number, kinds?: readonly string[]): Promise<JobRow | undefined> {
    const now = this.#deps.config.now();
    return this.#deps.repo.claim(
      this.#deps.db,
      worker,
      now.toISOString(),
      new Date(now.getTime() + leaseMs).toISOString(),
      kinds ? this.kinds.filter((k) => kinds.includes(k)) : this.kinds,
    );
  }

  renew(job: string, worker: string, leaseMs: number) {
    const now = this.#deps.config.now();
    return this.#deps.repo.renew(
      this.#deps.db,
      job,
      worker,
      now.toISOString(),
      new Date(now.getTime() + leaseMs).toISOString(),
    );
  }

  async checkpoint(
    job: string,
    worker: string,
    progress: ProgressUpdate,
    state: unknown,
    trx: Kysely<DB> | undefined,
  ): Promise<void> {
    const r = await this.#deps.repo.checkpoint(
      trx ?? this.#deps.db,
      job,
      worker,
      this.#deps.config.now().toISOString(),
      progress,
      state === undefined ? undefined : JSON.stringify(state),
    );
    if (!r) throw new JobStopped('lease_lost');
    if (r.cancelRequested) throw new JobStopped('cancelled');
  }

  async finish(
    job: string,
    worker: string,
    end: {
      state: 'done' | 'failed' | 'cancelled';
      result?: unknown;
      error?: { code: string; message: Text };
    },
  ): Promise<boolean> {
    const held = await this.#deps.repo.finish(
      this.#deps.db,
      job,
      worker,
      this.#deps.config.now().toISOString(),
      {
        state: end.state,
        result: end.result === undefined ? null : JSON.stringify(end.result),
        error: end.error ? JSON.stringify(end.error) : null,
      },
    );
    if (held) {
      const row = await this.#deps.repo.find(this.#deps.db, job);
      if (row) await this.#ended(row);
    }
    return held;
  }

  /** Calls the kind's `ended` for a job in a final state (a failure is logged, not thrown). */
  async #ended(row: JobRow): Promise<void> {
    const kind = this.#kinds.get(row.kind) as JobKind<unknown> | undefined;
    if (!kind?.ended || (row.state !== 'done' && row.state !== 'failed' && row.state !== 'cancelled')) return;
    try {
      await kind.ended({
        id: row.id,
        actor: this.actorOf(row),
        params: kind.params.parse(JSON.parse(row.params)),
        state: row.state,
      });
    } catch (err) {
      console.error(
        `job ${row.id} (${row.kind}): ended: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** The owner and parameters of every queued or running job of `kind` (e.g. to know which files they need). */
  async active(kind: string): Promise<{ ownerId: string | null; params: unknown }[]> {
    const rows = await this.#deps.db
      .selectFrom('jobs')
      .select(['ownerId', 'params'])
      .where('kind', '=', kind)
      .where('state', 'in', ['queued', 'running'])
      .execute();
    return rows.map((r) => ({ ownerId: r.ownerId, params: JSON.parse(r.params) }));
  }

  /**
   * Gives a job back to the queue (worker stopping, or a transient failure), keeping its checkpoint; with
   * `delayMs`, not to be claimed again before that time has passed (a retry's backoff).
   */
  release(job: string, worker: string, delayMs = 0): Promise<boolean> {
    const notBefore =
      delayMs > 0 ? new Date(this.#deps.config.now().getTime() + delayMs).toISOString() : null;
    return this.#deps.repo.release(this.#deps.db, job, worker, notBefore);
  }

  input(job: string): Promise<Uint8Array> {
    return this.#deps.repo.input(this.#deps.db, job).then((content) => {
      if (!content) throw new Error(`job ${job} has no input file`);
      return content;
    });
  }

  /** The owner as the job acts: the role and territory recorded when it was queued. */
  actorOf(row: JobRow): Actor {
    if (!isRole(row.ownerRole)) throw new Error(`job ${row.id}: unknown role ${row.ownerRole}`);
    return {
      userId: row.ownerId,
      username: row.ownerName,
      role: row.ownerRole,
      regionCode: row.regionCode,
      ip: null,
      userAgent: `job:${row.kind}`,
    };
  }

  /** How many jobs are in each state, every state listed (0 when none): the `dtks_jobs` metric. */
  async countsByState(): Promise<Record<JobState, number>> {
    const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
    for (const { state, n } of await this.#deps.repo.countsByState(this.#deps.db)) counts[state] = Number(n);
    return counts;
  }
}
