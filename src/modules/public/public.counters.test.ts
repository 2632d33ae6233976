/**
 * The public limits' counters: fixed windows that start at the first hit, and "once" keys (a challenge
 * solution is good once), in the process and in Redis (TEST_REDIS_URL, default 127.0.0.1:6379, which the
 * rate-limit tests need too); a Redis that cannot be reached counts in the process instead of failing.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type CounterStore, MemoryCounterStore, RedisCounterStore } from './public.counters.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function behaves(store: CounterStore, advance?: (ms: number) => void) {
  const key = `t:${randomUUID()}`;
  expect(await store.hit(key, 60)).toEqual({ count: 1, ttl: 60 });
  expect((await store.hit(key, 60)).count).toBe(2);
  const third = await store.hit(key, 60);
  expect(third.count).toBe(3);
  expect(third.ttl).toBeGreaterThan(55);
  expect(third.ttl).toBeLessThanOrEqual(60);
  expect((await store.hit(`${key}:other`, 60)).count).toBe(1);
  expect(await store.once(`${key}:sig`, 60)).toBe(true);
  expect(await store.once(`${key}:sig`, 60)).toBe(false);
  if (advance) {
    advance(61_000);
    expect(await store.hit(key, 60)).toEqual({ count: 1, ttl: 60 });
    expect(await store.once(`${key}:sig`, 60)).toBe(true);
  }
}

describe('public counters', () => {
  const stores: CounterStore[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('count in the process, in windows that start at the first hit', async () => {
    let now = 1_000_000;
    const store = new MemoryCounterStore(() => now);
    stores.push(store);
    await behaves(store, (ms) => {
      now += ms;
    });
  });

  it('count in Redis, shared by every store on the same server', async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await probe.connect();
    await probe.quit();
    const prefix = `dtks:test:${randomUUID()}:`;
    const a = RedisCounterStore.connect(REDIS_URL, prefix);
    const b = RedisCounterStore.connect(REDIS_URL, prefix);
    stores.push(a, b);
    // Wait for both connections (commands before that would count in the process).
    await new Promise((r) => setTimeout(r, 300));
    await behaves(a);
    const key = `shared:${randomUUID()}`;
    await a.hit(key, 60);
    expect((await b.hit(key, 60)).count).toBe(2);
    expect(await a.once(`${key}:sig`, 60)).toBe(true);
    expect(await b.once(`${key}:sig`, 60)).toBe(false);
  });

  it('count in the process when Redis cannot be reached', async () => {
    const warnings: unknown[] = [];
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    dead.on('error', () => {});
    const store = new RedisCounterStore(dead, 'x:', (e) => warnings.push(e));
    stores.push(store);
    await behaves(store);
    expect(warnings).toHaveLength(1);
  });
});
