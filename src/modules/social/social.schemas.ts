import { z } from 'zod';
import { RegionCodeParam, SortableCursorParam } from '../../http/params.ts';
import { regionCodeString, text } from '../households/households.schemas.ts';

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

export const RecordStatus = z.enum(['active', 'removed']);

/** Where a register record stands: on the register or removed (with why), its version and timestamps. */
export const RecordState = {
  status: RecordStatus,
  removalReason: z.string().nullable(),
  removalNote: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** A correction names the version it was made on and why. */
export const CorrectionMeta = { version: z.number().int().min(1), reason: text(500).min(3) };

/** A register's new record: its fields and the village it is registered in. */
export function registerCreate<Fields extends z.ZodRawShape>(fields: Fields) {
  return z.strictObject({ ...fields, regionCode: regionCodeString });
}

/**
 * A correction of a register record: the version and reason, then any of its fields, the `required` ones
 * turned optional. The region is not editable (territorial principle: who moves is registered again there).
 */
export function registerPatch<
  Fields extends Record<string, z.ZodType>,
  Required extends keyof Fields & string,
>(fields: Fields, required: readonly Required[]) {
  const optional = Object.fromEntries(required.map((key) => [key, fields[key]!.optional()])) as {
    [Key in Required]: z.ZodOptional<Fields[Key]>;
  };
  return z.strictObject({ ...CorrectionMeta, ...(fields as Omit<Fields, Required>), ...optional });
}

/** A register list's order: registration order (the default) or by name, A–Z. */
export const RegisterSort = z
  .enum(['created', 'name'])
  .default('created')
  .describe('created: oldest record first (the default); name: by name, A–Z');

/** A register's list query: region, the register's own filters, q = name or NIK, status, order and the page. */
export function registerListQuery<Filters extends z.ZodRawShape>(filters: Filters) {
  return z.strictObject({
    region: RegionCodeParam.optional(),
    ...filters,
    q: text(100).optional(),
    status: StatusFilter,
    sort: RegisterSort,
    cursor: SortableCursorParam.optional(),
    limit: PageLimit,
  });
}

export function listPage<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z
      .number()
      .int()
      .nullable()
      .describe('how many records the filters match over all pages (first page only; null on later pages)'),
  });
}
