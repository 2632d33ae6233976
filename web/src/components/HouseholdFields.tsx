import { parseKk } from '../../../src/domain/identifiers/parse-kk.ts';
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../lib/form-errors.ts';
import type { HouseholdValues } from '../lib/household-form.ts';
import { TextField } from './fields.tsx';
import { AddressField, RwRtFields, VillageField } from './record-fields.tsx';

type Props = {
  values: HouseholdValues;
  onChange: (next: HouseholdValues) => void;
  errors: FieldErrors;
  /** Set on create: the village is chosen within this territory. Omitted on edit (a move is a new proposal). */
  regionRoot?: string;
};

/** KK number, village, RW/RT, address and coordinates. */
export function HouseholdFields({ values, onChange, errors, regionRoot }: Props) {
  const { t, lang } = useI18n();
  const set = (patch: Partial<HouseholdValues>) => onChange({ ...values, ...patch });
  const kk = values.kkNumber.trim().length >= 16 ? parseKk(values.kkNumber) : null;
  const kkErrors = kk && !kk.ok ? kk.errors.map((e) => e.message[lang]) : [];
  const kkWarnings = kk ? kk.warnings.map((w) => w.message[lang]) : [];
  return (
    <fieldset className="card form-section">
      <legend>{t('household.addressSection')}</legend>
      <div className="form-grid">
        <TextField
          path="kkNumber"
          label={t('field.kkNumber')}
          hint={t('form.kkHint')}
          value={values.kkNumber}
          onChange={(v) => set({ kkNumber: v })}
          inputMode="numeric"
          autoComplete="off"
          maxLength={16}
          required
          errors={[...kkErrors, ...(errors.kkNumber ?? [])]}
          warnings={kkWarnings}
        />
        <VillageField
          root={regionRoot}
          value={values.regionCode}
          onChange={(code) => set({ regionCode: code })}
          errors={errors.regionCode}
        />
        <RwRtFields rw={values.rw} rt={values.rt} onChange={set} errors={errors} required />
        <AddressField
          value={values.address}
          onChange={(v) => set({ address: v })}
          errors={errors.address}
          required
        />
        <TextField
          path="latitude"
          label={t('field.latitude')}
          value={values.latitude}
          onChange={(v) => set({ latitude: v })}
          inputMode="decimal"
          errors={errors.latitude}
        />
        <TextField
          path="longitude"
          label={t('field.longitude')}
          value={values.longitude}
          onChange={(v) => set({ longitude: v })}
          inputMode="decimal"
          errors={errors.longitude}
        />
      </div>
    </fieldset>
  );
}
