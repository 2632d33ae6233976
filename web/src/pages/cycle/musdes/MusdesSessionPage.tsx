/**
 * One deliberation: its details (editable until closed), the steps the user may take (open, close with a
 * confirmation, reopen), the tally, the documents (Berita Acara, prelists, signed scan), the signed-scan
 * upload, and the prelist with fast outcome entry.
 */
import './musdes.css';
import { type FormEvent, useRef, useState } from 'react';
import { OUTCOME_LABELS, OUTCOMES, PARTICIPANT_ROLE_LABELS } from '../../../../../src/domain/cycle/musdes.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { NextStep } from '../../../components/cycle/NextStep.tsx';
import { ErrorSummary, LoadError } from '../../../components/ErrorSummary.tsx';
import { fieldId } from '../../../components/fields.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { Link } from '../../../router.tsx';
import { HeaderForm } from './HeaderForm.tsx';
import { type MusdesView, musdesApi, type PrelistRow } from './musdes.api.ts';
import { useMusdesI18n } from './musdes.i18n.ts';
import { PrelistTable } from './PrelistTable.tsx';
import { StateBadge } from './StateBadge.tsx';

export function MusdesSessionPage({ params }: { params: Record<string, string> }) {
  const session = useLoad(['musdes', params.id], (signal) => musdesApi.get(params.id!, signal));
  if (session.error)
    return <LoadError error={session.error} onRetry={session.reload} back={{ to: '/cycle/musdes' }} />;
  if (!session.data) return <Loading />;
  return <SessionView s={session.data} setSession={session.setData} key={session.data.id} />;
}

function SessionView({ s, setSession }: { s: MusdesView; setSession: (s: MusdesView) => void }) {
  const { m, t, text, lang } = useMusdesI18n();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const [confirming, setConfirming] = useState<'close' | 'reopen' | null>(null);
  const can = (action: string) => s.allowedActions.includes(action);

  const act = async (run: () => Promise<MusdesView>, message = ''): Promise<boolean> => {
    setBusy(true);
    setSaved('');
    try {
      setSession(await run());
      setError(null);
      setSaved(message);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const step = (name: 'open' | 'close' | 'reopen') => act(() => musdesApi.step(s.id, name, s.version));

  // The tally follows each decision without reloading the session.
  const decided = (before: PrelistRow, after: PrelistRow) => {
    const outcomes = { ...s.tally.outcomes };
    let undecided = s.tally.undecided;
    if (before.outcome) outcomes[before.outcome]--;
    else undecided--;
    if (after.outcome) outcomes[after.outcome]++;
    setSession({ ...s, tally: { ...s.tally, outcomes, undecided } });
  };

  const village = s.regionPath.at(-1)?.name ?? s.villageName;
  const district = s.regionPath.find((r) => r.code.split('.').length === 3)?.name;
  const regency = s.regionPath.find((r) => r.code.split('.').length === 2)?.name;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/cycle/musdes">{m('list.title')}</Link>
      </p>
      <PageHeader
        title={m('session.title', { name: s.deliberation, village })}
        subtitle={
          <>
            {m('session.period', { period: s.period })} · <StateBadge state={s.state} /> ·{' '}
            <span className="muted">
              {[district, regency].filter(Boolean).join(', ')} ({s.regionCode})
            </span>
          </>
        }
        actions={
          <>
            {can('open') && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => void step('open')}
              >
                {m('session.open')}
              </button>
            )}
            {can('close') && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => setConfirming('close')}
              >
                {m('session.close')}
              </button>
            )}
            {can('reopen') && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => setConfirming('reopen')}
              >
                {m('session.reopen')}
              </button>
            )}
          </>
        }
      />
      <NextStep machine="musdes" state={s.state} />
      <ErrorSummary error={error} />
      {saved && (
        <p className="alert alert--success" role="status">
          {saved}
        </p>
      )}
      {s.kecamatanReturn && (
        <div className="alert alert--warning" role="note">
          <p className="alert__title">
            {m('session.kecamatanReturned', { date: formatDate(s.kecamatanReturn.decidedAt, lang) })}
          </p>
          <p>{s.kecamatanReturn.note}</p>
        </div>
      )}
      {s.state === 'signed' && <p className="alert alert--info">{m('session.locked')}</p>}
      {s.state === 'draft' && can('open') && (
        <p className="alert alert--info">{m('session.openHint', { period: s.period })}</p>
      )}
      {!s.canEdit && s.state !== 'signed' && s.allowedActions.length === 0 && (
        <p className="alert alert--info">{m('session.readOnly')}</p>
      )}

      {s.state !== 'draft' && (
        <section aria-labelledby="musdes-tally">
          <h2 id="musdes-tally">{m('session.tally')}</h2>
          <div className="musdes-summary">
            <div className="musdes-summary__item">
              {m('session.rows')}
              <strong>{formatNumber(s.tally.rows, lang)}</strong>
            </div>
            <div className={`musdes-summary__item${s.tally.undecided ? ' musdes-summary__item--warn' : ''}`}>
              {m('session.undecided')}
              <strong>{formatNumber(s.tally.undecided, lang)}</strong>
            </div>
            {OUTCOMES.map((o) => (
              <div key={o} className="musdes-summary__item">
                {text(OUTCOME_LABELS[o])}
                <strong>{formatNumber(s.tally.outcomes[o], lang)}</strong>
              </div>
            ))}
          </div>
        </section>
      )}

      <div className="two-col">
        <section className="card" aria-labelledby="musdes-header">
          <h2 id="musdes-header">{m('header.title')}</h2>
          {editing ? (
            <HeaderForm
              initial={{ heldOn: s.heldOn ?? '', place: s.place ?? '', participants: s.participants }}
              busy={busy}
              error={error}
              submitLabel={t('common.save')}
              onSubmit={(h) =>
                void act(() => musdesApi.update(s.id, s.version, h), m('header.saved')).then(
                  (ok) => ok && setEditing(false),
                )
              }
              onCancel={() => setEditing(false)}
            />
          ) : (
            <>
              <dl className="dl-grid">
                <dt>{m('header.heldOn')}</dt>
                <dd>{formatDate(s.heldOn, lang)}</dd>
                <dt>{m('header.place')}</dt>
                <dd>{s.place ?? '—'}</dd>
              </dl>
              <h3>{m('header.participants')}</h3>
              <ol>
                {s.participants.map((p) => (
                  <li key={`${p.name}|${p.role}`}>
                    {p.name} <span className="muted">— {text(PARTICIPANT_ROLE_LABELS[p.role])}</span>
                  </li>
                ))}
              </ol>
              {s.canEdit && (
                <button type="button" className="button button--small" onClick={() => setEditing(true)}>
                  {m('header.edit')}
                </button>
              )}
            </>
          )}
        </section>

        <section className="card" aria-labelledby="musdes-docs">
          <h2 id="musdes-docs">{m('session.documents')}</h2>
          {s.state === 'draft' ? (
            <p className="muted">{m('session.notOpen')}</p>
          ) : (
            <ul className="musdes-docs">
              <li>
                {m('session.prelistAwal')}:{' '}
                <a href={musdesApi.prelistUrl(s.id, 'awal', 'pdf')} download>
                  PDF
                </a>{' '}
                ·{' '}
                <a href={musdesApi.prelistUrl(s.id, 'awal', 'xlsx')} download>
                  Excel
                </a>
              </li>
              {(s.state === 'closed' || s.state === 'signed') && (
                <li>
                  {m('session.prelistAkhir')}:{' '}
                  <a href={musdesApi.prelistUrl(s.id, 'akhir', 'pdf')} download>
                    PDF
                  </a>{' '}
                  ·{' '}
                  <a href={musdesApi.prelistUrl(s.id, 'akhir', 'xlsx')} download>
                    Excel
                  </a>
                </li>
              )}
              {s.beritaAcara && (
                <li>
                  <a href={musdesApi.attachmentUrl(s.beritaAcara.id)} target="_blank" rel="noopener">
                    {m('session.beritaAcara')}
                  </a>
                </li>
              )}
              {s.signedScan && (
                <li>
                  <a href={musdesApi.attachmentUrl(s.signedScan.id)} target="_blank" rel="noopener">
                    {m('session.signedScan')}
                  </a>
                </li>
              )}
            </ul>
          )}
          {can('upload_signed') && <SignedScanUpload s={s} onDone={(next) => setSession(next)} />}
        </section>
      </div>

      {s.state !== 'draft' && (
        <PrelistTable session={s} onDecided={decided} onBulk={(next) => setSession(next)} />
      )}

      <ConfirmDialog
        open={confirming === 'close'}
        title={m('session.closeTitle')}
        confirmLabel={m('session.closeConfirm')}
        busy={busy}
        blocked={s.tally.undecided > 0}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (s.tally.undecided > 0) return;
          setConfirming(null);
          void step('close');
        }}
      >
        <p>{m('session.closeBody')}</p>
        <ul>
          {OUTCOMES.map((o) => (
            <li key={o}>
              {text(OUTCOME_LABELS[o])}: <strong>{formatNumber(s.tally.outcomes[o], lang)}</strong>
            </li>
          ))}
        </ul>
        {s.tally.undecided > 0 && (
          <p className="alert alert--warning">
            {m('session.undecidedLeft', { n: formatNumber(s.tally.undecided, lang) })}
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'reopen'}
        title={m('session.reopenTitle')}
        confirmLabel={m('session.reopenYes')}
        danger
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          setConfirming(null);
          void step('reopen');
        }}
      >
        <p>{m('session.reopenConfirm')}</p>
      </ConfirmDialog>
    </>
  );
}

function SignedScanUpload({ s, onDone }: { s: MusdesView; onDone: (s: MusdesView) => void }) {
  const { m } = useMusdesI18n();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setError(new Error(m('session.uploadChoose')));
      return;
    }
    setBusy(true);
    try {
      onDone(await musdesApi.uploadSignedScan(s.id, s.version, chosen));
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
      <h3>{m('session.upload')}</h3>
      {error ? (
        <p className="field__error" role="alert">
          {error instanceof Error ? error.message : String(error)}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={fieldId('signedScan')}>{m('session.signedScan')}</label>
        <input
          id={fieldId('signedScan')}
          ref={file}
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          aria-describedby={`${fieldId('signedScan')}-hint`}
        />
        <p className="field__hint" id={`${fieldId('signedScan')}-hint`}>
          {m('session.uploadHint')}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {m('session.uploadButton')}
        </button>
      </div>
    </form>
  );
}
