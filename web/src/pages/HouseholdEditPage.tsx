import { type FormEvent, useMemo, useState } from 'react';
import { households } from '../api/endpoints.ts';
import type { HouseholdDetail, HouseholdPatch } from '../api/types.ts';
import { ErrorSummary, LoadError } from '../components/ErrorSummary.tsx';
import { HouseholdFields } from '../components/HouseholdFields.tsx';
import { InstrumentFields } from '../components/InstrumentFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { WarningConfirm } from '../components/WarningConfirm.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSubmit } from '../hooks/use-submit.ts';
import { useI18n } from '../i18n/index.tsx';
import { clientError, fieldErrors, hasErrors } from '../lib/form-errors.ts';
import { changedOnly, householdBody, householdValues } from '../lib/household-form.ts';
import { Link, navigate } from '../router.tsx';

export function HouseholdEditPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const household = useLoad(['households', params.id], (signal) => households.get(params.id!, signal));
  if (household.error)
    return <LoadError error={household.error} onRetry={household.reload} back={{ to: '/households' }} />;
  if (!household.data) return <Loading />;
  return (
    <>
      <PageHeader title={t('householdForm.editTitle')} subtitle={household.data.headName} />
      <EditForm h={household.data} />
    </>
  );
}

function EditForm({ h }: { h: HouseholdDetail }) {
  const { t } = useI18n();
  const initial = useMemo(() => householdValues(h), [h]);
  const [values, setValues] = useState(initial);
  const [reason, setReason] = useState('');

  const { error, busy, submit, setError } = useSubmit(
    async (confirmWarnings) => {
      const before = householdBody(initial, t).body;
      const { body, errors } = householdBody(values, t);
      if (reason.trim().length < 3) errors.reason = [t('form.reasonRequired')];
      if (hasErrors(errors)) throw clientError(errors, t('error.fixFields'));
      const changes = changedOnly(before, body);
      if (Object.keys(changes).length === 0) throw clientError({}, t('form.noChanges'));
      const patch = {
        ...changes,
        version: h.version,
        reason: reason.trim(),
        confirmWarnings: confirmWarnings || undefined,
      } as HouseholdPatch;
      return households.update(h.id, patch);
    },
    (updated) => navigate(`/households/${updated.id}`),
  );
  const errors = fieldErrors(error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <ErrorSummary error={error} />
      <p className="muted">
        {t('householdForm.regionFixed', { region: h.regionPath.map((r) => r.name).join(' › ') })}
      </p>
      <HouseholdFields values={values} onChange={setValues} errors={errors} />
      <InstrumentFields values={values} onChange={setValues} errors={errors} />
      <div className="card form-section">
        <ReasonField value={reason} onChange={setReason} errors={errors.reason} />
      </div>
      <WarningConfirm
        error={error}
        busy={busy}
        onConfirm={() => void submit(true)}
        onCancel={() => setError(null)}
      />
      <div className="actions actions--end">
        <Link className="button" to={`/households/${h.id}`}>
          {t('common.cancel')}
        </Link>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
