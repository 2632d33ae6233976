import { z } from 'zod';
import { PeriodParam } from '../../http/params.ts';

export const RankingModelSummary = z.object({
  version: z.string(),
  /** As the document gives it: free text (any language), or in both languages. */
  description: z.union([z.string(), z.object({ id: z.string(), en: z.string() })]).nullable(),
  state: z.enum(['draft', 'published']),
  variables: z.number(),
  /** How the model spreads a fixed synthetic sample: the largest share in one decile, flagged above 0.5. */
  concentration: z.object({ largestShare: z.number(), flagged: z.boolean() }),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type RankingModelSummary = z.infer<typeof RankingModelSummary>;

export const RankingModelList = z.object({ items: z.array(RankingModelSummary) });

export const ModelVersionParams = z.strictObject({ version: z.string().max(40) });

export const PublishBody = z.strictObject({
  /** Publish although the model puts more than half of the sample into one decile. */
  confirmConcentration: z.boolean().optional(),
});

/** A model version as stored (the key of a model document). */
const ModelVersion = z.string().min(1).max(40);

export const RankingQuery = z.strictObject({
  period: PeriodParam,
  /** The run of this model version (a past ranking of the period); default: the period's newest finished run. */
  model: ModelVersion.optional(),
});

export const RankingRunsParams = z.strictObject({ period: PeriodParam });

/** The finished ranking runs of a period, newest first: which model versions ranked it. */
export const RankingRunList = z.object({
  period: z.string(),
  items: z.array(
    z.object({
      modelVersion: z.string(),
      households: z.number(),
      checksum: z.string(),
      finishedAt: z.string(),
    }),
  ),
});
export type RankingRunList = z.infer<typeof RankingRunList>;

export const HouseholdRanking = z.object({
  period: z.string(),
  modelVersion: z.string(),
  score: z.number(),
  decile: z.object({ national: z.number(), province: z.number(), regency: z.number() }),
  criteria14: z.number(),
  /** The BPS criteria met, and those whose answers are unknown. */
  criteriaMet: z.array(z.string()),
  criteriaUnknown: z.array(z.string()),
  contributions: z.array(
    z.object({
      variable: z.string(),
      label: z.object({ id: z.string(), en: z.string() }).nullable(),
      /** The answer or measure as read (null when unknown). */
      value: z.number().nullable(),
      /** The answer's label when the value is a code of the instrument or a yes/no answer. */
      valueLabel: z.object({ id: z.string(), en: z.string() }).nullable(),
      /** The unit the value is counted in ('Rp', 'm²'), when it has one. */
      unit: z.string().nullable(),
      contribution: z.number(),
    }),
  ),
});
export type HouseholdRanking = z.infer<typeof HouseholdRanking>;

export const RankParams = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  /** A published model version; default: the latest published. */
  model: z.string().max(40).optional(),
});
export type RankParams = z.infer<typeof RankParams>;

export const RankSummary = z.object({
  period: z.string(),
  modelVersion: z.string(),
  households: z.number(),
  checksum: z.string(),
});
export type RankSummary = z.infer<typeof RankSummary>;
