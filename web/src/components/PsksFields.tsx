import { PSKS_KINDS, psksKind } from '../../../src/domain/registry/ppks-psks.ts';
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../lib/form-errors.ts';
import { SelectField, TextField } from './fields.tsx';
import { AddressField, NotesField, OptionalNikField, VillageField } from './record-fields.tsx';

export interface PsksValues {
  kind: string;
  name: string;
  nik: string;
  regionCode: string;
  address: string;
  phone: string;
  email: string;
  notes: string;
}

/** A social-welfare worker or institution; institutions have no NIK. */
export function PsksFields({
  values,
  onChange,
  errors,
  regionRoot,
}: {
  values: PsksValues;
  onChange: (next: PsksValues) => void;
  errors: FieldErrors;
  regionRoot?: string;
}) {
  const { t, text } = useI18n();
  const set = (patch: Partial<PsksValues>) => onChange({ ...values, ...patch });
  const institution = psksKind(values.kind)?.isInstitution ?? false;
  return (
    <fieldset className="card form-section">
      <legend>{t('psks.data')}</legend>
      <div className="form-grid">
        <SelectField
          path="kind"
          label={t('field.kind')}
          value={values.kind}
          onChange={(v) => set({ kind: v })}
          options={PSKS_KINDS.map((k) => ({ value: k.code, label: text(k.label) }))}
          empty={t('form.choose')}
          required
          errors={errors.kind}
        />
        <TextField
          path="name"
          label={institution ? t('psks.institutionName') : t('field.name')}
          value={values.name}
          onChange={(v) => set({ name: v })}
          maxLength={200}
          required
          errors={errors.name}
        />
        {!institution && (
          <OptionalNikField
            value={values.nik}
            onChange={(v) => set({ nik: v })}
            errors={errors.nik}
            hint={t('psks.nikOptional')}
          />
        )}
        <VillageField
          root={regionRoot}
          value={values.regionCode}
          onChange={(code) => set({ regionCode: code })}
          legend={institution ? t('psks.officeVillage') : t('psks.homeVillage')}
          errors={errors.regionCode}
        />
        <AddressField value={values.address} onChange={(v) => set({ address: v })} errors={errors.address} />
        <TextField
          path="phone"
          label={t('field.phone')}
          hint={t('psks.phoneHint')}
          type="tel"
          value={values.phone}
          onChange={(v) => set({ phone: v })}
          maxLength={40}
          autoComplete="off"
          errors={errors.phone}
        />
        <TextField
          path="email"
          label={t('field.email')}
          type="email"
          value={values.email}
          onChange={(v) => set({ email: v })}
          maxLength={254}
          autoComplete="off"
          errors={errors.email}
        />
        <NotesField
          className="span-2"
          value={values.notes}
          onChange={(v) => set({ notes: v })}
          errors={errors.notes}
        />
      </div>
    </fieldset>
  );
}
