import { z } from 'zod';
import { CITIZEN_USULAN_FILES } from '../../domain/citizen/self-proposal.ts';
import { RegionCodeParam, SortableCursorParam } from '../../http/params.ts';
import {
  HouseholdCreate,
  householdInstrumentShape,
  isoDate,
  memberShape,
  nikString,
  regionCodeString,
  rtRw,
  text,
} from '../households/households.schemas.ts';

const reason = text(500).min(3);
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const HouseholdChanges = z.strictObject({
  kkNumber: z.string().max(32).optional(),
  rw: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/)
    .optional(),
  rt: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/)
    .optional(),
  address: text(300).min(1).optional(),
  latitude: z.number().min(-11.5).max(6.5).nullable().optional(),
  longitude: z.number().min(94).max(141.5).nullable().optional(),
  ...householdInstrumentShape,
});
export type HouseholdChanges = z.infer<typeof HouseholdChanges>;

export const MemberChange = z.strictObject({
  personId: z.string().max(64),
  ...Object.fromEntries(Object.entries(memberShape).map(([k, v]) => [k, (v as z.ZodType).optional()])),
}) as unknown as z.ZodType<{ personId: string } & Partial<z.infer<z.ZodObject<typeof memberShape>>>>;
export type MemberChange = { personId: string } & Partial<z.infer<z.ZodObject<typeof memberShape>>>;

const household = HouseholdCreate.omit({ reason: true, confirmWarnings: true });

const baruProposal = z.strictObject({
  kind: z.literal('baru'),
  period: period.optional(),
  household,
  reason,
  confirmWarnings: z.boolean().optional(),
});
const perbaikanProposal = z.strictObject({
  kind: z.literal('perbaikan'),
  period: period.optional(),
  householdId: z.string().max(64),
  changes: HouseholdChanges.default({}),
  memberChanges: z.array(MemberChange).max(40).default([]),
  reason,
  confirmWarnings: z.boolean().optional(),
});
const dikeluarkanProposal = z.strictObject({
  kind: z.literal('dikeluarkan'),
  period: period.optional(),
  householdId: z.string().max(64),
  reasonCode: z.string().max(40),
  note: text(500).optional(),
  reason: reason.optional(),
});

export const UsulanCreate = z.discriminatedUnion('kind', [
  baruProposal,
  perbaikanProposal,
  dikeluarkanProposal,
]);
export type UsulanCreate = z.infer<typeof UsulanCreate>;

/** A draft edited: the whole proposal again (same kind, same household) with the version it was loaded at. */
const version = z.number().int().min(1);
export const UsulanUpdate = z.discriminatedUnion('kind', [
  baruProposal.extend({ version }),
  perbaikanProposal.extend({ version }),
  dikeluarkanProposal.extend({ version }),
]);
export type UsulanUpdate = z.infer<typeof UsulanUpdate>;

export const Transition = z.strictObject({ version: z.number().int().min(1), note: text(500).optional() });
export type Transition = z.infer<typeof Transition>;

export const UsulanListQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  period: period.optional(),
  state: z.string().max(30).optional(),
  kind: z.enum(['baru', 'perbaikan', 'dikeluarkan']).optional(),
  source: z
    .enum(['operator', 'musdes', 'mandiri'])
    .optional()
    .describe("mandiri: citizens' own proposals and correction requests (usulan mandiri)"),
  sort: z
    .enum(['created', 'name'])
    .default('created')
    .describe("created: oldest proposal first (the default); name: by the head of household's name, A–Z"),
  cursor: SortableCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang: z.enum(['id', 'en']).optional(),
});
/** The parsed query; `sort` may be left out by callers other than HTTP (created order). */
export type UsulanListQuery = Omit<z.infer<typeof UsulanListQuery>, 'sort'> & { sort?: 'created' | 'name' };

export const AttachmentView = z.object({
  id: z.string(),
  kind: z.string(),
  mime: z.string(),
  size: z.number(),
  originalName: z.string(),
  hasThumbnail: z.boolean(),
  createdAt: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const UsulanView = z.object({
  id: z.string(),
  period: z.string(),
  kind: z.enum(['baru', 'perbaikan', 'dikeluarkan']),
  state: z.string(),
  regionCode: z.string(),
  householdId: z.string().nullable(),
  kkNumber: z.string(),
  headName: z.string(),
  payload: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  returnNote: z.string().nullable(),
  source: z.string(),
  musdesSessionId: z.string().nullable(),
  /** The period it was submitted for, when it was carried over because that deliberation was over. */
  carriedFrom: z.string().nullable(),
  /** Why the operator withdrew it. */
  withdrawalNote: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.string()),
  attachments: z.array(AttachmentView),
  missingAttachments: z.array(z.string()),
  /** Only in the answer to submit: where the proposal went (src/domain/cycle/placement.ts). */
  placement: z
    .object({
      period: z.string(),
      carriedFrom: z.string().nullable(),
      joinsSession: z.string().nullable(),
    })
    .optional(),
});
export type UsulanView = z.infer<typeof UsulanView>;

export const UsulanListItem = UsulanView.omit({
  payload: true,
  attachments: true,
  missingAttachments: true,
  allowedActions: true,
  placement: true,
});

export const UsulanList = z.object({
  items: z.array(UsulanListItem),
  nextCursor: z.string().nullable(),
  total: z
    .number()
    .int()
    .nullable()
    .describe('how many proposals the filters match over all pages (first page only; null on later pages)'),
});

// ---------------------------------------------------------------- usulan mandiri (citizens)

/** What a citizen tells of a family member: as on the KK. */
const CitizenMember = z.strictObject({
  nik: memberShape.nik,
  name: memberShape.name,
  birthPlace: memberShape.birthPlace,
  birthDate: memberShape.birthDate,
  sex: memberShape.sex,
  relationship: memberShape.relationship,
});

export const MandiriCreate = z.strictObject({
  /** Whose family: the citizen's own, or another family they propose (with its consent). */
  relation: z.enum(['self', 'other']),
  household: z.strictObject({
    kkNumber: nikString,
    regionCode: regionCodeString.describe('the village (desa/kelurahan) code, e.g. 33.07.01.2001'),
    rw: rtRw,
    rt: rtRw,
    address: text(300).min(1),
    members: z.array(CitizenMember).min(1).max(20),
  }),
  reason: text(500).min(10).describe('why this family needs to be in DTKS'),
  /** The citizen states the data is true and, for another family, that it agreed to be proposed. */
  consent: z.literal(true),
  confirmWarnings: z.boolean().optional(),
});
export type MandiriCreate = z.infer<typeof MandiriCreate>;

/** A household as a citizen proposes it: what the KK says (address, KK number, members), nothing more. */
export function asMandiriHousehold(h: HouseholdCreate): MandiriCreate['household'] {
  return {
    kkNumber: h.kkNumber,
    regionCode: h.regionCode,
    rw: h.rw,
    rt: h.rt,
    address: h.address,
    members: h.members.map(({ nik, name, birthDate, sex, relationship }) => ({
      nik,
      name,
      birthDate,
      sex,
      relationship,
    })),
  };
}

export const MandiriCorrection = z.strictObject({
  reason: text(500).min(10).describe('what is wrong in my DTKS data and what is right'),
  changes: z
    .strictObject({ address: text(300).min(1).optional(), rt: rtRw.optional(), rw: rtRw.optional() })
    .optional(),
  me: z
    .strictObject({
      name: text(120).min(1).optional(),
      birthDate: isoDate.optional(),
      sex: z.enum(['M', 'F']).optional(),
    })
    .optional(),
  confirmWarnings: z.boolean().optional(),
});
export type MandiriCorrection = z.infer<typeof MandiriCorrection>;

const TextOut = z.object({ id: z.string(), en: z.string() });

export const CitizenUsulanView = z.object({
  id: z.string(),
  kind: z.enum(['baru', 'perbaikan', 'dikeluarkan']),
  period: z.string(),
  state: z.string(),
  status: TextOut,
  outcome: z.enum(['pending', 'accepted', 'not_accepted']),
  headName: z.string(),
  villageCode: z.string(),
  reason: z.string().nullable(),
  returnNote: z.string().nullable(),
  withdrawalNote: z.string().nullable(),
  files: z.array(z.object({ kind: z.string(), createdAt: z.string() })),
  missingFiles: z.array(z.enum(CITIZEN_USULAN_FILES)),
  canAttach: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  timeline: z.array(z.object({ step: z.string(), at: z.string(), text: TextOut })).optional(),
});
export type CitizenUsulanView = z.infer<typeof CitizenUsulanView>;
