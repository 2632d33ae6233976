import { z } from 'zod';
import { CursorParam, RegionCodeParam } from '../../http/params.ts';
import { HouseholdDetail, HouseholdListItem } from '../households/households.schemas.ts';

export const DuplicateState = z.enum(['open', 'linked', 'dismissed']);
export const DuplicateRule = z.enum(['person_name_birth', 'head_name_address', 'kk_one_digit']);

export const WorklistQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  state: z.enum(['open', 'linked', 'dismissed', 'all']).default('open'),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

const Side = z.object({
  householdId: z.string(),
  personId: z.string().nullable(),
  regionCode: z.string(),
  kkNumber: z.string(),
  headName: z.string(),
  address: z.string(),
  status: HouseholdListItem.shape.status,
});

export const Candidate = z.object({
  id: z.string(),
  rule: DuplicateRule,
  score: z.number(),
  state: DuplicateState,
  foundAt: z.string(),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  a: Side,
  b: Side,
});
export type Candidate = z.infer<typeof Candidate>;

export const Worklist = z.object({ items: z.array(Candidate), nextCursor: z.string().nullable() });

/** The side-by-side view: the candidate and both households in full. */
export const CandidateDetail = Candidate.extend({ households: z.tuple([HouseholdDetail, HouseholdDetail]) });

/**
 * Resolving never deletes: `same_family` links the pair (the records stay, known to be one family),
 * `not_duplicate` dismisses it, `remove` removes one of the two households with the reason "duplikat"
 * through the normal removal (its version checked) and links the pair.
 */
export const Resolution = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.enum(['same_family', 'not_duplicate']),
    note: z.string().trim().min(1).max(500),
  }),
  z.strictObject({
    action: z.literal('remove'),
    householdId: z.string().max(64),
    version: z.number().int().min(1),
    note: z.string().trim().min(1).max(500),
  }),
]);
export type Resolution = z.infer<typeof Resolution>;
