import { z } from 'zod';
import { VISIT_RESULT_CODES } from '../../domain/verivali/visit-results.ts';
import { CursorParam, RegionCodeParam, VillageCodeParam } from '../../http/params.ts';
import { HouseholdCreate, memberShape, text } from '../households/households.schemas.ts';
import { AttachmentView } from '../usulan/usulan.schemas.ts';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const id = z.string().max(64);
const lang = z.enum(['id', 'en']).optional();

/** The household part of the instrument: the same fields as a household entry, without region or members. */
export const VisitHousehold = HouseholdCreate.omit({
  regionCode: true,
  members: true,
  reason: true,
  confirmWarnings: true,
  latitude: true,
  longitude: true,
});

/** A member as recorded: `personId` names an existing member of the visited household; absent = a new one. */
export const VisitMember = z.strictObject({ personId: id.optional(), ...memberShape });

export const VisitInstrument = z.strictObject({
  household: VisitHousehold,
  members: z.array(VisitMember).min(1).max(40),
});
export type VisitInstrument = z.infer<typeof VisitInstrument>;

export const VisitAssign = z.strictObject({
  usulanId: id.optional(),
  householdId: id.optional(),
  assignedTo: id,
  /** For a visit to an existing household: the period it belongs to (default: the current month). */
  period: period.optional(),
});
export type VisitAssign = z.infer<typeof VisitAssign>;

export const VisitBulkAssign = z.strictObject({
  villageCode: z.string().trim().min(1).max(20),
  period,
  assignedTo: id,
});
export type VisitBulkAssign = z.infer<typeof VisitBulkAssign>;

export const VisitRecord = z.strictObject({
  version: z.number().int().min(1),
  result: z.enum(VISIT_RESULT_CODES),
  /** Where the visit took place: inside Indonesia. */
  latitude: z.number().min(-11.5).max(6.5),
  longitude: z.number().min(94).max(141.5),
  notes: text(2000).optional(),
  instrument: VisitInstrument.optional(),
  confirmWarnings: z.boolean().optional(),
});
export type VisitRecord = z.infer<typeof VisitRecord>;

export const VisitStep = z.strictObject({ version: z.number().int().min(1), note: text(500).optional() });
export type VisitStep = z.infer<typeof VisitStep>;

export const VisitListQuery = z.strictObject({
  mine: z.enum(['true', 'false']).optional(),
  state: z.enum(['assigned', 'visited', 'accepted', 'cancelled']).optional(),
  result: z.enum(VISIT_RESULT_CODES).optional(),
  region: RegionCodeParam.optional(),
  period: period.optional(),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang,
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;

export const CandidatesQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  /** Default: the newest period with accepted proposals in the region (else the period being worked on). */
  period: period.optional(),
  lang,
});

export const OfficersQuery = z.strictObject({ village: VillageCodeParam, lang });

export const Officer = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
});
export type Officer = z.infer<typeof Officer>;

export const VisitListItem = z.object({
  id: z.string(),
  period: z.string(),
  state: z.string(),
  regionCode: z.string(),
  householdId: z.string().nullable(),
  usulanId: z.string().nullable(),
  usulanKind: z.string().nullable(),
  kkNumber: z.string().nullable(),
  headName: z.string().nullable(),
  assignedTo: Officer.pick({ id: true, username: true, displayName: true }),
  result: z.string().nullable(),
  visitedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VisitListItem = z.infer<typeof VisitListItem>;

export const VisitView = VisitListItem.extend({
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string().nullable(),
  instrument: z.record(z.string(), z.unknown()).nullable(),
  /** What the form starts from when nothing is recorded yet: the proposal or the household as DTKS has it. */
  prefill: z.record(z.string(), z.unknown()).nullable(),
  /**
   * What the recorded instrument is compared with while the visit waits for review: the household as DTKS
   * has it (`dtks`), or for a new household as the village proposed it (`usulan`).
   */
  baseline: z
    .object({
      source: z.enum(['dtks', 'usulan']),
      household: z.record(z.string(), z.unknown()),
      members: z.array(z.record(z.string(), z.unknown())),
    })
    .nullable(),
  allowedActions: z.array(z.string()),
  photos: z.array(AttachmentView),
});
export type VisitView = z.infer<typeof VisitView>;

export const Candidate = z.object({
  usulanId: z.string(),
  kind: z.string(),
  state: z.string(),
  period: z.string(),
  regionCode: z.string(),
  householdId: z.string().nullable(),
  kkNumber: z.string(),
  headName: z.string(),
  visit: z
    .object({ id: z.string(), state: z.string(), assignedTo: z.string(), assignedName: z.string() })
    .nullable(),
});
export type Candidate = z.infer<typeof Candidate>;
