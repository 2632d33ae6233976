import { z } from 'zod';
import { issue } from '../../domain/errors.ts';
import { PPKS_CATEGORIES } from '../../domain/registry/ppks-psks.ts';
import { codeParam } from '../../http/params.ts';
import { isoDate, nikString, text } from '../households/households.schemas.ts';
import {
  listPage,
  RecordState,
  RegionPath,
  registerCreate,
  registerListQuery,
  registerPatch,
  Warnings,
} from '../social/social.schemas.ts';

const rtRw = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, 'RT/RW: 1–3 digits');

export const CategoryPeriodInput = z.strictObject({
  category: z.string().trim().min(1).max(60),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
});

/** Optional fields accept null (and blank text) as "not given". */
const ppksFields = {
  nik: nikString.nullable().optional(),
  name: text(120).min(1),
  birthDate: isoDate.nullable().optional(),
  sex: z.enum(['M', 'F']).nullable().optional(),
  rw: rtRw.or(z.literal('')).nullable().optional(),
  rt: rtRw.or(z.literal('')).nullable().optional(),
  address: text(300).nullable().optional(),
  notes: text(1000).nullable().optional(),
  categories: z.array(CategoryPeriodInput).min(1).max(60),
};

export const PpksCreate = registerCreate(ppksFields);
export type PpksCreate = z.infer<typeof PpksCreate>;

/** `categories`, when given, replaces the whole list; earlier lists stay in the version history. */
export const PpksPatch = registerPatch(ppksFields, ['name', 'categories']);
export type PpksPatch = z.infer<typeof PpksPatch>;

export const PpksListQuery = registerListQuery({
  category: codeParam(
    PPKS_CATEGORIES.map((c) => c.code),
    (value) => issue('category', 'ppks.unknown_category', { category: value }),
    'PPKS category (one in force today)',
  ).optional(),
});
/** The parsed query; `sort` may be left out by callers other than HTTP (registration order). */
export type PpksListQuery = Omit<z.infer<typeof PpksListQuery>, 'sort'> & { sort?: 'created' | 'name' };

export const CategoryPeriod = z.object({
  category: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export type CategoryPeriod = z.infer<typeof CategoryPeriod>;

export const Ppks = z.object({
  id: z.string(),
  nik: z.string().nullable(),
  name: z.string(),
  birthDate: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  regionCode: z.string(),
  rw: z.string().nullable(),
  rt: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  personId: z
    .string()
    .nullable()
    .describe('The DTKS person with this NIK (null when none, or when outside your territory)'),
  categories: z.array(CategoryPeriod),
  ...RecordState,
});
export type Ppks = z.infer<typeof Ppks>;

export const PpksDetail = Ppks.extend({ regionPath: RegionPath, warnings: Warnings });

export const PpksListItem = Ppks.pick({
  id: true,
  name: true,
  nik: true,
  regionCode: true,
  rw: true,
  rt: true,
  categories: true,
  status: true,
  version: true,
  updatedAt: true,
});
export type PpksListItem = z.infer<typeof PpksListItem>;

export const PpksList = listPage(PpksListItem);

/** The PPKS register's schemas, as its routes and its CLI commands take them. */
export const ppksSchemas = {
  listQuery: PpksListQuery,
  create: PpksCreate,
  patch: PpksPatch,
  detail: PpksDetail,
  list: PpksList,
};
