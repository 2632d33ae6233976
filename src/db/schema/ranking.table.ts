/** Reference data and results of targeting: regional minimum wages (026) and ranked periods (027). */
import type { Selectable } from 'kysely';

/** UMP (a province's code) or UMK (a regency's code) for one year, in integer rupiah per month. */
export interface MinimumWageTable {
  regionCode: string;
  year: number;
  provinceCode: string;
  monthlyAmount: number;
  /** The governor's decree (SK Gubernur) that set it, as cited. */
  decree: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}
export type MinimumWageRow = Selectable<MinimumWageTable>;
