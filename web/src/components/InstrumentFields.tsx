import { codebook, type NumericField } from '../../../src/domain/instrument/codebook.ts';
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../lib/form-errors.ts';
import type { HouseholdValues } from '../lib/household-form.ts';
import { CodedSelect } from './CodedSelect.tsx';
import { TextField, TriStateField } from './fields.tsx';

type Props = {
  values: HouseholdValues;
  onChange: (next: HouseholdValues) => void;
  errors: FieldErrors;
};

/** The household instrument (PBDT codebook): housing, assets, land and livestock. */
export function InstrumentFields({ values, onChange, errors }: Props) {
  const { t, text } = useI18n();
  const numeric = (f: NumericField) => (
    <TextField
      key={f.field}
      path={f.field}
      label={f.unit ? `${text(f.labels)} (${f.unit})` : text(f.labels)}
      value={values.numeric[f.field] ?? ''}
      onChange={(v) => onChange({ ...values, numeric: { ...values.numeric, [f.field]: v } })}
      type="number"
      inputMode={f.integer ? 'numeric' : 'decimal'}
      min={f.min}
      max={f.max}
      step={f.integer ? 1 : 'any'}
      errors={errors[f.field]}
    />
  );
  return (
    <>
      <fieldset className="card form-section">
        <legend>{t('instrument.housing')}</legend>
        <div className="form-grid">
          {codebook.numericFields.filter((f) => f.field !== 'landAreaM2').map(numeric)}
          {codebook.housingFields.map((f) => (
            <CodedSelect
              key={f.field}
              path={f.field}
              field={f.field}
              label={text(f.labels)}
              value={values.coded[f.field] ?? null}
              onChange={(v) => onChange({ ...values, coded: { ...values.coded, [f.field]: v } })}
              errors={errors[f.field]}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="card form-section">
        <legend>{t('instrument.assets')}</legend>
        <div className="form-grid form-grid--compact">
          {codebook.assetFlags.map((f) => (
            <TriStateField
              key={f.field}
              path={f.field}
              label={text(f.labels)}
              value={values.flags[f.field] ?? null}
              onChange={(v) => onChange({ ...values, flags: { ...values.flags, [f.field]: v } })}
              errors={errors[f.field]}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="card form-section">
        <legend>{t('instrument.means')}</legend>
        <div className="form-grid form-grid--compact">
          {codebook.consumptionFields.map((f) => (
            <CodedSelect
              key={f.field}
              path={f.field}
              field={f.field}
              label={text(f.labels)}
              value={values.coded[f.field] ?? null}
              onChange={(v) => onChange({ ...values, coded: { ...values.coded, [f.field]: v } })}
              errors={errors[f.field]}
            />
          ))}
          {codebook.meansFlags.map((f) => (
            <TriStateField
              key={f.field}
              path={f.field}
              label={text(f.labels)}
              value={values.flags[f.field] ?? null}
              onChange={(v) => onChange({ ...values, flags: { ...values.flags, [f.field]: v } })}
              errors={errors[f.field]}
            />
          ))}
          <TextField
            path="kksNumber"
            label={t('field.kksNumber')}
            value={values.kksNumber}
            onChange={(v) => onChange({ ...values, kksNumber: v })}
            inputMode="numeric"
            maxLength={16}
            errors={errors.kksNumber}
          />
        </div>
      </fieldset>
      <fieldset className="card form-section">
        <legend>{t('instrument.landLivestock')}</legend>
        <div className="form-grid form-grid--compact">
          {codebook.numericFields.filter((f) => f.field === 'landAreaM2').map(numeric)}
          {codebook.livestockFields.map(numeric)}
        </div>
      </fieldset>
    </>
  );
}
