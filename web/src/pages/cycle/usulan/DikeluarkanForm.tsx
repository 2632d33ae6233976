/**
 * A removal proposal: the reason from the fixed list (src/domain/registry/removal-reasons.ts) and an
 * optional note. The household leaves DTKS only when the Dinas Sosial approves; nothing is deleted.
 */
import type { FormEvent } from 'react';
import type { HouseholdDetail } from '../../../api/types.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { RemovalReasonFields, useRemovalInput } from '../../../components/RemovalReasonFields.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { fieldErrors } from '../../../lib/form-errors.ts';
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
  const { m } = useUsulanI18n();
  const input = useRemovalInput();
  const { error, busy, submit } = useSubmit(
    async () => usulanApi.create({ kind: 'dikeluarkan', householdId: h.id, ...input.body() }),
    onCreated,
  );
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
        <RemovalReasonFields
          input={input}
          errors={errors}
          reasonLabel={m('remove.reason')}
          noteLabel={m('remove.note')}
        />
      </section>
      <ProposalSave busy={busy} />
    </form>
  );
}
