/** Inputs that several record forms share. */
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../lib/form-errors.ts';
import { nikFeedback } from '../lib/nik.ts';
import { TextAreaField, TextField } from './fields.tsx';
import { RegionPicker } from './RegionPicker.tsx';

/**
 * An optional NIK, as the social registers take it. Once all 16 digits are typed it is checked in the
 * browser; given `known` (the birth date and sex entered), a NIK that disagrees with them is a warning.
 */
export function OptionalNikField({
  value,
  onChange,
  errors,
  known,
  hint,
}: {
  value: string;
  onChange: (v: string) => void;
  /** Why the NIK may be empty on this register's form. */
  hint: string;
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
      hint={hint}
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

/**
 * The village of a record being registered, chosen inside `root`. Without `root` (a correction) nothing
 * shows: a record keeps its village.
 */
export function VillageField({
  root,
  value,
  onChange,
  legend,
  errors,
}: {
  root: string | undefined;
  value: string;
  onChange: (code: string) => void;
  /** Defaults to "village". */
  legend?: string;
  errors?: string[];
}) {
  const { t } = useI18n();
  if (root === undefined) return null;
  return (
    <RegionPicker
      root={root}
      value={value}
      onChange={onChange}
      legend={legend ?? t('field.village')}
      mode="choose"
      errors={errors}
    />
  );
}

/** The street address, across two grid columns. */
export function AddressField({
  value,
  onChange,
  errors,
  required,
}: {
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  required?: boolean;
}) {
  const { t } = useI18n();
  return (
    <TextField
      path="address"
      className="span-2"
      label={t('field.address')}
      value={value}
      onChange={onChange}
      maxLength={300}
      required={required}
      errors={errors}
    />
  );
}

/** Free-text notes on a register record. */
export function NotesField({
  value,
  onChange,
  errors,
  className,
}: {
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <TextAreaField
      path="notes"
      className={className}
      label={t('field.notes')}
      value={value}
      onChange={onChange}
      maxLength={1000}
      errors={errors}
    />
  );
}
