import { type FormEvent, useMemo, useRef, useState } from 'react';
import { ppks } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { PpksDetail, PpksInput, PpksPatch } from '../api/types.ts';
import { ErrorSummary, LoadError } from '../components/ErrorSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PpksFields, type PpksValues } from '../components/PpksFields.tsx';
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

function valuesFrom(d: PpksDetail | undefined, regionCode: string): PpksValues {
  return {
    nik: d?.nik ?? '',
    name: d?.name ?? '',
    birthDate: d?.birthDate ?? '',
    sex: d?.sex ?? '',
    regionCode: d?.regionCode ?? regionCode,
    rw: d?.rw?.replace(/^0+(?=\d)/, '') ?? '',
    rt: d?.rt?.replace(/^0+(?=\d)/, '') ?? '',
    address: d?.address ?? '',
    notes: d?.notes ?? '',
    categories: (d?.categories.length ? d.categories : [null]).map((c, key) => ({
      key,
      category: c?.category ?? '',
      startDate: c?.startDate ?? '',
      endDate: c?.endDate ?? '',
    })),
  };
}

function bodyFrom(v: PpksValues) {
  return {
    nik: v.nik.trim() || null,
    name: v.name.trim(),
    birthDate: v.birthDate || null,
    sex: v.sex || null,
    rw: v.rw.trim() || null,
    rt: v.rt.trim() || null,
    address: v.address.trim() || null,
    notes: v.notes.trim() || null,
    categories: v.categories.map((c) => ({
      category: c.category,
      startDate: c.startDate,
      endDate: c.endDate || null,
    })),
  };
}

function problems(v: PpksValues, t: Translate, needRegion: boolean): FieldErrors {
  const required = [t('form.requiredField')];
  const out: FieldErrors = {};
  if (!v.name.trim()) out.name = required;
  if (needRegion && regionLevel(v.regionCode) !== 4) out.regionCode = [t('form.chooseVillage')];
  v.categories.forEach((c, i) => {
    if (!c.category) out[`categories.${i}.category`] = required;
    if (!c.startDate) out[`categories.${i}.startDate`] = required;
  });
  return out;
}

export function PpksFormPage({ params }: { params: Record<string, string> }) {
  return params.id ? <ExistingPpks id={params.id} /> : <NewPpks />;
}

function NewPpks() {
  const { t } = useI18n();
  const user = useUser();
  const [values, setValues] = useState(() =>
    valuesFrom(undefined, regionLevel(user.regionCode) === 4 ? user.regionCode : ''),
  );
  const keys = useRef(100);
  const { error, busy, submit } = useSubmit(
    async () => {
      const p = problems(values, t, true);
      if (hasErrors(p)) throw clientError(p, t('error.fixFields'));
      return ppks.create({ ...bodyFrom(values), regionCode: values.regionCode } as PpksInput);
    },
    (created) => navigate(`/ppks/${created.id}`),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  return (
    <>
      <PageHeader title={t('ppks.addTitle')} />
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error} />
        <PpksFields
          values={values}
          onChange={setValues}
          errors={fieldErrors(error)}
          regionRoot={user.regionCode}
          newKey={() => keys.current++}
        />
        <div className="actions actions--end">
          <Link className="button" to="/ppks">
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

function ExistingPpks({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const tab = query.get('tab') === 'history' ? 'history' : 'data';
  const record = useLoad((signal) => ppks.get(id, signal), [id]);
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
            {t('ppks.title')} <StatusBadge status={d.status} />
          </>
        }
      />
      <p className="region-path">{d.regionPath.map((r) => r.name).join(' › ')}</p>
      {d.warnings?.length ? (
        <div className="alert alert--warning" role="status">
          <ul>
            {d.warnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
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
          <RecordHistoryView load={(signal) => ppks.history(d.id, signal)} version={d.version} />
        ) : writable ? (
          <>
            <EditPpks d={d} onSaved={record.setData} />
            <section className="card narrow danger-zone" aria-labelledby="remove-ppks">
              <h2 id="remove-ppks">{t('ppks.removeTitle')}</h2>
              <RemovalForm
                send={(body) => ppks.remove(d.id, { ...body, version: d.version })}
                onDone={record.setData}
                submitLabel={t('ppks.removeSubmit')}
              />
            </section>
          </>
        ) : (
          <PpksView d={d} />
        )}
      </TabPanel>
    </>
  );
}

function PpksView({ d }: { d: PpksDetail }) {
  const { t, lang } = useI18n();
  const fields = [
    'nik',
    'birthDate',
    'sex',
    'address',
    'rw',
    'rt',
    'categories',
    'notes',
    'removalReason',
  ] as const;
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

function EditPpks({ d, onSaved }: { d: PpksDetail; onSaved: (d: PpksDetail) => void }) {
  const { t } = useI18n();
  const initial = useMemo(() => valuesFrom(d, d.regionCode), [d]);
  const [values, setValues] = useState(initial);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const keys = useRef(100);
  const { error, busy, submit } = useSubmit(
    async () => {
      const p = problems(values, t, false);
      if (reason.trim().length < 3) p.reason = [t('form.reasonRequired')];
      if (hasErrors(p)) throw clientError(p, t('error.fixFields'));
      const changes = changedOnly(bodyFrom(initial), bodyFrom(values));
      if (!Object.keys(changes).length) throw clientError({}, t('form.noChanges'));
      return ppks.update(d.id, { ...changes, version: d.version, reason: reason.trim() } as PpksPatch);
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
      <PpksFields values={values} onChange={setValues} errors={errors} newKey={() => keys.current++} />
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
