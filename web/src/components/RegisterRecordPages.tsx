/**
 * The pages the PPKS and PSKS registers share: register a record, and a record's page with its data (an
 * edit form with a reason, or a read-only view), removal and history. Each register supplies a
 * `RegisterForm`: its fields, how form values map to the API, its client-side checks and its texts.
 */
import { type ComponentType, type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { regionLevel } from '../api/region-cache.ts';
import type { RecordHistory } from '../api/types.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useSubmit } from '../hooks/use-submit.ts';
import { type MessageKey, type Translate, useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { clientError, type FieldErrors, fieldErrors, hasErrors } from '../lib/form-errors.ts';
import { changedOnly } from '../lib/household-form.ts';
import { Link, navigate, useQueryState } from '../router.tsx';
import { useSession, useUser } from '../session.tsx';
import { ErrorSummary, LoadError } from './ErrorSummary.tsx';
import { Loading } from './Loading.tsx';
import { PageHeader } from './PageHeader.tsx';
import { ReasonField } from './ReasonField.tsx';
import { RecordHistoryView } from './RecordHistoryView.tsx';
import { RemovalForm } from './RemovalForm.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TabPanel, Tabs } from './Tabs.tsx';

export interface RegisterRecord {
  id: string;
  name: string;
  status: 'active' | 'removed';
  version: number;
  regionCode: string;
  regionPath: { name: string }[];
  warnings?: { code: string; message: string }[];
}

export interface RegisterFieldsProps<V> {
  values: V;
  onChange: (next: V) => void;
  errors: FieldErrors;
  /** Given when registering: the village is chosen inside this region. */
  regionRoot?: string;
}

export interface RegisterForm<V extends { name: string; regionCode: string }, D extends RegisterRecord> {
  /** The register's list, e.g. `/ppks`; records live at `<path>/<id>`. */
  path: string;
  /** Used in element ids, e.g. `ppks`. */
  name: string;
  api: {
    get: (id: string, signal: AbortSignal) => Promise<D>;
    create: (values: V) => Promise<D>;
    update: (id: string, body: Record<string, unknown> & { version: number; reason: string }) => Promise<D>;
    remove: (id: string, body: { reasonCode: string; note?: string; version: number }) => Promise<D>;
    history: (id: string, signal: AbortSignal) => Promise<RecordHistory>;
  };
  valuesFrom: (d: D | undefined, regionCode: string) => V;
  /** The request body for the values; a correction sends only what differs from the record's. */
  bodyFrom: (values: V) => Record<string, unknown>;
  problems: (values: V, t: Translate, needRegion: boolean) => FieldErrors;
  Fields: ComponentType<RegisterFieldsProps<V>>;
  /** What the read-only view lists, in order. */
  viewFields: readonly (keyof D & string)[];
  subtitle: (d: D, t: Translate) => ReactNode;
  /** Show the non-blocking findings the last save returned above the tabs. */
  showWarnings: boolean;
  text: { addTitle: MessageKey; removeTitle: MessageKey; removeSubmit: MessageKey };
}

/**
 * A register's endpoints as its pages call them: a new record sends its body with the village chosen, a
 * correction sends what changed. `I` and `P` are the endpoint's create and patch bodies.
 */
export function registerApi<V extends { name: string; regionCode: string }, D extends RegisterRecord, I, P>(
  endpoints: {
    get: (id: string, signal?: AbortSignal) => Promise<D>;
    create: (body: I) => Promise<D>;
    update: (id: string, body: P) => Promise<D>;
    remove: (id: string, body: { reasonCode: string; note?: string; version: number }) => Promise<D>;
    history: (id: string, signal?: AbortSignal) => Promise<RecordHistory>;
  },
  bodyFrom: (values: V) => Record<string, unknown>,
): RegisterForm<V, D>['api'] {
  return {
    get: endpoints.get,
    create: (values) => endpoints.create({ ...bodyFrom(values), regionCode: values.regionCode } as I),
    update: (id, body) => endpoints.update(id, body as P),
    remove: endpoints.remove,
    history: endpoints.history,
  };
}

/** A register's page at `<path>/new` (no id) or `<path>/<id>`. */
export function RegisterRecordPage<V extends { name: string; regionCode: string }, D extends RegisterRecord>({
  form,
  id,
}: {
  form: RegisterForm<V, D>;
  id: string | undefined;
}) {
  return id ? <ExistingRegisterRecord form={form} id={id} /> : <NewRegisterRecord form={form} />;
}

function NewRegisterRecord<V extends { name: string; regionCode: string }, D extends RegisterRecord>({
  form,
}: {
  form: RegisterForm<V, D>;
}) {
  const { t } = useI18n();
  const user = useUser();
  const [values, setValues] = useState(() =>
    form.valuesFrom(undefined, regionLevel(user.regionCode) === 4 ? user.regionCode : ''),
  );
  const { error, busy, submit } = useSubmit(
    async () => {
      const p = form.problems(values, t, true);
      if (hasErrors(p)) throw clientError(p, t('error.fixFields'));
      return form.api.create(values);
    },
    (created) => navigate(`${form.path}/${created.id}`),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  const { Fields } = form;
  return (
    <>
      <PageHeader title={t(form.text.addTitle)} />
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error} />
        <Fields
          values={values}
          onChange={setValues}
          errors={fieldErrors(error)}
          regionRoot={user.regionCode}
        />
        <div className="actions actions--end">
          <Link className="button" to={form.path}>
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

function ExistingRegisterRecord<V extends { name: string; regionCode: string }, D extends RegisterRecord>({
  form,
  id,
}: {
  form: RegisterForm<V, D>;
  id: string;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const tab = query.get('tab') === 'history' ? 'history' : 'data';
  const record = useLoad([form.path.slice(1), id], (signal) => form.api.get(id, signal));
  if (record.error)
    return <LoadError error={record.error} onRetry={record.reload} back={{ to: form.path }} />;
  const d = record.data;
  if (!d) return <Loading />;
  const writable = can('social.write') && d.status === 'active';
  return (
    <>
      <PageHeader
        title={d.name}
        subtitle={
          <>
            {form.subtitle(d, t)} <StatusBadge status={d.status} />
          </>
        }
      />
      <p className="region-path">{d.regionPath.map((r) => r.name).join(' › ')}</p>
      {form.showWarnings && d.warnings?.length ? (
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
          <RecordHistoryView
            queryKey={[form.path.slice(1), d.id, 'history', d.version]}
            load={(signal) => form.api.history(d.id, signal)}
          />
        ) : writable ? (
          <>
            <EditRecord form={form} d={d} onSaved={record.setData} />
            <section className="card narrow danger-zone" aria-labelledby={`remove-${form.name}`}>
              <h2 id={`remove-${form.name}`}>{t(form.text.removeTitle)}</h2>
              <RemovalForm
                send={(body) => form.api.remove(d.id, { ...body, version: d.version })}
                onDone={record.setData}
                submitLabel={t(form.text.removeSubmit)}
              />
            </section>
          </>
        ) : (
          <RecordView fields={form.viewFields} d={d} />
        )}
      </TabPanel>
    </>
  );
}

function RecordView<D extends RegisterRecord>({
  fields,
  d,
}: {
  fields: readonly (keyof D & string)[];
  d: D;
}) {
  const { t, lang } = useI18n();
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

function EditRecord<V extends { name: string; regionCode: string }, D extends RegisterRecord>({
  form,
  d,
  onSaved,
}: {
  form: RegisterForm<V, D>;
  d: D;
  onSaved: (d: D) => void;
}) {
  const { t } = useI18n();
  const initial = useMemo(() => form.valuesFrom(d, d.regionCode), [form, d]);
  const [values, setValues] = useState(initial);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const { error, busy, submit } = useSubmit(
    async () => {
      const p = form.problems(values, t, false);
      if (reason.trim().length < 3) p.reason = [t('form.reasonRequired')];
      if (hasErrors(p)) throw clientError(p, t('error.fixFields'));
      const changes = changedOnly(form.bodyFrom(initial), form.bodyFrom(values));
      if (!Object.keys(changes).length) throw clientError({}, t('form.noChanges'));
      return form.api.update(d.id, { ...changes, version: d.version, reason: reason.trim() });
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
  const { Fields } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      {saved && (
        <p className="alert alert--success" role="status">
          {t('form.saved')}
        </p>
      )}
      <ErrorSummary error={error} />
      <Fields values={values} onChange={setValues} errors={errors} />
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
