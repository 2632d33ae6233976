import { describe, expect, it } from 'vitest';
import { concentration, DecileAssigner, decileOf, decileShares, deciles, decilesByGroup } from './deciles.ts';

describe('deciles', () => {
  it('puts the lowest tenth in desil 1 and the highest in desil 10', () => {
    const scores = Array.from({ length: 100 }, (_, i) => 100 - i);
    const d = deciles(scores);
    expect(d[99]).toBe(1); // score 1
    expect(d[0]).toBe(10); // score 100
    expect(decileShares(d)).toEqual(Array.from({ length: 10 }, () => 0.1));
  });

  it('never splits a tie: equal scores share the decile of the first of them', () => {
    const d = deciles([5, 5, 5, 5, 5, 1, 9, 9, 2, 3]);
    // sorted 1, 2, 3, 5×5, 9, 9: the 5s have three below (desil 4), the 9s eight (desil 9)
    expect(d).toEqual([4, 4, 4, 4, 4, 1, 9, 9, 2, 3]);
    expect(deciles([7, 7, 7])).toEqual([1, 1, 1]);
  });

  it('spreads a region of fewer than 10 households by position', () => {
    expect(deciles([3])).toEqual([1]);
    expect(deciles([2, 1])).toEqual([6, 1]);
    expect(deciles([3, 1, 2])).toEqual([7, 1, 4]);
    expect(deciles([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(deciles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('decileOf refuses positions outside the region', () => {
    expect(() => decileOf(3, 3)).toThrow(RangeError);
    expect(() => decileOf(0, 0)).toThrow(RangeError);
    expect(decileOf(0, 1)).toBe(1);
  });

  it('the streaming assigner gives the same deciles as the whole-list function', () => {
    const scores = [12.1, 11.8, 12.6, 11.8, 12.3, 12.9, 12.0, 11.5, 12.3, 12.4, 13.1, 12.2, 12.2];
    const expected = deciles(scores);
    const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
    const a = new DecileAssigner(scores.length);
    const got: number[] = [];
    for (const [s, i] of order) got[i] = a.next(s);
    expect(got).toEqual(expected);
    expect(() => a.next(1)).toThrow(/ascending/);
  });

  it('cuts a whole period per region at once, as deciles() does region by region', () => {
    // A pseudo-random period: 3 regions (one of 2 households, ties within each), scores of 6 decimals.
    let x = 7;
    const next = () => {
      x = (x * 48271) % 2147483647;
      return x;
    };
    const n = 503;
    const scores = Float64Array.from({ length: n }, () => Math.round((next() % 40) * 1e6 + 0.25e6) / 1e6);
    const group = Uint32Array.from({ length: n }, (_, i) => (i < 2 ? 2 : next() % 2));
    const expectedFor = (g: number | null) => {
      const idx = [...group.keys()].filter((i) => g === null || group[i] === g);
      const d = deciles(idx.map((i) => scores[i]!));
      return new Map(idx.map((i, j) => [i, d[j]!]));
    };
    const national = expectedFor(null);
    const regional = new Map([...expectedFor(0), ...expectedFor(1), ...expectedFor(2)]);
    expect([...decilesByGroup(scores, null)]).toEqual([...scores.keys()].map((i) => national.get(i)));
    expect([...decilesByGroup(scores, group)]).toEqual([...scores.keys()].map((i) => regional.get(i)));
    // the region of two: the lower one desil 1, the higher desil 6 (or both 1 when tied)
    const two = decilesByGroup(Float64Array.from([2.5, 1.5]), Uint32Array.from([4, 4]));
    expect([...two]).toEqual([6, 1]);
    expect([...decilesByGroup(Float64Array.from([3, 3, 3]), null)]).toEqual([1, 1, 1]);
    expect(decilesByGroup(new Float64Array(0), null).length).toBe(0);
  });

  it('flags a model whose scores put more than half the households in one decile', () => {
    expect(concentration([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])).toEqual({ largestShare: 0.6, flagged: true });
    expect(concentration([1, 1, 1, 1, 1, 2, 3, 4, 5, 6])).toEqual({ largestShare: 0.5, flagged: false });
    expect(concentration(Array.from({ length: 50 }, (_, i) => i)).flagged).toBe(false);
  });
});
