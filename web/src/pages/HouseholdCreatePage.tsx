import { type FormEvent, useState } from 'react';
import { households } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { HouseholdCreate } from '../api/types.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { HouseholdFields } from '../components/HouseholdFields.tsx';
import { InstrumentFields } from '../components/InstrumentFields.tsx';
import { MemberRows, useMemberRows } from '../components/MemberRows.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { WarningConfirm } from '../components/WarningConfirm.tsx';
import { useSubmit } from '../hooks/use-submit.ts';
import { useI18n } from '../i18n/index.tsx';
import { clientError, fieldErrors, fieldWarnings, hasErrors, mergeErrors } from '../lib/form-errors.ts';
import {
  householdBody,
  householdValues,
  memberBody,
  memberProblems,
  prefixed,
} from '../lib/household-form.ts';
import { Link, navigate } from '../router.tsx';
import { useUser } from '../session.tsx';

export function HouseholdCreatePage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const [values, setValues] = useState(() =>
    householdValues(undefined, regionLevel(user.regionCode) === 4 ? user.regionCode : ''),
  );
  const memberRows = useMemberRows();
  const members = memberRows.rows;
  const [reason, setReason] = useState('');

  const { error, busy, submit, setError } = useSubmit(
    async (confirmWarnings) => {
      const { body, errors } = householdBody(values, t);
      const problems = mergeErrors(
        errors,
        regionLevel(values.regionCode) === 4 ? {} : { regionCode: [t('form.chooseVillage')] },
        ...members.map((m, i) => prefixed(memberProblems(m.value, t, lang), `members.${i}.`)),
      );
      if (hasErrors(problems)) throw clientError(problems, t('error.fixFields'));
      const payload = {
        ...body,
        regionCode: values.regionCode,
        members: members.map((m) => memberBody(m.value)),
        reason: reason.trim() || undefined,
        confirmWarnings: confirmWarnings || undefined,
      } as HouseholdCreate;
      return households.create(payload);
    },
    (created) => navigate(`/households/${created.id}`),
  );

  const errors = fieldErrors(error);
  const warnings = fieldWarnings(error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  return (
    <>
      <PageHeader title={t('householdForm.createTitle')} subtitle={t('householdForm.createIntro')} />
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error} />
        <HouseholdFields values={values} onChange={setValues} errors={errors} regionRoot={user.regionCode} />
        <InstrumentFields values={values} onChange={setValues} errors={errors} />
        <MemberRows
          rows={members}
          onChange={memberRows.set}
          onAdd={memberRows.add}
          onRemove={memberRows.remove}
          errors={errors}
          warnings={warnings}
        />
        <div className="card form-section">
          <ReasonField value={reason} onChange={setReason} required={false} errors={errors.reason} />
        </div>
        <WarningConfirm
          error={error}
          busy={busy}
          onConfirm={() => void submit(true)}
          onCancel={() => setError(null)}
        />
        <div className="actions actions--end">
          <Link className="button" to="/households">
            {t('common.cancel')}
          </Link>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('householdForm.create')}
          </button>
        </div>
      </form>
    </>
  );
}
