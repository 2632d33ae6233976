import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool.ts';

const ECHO = new URL('../../test/fixtures/worker-pool/echo-worker.ts', import.meta.url);

describe('WorkerPool.map', () => {
  const pool = new WorkerPool(ECHO, { size: 3, name: 'echo' });
  afterAll(() => pool.close());
  type Answer = { thread: number; doubled: number[] };

  it('cuts the items into one slice per worker, all at once, and answers in slice order', async () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const sizes: number[] = [];
    const answers = await pool.map<number, Answer>(items, (slice) => {
      sizes.push(slice.length);
      return { msg: slice };
    });
    expect(sizes).toEqual([4, 4, 2]);
    expect(answers.flatMap((a) => a.doubled)).toEqual(items.map((n) => n * 2));
    expect(new Set(answers.map((a) => a.thread)).size).toBe(3);
  });

  it('uses fewer workers for fewer items, none for none', async () => {
    const two = await pool.map<number, Answer>([5, 6], (slice) => ({ msg: slice }));
    expect(two.map((a) => a.doubled)).toEqual([[10], [12]]);
    expect(await pool.map<number, Answer>([], (slice) => ({ msg: slice }))).toEqual([]);
  });

  it('pages sent while others are out queue behind them and keep their order', async () => {
    const pages = [0, 1, 2, 3].map((p) => Array.from({ length: 7 }, (_, i) => p * 100 + i));
    const answers = await Promise.all(
      pages.map((page) => pool.map<number, Answer>(page, (slice) => ({ msg: slice }))),
    );
    expect(answers.map((a) => a.flatMap((x) => x.doubled))).toEqual(pages.map((p) => p.map((n) => n * 2)));
  });
});

describe('WorkerPool with a worker that died', () => {
  it('fails its call and every later one, and says it failed', async () => {
    const pool = new WorkerPool(ECHO, { size: 2, name: 'dying' });
    try {
      expect(pool.failed).toBe(false);
      expect(await pool.call<{ doubled: number[] }>([1])).toMatchObject({ doubled: [2] });
      await expect(pool.call('exit')).rejects.toThrow(/dying: worker exited with code 3/);
      expect(pool.failed).toBe(true);
      await expect(pool.call([1])).rejects.toThrow(/dying/);
    } finally {
      await pool.close();
    }
  });
});

describe('WorkerPool left open', () => {
  it('does not keep the process alive once no call is out', async () => {
    const script = fileURLToPath(new URL('../../test/fixtures/worker-pool/left-open.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 15_000 });
    expect(stdout.trim()).toBe('42');
  }, 30_000);
});
