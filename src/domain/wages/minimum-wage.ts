/**
 * The regional minimum wage (upah minimum) a household's earnings are compared with: the regency's UMK when
 * its governor set one, else the province's UMP (DOMAIN.md §7: a member earning at least the regional minimum
 * wage takes the family out of assistance). Pure: the figures come from the reference table.
 */
import { regionLevel } from '../regions/region-code.ts';

export interface MinimumWage {
  /** A province (UMP) or a regency (UMK), dotted. */
  regionCode: string;
  year: number;
  /** Integer rupiah per month. */
  monthlyAmount: number;
}

export type WageKind = 'UMP' | 'UMK';

export interface ApplicableWage extends MinimumWage {
  kind: WageKind;
}

/** Years a figure may be entered for. */
export const WAGE_YEARS = { min: 2000, max: 2100 } as const;
/** Highest plausible monthly minimum wage (Rp); above it the figure is a typo. */
export const MAX_MINIMUM_WAGE = 100_000_000;

export function wageKind(regionCode: string): WageKind | null {
  const level = regionLevel(regionCode);
  return level === 1 ? 'UMP' : level === 2 ? 'UMK' : null;
}

/**
 * The wage that applies in `regionCode` (a regency or anything below it) in `year`: the newest figure of
 * that year or before, the regency's UMK winning a tie with the province's UMP (a UMK is set on top of the
 * UMP for the same year). A year without a new decree keeps the last one. Null when nothing applies.
 */
export function applicableMinimumWage(
  wages: readonly MinimumWage[],
  regionCode: string,
  year: number,
): ApplicableWage | null {
  const [pp, kk] = regionCode.split('.');
  const regency = kk === undefined ? null : `${pp}.${kk}`;
  let best: ApplicableWage | null = null;
  for (const w of wages) {
    if (w.year > year) continue;
    const kind: WageKind | null = w.regionCode === regency ? 'UMK' : w.regionCode === pp ? 'UMP' : null;
    if (!kind) continue;
    if (!best || w.year > best.year || (w.year === best.year && kind === 'UMK')) best = { ...w, kind };
  }
  return best;
}

/** True when a member's monthly income (integer rupiah) reaches the wage; an unknown income does not. */
export function earnsMinimumWage(
  monthlyIncome: number | null | undefined,
  wage: MinimumWage | null,
): boolean {
  return wage !== null && monthlyIncome != null && monthlyIncome >= wage.monthlyAmount;
}
