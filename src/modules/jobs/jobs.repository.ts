import type { Kysely } from 'kysely';
import type { DbEngine } from '../../db/dialect.ts';
import type { DB, JobRow, JobState, NewJob } from '../../db/schema/index.ts';

export interface JobListFilter {
  /** Jobs started in this territory (dotted code) or below it; '' = everywhere. */
  territory: string;
  /** Only this owner's jobs. */
  ownerId?: string;
  /** Only jobs of these kinds. */
  kinds?: string[];
  state?: JobState;
  /** Keyset, newest first: jobs with an id before this one. */
  beforeId?: string;
  limit: number;
}

export interface ProgressUpdate {
  phase: string;
  done: number;
  total: number | null;
}

/** The queue's SQL. Every write of a running job is conditioned on the lease its worker holds. */
export class JobsRepository {
  readonly #engine: DbEngine;

  constructor(engine: DbEngine) {
    this.#engine = engine;
  }

  async insert(db: Kysely<DB>, job: NewJob, input?: { name: string; content: Uint8Array }): Promise<void> {
    await db.insertInto('jobs').values(job).execute();
    if (input) {
      await db
        .insertInto('jobInputs')
        .values({ jobId: job.id, name: input.name, size: input.content.length, content: input.content })
        .execute();
    }
  }

  find(db: Kysely<DB>, id: string): Promise<JobRow | undefined> {
    return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async input(db: Kysely<DB>, jobId: string): Promise<Uint8Array | undefined> {
    const row = await db
      .selectFrom('jobInputs')
      .select('content')
      .where('jobId', '=', jobId)
      .executeTakeFirst();
    return row?.content;
  }

  list(db: Kysely<DB>, f: JobListFilter): Promise<JobRow[]> {
    return db
      .selectFrom('jobs')
      .selectAll()
      .$if(f.territory !== '', (q) =>
        q.where((eb) =>
          eb.or([eb('regionCode', '=', f.territory), eb('regionCode', 'like', `${f.territory}.%`)]),
        ),
      )
      .$if(f.ownerId !== undefined, (q) => q.where('ownerId', '=', f.ownerId!))
      .$if(f.kinds !== undefined, (q) => q.where('kind', 'in', f.kinds!.length ? f.kinds! : ['']))
      .$if(f.state !== undefined, (q) => q.where('state', '=', f.state!))
      .$if(f.beforeId !== undefined, (q) => q.where('id', '<', f.beforeId!))
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
  }

  /**
   * Takes the oldest job that is queued, or running under an expired lease (its worker died), and leases
   * it to `worker` until `leaseUntil`. PostgreSQL: the candidate row is locked with SKIP LOCKED, so workers
   * claiming at the same moment each get a different job. SQLite: the transaction's BEGIN IMMEDIATE holds the
   * database's single write lock, so claims are serialized. Either way the update re-checks the row's state.
   */
  async claim(db: Kysely<DB>, worker: string, now: string, leaseUntil: string, kinds: string[]) {
    if (kinds.length === 0) return undefined;
    const runnable = (q: Kysely<DB>) =>
      q
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where((eb) =>
          eb.or([
            eb.and([
              eb('state', '=', 'queued'),
              eb.or([eb('notBefore', 'is', null), eb('notBefore', '<=', now)]),
            ]),
            eb.and([eb('state', '=', 'running'), eb('leaseExpiresAt', '<', now)]),
          ]),
        )
        .orderBy('createdAt')
        .orderBy('id')
        .limit(1);
    // An idle poll only reads: on SQLite a write transaction would wait for (and block the thread behind)
    // any other process's write, e.g. a CLI import next to the server.
    if (!(await runnable(db).executeTakeFirst())) return undefined;
    return db.transaction().execute(async (trx) => {
      const candidate = await runnable(trx)
        .$if(this.#engine.skipLocked, (q) => q.forUpdate().skipLocked())
        .executeTakeFirst();
      if (!candidate) return undefined;
      return trx
        .updateTable('jobs')
        .set((eb) => ({
          state: 'running',
          leaseOwner: worker,
          leaseExpiresAt: leaseUntil,
          heartbeatAt: now,
          attempts: eb('attempts', '+', 1),
          startedAt: eb.fn.coalesce('startedAt', eb.val(now)),
        }))
        .where('id', '=', candidate.id)
        .where((eb) =>
          eb.or([
            eb('state', '=', 'queued'),
            eb.and([eb('state', '=', 'running'), eb('leaseExpiresAt', '<', now)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
    });
  }

  /** Renews the lease; undefined when the worker no longer holds it (taken over, or the job ended). */
  async renew(db: Kysely<DB>, id: string, worker: string, now: string, leaseUntil: string) {
    const r = await heldBy(db, id, worker)
      .set({ leaseExpiresAt: leaseUntil, heartbeatAt: now })
      .returning('cancelRequested')
      .executeTakeFirst();
    return r ? { cancelRequested: r.cancelRequested === 1 } : undefined;
  }

  /**
   * Records progress and the kind's resume state, in the caller's transaction (the one that wrote the work
   * it records). Undefined when the worker no longer holds the lease: the caller must roll back.
   */
  async checkpoint(
    db: Kysely<DB>,
    id: string,
    worker: string,
    now: string,
    p: ProgressUpdate,
    state: string | undefined,
  ) {
    const r = await heldBy(db, id, worker)
      .set({
        phase: p.phase,
        done: p.done,
        total: p.total,
        heartbeatAt: now,
        ...(state === undefined ? {} : { checkpoint: state }),
      })
      .returning('cancelRequested')
      .executeTakeFirst();
    return r ? { cancelRequested: r.cancelRequested === 1 } : undefined;
  }

  /** Ends a running job held by `worker`; false when the lease was lost (another worker owns the job now). */
  async finish(
    db: Kysely<DB>,
    id: string,
    worker: string,
    now: string,
    end: { state: 'done' | 'failed' | 'cancelled'; result?: string | null; error?: string | null },
  ): Promise<boolean> {
    const r = await heldBy(db, id, worker)
      .set((eb) => ({
        state: end.state,
        result: end.result ?? null,
        error: end.error ?? null,
        finishedAt: now,
        leaseOwner: null,
        leaseExpiresAt: null,
        // A finished job's bar is full, whatever its last checkpoint said.
        ...(end.state === 'done' ? { done: eb.fn.coalesce('total', 'done') } : {}),
      }))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Back to the queue, checkpoint kept, for the next worker to resume (this one is stopping, or the kind
   * asked to retry later): not claimed before `notBefore` when given.
   */
  async release(
    db: Kysely<DB>,
    id: string,
    worker: string,
    notBefore: string | null = null,
  ): Promise<boolean> {
    const r = await heldBy(db, id, worker)
      .set({ state: 'queued', leaseOwner: null, leaseExpiresAt: null, notBefore })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** A queued job is cancelled at once; a running one is flagged and stops at its next checkpoint. */
  async requestCancel(db: Kysely<DB>, id: string, now: string): Promise<JobState | undefined> {
    const queued = await db
      .updateTable('jobs')
      .set({ state: 'cancelled', finishedAt: now, cancelRequested: 1 })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    if (Number(queued.numUpdatedRows) === 1) return 'cancelled';
    await db
      .updateTable('jobs')
      .set({ cancelRequested: 1 })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .execute();
    return (await db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst())?.state;
  }

  /** Jobs per state, for the states that have any. */
  countsByState(db: Kysely<DB>) {
    return db
      .selectFrom('jobs')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
  }
}

/** An update of a job only while `worker` holds its lease: anyone else's write matches no row. */
function heldBy(db: Kysely<DB>, id: string, worker: string) {
  return db
    .updateTable('jobs')
    .where('id', '=', id)
    .where('leaseOwner', '=', worker)
    .where('state', '=', 'running');
}
