/**
 * Allocation arithmetic, integer rupiah throughout. A KPM's amount for the period is split into tranches that
 * add up exactly (the remainder goes to the first tranches, one rupiah each, so no tranche differs from another
 * by more than one rupiah). In-kind batches hand each KPM a number of packages; a point needs the packages of
 * the KPM mapped to it, and its stock received from procurement is compared against that.
 */

export function assertRupiah(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer number of rupiah, got ${value}`);
  }
}

/** Splits an amount into `tranches` integer parts summing to it, larger parts first. */
export function splitIntoTranches(amount: number, tranches: number): number[] {
  assertRupiah(amount, 'amount');
  if (!Number.isSafeInteger(tranches) || tranches < 1)
    throw new RangeError(`tranches must be ≥ 1, got ${tranches}`);
  const base = Math.floor(amount / tranches);
  const remainder = amount - base * tranches;
  return Array.from({ length: tranches }, (_, i) => base + (i < remainder ? 1 : 0));
}

export interface EntitlementLine {
  tranche: number;
  amount: number;
  packages: number;
}

/** One KPM's entitlements in a batch: cash tranches, or packages per tranche valued at the package value. */
export function entitlementsFor(
  batch: { form: 'cash' | 'in_kind'; tranches: number; packagesPerKpm: number; packageValue: number },
  kpmAmount: number,
): EntitlementLine[] {
  if (batch.form === 'cash') {
    return splitIntoTranches(kpmAmount, batch.tranches).map((amount, i) => ({
      tranche: i + 1,
      amount,
      packages: 0,
    }));
  }
  assertRupiah(batch.packageValue, 'packageValue');
  return Array.from({ length: batch.tranches }, (_, i) => ({
    tranche: i + 1,
    amount: batch.packagesPerKpm * batch.packageValue,
    packages: batch.packagesPerKpm,
  }));
}

export interface PointAllocation {
  pointId: string;
  kpm: number;
  amount: number;
  packages: number;
}

/** Sums entitlements per point (null point = not yet mapped); KPM counted once per point. */
export function allocationPerPoint(
  lines: readonly { pointId: string | null; householdId: string; amount: number; packages: number }[],
): { points: PointAllocation[]; unmapped: Omit<PointAllocation, 'pointId'> } {
  const byPoint = new Map<string, { kpm: Set<string>; amount: number; packages: number }>();
  const unmapped = { kpm: new Set<string>(), amount: 0, packages: 0 };
  for (const l of lines) {
    let acc = unmapped;
    if (l.pointId !== null) {
      acc = byPoint.get(l.pointId) ?? { kpm: new Set(), amount: 0, packages: 0 };
      byPoint.set(l.pointId, acc);
    }
    acc.kpm.add(l.householdId);
    acc.amount += l.amount;
    acc.packages += l.packages;
  }
  const points = [...byPoint.entries()]
    .map(([pointId, a]) => ({ pointId, kpm: a.kpm.size, amount: a.amount, packages: a.packages }))
    .sort((a, b) => a.pointId.localeCompare(b.pointId));
  return {
    points,
    unmapped: { kpm: unmapped.kpm.size, amount: unmapped.amount, packages: unmapped.packages },
  };
}

/** Stock at a point against what it must hand out: shortfall > 0 means packages are missing. */
export function stockBalance(
  needed: number,
  received: readonly number[],
): { received: number; shortfall: number; surplus: number } {
  const total = received.reduce((s, n) => s + n, 0);
  return { received: total, shortfall: Math.max(0, needed - total), surplus: Math.max(0, total - needed) };
}
