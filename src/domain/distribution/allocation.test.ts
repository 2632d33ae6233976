import { describe, expect, it } from 'vitest';
import { allocationPerPoint, entitlementsFor, splitIntoTranches, stockBalance } from './allocation.ts';

describe('splitIntoTranches', () => {
  it('splits into integer rupiah adding up exactly, larger parts first, differing by at most one', () => {
    expect(splitIntoTranches(600_000, 3)).toEqual([200_000, 200_000, 200_000]);
    expect(splitIntoTranches(100, 3)).toEqual([34, 33, 33]);
    expect(splitIntoTranches(2, 3)).toEqual([1, 1, 0]);
    expect(splitIntoTranches(0, 2)).toEqual([0, 0]);
    for (const [amount, n] of [
      [750_001, 4],
      [1, 1],
      [999_999_999, 7],
    ] as const) {
      const parts = splitIntoTranches(amount, n);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }
  });
  it('refuses amounts that are not integer rupiah and bad tranche counts', () => {
    expect(() => splitIntoTranches(100.5, 2)).toThrow(RangeError);
    expect(() => splitIntoTranches(-1, 2)).toThrow(RangeError);
    expect(() => splitIntoTranches(100, 0)).toThrow(RangeError);
  });
});

describe('entitlementsFor', () => {
  it('cash: tranches of the KPM amount; in kind: packages per tranche valued at the package value', () => {
    expect(
      entitlementsFor({ form: 'cash', tranches: 2, packagesPerKpm: 0, packageValue: 0 }, 450_001),
    ).toEqual([
      { tranche: 1, amount: 225_001, packages: 0 },
      { tranche: 2, amount: 225_000, packages: 0 },
    ]);
    expect(
      entitlementsFor({ form: 'in_kind', tranches: 1, packagesPerKpm: 2, packageValue: 100_000 }, 0),
    ).toEqual([{ tranche: 1, amount: 200_000, packages: 2 }]);
  });
});

describe('allocationPerPoint', () => {
  it('sums per point, counts each KPM once per point, keeps unmapped apart', () => {
    const { points, unmapped } = allocationPerPoint([
      { pointId: 'b', householdId: 'h1', amount: 100, packages: 1 },
      { pointId: 'b', householdId: 'h1', amount: 100, packages: 1 },
      { pointId: 'a', householdId: 'h2', amount: 50, packages: 0 },
      { pointId: null, householdId: 'h3', amount: 7, packages: 2 },
    ]);
    expect(points).toEqual([
      { pointId: 'a', kpm: 1, amount: 50, packages: 0 },
      { pointId: 'b', kpm: 1, amount: 200, packages: 2 },
    ]);
    expect(unmapped).toEqual({ kpm: 1, amount: 7, packages: 2 });
  });
});

describe('stockBalance', () => {
  it('compares stock received with the packages needed', () => {
    expect(stockBalance(100, [40, 50])).toEqual({ received: 90, shortfall: 10, surplus: 0 });
    expect(stockBalance(100, [120])).toEqual({ received: 120, shortfall: 0, surplus: 20 });
  });
});
