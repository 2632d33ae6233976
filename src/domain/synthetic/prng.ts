/**
 * A small seeded pseudo-random generator for synthetic data: the same seed gives the same numbers on every
 * platform (pure 32-bit integer arithmetic, no Math.random), so a seeded demo or benchmark is repeatable.
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter) seeded through a 32-bit string/number hash.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a value with probability proportional to its weight (weights need not sum to 1). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Approximately normal (sum of uniforms), clamped to [min, max]. */
  normal(mean: number, sd: number, min: number, max: number): number;
}

/** 32-bit FNV-1a over the parts, finished with a murmur3 avalanche: a well-mixed seed from any key. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = typeof part === 'number' ? `#${part}` : `$${part}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x2c; // separator, so ('ab','c') and ('a','bc') differ
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function createRng(...seed: readonly (string | number)[]): Rng {
  let a = hashSeed('a', ...seed);
  let b = hashSeed('b', ...seed);
  let c = hashSeed('c', ...seed);
  let d = 1;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32(); // let the state mix before the first draw

  const next = () => nextUint32() / 4294967296;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (entries) => {
      let total = 0;
      for (const [, w] of entries) total += w;
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
    normal: (mean, sd, min, max) => {
      // Irwin–Hall with 6 uniforms: mean 3, variance 1/2.
      let s = 0;
      for (let i = 0; i < 6; i++) s += next();
      const z = (s - 3) * Math.SQRT2;
      return Math.min(max, Math.max(min, mean + z * sd));
    },
  };
  return rng;
}
