import { z } from 'zod';
import { CursorParam, PeriodParam, RegionCodeParam } from '../../http/params.ts';

const lang = z.enum(['id', 'en']).optional();

export const PeriodParams = z.strictObject({ period: PeriodParam });

/** The contract of `POST /periods/{period}/penetapan` (and `dtks penetapan --json`): exactly these keys. */
export const DeterminationSummary = z.strictObject({
  period: z.string(),
  households: z.number(),
  persons: z.number(),
  added: z.number(),
  removed: z.number(),
  changed: z.number(),
  checksum: z.string(),
});
export type DeterminationSummary = z.infer<typeof DeterminationSummary>;

export const PeriodListItem = z.object({
  period: z.string(),
  state: z.string(),
  skNumber: z.string().nullable(),
  previousPeriod: z.string().nullable(),
  households: z.number().nullable(),
  persons: z.number().nullable(),
  added: z.number().nullable(),
  removed: z.number().nullable(),
  changed: z.number().nullable(),
  checksum: z.string().nullable(),
  determinedAt: z.string().nullable(),
  determinedBy: z.string().nullable(),
});
export type PeriodListItem = z.infer<typeof PeriodListItem>;

export const PeriodList = z.object({
  items: z.array(PeriodListItem),
  nextDeterminable: z.string().nullable(),
});
export type PeriodList = z.infer<typeof PeriodList>;

const RegionCount = z.object({
  code: z.string(),
  name: z.string(),
  households: z.number(),
  persons: z.number(),
  added: z.number(),
  removed: z.number(),
  changed: z.number(),
});

export const PeriodDetail = PeriodListItem.extend({
  hasSk: z.boolean(),
  provinces: z.array(RegionCount),
  regencies: z.array(RegionCount.extend({ provinceCode: z.string(), submitted: z.boolean() })),
});
export type PeriodDetail = z.infer<typeof PeriodDetail>;

export const PeriodDetailQuery = z.strictObject({
  /** Narrows the regency counts to one province (or regency). */
  region: RegionCodeParam.optional(),
  lang,
});

export const DiffQuery = z.strictObject({
  change: z.enum(['added', 'removed', 'changed']).optional(),
  region: RegionCodeParam.optional(),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang,
});
export type DiffQuery = z.infer<typeof DiffQuery>;

export const DiffItem = z.object({
  householdId: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  fromVersion: z.number().nullable(),
  toVersion: z.number().nullable(),
  reason: z.string().nullable(),
  regionCode: z.string(),
  kkNumber: z.string(),
  headName: z.string(),
});
export type DiffItem = z.infer<typeof DiffItem>;
export const DiffPage = z.object({ items: z.array(DiffItem), nextCursor: z.string().nullable() });
