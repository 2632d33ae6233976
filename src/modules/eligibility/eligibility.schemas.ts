import { z } from 'zod';
import { text } from '../households/households.schemas.ts';

export const IneligibleBody = z.strictObject({
  version: z.number().int().min(1),
  reason: text(500).min(3),
});
export type IneligibleBody = z.infer<typeof IneligibleBody>;

export const IneligibleResult = z.object({
  householdId: z.string(),
  kkNumber: z.string(),
  period: z.string(),
  reason: z.string(),
  niks: z.number(),
  version: z.number(),
});

export const IneligibleListItem = z.object({
  householdId: z.string(),
  kkNumber: z.string(),
  regionCode: z.string(),
  headName: z.string(),
  period: z.string(),
  reason: z.string(),
  persons: z.number(),
  declaredAt: z.string(),
});
