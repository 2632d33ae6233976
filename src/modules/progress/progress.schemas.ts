import { z } from 'zod';
import { RegionCodeParam } from '../../http/params.ts';

export const ProgressQuery = z.strictObject({
  /** A regency, district or village (dotted or not); default: your territory. */
  region: RegionCodeParam.optional(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  lang: z.enum(['id', 'en']).optional(),
});

const StateCounts = z.record(z.string(), z.number());

export const ProgressRow = z.object({
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  usulan: StateCounts,
  musdes: z.object({ id: z.string(), state: z.string(), heldOn: z.string().nullable() }).nullable(),
  visits: StateCounts,
  dukcapilOpen: z.number(),
});
export type ProgressRow = z.infer<typeof ProgressRow>;

export const Progress = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.number() }),
  period: z.string(),
  villages: z.array(ProgressRow),
  totals: z.object({
    usulan: StateCounts,
    /** Sessions per state, and `none` for villages without a session. */
    musdes: StateCounts,
    visits: StateCounts,
    dukcapilOpen: z.number(),
  }),
});
export type Progress = z.infer<typeof Progress>;
