/**
 * A pool of worker threads running one script, for CPU-heavy work that would otherwise hold the event loop:
 * the ranking's scoring (modules/ranking/ranking.scoring.ts) and the invitation letters' PDFs
 * (modules/receipts/invitations.threads.ts). Each worker answers calls in the order they come
 * (`serveCalls` on its side); the pool hands out idle workers first come, first served.
 *
 * - `call(msg)` leases a worker for one call.
 * - `lease(fn)` keeps one worker for a conversation of several calls (a village's letters: open, pages of
 *   lines, end) that must all reach the same thread; the worker goes back to the pool when `fn` settles.
 * - `map(items, message)` cuts a page into one slice per worker (fewer when there are fewer items), sends each
 *   slice as one call so all workers work on the page at once, and answers in slice order (the ranking's
 *   scoring, the recipients' evaluation: modules/recipients/recipients.evaluate.ts).
 *
 * A worker does not keep the process alive while no call of it is out (a pool kept between jobs, as the
 * recipients' evaluation pool is, does not hold a CLI command open); `close()` terminates the workers.
 *
 * A worker that dies (an uncaught error, an unexpected exit) fails the calls it had and every later one: the
 * caller's work fails as it would in-thread, and the job around it is retried by the job runner.
 */
import { availableParallelism } from 'node:os';
import { type Transferable, Worker } from 'node:worker_threads';

/** The default size of a pool of CPU-bound workers: one per CPU, at most 4. */
export function poolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** One worker, leased: calls answered in order. */
export interface PoolWorker {
  call<R>(msg: unknown, transfer?: readonly Transferable[]): Promise<R>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Reply {
  id: number;
  value?: unknown;
  error?: string;
}

export class WorkerPool {
  readonly size: number;
  readonly #idle: PoolWorker[] = [];
  readonly #waiting: ((w: PoolWorker) => void)[] = [];
  readonly #waitingFailed: ((err: Error) => void)[] = [];
  readonly #workers: Worker[] = [];
  #failure: Error | null = null;
  #closing = false;

  constructor(script: URL, opts: { size: number; workerData?: unknown; name: string }) {
    this.size = Math.max(1, opts.size);
    for (let i = 0; i < this.size; i++) {
      const w = new Worker(script, { workerData: opts.workerData, name: `${opts.name}-${i + 1}` });
      this.#workers.push(w);
      const pending = new Map<number, Pending>();
      let next = 0;
      const fail = (err: Error) => {
        if (this.#closing) return;
        this.#failure ??= new Error(`${opts.name}: ${err.message}`, { cause: err });
        for (const p of pending.values()) p.reject(this.#failure);
        pending.clear();
        for (const reject of this.#waitingFailed.splice(0)) reject(this.#failure);
        this.#waiting.length = 0;
      };
      w.on('message', (msg: Reply) => {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (pending.size === 0) w.unref();
        if (msg.error !== undefined) p.reject(new Error(msg.error));
        else p.resolve(msg.value);
      });
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
      w.unref(); // after the listeners: adding a 'message' listener refs the worker again
      this.#idle.push({
        call: <R>(msg: unknown, transfer: readonly Transferable[] = []) =>
          new Promise<R>((resolve, reject) => {
            if (this.#failure) return reject(this.#failure);
            const id = next++;
            if (pending.size === 0) w.ref();
            pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
            w.postMessage({ id, msg }, transfer);
          }),
      });
    }
  }

  /** A worker died: every call fails from then on (a pool kept between jobs is replaced). */
  get failed(): boolean {
    return this.#failure !== null;
  }

  /** Keeps one worker for the calls `fn` makes; waits for an idle one first (in the order asked). */
  async lease<T>(fn: (w: PoolWorker) => Promise<T>): Promise<T> {
    const w = await this.#acquire();
    try {
      return await fn(w);
    } finally {
      const waiter = this.#waiting.shift();
      this.#waitingFailed.shift();
      if (waiter) waiter(w);
      else this.#idle.push(w);
    }
  }

  /** One call on the next idle worker. */
  call<R>(msg: unknown, transfer?: readonly Transferable[]): Promise<R> {
    return this.lease((w) => w.call<R>(msg, transfer));
  }

  /**
   * Cuts `items` into one slice per worker (fewer when there are fewer items; none when there are none), sends
   * `message(slice)` for each as one call, and gives the answers in slice order.
   */
  map<T, R>(
    items: readonly T[],
    message: (slice: T[]) => { msg: unknown; transfer?: readonly Transferable[] },
  ): Promise<R[]> {
    const per = Math.ceil(items.length / this.size);
    const calls: Promise<R>[] = [];
    for (let at = 0; at < items.length; at += per) {
      const { msg, transfer } = message(items.slice(at, at + per));
      calls.push(this.call<R>(msg, transfer));
    }
    return Promise.all(calls);
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #acquire(): Promise<PoolWorker> {
    if (this.#failure) return Promise.reject(this.#failure);
    const idle = this.#idle.shift();
    if (idle) return Promise.resolve(idle);
    return new Promise((resolve, reject) => {
      this.#waiting.push(resolve);
      this.#waitingFailed.push(reject);
    });
  }
}

/** A worker's answer with the buffers to move to the caller rather than copy. */
export class Transfer<T> {
  readonly value: T;
  readonly list: readonly Transferable[];
  constructor(value: T, list: readonly Transferable[]) {
    this.value = value;
    this.list = list;
  }
}

/**
 * The worker's side: answers each call with what `handle` returns (or its error's message), one call at a
 * time, in the order they came — a call's answer never overtakes an earlier one's.
 */
export function serveCalls(
  port: import('node:worker_threads').MessagePort | null,
  handle: (msg: never) => unknown,
): void {
  if (!port) throw new Error('serveCalls runs in a worker thread');
  let chain: Promise<void> = Promise.resolve();
  port.on('message', ({ id, msg }: { id: number; msg: never }) => {
    chain = chain.then(async () => {
      try {
        const value = await handle(msg);
        if (value instanceof Transfer) port.postMessage({ id, value: value.value }, [...value.list]);
        else port.postMessage({ id, value });
      } catch (err) {
        port.postMessage({ id, error: (err as Error).message });
      }
    });
  });
}
