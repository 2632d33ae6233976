import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionCache } from './session-cache.ts';

const session = (userId: string) => ({
  userId,
  username: userId,
  role: 'operator_desa',
  regionCode: '33.07.01.1007',
  expiresAtMs: Date.now() + 3_600_000,
});

describe('SessionCache', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps nothing of a user for ttl after a change of that user (the change may not be committed yet)', () => {
    vi.useFakeTimers();
    const cache = new SessionCache({ ttlMs: 1000 });
    cache.forgetUser('u1');
    // A read that began after the change but saw the old row (its transaction still open) is not kept.
    cache.set('s1', session('u1'), cache.generation);
    expect(cache.get('s1')).toBeUndefined();
    // Other users are not affected.
    cache.set('s2', session('u2'), cache.generation);
    expect(cache.get('s2')).toBeDefined();
    vi.advanceTimersByTime(1001);
    cache.set('s1', session('u1'), cache.generation);
    expect(cache.get('s1')).toBeDefined();
  });

  it('keeps nothing read before a logout or a change', () => {
    const cache = new SessionCache({ ttlMs: 1000 });
    const g = cache.generation;
    cache.forgetSession('s9');
    cache.set('s1', session('u1'), g);
    expect(cache.get('s1')).toBeUndefined();
  });
});
