/**
 * A removal proposal: the reason from the fixed list (src/domain/registry/removal-reasons.ts) and an
 * optional note. The household leaves DTKS only when the Dinas Sosial approves; nothing is deleted.
 */
import { type FormEvent, useState } from 'react';
import { REMOVAL_REASONS } from '../../../../../src/domain/registry/removal-reasons.ts';
import type { HouseholdDetail } from '../../../api/types.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../../../components/fields.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { clientError, fieldErrors } from '../../../lib/form-errors.ts';
import { HouseholdIssues, ProposalSave } from './ProposalFormParts.tsx';
import { type UsulanView, usulanApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import { splitIssues } from './usulan-form.ts';

export function DikeluarkanForm({
  h,
  onCreated,
}: {
  h: HouseholdDetail;
  onCreated: (u: UsulanView) => void;
}) {
  const { m, t, text } = useUsulanI18n();
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    if (!reasonCode) throw clientError({ reasonCode: [t('form.requiredField')] }, t('error.fixFields'));
    return usulanApi.create({
      kind: 'dikeluarkan',
      householdId: h.id,
      reasonCode,
      note: note.trim() || undefined,
    });
  }, onCreated);
  const errors = fieldErrors(error);
  const split = splitIssues(error, 'householdId');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="stack" aria-label={m('kind.dikeluarkan')}>
      <ErrorSummary error={split.rest} />
      <HouseholdIssues messages={split.lifted} />
      <section className="card form-section stack">
        <p>{m('remove.intro')}</p>
        <SelectField
          path="reasonCode"
          label={m('remove.reason')}
          value={reasonCode}
          onChange={setReasonCode}
          options={REMOVAL_REASONS.map((r) => ({ value: r.code, label: text(r.label) }))}
          empty={t('form.choose')}
          required
          errors={errors.reasonCode}
        />
        <TextAreaField
          path="note"
          label={m('remove.note')}
          value={note}
          onChange={setNote}
          maxLength={500}
          rows={2}
          errors={errors.note}
        />
      </section>
      <ProposalSave busy={busy} />
    </form>
  );
}
