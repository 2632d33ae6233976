/**
 * Deciles from scores: desil 1 = the poorest tenth (lowest scores). A household's decile is
 * `floor(10 × below / n) + 1`, `below` being how many households of the same region score strictly lower and
 * `n` how many the region has. So equal scores always share a decile (a tie is never split by an arbitrary
 * order), and a region with fewer than 10 households still spreads over 1–10 by position (3 households:
 * deciles 1, 4 and 7; 1 household: decile 1). The same formula runs in SQL over a whole period
 * (rank() over …), so the nation is never held in memory; `DecileAssigner` is its streaming twin.
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
