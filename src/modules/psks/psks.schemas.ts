import { z } from 'zod';
import { issue } from '../../domain/errors.ts';
import { PSKS_KINDS } from '../../domain/registry/ppks-psks.ts';
import { codeParam } from '../../http/params.ts';
import { nikString, text } from '../households/households.schemas.ts';
import {
  listPage,
  RecordState,
  RegionPath,
  registerCreate,
  registerListQuery,
  registerPatch,
  Warnings,
} from '../social/social.schemas.ts';

/** Optional fields accept null (and blank text) as "not given". */
const psksFields = {
  kind: z.string().trim().min(1).max(60),
  name: text(200).min(1),
  nik: nikString.nullable().optional(),
  address: text(300).nullable().optional(),
  phone: text(40).nullable().optional().describe('Indonesian number: 08…, 62… or +62…; stored as +62…'),
  email: text(254).nullable().optional(),
  notes: text(1000).nullable().optional(),
};

/** `regionCode`: the village of the worker's domicile or the institution's office. */
export const PsksCreate = registerCreate(psksFields);
export type PsksCreate = z.infer<typeof PsksCreate>;

/** The region is not editable: a worker or institution that moves is registered again there. */
export const PsksPatch = registerPatch(psksFields, ['kind', 'name']);
export type PsksPatch = z.infer<typeof PsksPatch>;

export const PsksListQuery = registerListQuery({
  kind: codeParam(
    PSKS_KINDS.map((k) => k.code),
    (value) => issue('kind', 'psks.unknown_kind', { kind: value }),
    'PSKS kind',
  ).optional(),
});
/** The parsed query; `sort` may be left out by callers other than HTTP (registration order). */
export type PsksListQuery = Omit<z.infer<typeof PsksListQuery>, 'sort'> & { sort?: 'created' | 'name' };

export const Psks = z.object({
  id: z.string(),
  kind: z.string(),
  isInstitution: z.boolean(),
  name: z.string(),
  nik: z.string().nullable(),
  regionCode: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  ...RecordState,
});
export type Psks = z.infer<typeof Psks>;

export const PsksDetail = Psks.extend({ regionPath: RegionPath, warnings: Warnings });

export const PsksListItem = Psks.pick({
  id: true,
  kind: true,
  isInstitution: true,
  name: true,
  nik: true,
  regionCode: true,
  phone: true,
  email: true,
  status: true,
  version: true,
  updatedAt: true,
});
export type PsksListItem = z.infer<typeof PsksListItem>;

export const PsksList = listPage(PsksListItem);

/** The PSKS register's schemas, as its routes and its CLI commands take them. */
export const psksSchemas = {
  listQuery: PsksListQuery,
  create: PsksCreate,
  patch: PsksPatch,
  detail: PsksDetail,
  list: PsksList,
};
