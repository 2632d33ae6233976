import { useRef } from 'react';
import { ppks } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { PpksDetail } from '../api/types.ts';
import { PpksFields, type PpksValues } from '../components/PpksFields.tsx';
import {
  type RegisterFieldsProps,
  type RegisterForm,
  RegisterRecordPage,
  registerApi,
} from '../components/RegisterRecordPages.tsx';
import type { Translate } from '../i18n/index.tsx';
import type { FieldErrors } from '../lib/form-errors.ts';

function valuesFrom(d: PpksDetail | undefined, regionCode: string): PpksValues {
  return {
    nik: d?.nik ?? '',
    name: d?.name ?? '',
    birthDate: d?.birthDate ?? '',
    sex: d?.sex ?? '',
    regionCode: d?.regionCode ?? regionCode,
    rw: d?.rw?.replace(/^0+(?=\d)/, '') ?? '',
    rt: d?.rt?.replace(/^0+(?=\d)/, '') ?? '',
    address: d?.address ?? '',
    notes: d?.notes ?? '',
    categories: (d?.categories.length ? d.categories : [null]).map((c, key) => ({
      key,
      category: c?.category ?? '',
      startDate: c?.startDate ?? '',
      endDate: c?.endDate ?? '',
    })),
  };
}

function bodyFrom(v: PpksValues) {
  return {
    nik: v.nik.trim() || null,
    name: v.name.trim(),
    birthDate: v.birthDate || null,
    sex: v.sex || null,
    rw: v.rw.trim() || null,
    rt: v.rt.trim() || null,
    address: v.address.trim() || null,
    notes: v.notes.trim() || null,
    categories: v.categories.map((c) => ({
      category: c.category,
      startDate: c.startDate,
      endDate: c.endDate || null,
    })),
  };
}

function problems(v: PpksValues, t: Translate, needRegion: boolean): FieldErrors {
  const required = [t('form.requiredField')];
  const out: FieldErrors = {};
  if (!v.name.trim()) out.name = required;
  if (needRegion && regionLevel(v.regionCode) !== 4) out.regionCode = [t('form.chooseVillage')];
  v.categories.forEach((c, i) => {
    if (!c.category) out[`categories.${i}.category`] = required;
    if (!c.startDate) out[`categories.${i}.startDate`] = required;
  });
  return out;
}

/** Category rows need keys that stay unique as rows are added and removed. */
function Fields(props: RegisterFieldsProps<PpksValues>) {
  const keys = useRef(100);
  return <PpksFields {...props} newKey={() => keys.current++} />;
}

const FORM: RegisterForm<PpksValues, PpksDetail> = {
  path: '/ppks',
  name: 'ppks',
  api: registerApi(ppks, bodyFrom),
  valuesFrom,
  bodyFrom,
  problems,
  Fields,
  viewFields: ['nik', 'birthDate', 'sex', 'address', 'rw', 'rt', 'categories', 'notes', 'removalReason'],
  subtitle: (_d, t) => t('ppks.title'),
  showWarnings: true,
  text: { addTitle: 'ppks.addTitle', removeTitle: 'ppks.removeTitle', removeSubmit: 'ppks.removeSubmit' },
};

export function PpksFormPage({ params }: { params: Record<string, string> }) {
  return <RegisterRecordPage form={FORM} id={params.id} />;
}
