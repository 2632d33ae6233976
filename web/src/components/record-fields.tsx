/** Inputs that several record forms share. */
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../lib/form-errors.ts';
import { nikFeedback } from '../lib/nik.ts';
import { TextField } from './fields.tsx';

/**
 * An optional NIK, as the social registers take it. Once all 16 digits are typed it is checked in the
 * browser; given `known` (the birth date and sex entered), a NIK that disagrees with them is a warning.
 */
export function OptionalNikField({
  value,
  onChange,
  errors,
  known,
}: {
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  known?: { birthDate: string | null; sex: 'M' | 'F' | null };
}) {
  const { t, lang } = useI18n();
  const feedback = nikFeedback(value, known ?? {}, lang);
  const complete = value.trim().length >= 16;
  return (
    <TextField
      path="nik"
      label={t('field.nik')}
      hint={t('ppks.nikOptional')}
      value={value}
      onChange={onChange}
      inputMode="numeric"
      maxLength={16}
      autoComplete="off"
      errors={[...(complete ? feedback.errors : []), ...(errors ?? [])]}
      warnings={known && complete ? feedback.warnings : undefined}
    />
  );
}

/** RW and RT: up to three digits each. */
export function RwRtFields({
  rw,
  rt,
  onChange,
  errors,
  required,
}: {
  rw: string;
  rt: string;
  onChange: (patch: { rw?: string; rt?: string }) => void;
  errors: FieldErrors;
  required?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        path="rw"
        label={t('field.rw')}
        value={rw}
        onChange={(v) => onChange({ rw: v })}
        inputMode="numeric"
        maxLength={3}
        required={required}
        errors={errors.rw}
      />
      <TextField
        path="rt"
        label={t('field.rt')}
        value={rt}
        onChange={(v) => onChange({ rt: v })}
        inputMode="numeric"
        maxLength={3}
        required={required}
        errors={errors.rt}
      />
    </>
  );
}
