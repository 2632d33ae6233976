import { describe, expect, it } from 'vitest';
import { GroupedRead } from './grouped-read.ts';

/** A loader over a fixed table, recording each statement it was asked to run. */
function table(rows: Record<string, Record<string, number>>) {
  const calls: [string, string[]][] = [];
  const load = async (group: string, keys: string[]) => {
    calls.push([group, keys]);
    const found = new Map<string, number>();
    for (const k of keys) if (rows[group]?.[k] !== undefined) found.set(k, rows[group][k]);
    return found;
  };
  return { calls, load };
}

describe('GroupedRead', () => {
  it('answers look-ups that arrive together with one load per group, each its own row', async () => {
    const t = table({ p1: { a: 1, b: 2 }, p2: { a: 10 } });
    const g = new GroupedRead(t.load);
    const answers = await Promise.all([
      g.read('p1', 'a'),
      g.read('p1', 'b'),
      g.read('p1', 'a'),
      g.read('p1', 'missing'),
      g.read('p2', 'a'),
    ]);
    expect(answers).toEqual([1, 2, 1, undefined, 10]);
    expect(t.calls).toEqual([
      ['p1', ['a', 'b', 'missing']],
      ['p2', ['a']],
    ]);
  });

  it('reads again for a later look-up (nothing is kept)', async () => {
    const rows = { p: { a: 1 } };
    const t = table(rows);
    const g = new GroupedRead(t.load);
    expect(await g.read('p', 'a')).toBe(1);
    rows.p.a = 2;
    expect(await g.read('p', 'a')).toBe(2);
    expect(t.calls).toHaveLength(2);
  });

  it('keeps gathering while the group grows, within gatherMs', async () => {
    const t = table({ p: { a: 1, b: 2, c: 3 } });
    const g = new GroupedRead(t.load, { gatherMs: 1000 });
    const first = [g.read('p', 'a'), g.read('p', 'b')];
    // Arriving one event-loop turn later, as a request reaching the same step does under load.
    const later = new Promise((resolve) => setImmediate(() => resolve(g.read('p', 'c'))));
    expect(await Promise.all([...first, later])).toEqual([1, 2, 3]);
    expect(t.calls).toEqual([['p', ['a', 'b', 'c']]]);
  });

  it('runs a full group at once and gathers the rest separately', async () => {
    const t = table({ p: { a: 1, b: 2, c: 3 } });
    const g = new GroupedRead(t.load, { maxKeys: 2 });
    expect(await Promise.all([g.read('p', 'a'), g.read('p', 'b'), g.read('p', 'c')])).toEqual([1, 2, 3]);
    expect(t.calls).toEqual([
      ['p', ['a', 'b']],
      ['p', ['c']],
    ]);
  });

  it('fails every look-up of a failed load, and reads normally afterwards', async () => {
    let fail = true;
    const g = new GroupedRead(async (_group, keys) => {
      if (fail) throw new Error('connection lost');
      return new Map(keys.map((k) => [k, k.length]));
    });
    const failed = await Promise.allSettled([g.read('p', 'a'), g.read('p', 'bb')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await Promise.all([g.read('p', 'a'), g.read('p', 'bb')])).toEqual([1, 2]);
  });
});
