import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from './prng.ts';

describe('seeded PRNG', () => {
  it('repeats for the same seed and differs for another', () => {
    const draw = (seed: string | number) => {
      const r = createRng(seed, 'x');
      return Array.from({ length: 8 }, () => r.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw('1')).not.toEqual(draw(1)); // '1' and 1 are different seeds
  });

  it('hashSeed separates its parts', () => {
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
    expect(hashSeed('a', 1)).toBe(hashSeed('a', 1));
    expect(Number.isInteger(hashSeed('z'))).toBe(true);
    expect(hashSeed('z')).toBeGreaterThanOrEqual(0);
    expect(hashSeed('z')).toBeLessThan(2 ** 32);
  });

  it('draws in range with roughly the right shape', () => {
    const r = createRng('shape');
    const counts = [0, 0, 0, 0, 0, 0];
    let sum = 0;
    for (let i = 0; i < 60_000; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      const k = r.int(1, 6);
      counts[k - 1]!++;
    }
    expect(sum / 60_000).toBeCloseTo(0.5, 1);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);

    const picks = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++)
      picks[
        r.weighted([
          ['a', 3],
          ['b', 1],
        ] as const)
      ]++;
    expect(picks.a / 10_000).toBeCloseTo(0.75, 1);

    let inside = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.normal(10, 2, 0, 20);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(20);
      if (Math.abs(x - 10) <= 2) inside++;
    }
    expect(inside / 10_000).toBeGreaterThan(0.6); // ~68% within one standard deviation
    expect(inside / 10_000).toBeLessThan(0.76);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});
