/**
 * The data layer under `useLoad` (web/src/api/query.ts, hooks/use-load.ts), driven through TanStack's
 * QueryObserver — the object `useQuery` subscribes a component with — so no DOM is needed.
 */
import { QueryObserver, type QueryObserverResult } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { clearCache, createQueryClient, invalidateKeys, onWrite, resourceOf } from '../api/query.ts';
import { loadOptions, toLoaded } from './use-load.ts';

/** A load that answers only when told, and records its signal. */
function controlled<T>() {
  const calls: { signal: AbortSignal; answer: (v: T) => void }[] = [];
  const load = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ signal, answer: resolve });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { calls, load };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function watch<T>(observer: QueryObserver<T, unknown, T, T>) {
  const seen: QueryObserverResult<T, unknown>[] = [];
  const stop = observer.subscribe((r) => seen.push(r));
  return { seen, stop };
}

describe('useLoad on TanStack Query', () => {
  it('aborts the old request when the key changes, and shows only the new key’s answer', async () => {
    const client = createQueryClient();
    const { calls, load } = controlled<string>();
    const observer = new QueryObserver(client, loadOptions(['households', 'A'], load));
    const { seen, stop } = watch(observer);
    await tick();
    expect(calls).toHaveLength(1);
    observer.setOptions(loadOptions(['households', 'B'], load));
    await tick();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);
    calls[0]!.answer('household A'); // too late: nobody asks for it any more
    calls[1]!.answer('household B');
    await tick();
    expect(observer.getCurrentResult().data).toBe('household B');
    expect(seen.map((r) => r.data)).not.toContain('household A');
    stop();
  });

  it('refetches what is shown when its key prefix is invalidated', async () => {
    const client = createQueryClient();
    let n = 0;
    const observer = new QueryObserver(
      client,
      loadOptions(['households', 'A'], async () => `version ${++n}`),
    );
    const { stop } = watch(observer);
    await tick();
    expect(observer.getCurrentResult().data).toBe('version 1');
    await invalidateKeys(client, ['households']);
    expect(observer.getCurrentResult().data).toBe('version 2');
    await invalidateKeys(client, ['usulan']);
    expect(n).toBe(2);
    stop();
  });

  it('a write forgets its resource’s answers no screen shows, and leaves the shown one to its page', async () => {
    const client = createQueryClient();
    let reads = 0;
    const shown = new QueryObserver(
      client,
      loadOptions(['households', 'A'], async () => ++reads),
    );
    const { stop } = watch(shown);
    await client.fetchQuery(loadOptions(['households', 'B'], async () => 'cached'));
    await client.fetchQuery(loadOptions(['usulan', 'X'], async () => 'other resource'));
    await tick();
    expect(resourceOf('/households/A/members?x=1')).toBe('households');
    onWrite(client, '/households/A/members');
    await tick();
    expect(client.getQueryData(['households', 'B'])).toBeUndefined();
    expect(client.getQueryData(['usulan', 'X'])).toBe('other resource');
    expect(client.getQueryState(['households', 'A'])?.isInvalidated).toBe(true);
    expect(reads).toBe(1); // no second read (the page sets the write's answer)
    stop();
  });

  it('after logout the next user never sees the previous user’s answers', async () => {
    const client = createQueryClient();
    const first = new QueryObserver(
      client,
      loadOptions(['households', 'A'], async () => 'seen by user 1'),
    );
    const a = watch(first);
    await tick();
    expect(first.getCurrentResult().data).toBe('seen by user 1');
    const pending = controlled<string>();
    const inFlight = new QueryObserver(client, loadOptions(['todo'], pending.load));
    const b = watch(inFlight);
    await tick();
    a.stop();
    await clearCache(client); // logout
    b.stop();
    expect(pending.calls[0]!.signal.aborted).toBe(true);
    expect(client.getQueryCache().getAll()).toHaveLength(0);

    const second = controlled<string>();
    const next = new QueryObserver(client, loadOptions(['households', 'A'], second.load));
    const c = watch(next);
    expect(next.getCurrentResult().data).toBeUndefined();
    await tick();
    second.calls[0]!.answer('seen by user 2');
    await tick();
    expect(c.seen.map((r) => r.data)).not.toContain('seen by user 1');
    expect(next.getCurrentResult().data).toBe('seen by user 2');
    c.stop();
  });

  it('reads as the pages expect: loading until this key answers, an old error hidden while asking again', () => {
    const noop = () => {};
    const base = {
      data: 'old key',
      error: null,
      isPending: false,
      fetchStatus: 'fetching',
      isFetching: true,
      isPlaceholderData: true,
    } as unknown as QueryObserverResult<string, unknown>;
    expect(toLoaded(base, noop, noop)).toMatchObject({ data: 'old key', loading: true, error: null });
    const refreshing = { ...base, isPlaceholderData: false, error: new Error('x') } as typeof base;
    expect(toLoaded(refreshing, noop, noop)).toMatchObject({ loading: false, error: null });
    const failed = { ...refreshing, isFetching: false, fetchStatus: 'idle' } as typeof base;
    expect(toLoaded(failed, noop, noop).error).toBeInstanceOf(Error);
    const disabled = {
      ...base,
      data: undefined,
      isPending: true,
      isPlaceholderData: false,
      isFetching: false,
      fetchStatus: 'idle',
    } as unknown as typeof base;
    expect(toLoaded(disabled, noop, noop).loading).toBe(false);
  });
});
