import { describe, expect, it } from 'vitest';
import { concentration, DecileAssigner, decileOf, decileShares, deciles } from './deciles.ts';

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

  it('flags a model whose scores put more than half the households in one decile', () => {
    expect(concentration([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])).toEqual({ largestShare: 0.6, flagged: true });
    expect(concentration([1, 1, 1, 1, 1, 2, 3, 4, 5, 6])).toEqual({ largestShare: 0.5, flagged: false });
    expect(concentration(Array.from({ length: 50 }, (_, i) => i)).flagged).toBe(false);
  });
});
