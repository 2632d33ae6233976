import { type FormEvent, useState } from 'react';
import { REMOVAL_REASONS } from '../../../src/domain/registry/removal-reasons.ts';
import { useSubmit } from '../hooks/use-submit.ts';
import { useI18n } from '../i18n/index.tsx';
import { clientError, fieldErrors } from '../lib/form-errors.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { SelectField, TextAreaField } from './fields.tsx';

/**
 * Taking a record out of DTKS: a reason from the fixed list (DOMAIN.md §7) and an optional note. Nothing is
 * deleted; the record keeps its history and shows as removed.
 */
export function RemovalForm<T>({
  send,
  onDone,
  submitLabel,
}: {
  send: (body: { reasonCode: string; note?: string }) => Promise<T>;
  onDone: (result: T) => void;
  submitLabel: string;
}) {
  const { t, text } = useI18n();
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    if (!reasonCode) throw clientError({ reasonCode: [t('form.requiredField')] }, t('error.fixFields'));
    return send({ reasonCode, note: note.trim() || undefined });
  }, onDone);
  const errors = fieldErrors(error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <ErrorSummary error={error} />
      <SelectField
        path="reasonCode"
        label={t('field.reasonCode')}
        value={reasonCode}
        onChange={setReasonCode}
        options={REMOVAL_REASONS.map((r) => ({ value: r.code, label: text(r.label) }))}
        empty={t('form.choose')}
        required
        errors={errors.reasonCode}
      />
      <TextAreaField
        path="note"
        label={t('field.note')}
        value={note}
        onChange={setNote}
        maxLength={500}
        rows={2}
        errors={errors.note}
      />
      <div className="actions">
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
