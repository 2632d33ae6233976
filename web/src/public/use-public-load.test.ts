/**
 * The public pages' read (use-public-load.ts), driven through its state object as the hook drives it, so no
 * DOM is needed: only the latest key's answer is shown, the one before is aborted, the previous answer stays
 * while the next loads, and a page that went keeps nothing.
 */
import { describe, expect, it } from 'vitest';
import { askEarly, LatestAnswer, type PublicLoaded } from './use-public-load.ts';

/** A load that answers only when told, and records its signal. */
function controlled<T>() {
  const calls: { signal: AbortSignal; answer: (v: T) => void; fail: (e: unknown) => void }[] = [];
  const load = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ signal, answer: resolve, fail: reject });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { calls, load };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function watch<T>(a: LatestAnswer<T>) {
  const seen: PublicLoaded<T>[] = [];
  const stop = a.subscribe(() => seen.push(a.snapshot()));
  return { seen, stop };
}

describe('usePublicLoad', () => {
  it('aborts the old request when the key changes, and shows only the new key’s answer', async () => {
    const a = new LatestAnswer<string>();
    const { calls, load } = controlled<string>();
    const { seen } = watch(a);
    a.ask('region=33', load);
    a.ask('region=35', load);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);
    calls[0]!.answer('Jawa Tengah'); // too late: nobody asks for it any more
    calls[1]!.answer('Jawa Timur');
    await tick();
    expect(a.snapshot()).toEqual({ data: 'Jawa Timur', error: null, loading: false });
    expect(seen.map((s) => s.data)).not.toContain('Jawa Tengah');
  });

  it('asks once per key, keeps the previous answer while the next loads, and shows a failure', async () => {
    const a = new LatestAnswer<string>();
    const { calls, load } = controlled<string>();
    a.ask('period=2026-11', load);
    a.ask('period=2026-11', load);
    expect(calls).toHaveLength(1);
    calls[0]!.answer('November');
    await tick();
    a.ask('period=2026-10', load);
    expect(a.snapshot()).toEqual({ data: 'November', error: null, loading: true });
    const failure = new Error('offline');
    calls[1]!.fail(failure);
    await tick();
    expect(a.snapshot()).toEqual({ data: 'November', error: failure, loading: false });
    // Asking again clears the failure while it loads.
    a.ask('period=2026-09', load);
    expect(a.snapshot().error).toBeNull();
  });

  it('takes a request the entry started early for the same key, once; another key asks itself', async () => {
    const { calls, load } = controlled<string>();
    askEarly('lang=id /statistics', load);
    askEarly('lang=id /statistics', load);
    expect(calls).toHaveLength(1);
    const a = new LatestAnswer<string>();
    a.ask('lang=id /statistics', load);
    expect(calls).toHaveLength(1);
    calls[0]!.answer('early');
    await tick();
    expect(a.snapshot()).toEqual({ data: 'early', error: null, loading: false });
    // Taken: a later page asking the same key sends its own request.
    const b = new LatestAnswer<string>();
    b.ask('lang=id /statistics', load);
    expect(calls).toHaveLength(2);
    const c = new LatestAnswer<string>();
    c.ask('lang=en /statistics', load);
    expect(calls).toHaveLength(3);
  });

  it('keeps nothing a page that went asked for, and asks afresh when shown again', async () => {
    const a = new LatestAnswer<string>();
    const { calls, load } = controlled<string>();
    a.ask('x', load);
    a.stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.answer('late');
    await tick();
    expect(a.snapshot().data).toBeUndefined();
    // React's development double effect: stopped, then asked for the same key again.
    a.ask('x', load);
    expect(calls).toHaveLength(2);
    calls[1]!.answer('fresh');
    await tick();
    expect(a.snapshot()).toEqual({ data: 'fresh', error: null, loading: false });
  });
});
