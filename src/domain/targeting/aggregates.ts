/**
 * Targeting analytics from grouped counts (the database groups; these functions shape and check): households
 * per decile, per child region, and how households moved between the deciles of two ranked periods. Deciles are
 * the national ones (desil 1 = poorest tenth of the nation), so a regency's figures compare with any other's.
 * Pure: no I/O.
 */

export const DECILES = 10;

/** Households of one decile (1–10) in one region (the child region's code, or '' for the whole scope). */
export interface DecileGroup {
  regionCode: string;
  decile: number;
  households: number;
}

/** Counts per decile, index 0 = desil 1; deciles outside 1–10 (an unfinished run) are not counted. */
export function decileHistogram(groups: readonly Pick<DecileGroup, 'decile' | 'households'>[]): number[] {
  const out = new Array<number>(DECILES).fill(0);
  for (const g of groups) {
    if (Number.isInteger(g.decile) && g.decile >= 1 && g.decile <= DECILES)
      out[g.decile - 1]! += g.households;
  }
  return out;
}

export interface ChildRollup {
  code: string;
  name: string;
  households: number;
  deciles: number[];
  /** Households in desil 1–2: the usual target of national programmes. */
  poorest: number;
  /** `poorest / households`, 0 when the region has none; rounded to 4 decimals. */
  poorestShare: number;
}

/** Households in desil 1–2. */
export function poorestOf(deciles: readonly number[]): number {
  return (deciles[0] ?? 0) + (deciles[1] ?? 0);
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * One row per child region that has ranked households, in code order, with its decile counts. `names` gives
 * each code's name (the code itself when unknown).
 */
export function rollupByChild(
  groups: readonly DecileGroup[],
  names: ReadonlyMap<string, string>,
): ChildRollup[] {
  const byCode = new Map<string, DecileGroup[]>();
  for (const g of groups) {
    const list = byCode.get(g.regionCode);
    if (list) list.push(g);
    else byCode.set(g.regionCode, [g]);
  }
  return [...byCode.keys()].sort().map((code) => {
    const deciles = decileHistogram(byCode.get(code)!);
    const households = deciles.reduce((a, b) => a + b, 0);
    const poorest = poorestOf(deciles);
    return {
      code,
      name: names.get(code) ?? code,
      households,
      deciles,
      poorest,
      poorestShare: share(poorest, households),
    };
  });
}

/** Households of one (previous decile → current decile) cell. */
export interface MovementGroup {
  from: number;
  to: number;
  households: number;
}

export interface Movement {
  /** `matrix[from - 1][to - 1]`: households ranked in both periods. */
  matrix: number[][];
  /** Ranked in both periods with a higher decile now (better off by the model), a lower one, or the same. */
  improved: number;
  worsened: number;
  unchanged: number;
  /** Ranked now but not in the previous period, and ranked then but not now (in this region). */
  entered: number;
  left: number;
}

/**
 * The movement between two ranked periods from the (from, to) counts of households ranked in both, and the
 * totals of each period in the same region (for the households that entered or left).
 */
export function movementOf(
  groups: readonly MovementGroup[],
  totals: { current: number; previous: number },
): Movement {
  const matrix = Array.from({ length: DECILES }, () => new Array<number>(DECILES).fill(0));
  let improved = 0;
  let worsened = 0;
  let unchanged = 0;
  let both = 0;
  for (const g of groups) {
    if (g.from < 1 || g.from > DECILES || g.to < 1 || g.to > DECILES) continue;
    matrix[g.from - 1]![g.to - 1]! += g.households;
    both += g.households;
    if (g.to > g.from) improved += g.households;
    else if (g.to < g.from) worsened += g.households;
    else unchanged += g.households;
  }
  return {
    matrix,
    improved,
    worsened,
    unchanged,
    entered: Math.max(0, totals.current - both),
    left: Math.max(0, totals.previous - both),
  };
}

/** Households found in several aid sources: how many sources each is in, counted. */
export function overlapDistribution(
  sourcesPerHousehold: readonly number[],
): { sources: number; households: number }[] {
  const counts = new Map<number, number>();
  for (const n of sourcesPerHousehold) if (n >= 2) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([sources, households]) => ({ sources, households }));
}

/**
 * Likely targeting errors (issue 13). Inclusion: a recipient of the period whose household ranks in desil 5 or
 * above (the programmes target the poorest 40% at most), or whose evaluation in any programme of the period found
 * a member-level exclusion (a member employed by the state or earning the minimum wage). Exclusion: a household
 * in desil 1–2 that receives nothing in the period.
 */
export const INCLUSION_DECILE_FROM = 5;
export const EXCLUSION_DECILE_TO = 2;
export const MEMBER_EXCLUSION_CODES = ['EMPLOYER', 'MIN_WAGE'] as const;

/** Recipients and amounts of one programme in one region (the child region's code, or '' for the whole scope). */
export interface ProgrammeGroup {
  regionCode: string;
  programmeCode: string;
  households: number;
  amount: number;
}

export interface ProgrammeTotals {
  programmes: { code: string; households: number; amount: number }[];
  byRegion: {
    code: string;
    name: string;
    programmes: Record<string, { households: number; amount: number }>;
  }[];
}

/** Per programme (code order) over the whole scope, and per child region (code order) per programme. */
export function programmeTotals(
  groups: readonly ProgrammeGroup[],
  names: ReadonlyMap<string, string>,
): ProgrammeTotals {
  const totals = new Map<string, { households: number; amount: number }>();
  const regions = new Map<string, Record<string, { households: number; amount: number }>>();
  for (const g of groups) {
    const t = totals.get(g.programmeCode) ?? { households: 0, amount: 0 };
    t.households += g.households;
    t.amount += g.amount;
    totals.set(g.programmeCode, t);
    const r = regions.get(g.regionCode) ?? {};
    const p = r[g.programmeCode] ?? { households: 0, amount: 0 };
    p.households += g.households;
    p.amount += g.amount;
    r[g.programmeCode] = p;
    regions.set(g.regionCode, r);
  }
  return {
    programmes: [...totals.keys()].sort().map((code) => ({ code, ...totals.get(code)! })),
    byRegion: [...regions.keys()]
      .sort()
      .map((code) => ({ code, name: names.get(code) ?? code, programmes: regions.get(code)! })),
  };
}
