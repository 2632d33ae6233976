/**
 * Counters of the public abuse limits, in fixed windows. In Redis when REDIS_URL is set (every server
 * process counts together), else in this process. Should Redis fail, a call counts in the process instead
 * (logged once): the public check stays limited rather than open or down.
 */
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// ioredis is loaded when REDIS_URL is set, not by every process that builds the services.
const require = createRequire(import.meta.url);

export interface Hit {
  /** The count in the current window, this hit included. */
  count: number;
  /** Seconds until the window ends. */
  ttl: number;
}

export interface CounterStore {
  /** Counts one hit of `key` in a window of `windowSeconds` that starts at its first hit. */
  hit(key: string, windowSeconds: number): Promise<Hit>;
  /** True the first time `key` is seen within `ttlSeconds` (e.g. a challenge solution: no replays). */
  once(key: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  readonly #counts = new Map<string, { count: number; resetAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async hit(key: string, windowSeconds: number): Promise<Hit> {
    const now = this.#now();
    this.#prune(now);
    let entry = this.#counts.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.#counts.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, ttl: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
  }

  async once(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.hit(`once:${key}`, ttlSeconds)).count === 1;
  }

  async close(): Promise<void> {
    this.#counts.clear();
  }

  /** Drops expired windows now and then, so the map holds only live counters. */
  #lastPrune = 0;
  #prune(now: number): void {
    if (this.#counts.size < 10_000 || now - this.#lastPrune < 10_000) return;
    this.#lastPrune = now;
    for (const [key, entry] of this.#counts) if (entry.resetAt <= now) this.#counts.delete(key);
  }
}

export class RedisCounterStore implements CounterStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #fallback = new MemoryCounterStore();
  readonly #warn: (err: unknown) => void;
  #warned = false;

  constructor(redis: Redis, prefix: string, warn: (err: unknown) => void = console.warn) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#warn = warn;
  }

  /** A store over a new connection to `url` (commands before it is ready count in the process). */
  static connect(url: string, prefix: string): RedisCounterStore {
    const { Redis } = require('ioredis') as typeof import('ioredis');
    const redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
    });
    redis.on('error', () => {});
    return new RedisCounterStore(redis, prefix);
  }

  async hit(key: string, windowSeconds: number): Promise<Hit> {
    try {
      const k = this.#prefix + key;
      const r = await this.#redis.multi().incr(k).expire(k, windowSeconds, 'NX').ttl(k).exec();
      if (!r) throw new Error('redis transaction aborted');
      const count = Number(r[0]![1]);
      const ttl = Number(r[2]![1]);
      return { count, ttl: ttl > 0 ? ttl : windowSeconds };
    } catch (err) {
      this.#fail(err);
      return this.#fallback.hit(key, windowSeconds);
    }
  }

  async once(key: string, ttlSeconds: number): Promise<boolean> {
    try {
      return (await this.#redis.set(`${this.#prefix}once:${key}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    } catch (err) {
      this.#fail(err);
      return this.#fallback.once(key, ttlSeconds);
    }
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }

  #fail(err: unknown): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#warn(err);
  }
}
