import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { persons } from '../api/endpoints.ts';
import type { PersonLookupAnswer } from '../api/types.ts';
import { LoadError } from '../components/ErrorSummary.tsx';
import { TextField } from '../components/fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { nikFeedback } from '../lib/nik.ts';
import { Link, useQueryState } from '../router.tsx';

export function PersonLookupPage() {
  const { t, lang } = useI18n();
  const [query, setQuery] = useQueryState();
  const nik = query.get('nik') ?? '';
  const purpose = query.get('purpose') ?? '';
  const [draft, setDraft] = useState(nik);
  const [purposeDraft, setPurposeDraft] = useState(purpose);
  useEffect(() => setDraft(nik), [nik]);
  useEffect(() => setPurposeDraft(purpose), [purpose]);
  const [touched, setTouched] = useState(false);
  const feedback = nikFeedback(draft, {}, lang);
  const purposeMissing = purposeDraft.trim().length < 3;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (feedback.errors.length || !draft.trim() || purposeMissing) return;
    setQuery({ nik: draft.trim(), purpose: purposeDraft.trim() });
  };

  return (
    <>
      <PageHeader title={t('persons.title')} subtitle={t('persons.intro')} />
      <form className="card narrow inline-form" onSubmit={onSubmit} noValidate>
        <TextField
          path="nik"
          label={t('field.nik')}
          hint={t('form.nikHint')}
          value={draft}
          onChange={setDraft}
          onBlur={() => setTouched(true)}
          inputMode="numeric"
          maxLength={16}
          autoComplete="off"
          errors={touched || draft.length >= 16 ? feedback.errors : undefined}
          warnings={feedback.warnings}
        />
        <TextField
          path="purpose"
          label={t('persons.purpose')}
          hint={t('persons.purposeHint')}
          value={purposeDraft}
          onChange={setPurposeDraft}
          maxLength={200}
          autoComplete="off"
          errors={touched && purposeMissing ? [t('persons.purposeRequired')] : undefined}
        />
        <button type="submit" className="button button--primary">
          {t('persons.search')}
        </button>
      </form>
      {nik && purpose.trim().length >= 3 && <PersonResult nik={nik} purpose={purpose} />}
    </>
  );
}

function PersonResult({ nik, purpose }: { nik: string; purpose: string }) {
  const { t } = useI18n();
  const result = useLoad(['persons', nik, purpose], (signal) => persons.byNik(nik, purpose, signal));
  if (result.error) {
    if (result.error instanceof ApiError && result.error.status === 404) {
      return (
        <p className="empty" role="status">
          {t('persons.notFound', { nik })}
        </p>
      );
    }
    return <LoadError error={result.error} onRetry={result.reload} />;
  }
  if (!result.data) return <Loading />;
  return <PersonCard data={result.data} />;
}

function PersonCard({ data }: { data: PersonLookupAnswer }) {
  const { t, lang } = useI18n();
  const { person: p, household: h } = data;
  const row = (field: string, value: unknown) => (
    <div key={field}>
      <dt>{fieldLabel(field, lang, t)}</dt>
      <dd>{formatFieldValue(field, value, lang, t)}</dd>
    </div>
  );
  return (
    <section className="card" aria-labelledby="person-name" role="status">
      <h2 id="person-name">
        {p.name} <StatusBadge status={p.status} />
      </h2>
      <dl className="dl-grid">
        {row('nik', p.nik)}
        {row('birthPlace', p.birthPlace)}
        {row('birthDate', p.birthDate)}
        {row('sex', p.sex)}
        {row('relationship', p.relationship)}
        {row('maritalStatus', p.maritalStatus)}
        {row('schoolParticipation', p.schoolParticipation)}
        {row('occupationSector', p.occupationSector)}
      </dl>
      <h3>{t('persons.household')}</h3>
      <p>
        <Link to={`/households/${h.id}`}>{h.headName}</Link> · {t('field.kkNumber')}{' '}
        <span className="mono">{h.kkNumber}</span> <StatusBadge status={h.status} />
      </p>
      <p>
        {h.address}, RW {h.rw} / RT {h.rt}
        <br />
        <span className="muted">{data.regionPath.map((r) => r.name).join(' › ')}</span>
      </p>
    </section>
  );
}
