import { describe, expect, it } from 'vitest';
import { addFigures, childRegionOf, emptyFigures, figuresFrom, rollUp } from './reconciliation.ts';
import type { EntitlementState } from './states.ts';

const row = (code: string, state: EntitlementState, count: number, amount: number, packages = 0) => ({
  code,
  state,
  count,
  amount,
  packages,
});

describe('figuresFrom', () => {
  it('allocated = delivered + returned + outstanding, in counts, amounts and packages', () => {
    const f = figuresFrom([
      row('x', 'allocated', 3, 300, 3),
      row('x', 'delivered', 5, 500, 1),
      row('x', 'returned', 1, 100),
    ]);
    expect(f.allocated).toBe(9);
    expect(f.delivered + f.returned + f.outstanding).toBe(f.allocated);
    expect(f.amounts).toEqual({ allocated: 900, delivered: 500, returned: 100, outstanding: 300 });
    expect(f.packages).toEqual({ allocated: 4, delivered: 1, returned: 0, outstanding: 3 });
  });
});

describe('childRegionOf', () => {
  it('names the region one level below', () => {
    expect(childRegionOf('32.04.01.2001', '')).toBe('32');
    expect(childRegionOf('32.04.01.2001', '32.04')).toBe('32.04.01');
    expect(childRegionOf('32.04.01.2001', '32.04.01.2001')).toBeNull();
    expect(childRegionOf('33.04.01.2001', '32.04')).toBeNull();
  });
});

describe('rollUp', () => {
  const rows = [
    row('32.04.01.2001', 'allocated', 2, 400_000),
    row('32.04.01.2001', 'delivered', 3, 600_000),
    row('32.04.01.2002', 'returned', 1, 200_000),
    row('32.04.02.2001', 'delivered', 4, 800_000, 4),
    row('32.05.01.2001', 'delivered', 9, 1),
  ];
  it('totals of a region are exactly the sum of its children, at every level', () => {
    for (const region of ['', '32', '32.04', '32.04.01']) {
      const { total, children } = rollUp(region, rows);
      const sum = [...children.values()].reduce(addFigures, emptyFigures());
      expect(sum).toEqual(total);
    }
  });
  it('keeps other territories out', () => {
    const { total, children } = rollUp('32.04', rows);
    expect(total.allocated).toBe(10);
    expect(total.amounts.delivered).toBe(1_400_000);
    expect([...children.keys()]).toEqual(['32.04.01', '32.04.02']);
    expect(rollUp('32.04.01.2001', rows).total.allocated).toBe(5);
  });
});
