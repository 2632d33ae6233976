/**
 * The input of every removal from DTKS, direct (RemovalForm) or proposed (usulan dikeluarkan): a reason from
 * the fixed list (DOMAIN.md §7, src/domain/registry/removal-reasons.ts) and an optional note.
 */
import { useState } from 'react';
import { REMOVAL_REASONS } from '../../../src/domain/registry/removal-reasons.ts';
import { useI18n } from '../i18n/index.tsx';
import { clientError, type FieldErrors } from '../lib/form-errors.ts';
import { SelectField, TextAreaField } from './fields.tsx';

export interface RemovalInput {
  reasonCode: string;
  setReasonCode: (v: string) => void;
  note: string;
  setNote: (v: string) => void;
  /** What the API takes; throws the same client-side error as a server answer when no reason is chosen. */
  body: () => { reasonCode: string; note?: string };
}

export function useRemovalInput(): RemovalInput {
  const { t } = useI18n();
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const body = () => {
    if (!reasonCode) throw clientError({ reasonCode: [t('form.requiredField')] }, t('error.fixFields'));
    return { reasonCode, note: note.trim() || undefined };
  };
  return { reasonCode, setReasonCode, note, setNote, body };
}

/** The reason select and the note; the labels differ between a direct removal and a proposal. */
export function RemovalReasonFields({
  input,
  errors,
  reasonLabel,
  noteLabel,
}: {
  input: RemovalInput;
  errors: FieldErrors;
  reasonLabel: string;
  noteLabel: string;
}) {
  const { t, text } = useI18n();
  return (
    <>
      <SelectField
        path="reasonCode"
        label={reasonLabel}
        value={input.reasonCode}
        onChange={input.setReasonCode}
        options={REMOVAL_REASONS.map((r) => ({ value: r.code, label: text(r.label) }))}
        empty={t('form.choose')}
        required
        errors={errors.reasonCode}
      />
      <TextAreaField
        path="note"
        label={noteLabel}
        value={input.note}
        onChange={input.setNote}
        maxLength={500}
        rows={2}
        errors={errors.note}
      />
    </>
  );
}
