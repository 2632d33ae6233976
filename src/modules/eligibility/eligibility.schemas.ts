import { z } from 'zod';
import { isoDate, text } from '../households/households.schemas.ts';

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

export const OptOutBody = z.strictObject({
  /** Programme code (PKH, BPNT, PBI_JK, KIP_KULIAH, PROV_…). */
  programme: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'programme code'),
  /** The date of the citizen's written request (YYYY-MM-DD), not after today. */
  requestedOn: isoDate,
  reason: text(500).min(3),
  /** The letter as filed: its number, an attachment id. */
  evidence: text(500).optional(),
});
export type OptOutBody = z.infer<typeof OptOutBody>;

export const OptOut = z.object({
  id: z.string(),
  householdId: z.string(),
  programme: z.string(),
  requestedOn: z.string(),
  reason: z.string(),
  evidence: z.string().nullable(),
  recordedAt: z.string(),
  standing: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** Who declared it: the office (on a written request) or the citizen from their portal. */
  declaredBy: z.enum(['staff', 'citizen']),
  /** Who withdrew it, when withdrawn. */
  withdrawnBy: z.enum(['staff', 'citizen']).nullable(),
});
export type OptOut = z.infer<typeof OptOut>;

/** A citizen's declaration from the portal: the programme and why; the request date is today. */
export const CitizenOptOutBody = z.strictObject({
  programme: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'programme code'),
  reason: text(500).min(3),
});
export type CitizenOptOutBody = z.infer<typeof CitizenOptOutBody>;

/** What the citizen sees: the programmes they may opt out of and their family's opt-outs. */
export const CitizenOptOuts = z.object({
  programmes: z.array(z.object({ code: z.string(), name: z.object({ id: z.string(), en: z.string() }) })),
  items: z.array(OptOut),
});
export type CitizenOptOuts = z.infer<typeof CitizenOptOuts>;

export const OptOutParams = z.strictObject({ id: z.string().max(64), optOutId: z.string().max(64) });
