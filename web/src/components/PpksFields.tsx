import { PPKS_CATEGORIES } from '../../../src/domain/registry/ppks-psks.ts';
import { useI18n } from '../i18n/index.tsx';
import { type FieldErrors, under } from '../lib/form-errors.ts';
import { SelectField, TextField } from './fields.tsx';
import { AddressField, NotesField, OptionalNikField, RwRtFields, VillageField } from './record-fields.tsx';

export interface PeriodValues {
  key: number;
  category: string;
  startDate: string;
  endDate: string;
}

export interface PpksValues {
  nik: string;
  name: string;
  birthDate: string;
  sex: '' | 'M' | 'F';
  regionCode: string;
  rw: string;
  rt: string;
  address: string;
  notes: string;
  categories: PeriodValues[];
}

type Props = {
  values: PpksValues;
  onChange: (next: PpksValues) => void;
  errors: FieldErrors;
  /** Set on create only: the region of a record is not editable. */
  regionRoot?: string;
  newKey: () => number;
};

/** A person needing social-welfare services: identity, address and PPKS categories with their periods. */
export function PpksFields({ values, onChange, errors, regionRoot, newKey }: Props) {
  const { t, text } = useI18n();
  const set = (patch: Partial<PpksValues>) => onChange({ ...values, ...patch });
  const setPeriod = (key: number, patch: Partial<PeriodValues>) =>
    set({ categories: values.categories.map((c) => (c.key === key ? { ...c, ...patch } : c)) });
  const categoryOptions = PPKS_CATEGORIES.map((c) => ({ value: c.code, label: text(c.label) }));

  return (
    <>
      <fieldset className="card form-section">
        <legend>{t('ppks.identity')}</legend>
        <div className="form-grid">
          <TextField
            path="name"
            label={t('field.name')}
            value={values.name}
            onChange={(v) => set({ name: v })}
            maxLength={120}
            required
            errors={errors.name}
          />
          <OptionalNikField
            value={values.nik}
            onChange={(v) => set({ nik: v })}
            errors={errors.nik}
            hint={t('ppks.nikOptional')}
            known={{ birthDate: values.birthDate || null, sex: values.sex || null }}
          />
          <TextField
            path="birthDate"
            label={t('field.birthDate')}
            type="date"
            value={values.birthDate}
            onChange={(v) => set({ birthDate: v })}
            errors={errors.birthDate}
          />
          <SelectField
            path="sex"
            label={t('field.sex')}
            value={values.sex}
            onChange={(v) => set({ sex: v as PpksValues['sex'] })}
            options={[
              { value: 'M', label: t('sex.M') },
              { value: 'F', label: t('sex.F') },
            ]}
            empty={t('form.notAnswered')}
            errors={errors.sex}
          />
        </div>
      </fieldset>
      <fieldset className="card form-section">
        <legend>{t('ppks.address')}</legend>
        <div className="form-grid">
          <VillageField
            root={regionRoot}
            value={values.regionCode}
            onChange={(code) => set({ regionCode: code })}
            errors={errors.regionCode}
          />
          <RwRtFields rw={values.rw} rt={values.rt} onChange={set} errors={errors} />
          <AddressField
            value={values.address}
            onChange={(v) => set({ address: v })}
            errors={errors.address}
          />
        </div>
      </fieldset>
      <fieldset className="card form-section">
        <legend>{t('ppks.categories')}</legend>
        {errors.categories && <p className="field__error">{errors.categories.join(' ')}</p>}
        {values.categories.map((c, i) => {
          const e = under(errors, `categories.${i}.`);
          return (
            <div className="period-row" key={c.key}>
              <SelectField
                path={`categories.${i}.category`}
                label={t('ppks.category')}
                value={c.category}
                onChange={(v) => setPeriod(c.key, { category: v })}
                options={categoryOptions}
                empty={t('form.choose')}
                required
                errors={e.category}
              />
              <TextField
                path={`categories.${i}.startDate`}
                label={t('ppks.startDate')}
                type="date"
                value={c.startDate}
                onChange={(v) => setPeriod(c.key, { startDate: v })}
                required
                errors={e.startDate}
              />
              <TextField
                path={`categories.${i}.endDate`}
                label={t('ppks.endDate')}
                type="date"
                value={c.endDate}
                onChange={(v) => setPeriod(c.key, { endDate: v })}
                errors={e.endDate}
              />
              {values.categories.length > 1 && (
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  onClick={() => set({ categories: values.categories.filter((x) => x.key !== c.key) })}
                >
                  {t('ppks.removeCategory', { n: i + 1 })}
                </button>
              )}
            </div>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() =>
            set({
              categories: [...values.categories, { key: newKey(), category: '', startDate: '', endDate: '' }],
            })
          }
        >
          + {t('ppks.addCategory')}
        </button>
      </fieldset>
      <div className="card form-section">
        <NotesField value={values.notes} onChange={(v) => set({ notes: v })} errors={errors.notes} />
      </div>
    </>
  );
}
