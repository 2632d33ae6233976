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
 * follows its households; a distribution count, amount and package count follow the households behind
 * the count), so sums of hidden amounts are as protected as the households. The distribution figures have
 * tables of two kinds at once (`suppressDistribution`).
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
 * (then every child is). `forced`: cells already hidden for another table they belong to (they count as
 * hidden here too, so the others are chosen around them). Ties between equal counts go to the lower code,
 * so the result is deterministic. Only hidden cells that count something protect each other: a forced zero
 * needs no protection (a zero identifies nobody) and gives none (a reader who knows it is zero subtracts
 * nothing), so at least two nonzero cells, together at least `k`, are hidden wherever one is.
 */
export function suppressTable(
  cells: readonly Cell[],
  k: number,
  parentHidden = false,
  forced: ReadonlySet<string> = new Set(),
): Set<string> {
  if (parentHidden) return new Set(cells.map((c) => c.code));
  const hidden = new Set<string>();
  let counting = 0;
  let sum = 0;
  const hide = (c: Cell) => {
    hidden.add(c.code);
    if (c.value > 0) counting += 1;
    sum += c.value;
  };
  for (const c of cells) if (isSmall(c.value, k) || forced.has(c.code)) hide(c);
  if (counting === 0) return hidden;
  const candidates = cells
    .filter((c) => !hidden.has(c.code) && c.value > 0)
    .sort((a, b) => a.value - b.value || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const c of candidates) {
    if (counting >= 2 && sum >= k) break;
    hide(c);
  }
  // Only zeros left and still recoverable: the region itself counts fewer than k (hidden a level up,
  // or the root), or one cell counts everything (its total hidden by the caller); hide the whole table.
  if (counting < 2 || sum < k) return new Set(cells.map((c) => c.code));
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
  forced: ReadonlySet<string> = new Set(),
): PathResult {
  const rootHidden = isSmall(root, k) || forced.has('');
  let parentHidden = rootHidden;
  let targetHidden = rootHidden;
  const hidden: Set<string>[] = [];
  tables.forEach((cells, i) => {
    const h = suppressTable(cells, k, parentHidden, forced);
    hidden.push(h);
    const step = steps[i];
    if (step !== undefined) {
      parentHidden = h.has(step);
      targetHidden = parentHidden;
    }
  });
  return { rootHidden, hidden, targetHidden };
}

/** A regency's count in one view of several (`list`: what it counts, the same in every view showing it). */
export interface ViewUnit {
  code: string;
  list: string;
  value: number;
}

/**
 * Suppression of several views of the same figures at once (a programme's recipients on the newest
 * approved lists and on one period's lists): a regency, province or the nation that counts the same lists
 * in two views shows the same figure in both, so it is hidden in both or in neither — else one view's shown
 * figure is subtracted from the other's hidden pair. Each view is suppressed down its region tree (nation,
 * provinces, regencies) with the cells hidden in any view forced, until nothing changes. Answers, per view,
 * the hidden codes ('' is the nation), to be passed as `forced` to `suppressPath` for that view. Views are
 * taken in the map's order; a cell once hidden stays hidden, so an earlier view's choices lead.
 */
export function suppressViews(
  views: ReadonlyMap<string, readonly ViewUnit[]>,
  k: number,
): Map<string, Set<string>> {
  // Per view, the tree's cells with what they count (the lists of their regencies, in order).
  const trees = new Map(
    [...views].map(([view, units]) => {
      const cells = new Map<string, { value: number; lists: string[]; parent: string | null }>();
      const add = (code: string, parent: string | null, u: ViewUnit) => {
        const c = cells.get(code) ?? { value: 0, lists: [], parent };
        c.value += u.value;
        c.lists.push(u.list);
        cells.set(code, c);
      };
      for (const u of units) {
        add('', null, u);
        add(u.code.split('.')[0]!, '', u);
        add(u.code, u.code.split('.')[0]!, u);
      }
      const identity = new Map([...cells].map(([code, c]) => [code, [...c.lists].sort().join(' ')]));
      return [view, { cells, identity }] as const;
    }),
  );
  const hiddenLists = new Set<string>();
  const result = new Map<string, Set<string>>();
  for (;;) {
    const before = hiddenLists.size;
    for (const [view, { cells, identity }] of trees) {
      const forced = new Set([...identity].filter(([, id]) => hiddenLists.has(id)).map(([code]) => code));
      const hidden = new Set<string>();
      const nation = cells.get('');
      if (nation && (isSmall(nation.value, k) || forced.has(''))) hidden.add('');
      // Parents before their children: the nation, then the provinces.
      for (const parent of ['', ...[...cells.keys()].filter((c) => c !== '' && !c.includes('.')).sort()]) {
        const children = [...cells]
          .filter(([, c]) => c.parent === parent)
          .map(([code, c]) => ({ code, value: c.value }))
          .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
        for (const code of suppressTable(children, k, hidden.has(parent), forced)) hidden.add(code);
      }
      for (const code of hidden) hiddenLists.add(identity.get(code)!);
      result.set(view, hidden);
    }
    if (hiddenLists.size === before) return result;
  }
}

/** The three states an allocated entitlement is in: they add up to the allocated count. */
export const DISTRIBUTION_STATES = ['delivered', 'returned', 'outstanding'] as const;
export type DistributionState = (typeof DISTRIBUTION_STATES)[number];
/** The entitlement counts published for a region's distribution. */
export const DISTRIBUTION_COUNTS = ['allocated', ...DISTRIBUTION_STATES] as const;
export type DistributionCount = (typeof DISTRIBUTION_COUNTS)[number];
export type DistributionCounts = Record<DistributionCount, number>;

/**
 * The households behind a region's distribution counts (a household holds several entitlements: one per
 * programme and tranche): per count, the households with at least one such entitlement; `others[s]`, those
 * with at least one entitlement in one of the two states other than `s` (the families behind the two other
 * states together, which are fewer than their two counts added when a family is in both).
 */
export interface DistributionHouseholds extends DistributionCounts {
  others: Record<DistributionState, number>;
}

export function emptyDistributionHouseholds(): DistributionHouseholds {
  return {
    allocated: 0,
    delivered: 0,
    returned: 0,
    outstanding: 0,
    others: { delivered: 0, returned: 0, outstanding: 0 },
  };
}

/**
 * The distribution figures (entitlements handed to PT Pos, one per KPM and tranche) are published for the
 * nation, a province and a regency, each region's own row on its own page. Each count is a cell of two
 * kinds of table at once, and is hidden by the rules above in both:
 *
 * - **down the region tree**, per count: the provinces of the nation, the regencies of a province (a
 *   region's count is the sum of its children's, which are published on their own pages);
 * - **across the states of one region**: delivered, returned and outstanding add up to allocated.
 *
 * Smallness is decided on the households behind a count, not on the entitlements it counts (as the
 * recipients' figures are): 12 entitlements of 3 families concern 3 families. The households of a region
 * are its regencies' added up (a household's entitlements are of the regency whose list it is on). Across
 * the states, two hidden states are known together (allocated minus the shown one), and the families
 * behind them are `others` of the shown state, so when those are fewer than `k` the third state is hidden
 * too.
 *
 * A count hidden in one table is forced hidden in the other, which may hide more there (complementary),
 * and so on until nothing changes. A table whose only nonzero cell is hidden (forced: nothing small can be
 * alone in a table of a total that is not) hides its total too, which equals that cell. It is decided over
 * the whole tree at once from the regencies' figures, so every page hides the same cells. Answers, per
 * count, the hidden regions ('' is the nation). The entitlement counts, amounts and packages follow their
 * count's households.
 *
 * `forced`: regions hidden from the start for a count because another published table gives them away
 * (the programmes' recipients: a region's allocated entitlements and rupiah are its programmes' recipients
 * times their tranches and its programmes' rupiah, so where a programme's figure is hidden, they are too).
 */
export function suppressDistribution(
  regencies: readonly { code: string; households: DistributionHouseholds }[],
  k: number,
  forced: Partial<Record<DistributionCount, Iterable<string>>> = {},
): Record<DistributionCount, Set<string>> {
  const households = new Map<string, DistributionHouseholds>();
  const children = new Map<string, Set<string>>();
  const add = (code: string, parent: string | null, h: DistributionHouseholds) => {
    const sum = households.get(code) ?? emptyDistributionHouseholds();
    for (const m of DISTRIBUTION_COUNTS) sum[m] += h[m];
    for (const s of DISTRIBUTION_STATES) sum.others[s] += h.others[s];
    households.set(code, sum);
    if (parent !== null) children.set(parent, (children.get(parent) ?? new Set()).add(code));
  };
  for (const r of regencies) {
    const province = r.code.split('.')[0]!;
    add('', null, r.households);
    add(province, '', r.households);
    add(r.code, province, r.households);
  }
  // Parents before their children: the nation, then the provinces.
  const parents = [...children.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const hidden = Object.fromEntries(DISTRIBUTION_COUNTS.map((m) => [m, new Set(forced[m])])) as Record<
    DistributionCount,
    Set<string>
  >;
  for (const m of DISTRIBUTION_COUNTS) if (isSmall(households.get('')?.[m] ?? 0, k)) hidden[m].add('');
  const size = () => DISTRIBUTION_COUNTS.reduce((n, m) => n + hidden[m].size, 0);
  for (;;) {
    const before = size();
    for (const m of DISTRIBUTION_COUNTS) {
      for (const parent of parents) {
        const cells = [...children.get(parent)!].map((code) => ({ code, value: households.get(code)![m] }));
        for (const code of suppressTable(cells, k, hidden[m].has(parent), hidden[m])) hidden[m].add(code);
        if (soleCountHidden(cells, hidden[m])) hidden[m].add(parent);
      }
    }
    for (const [code, h] of households) {
      const states = hiddenStates(h, k, hidden.allocated.has(code), (s) => hidden[s].has(code));
      for (const s of states) hidden[s].add(code);
      if (soleCountHidden(stateCells(h), new Set(states))) hidden.allocated.add(code);
    }
    if (size() === before) return hidden;
  }
}

/**
 * Whether the one cell of a table that counts anything is hidden: then the table's total is that cell, and
 * shown it would give the cell away (a province whose only regency with entitlements is hidden because a
 * programme figure of it is; a region whose entitlements are all in one hidden state). No other cell can
 * be hidden beside it, so the total is hidden instead, and protected in its own table.
 */
function soleCountHidden(cells: readonly Cell[], hidden: ReadonlySet<string>): boolean {
  const counting = cells.filter((c) => c.value > 0);
  return counting.length === 1 && hidden.has(counting[0]!.code);
}

/** A region's table of states: the households behind each. */
function stateCells(h: DistributionHouseholds): Cell[] {
  return DISTRIBUTION_STATES.map((s) => ({ code: s, value: h[s] }));
}

/** The states hidden in one region's table of states (`suppressDistribution`), those forced included. */
function hiddenStates(
  h: DistributionHouseholds,
  k: number,
  allocatedHidden: boolean,
  isHidden: (s: DistributionState) => boolean,
): DistributionState[] {
  const forced = new Set<string>(DISTRIBUTION_STATES.filter(isHidden));
  const chosen = suppressTable(stateCells(h), k, allocatedHidden, forced);
  const shown = DISTRIBUTION_STATES.filter((s) => !chosen.has(s));
  // Two hidden states whose families together are fewer than k: their sum is known, so hide the third.
  if (shown.length === 1 && isSmall(h.others[shown[0]!], k)) return [...DISTRIBUTION_STATES];
  return DISTRIBUTION_STATES.filter((s) => chosen.has(s));
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
