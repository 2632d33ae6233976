import type { FormEvent } from 'react';
import { useSubmit } from '../hooks/use-submit.ts';
import { useI18n } from '../i18n/index.tsx';
import { fieldErrors } from '../lib/form-errors.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { RemovalReasonFields, useRemovalInput } from './RemovalReasonFields.tsx';

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
  const { t } = useI18n();
  const input = useRemovalInput();
  const { error, busy, submit } = useSubmit(async () => send(input.body()), onDone);
  const errors = fieldErrors(error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <ErrorSummary error={error} />
      <RemovalReasonFields
        input={input}
        errors={errors}
        reasonLabel={t('field.reasonCode')}
        noteLabel={t('field.note')}
      />
      <div className="actions">
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
