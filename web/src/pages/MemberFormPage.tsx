import { type FormEvent, useMemo, useState } from 'react';
import { HEAD_OF_HOUSEHOLD } from '../../../src/domain/instrument/codebook.ts';
import { households } from '../api/endpoints.ts';
import type { HouseholdDetail, Member, MemberPatch } from '../api/types.ts';
import { CodedSelect } from '../components/CodedSelect.tsx';
import { ErrorSummary, LoadError } from '../components/ErrorSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { MemberFields } from '../components/MemberFields.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { RemovalForm } from '../components/RemovalForm.tsx';
import { WarningConfirm } from '../components/WarningConfirm.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSubmit } from '../hooks/use-submit.ts';
import { useI18n } from '../i18n/index.tsx';
import { clientError, fieldErrors, fieldWarnings, hasErrors, mergeErrors } from '../lib/form-errors.ts';
import { changedOnly, memberBody, memberProblems, memberValues, prefixed } from '../lib/household-form.ts';
import { Link, navigate } from '../router.tsx';

/** Adds a member (`/households/:id/members/new`) or corrects and removes one (`…/members/:personId`). */
export function MemberFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const household = useLoad(['households', params.id], (signal) => households.get(params.id!, signal));
  if (household.error)
    return <LoadError error={household.error} onRetry={household.reload} back={{ to: '/households' }} />;
  const h = household.data;
  if (!h) return <Loading />;
  const member = params.personId ? h.members.find((m) => m.id === params.personId) : undefined;
  if (params.personId && member?.status !== 'active') {
    return (
      <>
        <PageHeader title={t('member.editTitle')} />
        <p>{t('member.notFound')}</p>
        <Link to={`/households/${h.id}?tab=members`}>{t('common.back')}</Link>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={member ? t('member.editTitle') : t('member.addTitle')}
        subtitle={`${member ? `${member.name} · ` : ''}${t('member.ofHousehold', { head: h.headName })}`}
      />
      <MemberForm h={h} member={member} />
      {member && (
        <section className="card narrow danger-zone" aria-labelledby="remove-member">
          <h2 id="remove-member">{t('member.removeTitle')}</h2>
          <p>{t('member.removeExplain')}</p>
          <RemovalForm
            send={(body) => households.removeMember(h.id, member.id, { ...body, version: h.version })}
            onDone={() => navigate(`/households/${h.id}?tab=members`)}
            submitLabel={t('member.removeSubmit')}
          />
        </section>
      )}
    </>
  );
}

function MemberForm({ h, member }: { h: HouseholdDetail; member?: Member }) {
  const { t, lang } = useI18n();
  const initial = useMemo(() => memberValues(member), [member]);
  const [value, setValue] = useState(initial);
  const [reason, setReason] = useState('');
  const [previousHeadRelationship, setPreviousHeadRelationship] = useState<number | null>(null);
  const prefix = member ? '' : 'member.';
  // Making someone else head: the current head's new relationship travels in the same request.
  const currentHead = h.members.find((m) => m.status === 'active' && m.relationship === HEAD_OF_HOUSEHOLD);
  const replacesHead =
    member !== undefined &&
    currentHead !== undefined &&
    currentHead.id !== member.id &&
    value.relationship === HEAD_OF_HOUSEHOLD;

  const { error, busy, submit, setError } = useSubmit(
    async (confirmWarnings) => {
      const problems = mergeErrors(
        prefixed(memberProblems(value, t, lang), prefix),
        reason.trim().length < 3 ? { reason: [t('form.reasonRequired')] } : {},
        replacesHead && previousHeadRelationship === null
          ? { previousHeadRelationship: [t('form.requiredField')] }
          : {},
      );
      if (hasErrors(problems)) throw clientError(problems, t('error.fixFields'));
      const common = {
        version: h.version,
        reason: reason.trim(),
        confirmWarnings: confirmWarnings || undefined,
      };
      if (!member) return households.addMember(h.id, { ...common, member: memberBody(value) });
      const changes = changedOnly(
        memberBody(initial) as unknown as Record<string, unknown>,
        memberBody(value) as unknown as Record<string, unknown>,
      );
      if (Object.keys(changes).length === 0) throw clientError({}, t('form.noChanges'));
      const head = replacesHead ? { previousHeadRelationship: previousHeadRelationship ?? undefined } : {};
      return households.updateMember(h.id, member.id, { ...common, ...changes, ...head } as MemberPatch);
    },
    () => navigate(`/households/${h.id}?tab=members`),
  );

  // The add request nests the member under `member.`; the reason is at the top of both requests.
  const errors = fieldErrors(error, prefix);
  const reasonErrors = fieldErrors(error).reason;
  const warnings = fieldWarnings(error, prefix);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <ErrorSummary error={error} />
      <fieldset className="card form-section">
        <legend>{t('member.data')}</legend>
        <MemberFields
          value={value}
          onChange={setValue}
          errors={errors}
          warnings={warnings}
          pathPrefix={prefix}
        />
        {replacesHead && (
          <div className="form-grid head-change">
            <CodedSelect
              path="previousHeadRelationship"
              field="relationship"
              exclude={[HEAD_OF_HOUSEHOLD]}
              label={t('member.previousHead', { name: currentHead.name })}
              hint={t('member.previousHeadHint')}
              value={previousHeadRelationship}
              onChange={setPreviousHeadRelationship}
              required
              errors={errors.previousHeadRelationship}
            />
          </div>
        )}
      </fieldset>
      <div className="card form-section">
        <ReasonField value={reason} onChange={setReason} errors={reasonErrors} />
      </div>
      <WarningConfirm
        error={error}
        busy={busy}
        onConfirm={() => void submit(true)}
        onCancel={() => setError(null)}
      />
      <div className="actions actions--end">
        <Link className="button" to={`/households/${h.id}?tab=members`}>
          {t('common.cancel')}
        </Link>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
