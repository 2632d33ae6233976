/**
 * Small-cell suppression for the public statistics (issue 14). A published count of fewer than `k`
 * households (PUBLIC_STATS_MIN_CELL, default 10) could point at a family, so:
 *
 * - **primary**: a cell counting 1 … k−1 households is hidden (a zero identifies nobody and is shown);
 * - **complementary**: in one table (the children of a region whose total is published) the hidden cells
 *   could be recovered by subtracting the shown ones from the total, so more cells are hidden, smallest
 *   first, until at least two are hidden and together they count at least `k` households — then no hidden
 *   cell is known exactly (their sum is, and it is itself not small);
 * - **down the tree**: a region hidden in its parent's table hides its own total and every cell below it
 *   (its children add up to it); the root (the nation) is hidden when it counts fewer than `k`.
 *
 * The same hidden set is used for every figure of a cell (persons follow households; a programme's amount
 * follows its households), so sums of hidden amounts are as protected as the households.
 * The answer never says why a cell is hidden: a reader must not tell the small ones from the others.
 */

export interface Cell {
  code: string;
  /** Households counted in the cell. */
  value: number;
}

/** A count is small (primary suppression) when it is 1 … k−1. */
export function isSmall(value: number, k: number): boolean {
  return value > 0 && value < k;
}

/**
 * The codes to hide among the children of one region. `parentHidden`: the region's own total is hidden
 * (then every child is). Ties between equal counts go to the lower code, so the result is deterministic.
 */
export function suppressTable(cells: readonly Cell[], k: number, parentHidden = false): Set<string> {
  if (parentHidden) return new Set(cells.map((c) => c.code));
  const hidden = new Set<string>();
  let sum = 0;
  for (const c of cells) {
    if (isSmall(c.value, k)) {
      hidden.add(c.code);
      sum += c.value;
    }
  }
  if (hidden.size === 0) return hidden;
  const candidates = cells
    .filter((c) => !hidden.has(c.code) && c.value > 0)
    .sort((a, b) => a.value - b.value || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const c of candidates) {
    if (hidden.size >= 2 && sum >= k) break;
    hidden.add(c.code);
    sum += c.value;
  }
  // Only zeros left and still recoverable: the region itself counts fewer than k (hidden a level up,
  // or the root); hide the whole table.
  if (hidden.size < 2 || sum < k) return new Set(cells.map((c) => c.code));
  return hidden;
}

export interface PathResult {
  /** Whether the root's own total is hidden. */
  rootHidden: boolean;
  /** Per table on the path, the hidden codes. */
  hidden: Set<string>[];
  /** Whether the region the path leads to is hidden (the root when the path is empty). */
  targetHidden: boolean;
}

/**
 * Suppression along a path from the root down: `tables[i]` holds the children of the region reached after
 * i steps, `steps[i]` the child taken (the next table's parent). The last table may have no step (it is the
 * target's children table). A region is hidden when it is hidden in its parent's table or any ancestor is.
 */
export function suppressPath(
  root: number,
  tables: readonly (readonly Cell[])[],
  steps: readonly string[],
  k: number,
): PathResult {
  const rootHidden = isSmall(root, k);
  let parentHidden = rootHidden;
  let targetHidden = rootHidden;
  const hidden: Set<string>[] = [];
  tables.forEach((cells, i) => {
    const h = suppressTable(cells, k, parentHidden);
    hidden.push(h);
    const step = steps[i];
    if (step !== undefined) {
      parentHidden = h.has(step);
      targetHidden = parentHidden;
    }
  });
  return { rootHidden, hidden, targetHidden };
}

/** Parses PUBLIC_STATS_MIN_CELL: a whole number of households from 1 (no suppression) to 1000. */
export function parseMinCell(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_MIN_CELL;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new Error(
      `PUBLIC_STATS_MIN_CELL must be a whole number of households from 1 to 1000 (got ${value})`,
    );
  }
  return n;
}

export const DEFAULT_MIN_CELL = 10;
