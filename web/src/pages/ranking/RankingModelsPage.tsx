/**
 * Ranking models, for Pusdatin (ranking.manage): the model versions with their state and how each spreads
 * the check sample; uploading a version (a JSON file or pasted text) with every refusal shown at its path in
 * the document; publishing with a confirmation (and an explicit one for a model that lumps almost everyone
 * into one decile); and re-ranking a determined period as a job followed by its progress bar.
 */

import { type FormEvent, useState } from 'react';
import type { RankingModelSummary, RankSummary } from '../../../../src/modules/ranking/ranking.schemas.ts';
import { ApiError, http } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { jobEnded, useJob } from '../../hooks/use-job.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDateTime, formatNumber, formatPeriod } from '../../lib/format.ts';
import { penetapanApi } from '../cycle/penetapan/penetapan.api.ts';
import { modelsText } from './models.messages.ts';

type ModelSummary = RankingModelSummary;
type RankResult = RankSummary;

const percent = (share: number) => Math.round(share * 100);

export function RankingModelsPage() {
  const { lang } = useI18n();
  const tx = useText(modelsText);
  const list = useLoad(['ranking-models'], (signal) =>
    http.get<{ items: ModelSummary[] }>('/ranking-models', undefined, signal),
  );
  const [toPublish, setToPublish] = useState<ModelSummary | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  const publish = async () => {
    if (!toPublish) return;
    setPublishing(true);
    setPublishError(null);
    try {
      const m = await http.post<ModelSummary>(
        `/ranking-models/${encodeURIComponent(toPublish.version)}/publish`,
        toPublish.concentration.flagged ? { confirmConcentration: true } : {},
      );
      setNotice(tx('publishedNotice', { version: m.version }));
      setToPublish(null);
      list.reload();
    } catch (err) {
      setPublishError(err);
      setToPublish(null);
    } finally {
      setPublishing(false);
    }
  };

  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <section className="card stack" aria-labelledby="models-title">
        <h2 id="models-title">{tx('versions')}</h2>
        {notice && (
          <p role="status" className="alert alert--success">
            {notice}
          </p>
        )}
        <ErrorSummary error={list.error ?? publishError} />
        {list.loading && !list.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <p>{tx('none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="ranking-models">
              <thead>
                <tr>
                  <th scope="col">{tx('version')}</th>
                  <th scope="col">{tx('state')}</th>
                  <th scope="col" className="num">
                    {tx('variables')}
                  </th>
                  <th scope="col" className="num">
                    {tx('spread')}
                  </th>
                  <th scope="col">{tx('created')}</th>
                  <th scope="col">{tx('published')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{tx('publish')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.version} data-version={m.version}>
                    <td>
                      <strong>{m.version}</strong>
                      {/* The document's own description: in the UI's language when it gives both, else as written. */}
                      {m.description && (
                        <div className="muted small" data-testid="model-description" data-raw>
                          {typeof m.description === 'string' ? m.description : m.description[lang]}
                        </div>
                      )}
                    </td>
                    <td>
                      <span className={`badge ${m.state === 'published' ? 'badge--active' : ''}`}>
                        {tx(`state.${m.state}`)}
                      </span>
                    </td>
                    <td className="num">{formatNumber(m.variables, lang)}</td>
                    <td className="num">
                      {percent(m.concentration.largestShare)}%
                      {m.concentration.flagged && (
                        <div className="badge badge--removed" data-testid="concentration-flag">
                          {tx('flagged')}
                        </div>
                      )}
                    </td>
                    <td>{formatDateTime(m.createdAt, lang)}</td>
                    <td>{m.publishedAt ? formatDateTime(m.publishedAt, lang) : '—'}</td>
                    <td>
                      {m.state === 'draft' && (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => {
                            setNotice(null);
                            setPublishError(null);
                            setToPublish(m);
                          }}
                        >
                          {tx('publish')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ConfirmDialog
        open={toPublish !== null}
        title={tx('confirmTitle', { version: toPublish?.version ?? '' })}
        confirmLabel={tx('publish')}
        busy={publishing}
        danger={toPublish?.concentration.flagged ?? false}
        onConfirm={() => void publish()}
        onCancel={() => setToPublish(null)}
      >
        <p>{tx('confirmBody')}</p>
        {toPublish?.concentration.flagged && (
          <p className="alert alert--warning">
            {tx('confirmFlagged', { share: percent(toPublish.concentration.largestShare) })}
          </p>
        )}
      </ConfirmDialog>
      <UploadForm
        onUploaded={() => {
          setNotice(null);
          list.reload();
        }}
      />
      <RankForm published={items.filter((m) => m.state === 'published')} />
    </>
  );
}

function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const tx = useText(modelsText);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploaded, setUploaded] = useState<ModelSummary | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setUploaded(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setLocalError(null);
    setUploaded(null);
    if (!text.trim()) return setLocalError(tx('emptyText'));
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      return setLocalError(tx('badJson', { message: (err as Error).message }));
    }
    setBusy(true);
    try {
      const m = await http.post<ModelSummary>('/ranking-models', doc);
      setUploaded(m);
      onUploaded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <form className="card form-section stack" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{tx('uploadTitle')}</h2>
      <p className="muted">{tx('uploadHint')}</p>
      {localError && (
        <p className="alert alert--error" role="alert">
          {localError}
        </p>
      )}
      {issues.length > 0 ? (
        <div className="alert alert--error" role="alert" data-testid="model-issues">
          <p className="alert__title">{tx('invalid')}</p>
          <ul>
            {issues.map((i) => (
              <li key={`${i.field}:${i.code}:${i.message}`}>
                <code>{i.field || tx('wholeDocument')}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorSummary error={error} />
      )}
      {uploaded && (
        <div role="status" className="stack">
          <p className="alert alert--success">{tx('uploaded', { version: uploaded.version })}</p>
          {uploaded.concentration.flagged && (
            <p className="alert alert--warning" data-testid="concentration-warning">
              {tx('concentrationWarning', { share: percent(uploaded.concentration.largestShare) })}
            </p>
          )}
        </div>
      )}
      <label className="field">
        <span className="field__label">{tx('file')}</span>
        <input
          type="file"
          accept="application/json,.json"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </label>
      <label className="field">
        <span className="field__label">{tx('text')}</span>
        <textarea
          rows={12}
          spellCheck={false}
          className="mono"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? tx('uploading') : tx('upload')}
        </button>
      </div>
    </form>
  );
}

function RankForm({ published }: { published: ModelSummary[] }) {
  const tx = useText(modelsText);
  const { lang } = useI18n();
  const periods = useLoad(['periods'], (signal) => penetapanApi.list(signal));
  const determined = (periods.data?.items ?? []).filter((p) => p.state === 'determined').map((p) => p.period);
  const [period, setPeriod] = useState<string | null>(null);
  const [model, setModel] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError, setJob } = useJob(jobId);
  const chosen = period ?? determined[0] ?? '';
  const running = starting || (jobId !== null && (!job || !jobEnded(job)));
  const result = job?.state === 'done' ? (job.result as RankResult) : null;

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStarting(true);
    try {
      const started = await http.post<{ jobId: string }>('/jobs', {
        kind: 'ranking.rank',
        params: { period: chosen, ...(model ? { model } : {}) },
      });
      setJobId(started.jobId);
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  };

  return (
    <form className="card form-section stack" onSubmit={(e) => void start(e)} noValidate>
      <h2>{tx('rankTitle')}</h2>
      <p className="muted">{tx('rankHint')}</p>
      <ErrorSummary error={error ?? jobError ?? periods.error} />
      {periods.loading && !periods.data ? (
        <Loading />
      ) : determined.length === 0 ? (
        <p>{tx('noPeriods')}</p>
      ) : published.length === 0 ? (
        <p>{tx('noPublished')}</p>
      ) : (
        <>
          <div className="form-grid">
            <label className="field">
              <span className="field__label">{tx('period')}</span>
              <select value={chosen} onChange={(e) => setPeriod(e.target.value)} disabled={running}>
                {determined.map((p) => (
                  <option key={p} value={p}>
                    {formatPeriod(p, lang)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">{tx('model')}</span>
              <select value={model} onChange={(e) => setModel(e.target.value)} disabled={running}>
                <option value="">{tx('latestModel')}</option>
                {published.map((m) => (
                  <option key={m.version} value={m.version}>
                    {m.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={running}>
              {tx('rank')}
            </button>
          </div>
        </>
      )}
      {job && (
        <div data-testid="rank-job">
          {!jobEnded(job) && job.progress.phase && (
            <p className="small muted">
              {job.progress.phase === 'deciles' ? tx('phase.deciles') : tx('phase.score')}
            </p>
          )}
          <JobProgress job={job} onChange={setJob} />
        </div>
      )}
      {result && (
        <div role="status" className="alert alert--success" data-testid="rank-result">
          <p>
            {tx('rankDone', {
              households: formatNumber(result.households, lang),
              period: result.period,
              model: result.modelVersion,
            })}
          </p>
          <p className="small">
            {tx('checksum')}: <code>{result.checksum}</code>
          </p>
        </div>
      )}
    </form>
  );
}
