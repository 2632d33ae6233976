import { type FormEvent, useRef, useState } from 'react';
import { HEAD_OF_HOUSEHOLD } from '../../../src/domain/instrument/codebook.ts';
import { households } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { HouseholdCreate } from '../api/types.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { HouseholdFields } from '../components/HouseholdFields.tsx';
import { InstrumentFields } from '../components/InstrumentFields.tsx';
import { MemberFields } from '../components/MemberFields.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { WarningConfirm } from '../components/WarningConfirm.tsx';
import { useSubmit } from '../hooks/use-submit.ts';
import { useI18n } from '../i18n/index.tsx';
import {
  clientError,
  fieldErrors,
  fieldWarnings,
  hasErrors,
  mergeErrors,
  under,
} from '../lib/form-errors.ts';
import {
  householdBody,
  householdValues,
  type MemberValues,
  memberBody,
  memberProblems,
  memberValues,
  prefixed,
} from '../lib/household-form.ts';
import { Link, navigate } from '../router.tsx';
import { useUser } from '../session.tsx';

const MAX_MEMBERS = 40;

export function HouseholdCreatePage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const [values, setValues] = useState(() =>
    householdValues(undefined, regionLevel(user.regionCode) === 4 ? user.regionCode : ''),
  );
  const nextKey = useRef(1);
  const [members, setMembers] = useState<{ key: number; value: MemberValues }[]>(() => [
    { key: 0, value: { ...memberValues(), relationship: HEAD_OF_HOUSEHOLD } },
  ]);
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
  const setMember = (key: number, value: MemberValues) =>
    setMembers((list) => list.map((m) => (m.key === key ? { key, value } : m)));
  const addMember = () => setMembers((list) => [...list, { key: nextKey.current++, value: memberValues() }]);
  const removeMember = (key: number) => setMembers((list) => list.filter((m) => m.key !== key));

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
        <section className="card form-section" aria-labelledby="members-title">
          <h2 id="members-title">{t('household.tabMembers')}</h2>
          {errors.members && <p className="field__error">{errors.members.join(' ')}</p>}
          {members.map((m, i) => (
            <fieldset key={m.key} className="member-row">
              <legend>{t('member.numbered', { n: i + 1 })}</legend>
              <MemberFields
                value={m.value}
                onChange={(v) => setMember(m.key, v)}
                errors={under(errors, `members.${i}.`)}
                warnings={under(warnings, `members.${i}.`)}
                pathPrefix={`members.${i}.`}
              />
              {members.length > 1 && (
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  onClick={() => removeMember(m.key)}
                >
                  {t('member.removeRow', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          ))}
          <button
            type="button"
            className="button"
            onClick={addMember}
            disabled={members.length >= MAX_MEMBERS}
          >
            + {t('household.addMember')}
          </button>
        </section>
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
