/**
 * A new-household proposal: the household form the registry uses (address, instrument, every member), sent
 * as `{ kind: 'baru', household, reason }`. The server's issues (`household.members.2.nik`) show at the
 * inputs; warnings (e.g. a NIK whose birth date differs) go through the confirmation step, and a number held
 * in another region gets a plain explanation.
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { HouseholdCreate, HouseholdDetail, Member } from '../../../api/types.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { HouseholdFields } from '../../../components/HouseholdFields.tsx';
import { InstrumentFields } from '../../../components/InstrumentFields.tsx';
import { MemberRows, useMemberRows } from '../../../components/MemberRows.tsx';
import { WarningConfirm } from '../../../components/WarningConfirm.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { clientError, fieldErrors, fieldWarnings, hasErrors, mergeErrors } from '../../../lib/form-errors.ts';
import {
  householdBody,
  householdValues,
  memberBody,
  memberProblems,
  memberValues,
  prefixed,
} from '../../../lib/household-form.ts';
import { useUser } from '../../../session.tsx';
import { ProposalReason, ProposalSave, ProposalUnavailable, reasonProblems } from './ProposalFormParts.tsx';
import { type UsulanCreateBody, usulanApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import { baruField, remapIssues } from './usulan-form.ts';

type Household = Omit<HouseholdCreate, 'reason' | 'confirmWarnings'>;

/**
 * `send` makes the proposal (default: `POST /usulan`); the offline app passes one that queues it as a
 * `usulan.draft` change instead, so both use this one form. `initial` and `initialError` reopen a queued
 * proposal the server refused, its problems shown at the inputs.
 */
export function BaruForm<T>({
  onCreated,
  send = usulanApi.create as (body: UsulanCreateBody) => Promise<T>,
  initial,
  initialError,
}: {
  onCreated: (u: T) => void;
  send?: (body: UsulanCreateBody) => Promise<T>;
  initial?: { household: Household; reason: string };
  initialError?: unknown;
}) {
  const { m, t, lang } = useUsulanI18n();
  const user = useUser();
  // An operator's territory is their village: the proposal is always for it.
  const [values, setValues] = useState(() =>
    householdValues(initial?.household as unknown as HouseholdDetail | undefined, user.regionCode),
  );
  const memberRows = useMemberRows(initial?.household.members.map((x) => memberValues(x as Member)));
  const [reason, setReason] = useState(initial?.reason ?? '');

  const { error, busy, submit, setError } = useSubmit(async (confirmWarnings) => {
    const { body, errors } = householdBody(values, t);
    const problems = mergeErrors(
      errors,
      ...memberRows.rows.map((r, i) => prefixed(memberProblems(r.value, t, lang), `members.${i}.`)),
      reasonProblems(reason, m('new.reasonRequired')),
    );
    if (hasErrors(problems)) throw clientError(problems, t('error.fixFields'));
    const household = {
      ...body,
      regionCode: values.regionCode,
      members: memberRows.rows.map((r) => memberBody(r.value)),
    } as Household;
    try {
      return await send({
        kind: 'baru',
        household,
        reason: reason.trim(),
        confirmWarnings: confirmWarnings || undefined,
      });
    } catch (err) {
      throw remapIssues(err, baruField);
    }
  }, onCreated);

  useEffect(() => {
    if (initialError) setError(remapIssues(initialError, baruField));
  }, [initialError, setError]);

  const errors = fieldErrors(error);
  const warnings = fieldWarnings(error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="stack" aria-label={m('kind.baru')}>
      <ErrorSummary error={error} />
      <ProposalUnavailable error={error} />
      <HouseholdFields values={values} onChange={setValues} errors={errors} regionRoot={user.regionCode} />
      <InstrumentFields values={values} onChange={setValues} errors={errors} />
      <MemberRows
        rows={memberRows.rows}
        onChange={memberRows.set}
        onAdd={memberRows.add}
        onRemove={memberRows.remove}
        errors={errors}
        warnings={warnings}
      />
      <ProposalReason value={reason} onChange={setReason} errors={errors.reason} />
      <WarningConfirm
        error={error}
        busy={busy}
        onConfirm={() => void submit(true)}
        onCancel={() => setError(null)}
      />
      <ProposalSave busy={busy} />
    </form>
  );
}
