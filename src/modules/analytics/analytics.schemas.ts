import { z } from 'zod';
import { CursorParam, PeriodParam, RegionCodeParam } from '../../http/params.ts';

export const TargetingQuery = z.strictObject({
  /** A region of your territory (any level, dotted or not); default: your whole territory. */
  region: RegionCodeParam.optional(),
  /** A ranked period; default the newest. */
  period: PeriodParam.optional(),
  /**
   * Which deciles to count in: `national` (default), or each household's decile within its own province or
   * regency (the deciles a provincial or regency programme targets).
   */
  scope: z.enum(['national', 'province', 'regency']).default('national'),
});

const Rollup = z.object({
  code: z.string(),
  name: z.string(),
  households: z.number(),
  deciles: z.array(z.number()),
  poorest: z.number(),
  poorestShare: z.number(),
});

const RegionRef = z.object({ code: z.string(), name: z.string(), level: z.number() });

export const TargetingOverview = z.object({
  period: z.string(),
  modelVersion: z.string(),
  /** The deciles the histogram, the children and the movement count in (the tile map stays national). */
  scope: z.enum(['national', 'province', 'regency']),
  previousPeriod: z.string().nullable(),
  region: RegionRef,
  path: z.array(RegionRef),
  households: z.number(),
  /** Households per national decile; index 0 = desil 1 (poorest). */
  deciles: z.array(z.number()),
  /** Households in desil 1–2, and their share of the region's. */
  poorest: z.number(),
  poorestShare: z.number(),
  /** The same per child region (province → regency → district → village). */
  children: z.array(Rollup),
  /** Since the previous ranked period: matrix[from-1][to-1], and the totals. */
  movement: z
    .object({
      matrix: z.array(z.array(z.number())),
      improved: z.number(),
      worsened: z.number(),
      unchanged: z.number(),
      entered: z.number(),
      left: z.number(),
    })
    .nullable(),
  /** Provinces of your territory for the tile map (counts within your territory only). */
  provinces: z.array(Rollup),
  periods: z.array(z.string()),
  /** Approved recipients (KPM) of the period: households and amount (integer rupiah) per programme and region. */
  recipients: z.object({
    programmes: z.array(z.object({ code: z.string(), households: z.number(), amount: z.number() })),
    byRegion: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        programmes: z.record(z.string(), z.object({ households: z.number(), amount: z.number() })),
      }),
    ),
  }),
  /** Likely errors: inclusion (recipients from desil inclusionDecileFrom up, or with a member excluded), exclusion (desil ≤ exclusionDecileTo receiving nothing). */
  errors: z.object({
    inclusion: z.number(),
    exclusion: z.number(),
    inclusionDecileFrom: z.number(),
    exclusionDecileTo: z.number(),
  }),
});

export const HouseholdsQuery = TargetingQuery.extend({
  decile: z.coerce.number().int().min(1).max(10).optional(),
  /** With decile: the households that were in this decile in the previous ranked period. */
  previousDecile: z.coerce.number().int().min(1).max(10).optional(),
  /** Only the households on a likely-error list: inclusion or exclusion. */
  error: z.enum(['inclusion', 'exclusion']).optional(),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const HouseholdsPage = z.object({
  period: z.string(),
  previousPeriod: z.string().nullable(),
  items: z.array(
    z.object({
      householdId: z.string(),
      kkNumber: z.string(),
      headName: z.string(),
      villageCode: z.string(),
      score: z.number(),
      decile: z.number(),
      previousDecile: z.number().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
