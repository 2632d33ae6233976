/**
 * Form state for households and members, and its conversion to API bodies. Inputs hold strings; the
 * conversion turns them into numbers, booleans and nulls and reports what cannot be converted, so the
 * server only ever sees well-typed bodies and the user sees mistakes next to the input.
 */
import type { Lang } from '../../../src/domain/errors.ts';
import { codebook } from '../../../src/domain/instrument/codebook.ts';
import type { HouseholdDetail, Member, MemberInput } from '../api/types.ts';
import type { Translate } from '../i18n/index.tsx';
import type { FieldErrors } from './form-errors.ts';
import { nikFeedback } from './nik.ts';

export const HOUSING_CODED = [...codebook.housingFields, ...codebook.consumptionFields].map((f) => f.field);
export const NUMERIC = [...codebook.numericFields, ...codebook.livestockFields].map((f) => f.field);
export const FLAGS = [...codebook.assetFlags, ...codebook.meansFlags].map((f) => f.field);
export const MEMBER_CODED = codebook.individualFields.map((f) => f.field).filter((f) => f !== 'relationship');
export const MEMBER_NUMERIC = codebook.individualNumericFields.map((f) => f.field);

export interface HouseholdValues {
  kkNumber: string;
  kksNumber: string;
  regionCode: string;
  rw: string;
  rt: string;
  address: string;
  latitude: string;
  longitude: string;
  coded: Record<string, number | null>;
  numeric: Record<string, string>;
  flags: Record<string, boolean | null>;
}

export interface MemberValues {
  nik: string;
  name: string;
  birthPlace: string;
  birthDate: string;
  sex: '' | 'M' | 'F';
  relationship: number | null;
  pregnant: boolean | null;
  coded: Record<string, number | null>;
  numeric: Record<string, string>;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const stripZeros = (v: string) => v.replace(/^0+(?=\d)/, '');

export function householdValues(h?: HouseholdDetail, regionCode = ''): HouseholdValues {
  const src = (h ?? {}) as Record<string, unknown>;
  return {
    kkNumber: str(h?.kkNumber),
    kksNumber: str(h?.kksNumber),
    regionCode: h?.regionCode ?? regionCode,
    rw: h ? stripZeros(h.rw) : '',
    rt: h ? stripZeros(h.rt) : '',
    address: str(h?.address),
    latitude: str(h?.latitude),
    longitude: str(h?.longitude),
    coded: Object.fromEntries(HOUSING_CODED.map((f) => [f, (src[f] as number | null | undefined) ?? null])),
    numeric: Object.fromEntries(NUMERIC.map((f) => [f, str(src[f])])),
    flags: Object.fromEntries(FLAGS.map((f) => [f, (src[f] as boolean | null | undefined) ?? null])),
  };
}

export function memberValues(m?: Member): MemberValues {
  const src = (m ?? {}) as Record<string, unknown>;
  return {
    nik: m?.nik ?? '',
    name: m?.name ?? '',
    birthPlace: m?.birthPlace ?? '',
    birthDate: m?.birthDate ?? '',
    sex: m?.sex ?? '',
    relationship: m?.relationship ?? null,
    pregnant: m?.pregnant ?? null,
    coded: Object.fromEntries(MEMBER_CODED.map((f) => [f, (src[f] as number | null | undefined) ?? null])),
    numeric: Object.fromEntries(MEMBER_NUMERIC.map((f) => [f, str(src[f])])),
  };
}

function toNumber(s: string): number | null | typeof NaN {
  const v = s.trim().replace(',', '.');
  return v === '' ? null : Number(v);
}

/** The household part of a create or patch body, plus the inputs that are not numbers. */
/** The household's own inputs a form cannot be sent without (marked * on the form). */
const HOUSEHOLD_REQUIRED = ['kkNumber', 'rw', 'rt', 'address'] as const;

export function householdBody(
  v: HouseholdValues,
  t: Translate,
): { body: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // Checked here with the members' required inputs, so one submit names every empty field (the server
  // would name the RT/RW and address first, and the KK number only on the next try).
  for (const f of HOUSEHOLD_REQUIRED) if (!v[f].trim()) errors[f] = [t('form.requiredField')];
  const body: Record<string, unknown> = {
    kkNumber: v.kkNumber.trim(),
    kksNumber: v.kksNumber.trim() || null,
    rw: v.rw.trim(),
    rt: v.rt.trim(),
    address: v.address.trim(),
  };
  for (const f of ['latitude', 'longitude', ...NUMERIC] as const) {
    const raw = f === 'latitude' || f === 'longitude' ? v[f] : (v.numeric[f] ?? '');
    const n = toNumber(raw);
    if (Number.isNaN(n)) errors[f] = [t('form.notANumber')];
    else body[f] = n;
  }
  for (const f of HOUSING_CODED) body[f] = v.coded[f] ?? null;
  for (const f of FLAGS) body[f] = v.flags[f] ?? null;
  return { body, errors };
}

/** Only what differs from the record as loaded: a patch says exactly what the user changed. */
export function changedOnly(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) out[key] = value;
  }
  return out;
}

/** Required inputs and the NIK's own rules, checked before anything is sent. */
export function memberProblems(v: MemberValues, t: Translate, lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  const required = t('form.requiredField');
  if (!v.nik.trim()) errors.nik = [required];
  else {
    const fb = nikFeedback(v.nik, {}, lang);
    if (fb.errors.length) errors.nik = fb.errors;
  }
  if (!v.name.trim()) errors.name = [required];
  if (!v.birthDate) errors.birthDate = [required];
  if (!v.sex) errors.sex = [required];
  if (v.relationship === null) errors.relationship = [required];
  for (const f of MEMBER_NUMERIC)
    if (Number.isNaN(toNumber(v.numeric[f] ?? ''))) errors[f] = [t('form.notANumber')];
  return errors;
}

/** A member body; call only once `memberProblems` is empty. */
export function memberBody(v: MemberValues): MemberInput {
  const body: Record<string, unknown> = {
    nik: v.nik.trim(),
    name: v.name.trim(),
    birthPlace: v.birthPlace.trim() || null,
    birthDate: v.birthDate,
    sex: v.sex,
    relationship: v.relationship,
    pregnant: v.sex === 'F' ? v.pregnant : null,
  };
  for (const f of MEMBER_CODED) body[f] = v.coded[f] ?? null;
  for (const f of MEMBER_NUMERIC) body[f] = toNumber(v.numeric[f] ?? '');
  return body as unknown as MemberInput;
}

export function prefixed(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}${k}`, v]));
}
