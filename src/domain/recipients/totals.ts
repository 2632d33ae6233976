/**
 * Totals of a recipient list per region: households and the amount of the period, integer rupiah. Summing
 * is exact (integers below 2^53, checked), never floating-point money.
 */

export interface RegionAmount {
  /** The household's village code (`PP.RR.DD.VVVV`). */
  regionCode: string;
  amount: number;
  /** Households the amount is for (a village's subtotal); 1 when absent. */
  households?: number;
}

export interface RegionTotal {
  regionCode: string;
  households: number;
  amount: number;
}

/** Region levels by the number of parts of their code: 1 province … 4 village. */
export type TotalLevel = 1 | 2 | 3 | 4;

/** Totals per region of `level` (the village codes cut to it), in code order, and the grand total. */
export function totalsByRegion(
  items: Iterable<RegionAmount>,
  level: TotalLevel,
): { regions: RegionTotal[]; total: { households: number; amount: number } } {
  const map = new Map<string, RegionTotal>();
  let households = 0;
  let amount = 0;
  for (const item of items) {
    if (!Number.isSafeInteger(item.amount) || item.amount < 0) {
      throw new RangeError(`amount must be a non-negative integer of rupiah: ${item.amount}`);
    }
    const code = item.regionCode.split('.').slice(0, level).join('.');
    const t = map.get(code) ?? { regionCode: code, households: 0, amount: 0 };
    const n = item.households ?? 1;
    t.households += n;
    t.amount += item.amount;
    map.set(code, t);
    households += n;
    amount += item.amount;
  }
  if (!Number.isSafeInteger(amount)) throw new RangeError('total amount exceeds exact integers');
  const regions = [...map.values()].sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1));
  return { regions, total: { households, amount } };
}
