/**
 * Polling through the data layer (useJob's `refetchInterval`). TanStack never polls where there is no
 * `window` (its server mode), so this file gives it one before it loads.
 */
import { describe, expect, it } from 'vitest';

(globalThis as { window?: unknown }).window ??= globalThis;
const { QueryObserver } = await import('@tanstack/react-query');
const { createQueryClient } = await import('../api/query.ts');
const { loadOptions } = await import('./use-load.ts');

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('polling a job', () => {
  it('asks again until the answer says it ended, then stops', async () => {
    const client = createQueryClient();
    const states = ['running', 'running', 'done'];
    let reads = 0;
    const observer = new QueryObserver(
      client,
      loadOptions(['jobs', 'J'], async () => states[Math.min(reads++, 2)]!, {
        refetchInterval: (state) => (state === 'done' ? false : 5),
      }),
    );
    const stop = observer.subscribe(() => {});
    await wait(150);
    expect(observer.getCurrentResult().data).toBe('done');
    expect(reads).toBe(3);
    stop();
  });

  it('stops after a failed read', async () => {
    const client = createQueryClient();
    let reads = 0;
    const observer = new QueryObserver(
      client,
      loadOptions(
        ['jobs', 'K'],
        async () => {
          reads++;
          throw new Error('gone');
        },
        { refetchInterval: () => 5 },
      ),
    );
    const stop = observer.subscribe(() => {});
    await wait(150);
    expect(reads).toBe(1);
    expect(observer.getCurrentResult().error).toBeInstanceOf(Error);
    stop();
  });
});
