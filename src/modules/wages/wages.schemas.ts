import { z } from 'zod';
import { MAX_MINIMUM_WAGE, WAGE_YEARS } from '../../domain/wages/minimum-wage.ts';
import { RegionCodeParam } from '../../http/params.ts';
import { regionCodeString, text } from '../households/households.schemas.ts';

const year = z.number().int().min(WAGE_YEARS.min).max(WAGE_YEARS.max);

export const WageListQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  year: z.coerce.number().int().min(WAGE_YEARS.min).max(WAGE_YEARS.max).optional(),
});
export type WageListQuery = z.infer<typeof WageListQuery>;

export const WageSet = z.strictObject({
  /** A province (UMP) or a regency (UMK). */
  regionCode: regionCodeString,
  year,
  /** Integer rupiah per month. */
  monthlyAmount: z.number().int().min(1).max(MAX_MINIMUM_WAGE),
  /** The decree that set it (SK Gubernur …). */
  decree: text(200).nullable().optional(),
  /** The version read, to change an existing figure; absent for a new one. */
  version: z.number().int().min(1).optional(),
});
export type WageSet = z.infer<typeof WageSet>;

export const Wage = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.enum(['UMP', 'UMK']),
  year: z.number(),
  monthlyAmount: z.number(),
  decree: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Wage = z.infer<typeof Wage>;

export const WageList = z.object({ items: z.array(Wage) });
