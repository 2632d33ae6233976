/**
 * Small-cell suppression for the public statistics (issue 14). A published count of fewer than `k`
 * households (PUBLIC_STATS_MIN_CELL, default 10) could point at a family, so:
 *
 * - **primary**: a cell counting 1 … k−1 households is hidden (a zero identifies nobody and is shown);
 * - **complementary**: in one table (the children of a region whose total is published) the hidden cells
 *   could be recovered by subtracting the shown ones from the total, so more cells are hidden, smallest
 *   first, until at least two are hidden, together they count at least `k` households and more than the
 *   number of hidden cells that count — then no hidden cell is known exactly (their sum is, and it is
 *   itself not small; a reader who knows each hidden cell counts at least 1 pins them all at 1 exactly when
 *   their sum is their number, so hidden cells of 1 each are not enough, however many);
 * - **up the tree**: a table that no hidden set protects (every counting cell is 1, or its only counting
 *   cell is forced hidden) is hidden whole, and so is its region's total, in its parent's table
 *   (`tableHidesAll`, `hiddenFromBelow`): else the total would be the number of its 1s, or that cell;
 * - **down the tree**: a region hidden in its parent's table hides its own total and every cell below it
 *   (its children add up to it); the root (the nation) is hidden when it counts fewer than `k`.
 *
 * The same hidden set is used for every figure of a cell (persons follow households; a programme's amount
 * follows its households; a distribution count, amount and package count follow the households behind
 * the count), so sums of hidden amounts are as protected as the households. The distribution figures have
 * tables of two kinds at once (`suppressDistribution`).
 * The answer never says why a cell is hidden: a reader must not tell the small ones from the others.
 *
 * **What is protected, against which reader.** Every table (of every page, at every level down to the
 * villages): no hidden cell that counts is pinned to one value by a reader of that table and its shown total
 * who knows a hidden cell that counts is at least 1 — not one alone, not a hidden sum under `k`, not hidden
 * cells that are all 1 (sum = their number); a table of 1s has its total hidden, and that region is hidden
 * alike on every page that shows it, the decision taken over the whole tree (`hiddenFromBelow`, from every
 * regency's kecamatan: households and largest village). A programme's recipients are published in several
 * views of the same lists (the newest lists, each period's lists: `suppressViews`), and those views are
 * audited together: no list of 1 … k−1 KPM is worked out exactly by a reader who reads every view's nation,
 * province and regency figures at once, knows each is the sum of its regencies' lists, that a list is the
 * same figure in every view showing it and that a hidden list counts at least 1 KPM, and narrows each hidden
 * figure's range sum by sum until nothing changes (`narrowBounds`, interval propagation). Not promised: that
 * a reader cannot tell a hidden count is small (its range may lie within 1 … k−1, as the one-table rule
 * allows: hidden 1, 2 and 8 counting 11 are each 1 … 9), nor safety against a reader who solves the sums as
 * linear equations (subtracting one from another), which can pin down what propagation leaves open. Below the
 * regency (kecamatan, villages), the DTKS counts and the distribution figures are protected by the table
 * rules above, not audited.
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
  return chooseHidden(cells, k, forced).hidden;
}

/** `suppressTable` of a region whose total is shown; `exhausted`: no hidden set protects the cells. */
function chooseHidden(
  cells: readonly Cell[],
  k: number,
  forced: ReadonlySet<string>,
): { hidden: Set<string>; exhausted: boolean } {
  const hidden = new Set<string>();
  let counting = 0;
  let sum = 0;
  const hide = (c: Cell) => {
    hidden.add(c.code);
    if (c.value > 0) counting += 1;
    sum += c.value;
  };
  for (const c of cells) if (isSmall(c.value, k) || forced.has(c.code)) hide(c);
  if (counting === 0) return { hidden, exhausted: false };
  const candidates = cells
    .filter((c) => !hidden.has(c.code) && c.value > 0)
    .sort((a, b) => a.value - b.value || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const safe = () => counting >= 2 && sum >= k && sum > counting;
  for (const c of candidates) {
    if (safe()) break;
    hide(c);
  }
  // Only zeros left and still recoverable: the region itself counts fewer than k (hidden a level up,
  // or the root), one cell counts everything, or every cell that counts is 1; hide the whole table. In
  // the last two cases the region's own total would give the cells away: `tableHidesAll` tells the caller
  // to hide it in its parent's table.
  if (!safe()) return { hidden: new Set(cells.map((c) => c.code)), exhausted: true };
  return { hidden, exhausted: false };
}

/**
 * Whether `suppressTable` hides a whole table by its own rule (its region's total not hidden) although
 * something in it counts: then the region's total, shown, would give the hidden cells away (every counting
 * cell 1: the total is their number; one counting cell, forced hidden: the total is that cell), so the
 * region must be hidden in its parent's table (`hiddenFromBelow`). A region counting fewer than `k` also
 * answers true (it is hidden in its parent's table anyway).
 */
export function tableHidesAll(
  cells: readonly Cell[],
  k: number,
  forced: ReadonlySet<string> = new Set(),
): boolean {
  return chooseHidden(cells, k, forced).exhausted;
}

/** A region of a tree of counts: its parent (null for the root) and what it counts. */
export interface TreeRegion {
  code: string;
  parent: string | null;
  value: number;
  /**
   * For a region whose children are not listed (the deepest listed level): its largest child's count.
   * 1 says every counting child is 1.
   */
  largestChild?: number;
}

/**
 * The regions whose own total must be hidden in their parent's table (the root: hidden itself) because
 * their children's table is hidden whole by its own rule (`tableHidesAll`): every counting child is 1, or
 * the only counting child is itself hidden from below. Decided bottom-up over the whole tree, a region's
 * children hidden from below forced in its table, so the answer depends on the tree alone: every page
 * passes it as `forced` to `suppressPath` and hides the same regions. A region listed without children is
 * judged by its `largestChild` (all its counting children 1 when that is 1). Regions counting fewer than
 * `k` are in the answer too (they are hidden anyway).
 */
export function hiddenFromBelow(regions: readonly TreeRegion[], k: number): Set<string> {
  const children = new Map<string, TreeRegion[]>();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  for (const r of regions) {
    if (r.parent === null) continue;
    const list = children.get(r.parent);
    if (list) list.push(r);
    else children.set(r.parent, [r]);
  }
  const depth = (r: TreeRegion): number => {
    let d = 0;
    for (let p = r.parent; p !== null; p = byCode.get(p)?.parent ?? null) d++;
    return d;
  };
  const deepestFirst = regions
    .map((r) => ({ r, d: depth(r) }))
    .sort((a, b) => b.d - a.d || (a.r.code < b.r.code ? -1 : a.r.code > b.r.code ? 1 : 0))
    .map((x) => x.r);
  const out = new Set<string>();
  for (const r of deepestFirst) {
    const kids = children.get(r.code);
    if (kids) {
      const forced = new Set(kids.filter((c) => out.has(c.code)).map((c) => c.code));
      if (tableHidesAll(kids, k, forced)) out.add(r.code);
    } else if (r.largestChild !== undefined && r.value > 0 && r.largestChild <= 1 && k > 1) {
      // Its children's table is `value` cells of 1: hidden whole (`tableHidesAll` of such a table).
      out.add(r.code);
    }
  }
  return out;
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
 * approved lists and on each period's lists): a regency, province or the nation that counts the same lists
 * in two views shows the same figure in both, so it is hidden in both or in neither — else one view's shown
 * figure is subtracted from the other's hidden pair. Each view is suppressed down its region tree (nation,
 * provinces, regencies) with the cells hidden in any view forced, until nothing changes. Answers, per view,
 * the hidden codes ('' is the nation), to be passed as `forced` to `suppressPath` for that view. Views are
 * taken in the map's order; a cell once hidden stays hidden, so an earlier view's choices lead.
 *
 * Each view is then safe alone, but a list's figure takes part in the sums of every view showing it, so
 * the views are **audited together as a reader would read them** (`auditModel`): while a reader of all
 * the views can work a small list (1 … k−1 KPM) out exactly, one more cell is hidden (`auditChoice`) and
 * the views are suppressed again around it. Cells only get hidden, so it ends.
 *
 * `forcedLists`: lists hidden from the start wherever shown (a list whose kecamatan table is hidden whole:
 * `hiddenFromBelow`). A table that no hidden set then protects (its only counting cell hidden) hides its
 * region too, in every view.
 */
export function suppressViews(
  views: ReadonlyMap<string, readonly ViewUnit[]>,
  k: number,
  forcedLists: Iterable<string> = [],
): Map<string, Set<string>> {
  return suppressViewsAudited(views, k, forcedLists).hidden;
}

/**
 * `suppressViews` with what its audit did: how many cells it hid (each once, however many views show it)
 * and how many times it read the views (`audits`, the last finding nothing).
 */
export function suppressViewsAudited(
  views: ReadonlyMap<string, readonly ViewUnit[]>,
  k: number,
  forcedLists: Iterable<string> = [],
): { hidden: Map<string, Set<string>>; auditHidden: number; audits: number } {
  const model = viewModel(views);
  const hiddenIds = new Set<number>();
  for (const list of forcedLists) {
    const id = model.identities.get(list);
    if (id !== undefined) hiddenIds.add(id);
  }
  let auditHidden = 0;
  let last: ReturnType<typeof suppressEachView> | undefined;
  for (let audits = 1; ; audits++) {
    last = suppressEachView(model, k, hiddenIds, last);
    const { hidden } = last;
    const pinned = auditModel(model, hidden, k);
    if (pinned.length === 0) {
      return {
        hidden: new Map(
          model.views.map((v, i) => [
            v.name,
            new Set(v.cells.filter((_, c) => hidden[i]![c]).map((c) => c.code)),
          ]),
        ),
        auditHidden,
        audits,
      };
    }
    hiddenIds.add(auditChoice(model, hidden, pinned[0]!));
    auditHidden += 1;
  }
}

/** One view's region tree: the nation (index 0), its provinces, their regencies, each with its lists. */
interface ModelView {
  name: string;
  cells: {
    code: string;
    value: number;
    parent: number;
    children: number[];
    /** The lists it counts (indices into `ViewModel.lists`). */
    lists: number[];
    /** Its lists as one number: two cells of the same identity show the same figure. */
    identity: number;
  }[];
  /** The cells with children, parents before their children (the nation, then the provinces by code). */
  parents: number[];
}

interface ViewModel {
  views: ModelView[];
  lists: { id: string; value: number }[];
  /** Per list, where its regency's cell is: [view, cell]. */
  listCells: [number, number][][];
  /** Per identity key (its lists' ids, sorted, joined by spaces; a regency's: its list's id), the identity. */
  identities: Map<string, number>;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function viewModel(views: ReadonlyMap<string, readonly ViewUnit[]>): ViewModel {
  const listIndex = new Map<string, number>();
  const lists: ViewModel['lists'] = [];
  const listCells: ViewModel['listCells'] = [];
  const identities = new Map<string, number>();
  const out: ModelView[] = [];
  for (const [name, units] of views) {
    const index = new Map<string, number>();
    const cells: ModelView['cells'] = [];
    const cell = (code: string, parent: number) => {
      let i = index.get(code);
      if (i === undefined) {
        i = cells.length;
        index.set(code, i);
        cells.push({ code, value: 0, parent, children: [], lists: [], identity: -1 });
        if (parent >= 0) cells[parent]!.children.push(i);
      }
      return i;
    };
    for (const u of units) {
      let l = listIndex.get(u.list);
      if (l === undefined) {
        l = lists.length;
        listIndex.set(u.list, l);
        lists.push({ id: u.list, value: u.value });
        listCells.push([]);
      }
      const province = u.code.split('.')[0]!;
      const path = [cell('', -1), cell(province, 0), cell(u.code, index.get(province) ?? -1)];
      for (const i of path) {
        cells[i]!.value += u.value;
        cells[i]!.lists.push(l);
      }
      listCells[l]!.push([out.length, path[2]!]);
    }
    for (const c of cells) {
      c.children.sort((a, b) => byCode(cells[a]!.code, cells[b]!.code));
      const id = c.lists
        .map((l) => lists[l]!.id)
        .sort()
        .join(' ');
      if (!identities.has(id)) identities.set(id, identities.size);
      c.identity = identities.get(id)!;
    }
    const parents = cells.length === 0 ? [] : [0, ...cells[0]!.children];
    out.push({ name, cells, parents });
  }
  return { views: out, lists, listCells, identities };
}

/**
 * The per-view rules (`suppressTable` down each view's tree), with the cells of every identity in
 * `hiddenIds` forced and the identities each view hides added to it, until nothing changes. Answers, per
 * view and cell, whether it is hidden (`hidden`), and per view how many of its cells were forced when it was
 * decided (`forced`). `last`: the answer of the previous call (the audit's previous round, with fewer
 * identities hidden); a view none of whose cells' identities has been hidden since is kept as it was (its
 * rules would choose the same), so a round after the audit hides one cell redoes only the views that show
 * it, and those its choices reach.
 */
function suppressEachView(
  model: ViewModel,
  k: number,
  hiddenIds: Set<number>,
  last?: { hidden: readonly boolean[][]; forced: readonly number[] },
): { hidden: boolean[][]; forced: number[] } {
  const result = model.views.map((_, v) => last?.hidden[v]);
  const forcedCount = (v: number) =>
    model.views[v]!.cells.reduce((n, c) => n + (hiddenIds.has(c.identity) ? 1 : 0), 0);
  const counted = model.views.map((_, v) => last?.forced[v] ?? -1);
  for (;;) {
    const before = hiddenIds.size;
    model.views.forEach((view, v) => {
      const count = forcedCount(v);
      if (result[v] && count === counted[v]) return;
      counted[v] = count;
      const { cells } = view;
      const hidden = cells.map(() => false);
      const forced = (i: number) => hiddenIds.has(cells[i]!.identity);
      if (cells.length > 0 && (isSmall(cells[0]!.value, k) || forced(0))) hidden[0] = true;
      for (const parent of view.parents) {
        const children = cells[parent]!.children;
        // `suppressTable` and `tableHidesAll` of the table in one choice (a hidden parent hides every child).
        const chosen = hidden[parent]
          ? null
          : chooseHidden(
              children.map((i) => cells[i]!),
              k,
              new Set(children.filter(forced).map((i) => cells[i]!.code)),
            );
        for (const i of children) if (!chosen || chosen.hidden.has(cells[i]!.code)) hidden[i] = true;
        // No hidden set protects the table (its only counting cell forced hidden, or all 1s): its total
        // would give them away, so it is hidden too, and the views are decided again around it.
        if (chosen?.exhausted) hiddenIds.add(cells[parent]!.identity);
      }
      cells.forEach((c, i) => {
        if (hidden[i]) hiddenIds.add(c.identity);
      });
      result[v] = hidden;
    });
    if (hiddenIds.size === before) return { hidden: result as boolean[][], forced: counted };
  }
}

/**
 * The audit: every view read together as a reader would (`narrowBounds`). The reader knows every shown
 * figure, that each figure is the sum of its lists, that a list is the same figure in every view showing
 * it, and that a hidden list counts at least 1 KPM (a regency is listed only with a list; a list of 0, which
 * the pages never show, is taken as known). Answers the small lists (1 … k−1) the reader pins to one value,
 * in the order of their ids.
 */
function auditModel(model: ViewModel, hidden: readonly boolean[][], k: number): number[] {
  // Shown lists are known; a hidden list with households is an unknown (variable), lo 1.
  const known = model.lists.map((l) => l.value === 0);
  model.listCells.forEach((at, l) => {
    for (const [v, i] of at) if (!hidden[v]![i]) known[l] = true;
  });
  // Per list, its unknown's index (−1: known).
  const variable = new Int32Array(model.lists.length).fill(-1);
  const unknowns: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  known.forEach((isKnown, l) => {
    if (isKnown) return;
    variable[l] = lo.length;
    unknowns.push(l);
    lo.push(1);
    hi.push(Number.POSITIVE_INFINITY);
  });
  const relations: { total: number; parts: number[] }[] = [];
  model.views.forEach((view, v) => {
    const hiddenHere = hidden[v]!;
    view.cells.forEach((c, i) => {
      if (hiddenHere[i]) return;
      let total = c.value;
      const parts: number[] = [];
      for (const l of c.lists) {
        const x = variable[l]!;
        if (x < 0) total -= model.lists[l]!.value;
        else parts.push(x);
      }
      if (parts.length === 0) return;
      lo.push(total);
      hi.push(total);
      relations.push({ total: lo.length - 1, parts });
    });
  });
  narrowBounds(lo, hi, relations);
  return unknowns
    .filter((l, x) => lo[x] === hi[x] && isSmall(model.lists[l]!.value, k))
    .sort((a, b) => byCode(model.lists[a]!.id, model.lists[b]!.id));
}

/**
 * The cell the audit hides when a small list is worked out: the smallest shown cell (ties to the lower
 * code, then the earlier view) of a table whose shown total counts the list — a shown region above the
 * list's regency in some view, or one of the shown regions beside it there. Hiding it takes a known figure
 * out of a sum the reader used.
 */
function auditChoice(model: ViewModel, hidden: readonly boolean[][], list: number): number {
  let best: { value: number; code: string; view: number; identity: number } | null = null;
  const consider = (v: number, i: number) => {
    const c = model.views[v]!.cells[i]!;
    if (hidden[v]![i] || c.value === 0) return;
    if (
      best === null ||
      c.value < best.value ||
      (c.value === best.value && (c.code < best.code || (c.code === best.code && v < best.view)))
    ) {
      best = { value: c.value, code: c.code, view: v, identity: c.identity };
    }
  };
  for (const [v, regency] of model.listCells[list]!) {
    const cells = model.views[v]!.cells;
    for (const total of [cells[regency]!.parent, 0]) {
      if (hidden[v]![total]) continue;
      consider(v, total);
      for (const i of cells[total]!.children) consider(v, i);
    }
  }
  // A worked-out list is in some shown total (else nothing bounds it from above), so there is one; were
  // there none, the audit would find the same list again forever.
  const chosen = best as { identity: number } | null;
  if (chosen === null)
    throw new Error(`suppression audit: list ${list} is worked out but no shown cell bounds it`);
  return chosen.identity;
}

/**
 * What a reader can work out of published sums (the attacker the audit and the tests assume): every
 * relation `x[total] = Σ x[parts]` holds, each figure lies within `[lo, hi]` (a shown figure: its value at
 * both ends; a hidden one: what the reader knows it is at least, and +∞), and each relation narrows the
 * bounds of its total (the sums of its parts' bounds) and of each part (the total's bounds minus the other
 * parts' sums), until nothing changes — interval propagation. A figure left with `lo = hi` is worked out.
 * `lo` and `hi` are narrowed in place. It is not every reader: one who solves the sums as linear equations
 * (subtracting one from another) may pin down what propagation leaves open.
 *
 * Each relation keeps the sums of its parts' bounds (the count of infinite upper bounds apart), updated
 * when a part's bound moves, so a pass over a relation costs its length and a narrowed figure requeues only
 * its own relations. Throws when the bounds cross (figures that contradict their sums: a caller's bug).
 */
export function narrowBounds(
  lo: number[],
  hi: number[],
  relations: readonly { total: number; parts: readonly number[] }[],
): void {
  const asPart: number[][] = lo.map(() => []);
  const asTotal: number[][] = lo.map(() => []);
  const sumLo = relations.map(() => 0);
  const sumHi = relations.map(() => 0);
  const infinite = relations.map(() => 0);
  relations.forEach((r, j) => {
    asTotal[r.total]!.push(j);
    for (const p of r.parts) {
      asPart[p]!.push(j);
      sumLo[j]! += lo[p]!;
      if (hi[p] === Number.POSITIVE_INFINITY) infinite[j]! += 1;
      else sumHi[j]! += hi[p]!;
    }
  });
  const queued = relations.map(() => true);
  const queue = relations.map((_, j) => j);
  const requeue = (x: number) => {
    for (const related of [asPart[x]!, asTotal[x]!]) {
      for (const j of related) {
        if (!queued[j]) {
          queued[j] = true;
          queue.push(j);
        }
      }
    }
  };
  const narrow = (x: number, low: number, high: number) => {
    let changed = false;
    if (low > lo[x]!) {
      for (const j of asPart[x]!) sumLo[j]! += low - lo[x]!;
      lo[x] = low;
      changed = true;
    }
    if (high < hi[x]!) {
      for (const j of asPart[x]!) {
        if (hi[x] === Number.POSITIVE_INFINITY) {
          infinite[j]! -= 1;
          sumHi[j]! += high;
        } else sumHi[j]! += high - hi[x]!;
      }
      hi[x] = high;
      changed = true;
    }
    if (lo[x]! > hi[x]!) throw new Error(`narrowBounds: figure ${x} has no possible value`);
    if (changed) requeue(x);
  };
  for (let q = 0; q < queue.length; q++) {
    const j = queue[q]!;
    queued[j] = false;
    const { total, parts } = relations[j]!;
    narrow(total, sumLo[j]!, infinite[j]! > 0 ? Number.POSITIVE_INFINITY : sumHi[j]!);
    for (const p of parts) {
      const pInfinite = hi[p] === Number.POSITIVE_INFINITY ? 1 : 0;
      const othersHi =
        infinite[j]! - pInfinite > 0 ? Number.POSITIVE_INFINITY : sumHi[j]! - (pInfinite ? 0 : hi[p]!);
      narrow(p, lo[total]! - othersHi, hi[total]! - (sumLo[j]! - lo[p]!));
    }
  }
}

/**
 * `narrowBounds` over named figures: each figure's value, whether it is hidden and what a reader knows a
 * hidden one is at least (`least`, default 0); `relations`: [total, parts] by name. Answers the hidden
 * figures a reader works out, with their value.
 */
export function workedOut(
  figures: ReadonlyMap<string, { value: number; hidden: boolean; least?: number }>,
  relations: readonly (readonly [total: string, parts: readonly string[]])[],
): Map<string, number> {
  const keys = [...figures.keys()];
  const index = new Map(keys.map((key, i) => [key, i]));
  const lo = keys.map((key) => {
    const f = figures.get(key)!;
    return f.hidden ? (f.least ?? 0) : f.value;
  });
  const hi = keys.map((key) => {
    const f = figures.get(key)!;
    return f.hidden ? Number.POSITIVE_INFINITY : f.value;
  });
  narrowBounds(
    lo,
    hi,
    relations.map(([total, parts]) => ({ total: index.get(total)!, parts: parts.map((p) => index.get(p)!) })),
  );
  return new Map(
    keys
      .filter((key, i) => figures.get(key)!.hidden && lo[i] === hi[i])
      .map((key) => [key, figures.get(key)!.value]),
  );
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
 * and so on until nothing changes. A table no hidden set protects (`tableHidesAll`: its only nonzero cell
 * hidden — forced: nothing small can be alone in a table of a total that is not — which its total equals, or
 * every counting cell of 1 household, which its total would pin) hides its total too. It is decided over
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
        if (!hidden[m].has(parent) && tableHidesAll(cells, k, hidden[m])) hidden[m].add(parent);
      }
    }
    for (const [code, h] of households) {
      const states = hiddenStates(h, k, hidden.allocated.has(code), (s) => hidden[s].has(code));
      for (const s of states) hidden[s].add(code);
      if (!hidden.allocated.has(code) && tableHidesAll(stateCells(h), k, new Set(states))) {
        hidden.allocated.add(code);
      }
    }
    if (size() === before) return hidden;
  }
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
