import { useState } from 'react';
import { codebook } from '../../../src/domain/instrument/codebook.ts';
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../lib/form-errors.ts';
import type { MemberValues } from '../lib/household-form.ts';
import { nikFeedback } from '../lib/nik.ts';
import { CodedSelect } from './CodedSelect.tsx';
import { SelectField, TextField, TriStateField } from './fields.tsx';

type Props = {
  value: MemberValues;
  onChange: (next: MemberValues) => void;
  /** Issues keyed relative to this member (`nik`, `birthDate`…). */
  errors: FieldErrors;
  warnings?: FieldErrors;
  /** Prefix of the API field paths, e.g. `members.2.` or `member.`; makes input ids match issue paths. */
  pathPrefix: string;
};

/**
 * One household member. The NIK is checked as it is typed with the same rules the server applies; a
 * valid NIK fills an empty birth date and sex, and a mismatch with what was typed shows as a warning.
 */
export function MemberFields({ value, onChange, errors, warnings = {}, pathPrefix }: Props) {
  const { t, lang, text } = useI18n();
  const [nikTouched, setNikTouched] = useState(value.nik !== '');
  const set = (patch: Partial<MemberValues>) => onChange({ ...value, ...patch });
  const p = (field: string) => `${pathPrefix}${field}`;

  const feedback = nikFeedback(
    value.nik,
    { birthDate: value.birthDate || null, sex: value.sex || null },
    lang,
  );
  const showNik = nikTouched || value.nik.trim().length >= 16;

  const changeNik = (nik: string) => {
    const parsed = nikFeedback(nik, {}, lang).parsed;
    set({
      nik,
      ...(parsed && !value.birthDate ? { birthDate: parsed.birthDate } : {}),
      ...(parsed && !value.sex ? { sex: parsed.sex } : {}),
    });
  };

  const individual = codebook.individualFields.filter((f) => f.field !== 'relationship');
  return (
    <div className="form-grid">
      <TextField
        path={p('nik')}
        label={t('field.nik')}
        hint={t('form.nikHint')}
        value={value.nik}
        onChange={changeNik}
        onBlur={() => setNikTouched(true)}
        inputMode="numeric"
        autoComplete="off"
        maxLength={16}
        required
        errors={[...(showNik ? feedback.errors : []), ...(errors.nik ?? [])]}
        warnings={[...(showNik ? feedback.warnings : []), ...(warnings.nik ?? [])]}
      />
      <TextField
        path={p('name')}
        label={t('field.name')}
        value={value.name}
        onChange={(v) => set({ name: v })}
        autoComplete="off"
        maxLength={120}
        required
        errors={errors.name}
      />
      <TextField
        path={p('birthPlace')}
        label={t('field.birthPlace')}
        value={value.birthPlace}
        onChange={(v) => set({ birthPlace: v })}
        maxLength={80}
        errors={errors.birthPlace}
      />
      <TextField
        path={p('birthDate')}
        label={t('field.birthDate')}
        type="date"
        value={value.birthDate}
        onChange={(v) => set({ birthDate: v })}
        required
        errors={errors.birthDate}
        warnings={warnings.birthDate}
      />
      <SelectField
        path={p('sex')}
        label={t('field.sex')}
        value={value.sex}
        onChange={(v) => set({ sex: v as MemberValues['sex'] })}
        options={[
          { value: 'M', label: t('sex.M') },
          { value: 'F', label: t('sex.F') },
        ]}
        empty={t('form.choose')}
        required
        errors={errors.sex}
      />
      <CodedSelect
        path={p('relationship')}
        field="relationship"
        label={text(codebook.individualFields[0]!.labels)}
        value={value.relationship}
        onChange={(v) => set({ relationship: v })}
        required
        errors={errors.relationship}
      />
      {value.sex === 'F' && (
        <TriStateField
          path={p('pregnant')}
          label={t('field.pregnant')}
          value={value.pregnant}
          onChange={(v) => set({ pregnant: v })}
          errors={errors.pregnant}
        />
      )}
      {individual.map((f) => (
        <CodedSelect
          key={f.field}
          path={p(f.field)}
          field={f.field}
          label={text(f.labels)}
          value={value.coded[f.field] ?? null}
          onChange={(v) => set({ coded: { ...value.coded, [f.field]: v } })}
          errors={errors[f.field]}
        />
      ))}
      {codebook.individualNumericFields.map((f) => (
        <TextField
          key={f.field}
          path={p(f.field)}
          label={f.unit ? `${text(f.labels)} (${f.unit})` : text(f.labels)}
          value={value.numeric[f.field] ?? ''}
          onChange={(v) => set({ numeric: { ...value.numeric, [f.field]: v } })}
          type="number"
          inputMode="numeric"
          min={f.min}
          max={f.max}
          step={1}
          errors={errors[f.field]}
        />
      ))}
    </div>
  );
}
