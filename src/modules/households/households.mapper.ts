/** Rows ↔ API objects for households and members. The only place that knows 0/1 flags and search columns. */

import type { HouseholdRow, NewHouseholdRow, NewPersonRow, PersonRow } from '../../db/schema/index.ts';
import { foldName, searchForm } from '../../domain/names/name-fold.ts';
import {
  HOUSEHOLD_CODED,
  HOUSEHOLD_FLAGS,
  HOUSEHOLD_NUMERIC,
  HOUSEHOLD_TEXT,
  MEMBER_CODED,
  MEMBER_NUMERIC,
} from './household.fields.ts';
import type { Household, HouseholdListItem, Member, MemberInput } from './households.schemas.ts';

const toFlag = (v: boolean | null | undefined): number | null =>
  v === null || v === undefined ? null : v ? 1 : 0;
const fromFlag = (v: number | null): boolean | null => (v === null ? null : v === 1);

export { foldName, searchForm };

export function padRtRw(v: string): string {
  return v.padStart(3, '0');
}

export function memberFromRow(p: PersonRow): Member {
  const m: Record<string, unknown> = {
    id: p.id,
    nik: p.nik,
    name: p.name,
    birthPlace: p.birthPlace,
    birthDate: p.birthDate,
    sex: p.sex,
    relationship: p.relationship,
    pregnant: fromFlag(p.pregnant),
    status: p.status,
    removalReason: p.removalReason,
    version: p.version,
  };
  for (const k of [...MEMBER_CODED, ...MEMBER_NUMERIC]) m[k] = p[k];
  return m as Member;
}

/** Instrument and address columns from an API object (only the keys present, for patches). */
export function householdColumns(input: Record<string, unknown>): Partial<NewHouseholdRow> {
  const out: Record<string, unknown> = {};
  for (const k of ['kkNumber', 'address', 'latitude', 'longitude'] as const)
    if (k in input) out[k] = input[k] ?? null;
  for (const k of ['rw', 'rt'] as const)
    if (typeof input[k] === 'string') out[k] = padRtRw(input[k] as string);
  for (const k of [...HOUSEHOLD_CODED, ...HOUSEHOLD_NUMERIC]) if (k in input) out[k] = input[k] ?? null;
  for (const k of HOUSEHOLD_FLAGS) if (k in input) out[k] = toFlag(input[k] as boolean | null);
  for (const k of HOUSEHOLD_TEXT) if (k in input) out[k] = input[k] || null;
  return out as Partial<NewHouseholdRow>;
}

export function memberColumns(input: Partial<MemberInput>): Partial<NewPersonRow> {
  const out: Record<string, unknown> = {};
  for (const k of ['nik', 'name', 'birthDate', 'sex', 'relationship'] as const)
    if (k in input) out[k] = input[k];
  if ('birthPlace' in input) out.birthPlace = input.birthPlace ?? null;
  if ('pregnant' in input) out.pregnant = toFlag(input.pregnant);
  for (const k of [...MEMBER_CODED, ...MEMBER_NUMERIC]) if (k in input) out[k] = input[k] ?? null;
  return out as Partial<NewPersonRow>;
}

export function householdFromRows(h: HouseholdRow, persons: PersonRow[]): Household {
  const out: Record<string, unknown> = {
    id: h.id,
    kkNumber: h.kkNumber,
    regionCode: h.villageCode,
    rw: h.rw,
    rt: h.rt,
    address: h.address,
    latitude: h.latitude,
    longitude: h.longitude,
    headName: h.headName,
    memberCount: h.memberCount,
    status: h.status,
    removalReason: h.removalReason,
    removalNote: h.removalNote,
    version: h.version,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
  for (const k of [...HOUSEHOLD_CODED, ...HOUSEHOLD_NUMERIC]) out[k] = h[k];
  for (const k of HOUSEHOLD_FLAGS) out[k] = fromFlag(h[k]);
  for (const k of HOUSEHOLD_TEXT) out[k] = h[k];
  out.members = persons.map(memberFromRow);
  return out as Household;
}

export function listItemFromRow(
  h: Pick<
    HouseholdRow,
    | 'id'
    | 'kkNumber'
    | 'villageCode'
    | 'rw'
    | 'rt'
    | 'headName'
    | 'memberCount'
    | 'status'
    | 'address'
    | 'updatedAt'
  >,
): HouseholdListItem {
  return {
    id: h.id,
    kkNumber: h.kkNumber,
    regionCode: h.villageCode,
    rw: h.rw,
    rt: h.rt,
    headName: h.headName,
    memberCount: h.memberCount,
    status: h.status,
    address: h.address,
    updatedAt: h.updatedAt,
  };
}
