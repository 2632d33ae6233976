import { z } from 'zod';
import { ENTRY_RESULT_CODES } from '../../domain/targeting/aid-source-file.ts';
import { CursorParam, LineCursorParam, RegionCodeParam } from '../../http/params.ts';

const lang = z.enum(['id', 'en']).optional();

export const ImportQuery = z.strictObject({
  /** The source's name as users know it, e.g. "BLT Dana Desa 2026", "Subsidi LPG", "PIP". */
  name: z.string().trim().min(1).max(120),
  /** The territory the list is for (dotted or not); default the actor's own. */
  region: RegionCodeParam.optional(),
  /** The file's name as the user gave it (recorded, never used as a path). */
  fileName: z.string().max(200).optional(),
  lang,
});

export const SourceView = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  fileName: z.string(),
  status: z.string(),
  rows: z.number(),
  rejected: z.number(),
  /** Lines per result within the reader's territory: matched_kk, matched_nik, not_found, rejected. */
  counts: z.record(z.string(), z.number()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const SourceList = z.object({ items: z.array(SourceView) });

export const EntriesQuery = z.strictObject({
  /** One result (default: not_found, the lines DTKS does not know). */
  result: z.enum(ENTRY_RESULT_CODES).default('not_found'),
  region: RegionCodeParam.optional(),
  cursor: LineCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang,
});

export const EntryView = z.object({
  line: z.number(),
  nik: z.string().nullable(),
  kkNumber: z.string().nullable(),
  result: z.string(),
  householdId: z.string().nullable(),
  regionCode: z.string(),
  issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const EntryPage = z.object({ items: z.array(EntryView), nextCursor: z.string().nullable() });

export const OverlapsQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  /** Households named by at least this many lists (default 2). */
  minSources: z.coerce.number().int().min(2).max(50).default(2),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const OverlapPage = z.object({
  items: z.array(
    z.object({
      householdId: z.string(),
      kkNumber: z.string(),
      headName: z.string(),
      villageCode: z.string(),
      sources: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  nextCursor: z.string().nullable(),
  /** Households matching the filter, and how many are named by 2, 3, … lists. */
  total: z.number(),
  distribution: z.array(z.object({ sources: z.number(), households: z.number() })),
});
