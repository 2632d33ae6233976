/** Uploading one CSV file through a form: the file input with its hint, and the submit that needs a file. */
import { type FormEvent, useState } from 'react';
import { useSubmit } from '../hooks/use-submit.ts';
import { useI18n } from '../i18n/index.tsx';
import { clientError } from '../lib/form-errors.ts';
import { fieldId } from './fields.tsx';

/**
 * The form's state: the chosen file, and `onSubmit` that refuses to send without one (`missing` is shown
 * against field `path`) and otherwise sends it with `send`.
 */
export function useCsvUpload<T>(
  path: string,
  missing: string,
  send: (file: File) => Promise<T>,
  onDone: (result: T) => void,
) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const { error, busy, submit } = useSubmit(async () => {
    if (!file) throw clientError({ [path]: [missing] }, t('error.fixFields'));
    return send(file);
  }, onDone);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return { setFile, error, busy, onSubmit };
}

export function CsvFileField({
  path,
  label,
  hint,
  onChange,
}: {
  path: string;
  label: string;
  hint: string;
  onChange: (file: File | null) => void;
}) {
  const id = fieldId(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
