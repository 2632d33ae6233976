import { type FormEvent, useMemo, useState } from 'react';
import { psksKind } from '../../../src/domain/registry/ppks-psks.ts';
import { psks } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { PsksDetail, PsksInput, PsksPatch } from '../api/types.ts';
import { ErrorSummary, LoadError } from '../components/ErrorSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PsksFields, type PsksValues } from '../components/PsksFields.tsx';
import { ReasonField } from '../components/ReasonField.tsx';
import { RecordHistoryView } from '../components/RecordHistoryView.tsx';
import { RemovalForm } from '../components/RemovalForm.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { TabPanel, Tabs } from '../components/Tabs.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSubmit } from '../hooks/use-submit.ts';
import { type Translate, useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { clientError, type FieldErrors, fieldErrors, hasErrors } from '../lib/form-errors.ts';
import { changedOnly } from '../lib/household-form.ts';
import { Link, navigate, useQueryState } from '../router.tsx';
import { useSession, useUser } from '../session.tsx';

function valuesFrom(d: PsksDetail | undefined, regionCode: string): PsksValues {
  return {
    kind: d?.kind ?? '',
    name: d?.name ?? '',
    nik: d?.nik ?? '',
    regionCode: d?.regionCode ?? regionCode,
    address: d?.address ?? '',
    phone: d?.phone ?? '',
    email: d?.email ?? '',
    notes: d?.notes ?? '',
  };
}

function bodyFrom(v: PsksValues) {
  const institution = psksKind(v.kind)?.isInstitution ?? false;
  return {
    kind: v.kind,
    name: v.name.trim(),
    nik: institution ? null : v.nik.trim() || null,
    address: v.address.trim() || null,
    phone: v.phone.trim() || null,
    email: v.email.trim() || null,
    notes: v.notes.trim() || null,
  };
}

function problems(v: PsksValues, t: Translate, needRegion: boolean): FieldErrors {
  const out: FieldErrors = {};
  if (!v.kind) out.kind = [t('form.requiredField')];
  if (!v.name.trim()) out.name = [t('form.requiredField')];
  if (needRegion && regionLevel(v.regionCode) !== 4) out.regionCode = [t('form.chooseVillage')];
  return out;
}

export function PsksFormPage({ params }: { params: Record<string, string> }) {
  return params.id ? <ExistingPsks id={params.id} /> : <NewPsks />;
}

function NewPsks() {
  const { t } = useI18n();
  const user = useUser();
  const [values, setValues] = useState(() =>
    valuesFrom(undefined, regionLevel(user.regionCode) === 4 ? user.regionCode : ''),
  );
  const { error, busy, submit } = useSubmit(
    async () => {
      const p = problems(values, t, true);
      if (hasErrors(p)) throw clientError(p, t('error.fixFields'));
      return psks.create({ ...bodyFrom(values), regionCode: values.regionCode } as PsksInput);
    },
    (created) => navigate(`/psks/${created.id}`),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return (
    <>
      <PageHeader title={t('psks.addTitle')} />
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error} />
        <PsksFields
          values={values}
          onChange={setValues}
          errors={fieldErrors(error)}
          regionRoot={user.regionCode}
        />
        <div className="actions actions--end">
          <Link className="button" to="/psks">
            {t('common.cancel')}
          </Link>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </>
  );
}

function ExistingPsks({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const tab = query.get('tab') === 'history' ? 'history' : 'data';
  const record = useLoad((signal) => psks.get(id, signal), [id]);
  if (record.error) return <LoadError error={record.error} onRetry={record.reload} />;
  const d = record.data;
  if (!d) return <Loading />;
  const writable = can('social.write') && d.status === 'active';
  return (
    <>
      <PageHeader
        title={d.name}
        subtitle={
          <>
            <KindLabel kind={d.kind} /> <StatusBadge status={d.status} />
          </>
        }
      />
      <p className="region-path">{d.regionPath.map((r) => r.name).join(' › ')}</p>
      <Tabs
        label={t('household.sections')}
        current={tab}
        onChange={(next) => setQuery({ tab: next === 'data' ? undefined : next })}
        tabs={[
          { id: 'data', label: t('household.tabData') },
          { id: 'history', label: t('household.tabHistory') },
        ]}
      />
      <TabPanel id={tab}>
        {tab === 'history' ? (
          <RecordHistoryView load={(signal) => psks.history(d.id, signal)} version={d.version} />
        ) : writable ? (
          <>
            <EditPsks d={d} onSaved={record.setData} />
            <section className="card narrow danger-zone" aria-labelledby="remove-psks">
              <h2 id="remove-psks">{t('psks.removeTitle')}</h2>
              <RemovalForm
                send={(body) => psks.remove(d.id, { ...body, version: d.version })}
                onDone={record.setData}
                submitLabel={t('psks.removeSubmit')}
              />
            </section>
          </>
        ) : (
          <PsksView d={d} />
        )}
      </TabPanel>
    </>
  );
}

function KindLabel({ kind }: { kind: string }) {
  const { t, lang } = useI18n();
  return <span>{formatFieldValue('kind', kind, lang, t)}</span>;
}

function PsksView({ d }: { d: PsksDetail }) {
  const { t, lang } = useI18n();
  const fields = ['kind', 'nik', 'address', 'phone', 'email', 'notes', 'removalReason'] as const;
  return (
    <section className="card">
      <dl className="dl-grid">
        {fields.map((f) => (
          <div key={f}>
            <dt>{fieldLabel(f, lang, t)}</dt>
            <dd>{formatFieldValue(f, d[f], lang, t)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function EditPsks({ d, onSaved }: { d: PsksDetail; onSaved: (d: PsksDetail) => void }) {
  const { t } = useI18n();
  const initial = useMemo(() => valuesFrom(d, d.regionCode), [d]);
  const [values, setValues] = useState(initial);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const { error, busy, submit } = useSubmit(
    async () => {
      const p = problems(values, t, false);
      if (reason.trim().length < 3) p.reason = [t('form.reasonRequired')];
      if (hasErrors(p)) throw clientError(p, t('error.fixFields'));
      const changes = changedOnly(bodyFrom(initial), bodyFrom(values));
      if (!Object.keys(changes).length) throw clientError({}, t('form.noChanges'));
      return psks.update(d.id, { ...changes, version: d.version, reason: reason.trim() } as PsksPatch);
    },
    (updated) => {
      setSaved(true);
      setReason('');
      onSaved(updated);
    },
  );
  const errors = fieldErrors(error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void submit();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      {saved && (
        <p className="alert alert--success" role="status">
          {t('form.saved')}
        </p>
      )}
      <ErrorSummary error={error} />
      <PsksFields values={values} onChange={setValues} errors={errors} />
      <div className="card form-section">
        <ReasonField value={reason} onChange={setReason} errors={errors.reason} />
      </div>
      <div className="actions actions--end">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
