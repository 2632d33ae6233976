/**
 * The regency Dinas Sosial's worklist of citizens' objections (sanggah, issue 14): the objections of the
 * territory by state, and one objection with the citizen's reason and evidence photos, to investigate
 * (optionally asking for a verivali visit), uphold (declares the household ineligible) or reject with a
 * reason the citizen reads. Everything the citizen typed is shown as text (React escapes it).
 */
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useAction } from '../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../components/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../../components/fields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDate, formatDateTime, formatPeriod } from '../../lib/format.ts';
import { Link, useQueryState } from '../../router.tsx';
import { type SanggahItem, sanggahApi } from './api.ts';
import { messages } from './messages.ts';

const STATES = ['open', 'submitted', 'investigating', 'upheld', 'rejected', 'withdrawn'] as const;
type StateKey = `state.${(typeof STATES)[number]}`;
const useSanggahText = () => useText(messages);

export function SanggahPage() {
  const ts = useSanggahText();
  const { lang } = useI18n();
  const [query, setQuery] = useQueryState();
  const state = query.get('state') ?? 'open';
  const list = useLoad(['sanggah', { state }], (signal) => sanggahApi.list(state, signal));
  return (
    <>
      <PageHeader title={ts('title')} subtitle={ts('intro')} />
      <div className="card narrow">
        <SelectField
          path="state"
          label={ts('state')}
          value={state}
          onChange={(v) => setQuery({ state: v })}
          options={STATES.map((s) => ({ value: s, label: ts(`state.${s}` as StateKey) }))}
        />
      </div>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="empty" role="status">
            {ts('empty')}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{ts('col.household')}</th>
                  <th scope="col">{ts('col.village')}</th>
                  <th scope="col">{ts('col.period')}</th>
                  <th scope="col">{ts('col.filed')}</th>
                  <th scope="col">{ts('col.state')}</th>
                  <th scope="col">{ts('col.open')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.headName} <span className="mono">{s.kkNumber}</span>
                    </td>
                    <td className="mono">{s.villageCode}</td>
                    <td>{formatPeriod(s.recipientPeriod, lang)}</td>
                    <td>{formatDate(s.createdAt, lang)}</td>
                    <td>{ts(`state.${s.state}` as StateKey)}</td>
                    <td>
                      <Link to={`/sanggah/${s.id}`}>{ts('col.open')}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}

export function SanggahDetailPage({ params }: { params: Record<string, string> }) {
  const ts = useSanggahText();
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const item = useLoad(['sanggah', id], (signal) => sanggahApi.get(id, signal));
  const s = item.data;
  return (
    <>
      <PageHeader title={ts('detail.title')} />
      <p>
        <Link to="/sanggah">{ts('detail.back')}</Link>
      </p>
      {item.error ? <LoadError error={item.error} onRetry={item.reload} back={{ to: '/sanggah' }} /> : null}
      {item.loading && !s ? <Loading /> : null}
      {s && (
        <div className="stack">
          <section className="card" aria-labelledby="sanggah-data">
            <h2 id="sanggah-data">
              {s.headName} <span className="muted">({ts(`state.${s.state}` as StateKey)})</span>
            </h2>
            <dl className="dl-grid">
              <div>
                <dt>{t('field.kkNumber')}</dt>
                <dd className="mono">{s.kkNumber}</dd>
              </div>
              <div>
                <dt>{ts('col.period')}</dt>
                <dd>{formatPeriod(s.recipientPeriod, lang)}</dd>
              </div>
              <div>
                <dt>{ts('detail.objector')}</dt>
                <dd>{s.objector}</dd>
              </div>
              <div>
                <dt>{ts('col.filed')}</dt>
                <dd>{formatDateTime(s.createdAt, lang)}</dd>
              </div>
            </dl>
            <h3>{ts('detail.reason')}</h3>
            <p>{s.reason}</p>
            {s.visitId ? (
              <p>
                {ts('detail.visit')} —{' '}
                <Link to={`/cycle/verivali/visits/${s.visitId}`}>{ts('detail.openVisit')}</Link>
              </p>
            ) : null}
            {s.decisionReason ? (
              <p role="status">{ts('detail.decision', { reason: s.decisionReason })}</p>
            ) : null}
            <p>
              <Link to={`/households/${s.householdId}`}>{ts('detail.household')}</Link>
            </p>
          </section>
          <section className="card" aria-labelledby="sanggah-evidence">
            <h2 id="sanggah-evidence">{ts('detail.evidence')}</h2>
            {s.evidence.length === 0 ? <p className="muted">{ts('detail.noEvidence')}</p> : null}
            <div className="stack">
              {s.evidence.map((e, n) => (
                <a key={e.id} href={sanggahApi.thumbnail(e.id)} target="_blank" rel="noreferrer">
                  <img
                    src={sanggahApi.thumbnail(e.id)}
                    alt={`${ts('detail.evidence')} ${n + 1}`}
                    width={320}
                  />
                </a>
              ))}
            </div>
          </section>
          <Steps item={s} onDone={item.reload} />
        </div>
      )}
    </>
  );
}

function Steps({ item: s, onDone }: { item: SanggahItem; onDone: () => void }) {
  const ts = useSanggahText();
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState('');
  const [officer, setOfficer] = useState('');
  const officers = useLoad(['sanggah', 'officers', s.villageCode, s.allowed.join()], (signal) =>
    s.allowed.includes('investigate')
      ? sanggahApi.officers(s.villageCode, signal)
      : Promise.resolve({ items: [] }),
  );
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const needsReason = reason.trim().length < 3;
  const needReasonId = useId();
  if (s.allowed.length === 0) return saved ? <p role="status">{ts('done')}</p> : null;
  const done = () => {
    setSaved(true);
    setReason('');
    onDone();
  };
  const step = (name: 'investigate' | 'uphold' | 'reject') =>
    void run(
      () =>
        sanggahApi.decide(s.id, {
          step: name,
          version: s.version,
          ...(name === 'investigate' ? (officer ? { visitOfficer: officer } : {}) : { reason }),
        }),
      done,
    );
  return (
    <section className="card" aria-labelledby="sanggah-steps">
      <h2 id="sanggah-steps">{ts('state')}</h2>
      <ErrorSummary error={error} />
      {saved ? <p role="status">{ts('done')}</p> : null}
      <div className="stack">
        {s.allowed.includes('investigate') && (
          <div className="stack">
            <SelectField
              path="visitOfficer"
              label={ts('investigate.visit')}
              value={officer}
              onChange={setOfficer}
              options={[
                { value: '', label: ts('investigate.noVisit') },
                ...(officers.data?.items ?? []).map((o) => ({
                  value: o.id,
                  label: o.displayName || o.username,
                })),
              ]}
            />
            <button type="button" className="button" disabled={busy} onClick={() => step('investigate')}>
              {ts('investigate')}
            </button>
          </div>
        )}
        <TextAreaField
          path="reason"
          label={ts('decide.reason')}
          hint={ts('decide.hint')}
          value={reason}
          onChange={setReason}
          maxLength={1000}
        />
        {/* The decision buttons wait for the reason: say so, rather than leave them greyed without a word. */}
        {needsReason ? (
          <p id={needReasonId} className="field__hint">
            {ts('decide.needReason')}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy || needsReason}
            aria-describedby={needsReason ? needReasonId : undefined}
            onClick={() => setConfirming(true)}
          >
            {ts('uphold')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || needsReason}
            aria-describedby={needsReason ? needReasonId : undefined}
            onClick={() => step('reject')}
          >
            {ts('reject')}
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={ts('uphold.title')}
        confirmLabel={ts('uphold.yes')}
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          step('uphold');
        }}
      >
        <p>{ts('uphold.body', { name: s.headName })}</p>
      </ConfirmDialog>
    </section>
  );
}
