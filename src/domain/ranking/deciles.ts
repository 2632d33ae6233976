/**
 * Deciles from scores: desil 1 = the poorest tenth (lowest scores). A household's decile is
 * `floor(10 × below / n) + 1`, `below` being how many households of the same region score strictly lower and
 * `n` how many the region has. So equal scores always share a decile (a tie is never split by an arbitrary
 * order), and a region with fewer than 10 households still spreads over 1–10 by position (3 households:
 * deciles 1, 4 and 7; 1 household: decile 1). A ranking run cuts a whole period with `decilesByGroup` (typed
 * arrays, one sort per region); `DecileAssigner` is the streaming twin over scores read in order.
 */

export function decileOf(below: number, n: number): number {
  if (n <= 0 || below < 0 || below >= n) throw new RangeError(`decileOf(${below}, ${n})`);
  return Math.floor((10 * below) / n) + 1;
}

/** Deciles of `scores` (any order), in the same order. */
export function deciles(scores: readonly number[]): number[] {
  const sorted = [...scores].sort((a, b) => a - b);
  const firstIndex = new Map<number, number>();
  sorted.forEach((s, i) => {
    if (!firstIndex.has(s)) firstIndex.set(s, i);
  });
  return scores.map((s) => decileOf(firstIndex.get(s)!, scores.length));
}

/**
 * Deciles of a whole period at once, per region: `group[i]` is household i's region index (null: one group,
 * the nation). Each region's scores are sorted (typed-array sort, numeric) and a household's `below` is the
 * position of the first equal score in its region's sorted run, so the numbers are those of `deciles()` per
 * region — and of the SQL `rank() over (partition by … order by score)` formula.
 */
export function decilesByGroup(scores: Float64Array, group: Uint32Array | null): Uint8Array {
  const n = scores.length;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  let groups = 1;
  if (group) for (let i = 0; i < n; i++) if (group[i]! + 1 > groups) groups = group[i]! + 1;
  const start = new Uint32Array(groups + 1);
  for (let i = 0; i < n; i++) start[(group ? group[i]! : 0) + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groups);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[fill[group ? group[i]! : 0]!++] = scores[i]!;
  for (let g = 0; g < groups; g++) sorted.subarray(start[g], start[g + 1]).sort();
  for (let i = 0; i < n; i++) {
    const g = group ? group[i]! : 0;
    const lo0 = start[g]!;
    let lo = lo0;
    let hi = start[g + 1]!;
    const s = scores[i]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    out[i] = decileOf(lo - lo0, start[g + 1]! - lo0);
  }
  return out;
}

/**
 * Assigns deciles to scores arriving in ascending order (a cursor over `ORDER BY score`), in constant memory:
 * `n` is the region's household count, known beforehand.
 */
export class DecileAssigner {
  readonly #n: number;
  #seen = 0;
  #last: number | undefined;
  #lastBelow = 0;

  constructor(n: number) {
    this.#n = n;
  }

  next(score: number): number {
    if (this.#last !== undefined && score < this.#last) {
      throw new RangeError(`scores must arrive in ascending order (${score} after ${this.#last})`);
    }
    if (score !== this.#last) {
      this.#last = score;
      this.#lastBelow = this.#seen;
    }
    this.#seen++;
    return decileOf(this.#lastBelow, this.#n);
  }
}

/** Share of households in each decile 1–10 (index 0 = desil 1). */
export function decileShares(decileList: readonly number[]): number[] {
  const counts = Array.from({ length: 10 }, () => 0);
  for (const d of decileList) counts[d - 1]!++;
  return counts.map((c) => (decileList.length ? c / decileList.length : 0));
}

/** Above this share in one decile a model is flagged before publishing: it barely tells households apart. */
export const CONCENTRATION_LIMIT = 0.5;

export function concentration(scores: readonly number[]): { largestShare: number; flagged: boolean } {
  const largestShare = Math.max(...decileShares(deciles(scores)));
  return {
    largestShare: Math.round(largestShare * 1000) / 1000,
    flagged: largestShare > CONCENTRATION_LIMIT,
  };
}
