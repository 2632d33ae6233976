import { psksKind } from '../../../src/domain/registry/ppks-psks.ts';
import { psks } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { PsksDetail } from '../api/types.ts';
import { PsksFields, type PsksValues } from '../components/PsksFields.tsx';
import { type RegisterForm, RegisterRecordPage, registerApi } from '../components/RegisterRecordPages.tsx';
import { type Translate, useI18n } from '../i18n/index.tsx';
import { formatFieldValue } from '../lib/fields.ts';
import type { FieldErrors } from '../lib/form-errors.ts';

function valuesFrom(d: PsksDetail | undefined, regionCode: string): PsksValues {
  return {
    kind: d?.kind ?? '',
    name: d?.name ?? '',
    nik: d?.nik ?? '',
    regionCode: d?.regionCode ?? regionCode,
    address: d?.address ?? '',
    phone: d?.phone ?? '',
    email: d?.email ?? '',
    notes: d?.notes ?? '',
  };
}

function bodyFrom(v: PsksValues) {
  const institution = psksKind(v.kind)?.isInstitution ?? false;
  return {
    kind: v.kind,
    name: v.name.trim(),
    nik: institution ? null : v.nik.trim() || null,
    address: v.address.trim() || null,
    phone: v.phone.trim() || null,
    email: v.email.trim() || null,
    notes: v.notes.trim() || null,
  };
}

function problems(v: PsksValues, t: Translate, needRegion: boolean): FieldErrors {
  const out: FieldErrors = {};
  if (!v.kind) out.kind = [t('form.requiredField')];
  if (!v.name.trim()) out.name = [t('form.requiredField')];
  if (needRegion && regionLevel(v.regionCode) !== 4) out.regionCode = [t('form.chooseVillage')];
  return out;
}

function KindLabel({ kind }: { kind: string }) {
  const { t, lang } = useI18n();
  return <span>{formatFieldValue('kind', kind, lang, t)}</span>;
}

const FORM: RegisterForm<PsksValues, PsksDetail> = {
  path: '/psks',
  name: 'psks',
  api: registerApi(psks, bodyFrom),
  valuesFrom,
  bodyFrom,
  problems,
  Fields: PsksFields,
  viewFields: ['kind', 'nik', 'address', 'phone', 'email', 'notes', 'removalReason'],
  subtitle: (d) => <KindLabel kind={d.kind} />,
  showWarnings: false,
  text: { addTitle: 'psks.addTitle', removeTitle: 'psks.removeTitle', removeSubmit: 'psks.removeSubmit' },
};

export function PsksFormPage({ params }: { params: Record<string, string> }) {
  return <RegisterRecordPage form={FORM} id={params.id} />;
}
