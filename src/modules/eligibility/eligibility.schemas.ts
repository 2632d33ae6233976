import { z } from 'zod';
import { text } from '../households/households.schemas.ts';

export const IneligibleBody = z.strictObject({
  version: z.number().int().min(1),
  reason: text(500).min(3),
  /** What the declaration rests on: a letter, a visit report, an attachment id. */
  evidence: text(500).optional(),
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

export const LiftBody = z.strictObject({ reason: text(500).min(3) });
export type LiftBody = z.infer<typeof LiftBody>;

export const LiftResult = z.object({ householdId: z.string(), niks: z.number(), liftedAt: z.string() });
