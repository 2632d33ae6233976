import { useI18n } from '../i18n/index.tsx';
import { TextAreaField } from './fields.tsx';

/** Every correction says why: the reason is stored with the new version and shown in the history. */
export function ReasonField({
  value,
  onChange,
  errors,
  required = true,
}: {
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  required?: boolean;
}) {
  const { t } = useI18n();
  return (
    <TextAreaField
      path="reason"
      label={required ? t('field.reason') : t('form.noteOptional')}
      hint={required ? t('form.reasonHint') : t('form.noteHint')}
      value={value}
      onChange={onChange}
      required={required}
      maxLength={500}
      rows={2}
      errors={errors}
    />
  );
}
