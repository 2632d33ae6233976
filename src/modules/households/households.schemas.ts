import { z } from 'zod';
import { PeriodParam, RegionCodeParam, SortableCursorParam } from '../../http/params.ts';
import {
  HOUSEHOLD_CODED,
  HOUSEHOLD_FLAGS,
  HOUSEHOLD_NUMERIC,
  MEMBER_CODED,
  MEMBER_NUMERIC,
} from './household.fields.ts';

const code = z.number().int().min(0).max(99).nullable().optional();
const count = z.number().int().min(0).max(1_000_000_000).nullable().optional();
const flag = z.boolean().nullable().optional();

const fromList = <K extends string, T extends z.ZodType>(keys: readonly K[], t: T) =>
  Object.fromEntries(keys.map((k) => [k, t])) as Record<K, T>;

/** Free text that is stored and shown, never interpreted: trimmed, bounded, no control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** NIK or KK number as sent; surrounding whitespace is dropped so ' 3201…' cannot register a second time. */
export const nikString = z.string().trim().max(32);
export const regionCodeString = z.string().trim().min(1).max(20);
export const rtRw = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, 'RT/RW: 1–3 digits');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

/** Kartu Keluarga Sejahtera number as sent; its form (16 digits) is checked by the instrument rules. */
const kksString = z.string().trim().max(32).nullable().optional();

export const householdInstrumentShape = {
  ...fromList(HOUSEHOLD_CODED, code),
  ...fromList(HOUSEHOLD_NUMERIC, count),
  ...fromList(HOUSEHOLD_FLAGS, flag),
  kksNumber: kksString,
};

export const memberShape = {
  nik: nikString,
  name: text(120).min(1),
  birthPlace: text(80).nullable().optional(),
  birthDate: isoDate,
  sex: z.enum(['M', 'F']),
  relationship: z.number().int().min(1).max(99),
  pregnant: flag,
  ...fromList(MEMBER_CODED, code),
  ...fromList(MEMBER_NUMERIC, count),
};

export const MemberInput = z.strictObject(memberShape);
export type MemberInput = z.infer<typeof MemberInput>;

const reason = text(500).min(3);

export const HouseholdCreate = z.strictObject({
  kkNumber: nikString,
  regionCode: regionCodeString,
  rw: rtRw,
  rt: rtRw,
  address: text(300).min(1),
  latitude: z.number().min(-11.5).max(6.5).nullable().optional(),
  longitude: z.number().min(94).max(141.5).nullable().optional(),
  ...householdInstrumentShape,
  members: z.array(MemberInput).min(1).max(40),
  reason: reason.optional(),
  confirmWarnings: z.boolean().optional(),
});
export type HouseholdCreate = z.infer<typeof HouseholdCreate>;

/** The region is not editable: moving house means a new proposal in the new region (territorial principle). */
export const HouseholdPatch = z.strictObject({
  version: z.number().int().min(1),
  reason,
  confirmWarnings: z.boolean().optional(),
  kkNumber: nikString.optional(),
  rw: rtRw.optional(),
  rt: rtRw.optional(),
  address: text(300).min(1).optional(),
  latitude: z.number().min(-11.5).max(6.5).nullable().optional(),
  longitude: z.number().min(94).max(141.5).nullable().optional(),
  ...householdInstrumentShape,
});
export type HouseholdPatch = z.infer<typeof HouseholdPatch>;

export const MemberAdd = z.strictObject({
  version: z.number().int().min(1),
  reason,
  confirmWarnings: z.boolean().optional(),
  member: MemberInput,
});
export type MemberAdd = z.infer<typeof MemberAdd>;

export const MemberPatch = z.strictObject({
  version: z.number().int().min(1),
  reason,
  confirmWarnings: z.boolean().optional(),
  /** With `relationship: 1`: the relationship the current head takes (head replacement in one step). */
  previousHeadRelationship: z.number().int().min(1).max(99).optional(),
  ...Object.fromEntries(Object.entries(memberShape).map(([k, v]) => [k, (v as z.ZodType).optional()])),
}) as unknown as z.ZodType<
  {
    version: number;
    reason: string;
    confirmWarnings?: boolean;
    previousHeadRelationship?: number;
  } & Partial<MemberInput>
>;
export type MemberPatch = {
  version: number;
  reason: string;
  confirmWarnings?: boolean;
  previousHeadRelationship?: number;
} & Partial<MemberInput>;

export const Removal = z.strictObject({
  version: z.number().int().min(1),
  reasonCode: z.string().max(40),
  note: text(500).optional(),
});
export type Removal = z.infer<typeof Removal>;

export const ListQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  rw: rtRw.optional(),
  rt: rtRw.optional(),
  status: z.enum(['active', 'removed', 'all']).default('active'),
  q: text(100).optional(),
  sort: z
    .enum(['created', 'name'])
    .default('created')
    .describe("created: oldest record first (the default); name: by the head of household's name, A–Z"),
  cursor: SortableCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The parsed query; `sort` may be left out by callers other than HTTP (created order). */
export type ListQuery = Omit<z.infer<typeof ListQuery>, 'sort'> & { sort?: 'created' | 'name' };

/** Tolerant name search: ranked, one page (no cursor). */
export const NameSearchQuery = z.strictObject({
  q: text(100),
  region: RegionCodeParam.optional(),
  status: z.enum(['active', 'removed', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NameSearchQuery = z.infer<typeof NameSearchQuery>;

/** Reading one household: `asOf` (YYYY-MM) asks for the version DTKS held in that determined period. */
export const HouseholdReadQuery = z.strictObject({
  asOf: PeriodParam.optional(),
  lang: z.enum(['id', 'en']).optional(),
});

export const Member = z.object({
  id: z.string(),
  ...memberShape,
  birthPlace: z.string().nullable(),
  pregnant: z.boolean().nullable(),
  ...fromList(MEMBER_CODED, z.number().nullable()),
  ...fromList(MEMBER_NUMERIC, z.number().nullable()),
  status: z.enum(['active', 'removed']),
  removalReason: z.string().nullable(),
  version: z.number(),
});
export type Member = z.infer<typeof Member>;

export const Household = z.object({
  id: z.string(),
  kkNumber: z.string(),
  regionCode: z.string(),
  rw: z.string(),
  rt: z.string(),
  address: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  headName: z.string(),
  memberCount: z.number(),
  status: z.enum(['active', 'removed']),
  removalReason: z.string().nullable(),
  removalNote: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...fromList(HOUSEHOLD_CODED, z.number().nullable()),
  ...fromList(HOUSEHOLD_NUMERIC, z.number().nullable()),
  ...fromList(HOUSEHOLD_FLAGS, z.boolean().nullable()),
  kksNumber: z.string().nullable(),
  members: z.array(Member),
});
export type Household = z.infer<typeof Household>;

export const HouseholdDetail = Household.extend({
  regionPath: z.array(z.object({ code: z.string(), name: z.string(), level: z.number() })),
  warnings: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type HouseholdDetail = z.infer<typeof HouseholdDetail>;

export const HouseholdListItem = z.object({
  id: z.string(),
  kkNumber: z.string(),
  regionCode: z.string(),
  rw: z.string(),
  rt: z.string(),
  headName: z.string(),
  memberCount: z.number(),
  status: z.enum(['active', 'removed']),
  address: z.string(),
  updatedAt: z.string(),
});
export type HouseholdListItem = z.infer<typeof HouseholdListItem>;

export const HouseholdList = z.object({
  items: z.array(HouseholdListItem),
  nextCursor: z.string().nullable(),
  total: z
    .number()
    .int()
    .nullable()
    .describe('how many households the filters match over all pages (first page only; null on later pages)'),
});

export const NameSearchResult = z.object({
  items: z.array(HouseholdListItem.extend({ score: z.number() })),
});

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const VersionEntry = z.object({
  version: z.number(),
  changeType: z.string(),
  reason: z.string().nullable(),
  changedBy: z.string().nullable(),
  /** Display name and username of the user who made the change; null for system jobs. */
  changedByName: z.string().nullable(),
  changedAt: z.string(),
  changes: z.object({
    household: z.array(FieldChange),
    membersAdded: z.array(z.object({ id: z.string(), nik: z.string(), name: z.string() })),
    membersRemoved: z.array(z.object({ id: z.string(), nik: z.string(), name: z.string() })),
    membersChanged: z.array(
      z.object({ id: z.string(), nik: z.string(), name: z.string(), changes: z.array(FieldChange) }),
    ),
  }),
});
export const History = z.object({ items: z.array(VersionEntry) });

export const PersonLookup = z.object({
  person: Member,
  household: HouseholdListItem,
  regionPath: z.array(z.object({ code: z.string(), name: z.string(), level: z.number() })),
});

/** `GET /stats/regions`: active households and people per child region (the dashboard). */
export const RegionCounts = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.number() }).nullable(),
  rows: z.array(
    z.object({ code: z.string(), name: z.string(), households: z.number(), persons: z.number() }),
  ),
});
export type RegionCounts = z.infer<typeof RegionCounts>;
