import { z } from 'zod';
import { MATCH_RESULT_CODES, RESOLUTION_CODES } from '../../domain/dukcapil/dukcapil.ts';
import { LineCursorParam, RegionCodeParam } from '../../http/params.ts';
import { text } from '../households/households.schemas.ts';

const lang = z.enum(['id', 'en']).optional();

export const ImportQuery = z.strictObject({
  /** The regency the extract is for (dotted or not); default: the actor's own regency. */
  region: RegionCodeParam.optional(),
  name: z.string().max(200).optional(),
  lang,
});

export const ServiceMatch = z.strictObject({
  /** The regency whose DTKS NIKs are asked (dotted or not); default: the actor's own regency. */
  region: RegionCodeParam.optional(),
});

export const Counts = z.record(z.string(), z.number());

export const RejectedLine = z.object({
  line: z.number(),
  nik: z.string().nullable(),
  issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const ImportView = z.object({
  id: z.string(),
  regencyCode: z.string(),
  fileName: z.string(),
  status: z.string(),
  rows: z.number(),
  rejected: z.number(),
  counts: Counts,
  /** Rows still to resolve (every result but matched). */
  open: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportView>;

export const ImportResult = ImportView.extend({
  seconds: z.number(),
  /** The first rejected lines (all of them: GET /dukcapil/imports/{id}/rejected). */
  rejectedLines: z.array(RejectedLine),
});

export const MatchesQuery = z.strictObject({
  result: z.enum(MATCH_RESULT_CODES).optional(),
  /** open (default): not yet resolved; resolved; all; or one resolution. */
  resolution: z.enum(['open', 'resolved', 'all', ...RESOLUTION_CODES]).default('open'),
  cursor: LineCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang,
});
export type MatchesQuery = z.infer<typeof MatchesQuery>;

export const RejectsQuery = z.strictObject({
  cursor: LineCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  lang,
});

const Identity = z.object({
  nik: z.string(),
  kkNumber: z.string(),
  name: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  villageCode: z.string(),
});

export const MatchView = z.object({
  id: z.string(),
  importId: z.string(),
  line: z.number(),
  nik: z.string(),
  result: z.string(),
  regionCode: z.string().nullable(),
  personId: z.string().nullable(),
  householdId: z.string().nullable(),
  /** Null when the civil registry does not know the NIK (`not_in_dukcapil`). */
  dukcapil: Identity.extend({ status: z.string() }).nullable(),
  dtks: Identity.nullable(),
  differences: z.array(
    z.object({
      field: z.string(),
      dukcapil: z.string(),
      dtks: z.string(),
      onlyInDukcapil: z.array(z.string()).optional(),
      onlyInDtks: z.array(z.string()).optional(),
      wordOrder: z.boolean().optional(),
    }),
  ),
  /** The differences as a sentence in the request's language. */
  summary: z.string(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export type MatchView = z.infer<typeof MatchView>;

export const Resolve = z.strictObject({
  action: z.enum(RESOLUTION_CODES),
  note: text(500).optional(),
});
export type Resolve = z.infer<typeof Resolve>;
