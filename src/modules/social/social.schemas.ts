import { z } from 'zod';

export const RegionPath = z.array(z.object({ code: z.string(), name: z.string(), level: z.number() }));

export const Warnings = z
  .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
  .optional()
  .describe('Non-blocking findings about the data just saved');

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const History = z.object({
  items: z.array(
    z.object({
      version: z.number(),
      changeType: z.string(),
      reason: z.string().nullable(),
      changedBy: z.string().nullable(),
      changedByName: z.string().nullable(),
      changedAt: z.string(),
      changes: z.array(FieldChange),
      snapshot: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const StatusFilter = z.enum(['active', 'removed', 'all']).default('active');
export const PageLimit = z.coerce.number().int().min(1).max(200).default(50);
