/**
 * Reconciliation figures: per entitlement state, counts and amounts (integer rupiah) and packages, summed from
 * points up to villages, kecamatan, regencies, provinces and the nation. Outstanding is what is allocated and
 * neither delivered nor returned, so allocated = delivered + returned + outstanding at every level, and a
 * parent's figures are exactly the sum of its children's.
 */
import type { EntitlementState } from './states.ts';

export interface Figures {
  allocated: number;
  delivered: number;
  returned: number;
  outstanding: number;
  amounts: { allocated: number; delivered: number; returned: number; outstanding: number };
  packages: { allocated: number; delivered: number; returned: number; outstanding: number };
}

export function emptyFigures(): Figures {
  return {
    allocated: 0,
    delivered: 0,
    returned: 0,
    outstanding: 0,
    amounts: { allocated: 0, delivered: 0, returned: 0, outstanding: 0 },
    packages: { allocated: 0, delivered: 0, returned: 0, outstanding: 0 },
  };
}

export interface StateTotal {
  state: EntitlementState;
  count: number;
  amount: number;
  packages: number;
}

/** Figures from totals per entitlement state. */
export function figuresFrom(totals: readonly StateTotal[]): Figures {
  const f = emptyFigures();
  for (const t of totals) {
    const key = t.state === 'allocated' ? 'outstanding' : t.state;
    f[key] += t.count;
    f.amounts[key] += t.amount;
    f.packages[key] += t.packages;
    f.allocated += t.count;
    f.amounts.allocated += t.amount;
    f.packages.allocated += t.packages;
  }
  return f;
}

export function addFigures(a: Figures, b: Figures): Figures {
  const sum = (x: Figures['amounts'], y: Figures['amounts']) => ({
    allocated: x.allocated + y.allocated,
    delivered: x.delivered + y.delivered,
    returned: x.returned + y.returned,
    outstanding: x.outstanding + y.outstanding,
  });
  return {
    ...sum(a, b),
    amounts: sum(a.amounts, b.amounts),
    packages: sum(a.packages, b.packages),
  };
}

/** The region one level below `region` that `code` lies in ('' = nation → province). */
export function childRegionOf(code: string, region: string): string | null {
  const parts = code.split('.');
  const depth = region === '' ? 0 : region.split('.').length;
  if (depth >= parts.length) return null;
  if (region !== '' && !code.startsWith(`${region}.`)) return null;
  return parts.slice(0, depth + 1).join('.');
}

/** Rolls totals keyed by a (village or deeper) code up into the children of `region`, and the region itself. */
export function rollUp(
  region: string,
  rows: readonly ({ code: string } & StateTotal)[],
): { total: Figures; children: Map<string, Figures> } {
  const perChild = new Map<string, StateTotal[]>();
  const all: StateTotal[] = [];
  for (const r of rows) {
    const child = childRegionOf(r.code, region);
    if (region !== '' && r.code !== region && !r.code.startsWith(`${region}.`)) continue;
    all.push(r);
    if (child === null) continue;
    const list = perChild.get(child) ?? [];
    list.push(r);
    perChild.set(child, list);
  }
  const children = new Map(
    [...perChild.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, figuresFrom(v)]),
  );
  return { total: figuresFrom(all), children };
}
