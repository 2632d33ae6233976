import { useState } from 'react';
import { jobs, transfer } from '../api/endpoints.ts';
import type { ExportReport, ImportReport } from '../api/types.ts';
import { CsvFileField, useCsvUpload } from '../components/CsvUpload.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { CheckboxField, SelectField } from '../components/fields.tsx';
import { JobProgress } from '../components/JobProgress.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { jobEnded, useJob } from '../hooks/use-job.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { Link } from '../router.tsx';
import { useSession, useUser } from '../session.tsx';

/** Counts that are shown as a problem when not zero. */
const BAD_COUNTS = new Set<string>(['transfer.rejected', 'transfer.notProcessed']);

export function TransferPage() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <>
      <PageHeader title={t('transfer.title')} subtitle={t('transfer.intro')} />
      <div className="stack">
        {can('registry.export') && <ExportCard />}
        {can('registry.import') && <ImportCard />}
      </div>
    </>
  );
}

function ExportCard() {
  const { t, lang } = useI18n();
  const user = useUser();
  const [region, setRegion] = useState(user.regionCode);
  const [status, setStatus] = useState('active');
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError, setJob } = useJob(jobId);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const start = () => {
    setError(null);
    setJobId(null);
    setStarting(true);
    transfer
      .startExport({ region: region || undefined, status })
      .then((started) => setJobId(started.jobId), setError)
      .finally(() => setStarting(false));
  };
  const running = starting || (jobId !== null && (!job || !jobEnded(job)));
  const report = job?.state === 'done' ? (job.result as ExportReport) : null;
  return (
    <section className="card stack" aria-labelledby="export-title">
      <h2 id="export-title">{t('transfer.exportTitle')}</h2>
      <p>{t('transfer.exportIntro')}</p>
      <ErrorSummary error={error ?? jobError} />
      <div className="form-grid">
        <RegionPicker
          root={user.regionCode}
          value={region}
          onChange={setRegion}
          path="export-region"
          legend={t('households.region')}
        />
        <SelectField
          path="export-status"
          label={t('field.status')}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'removed', label: t('status.removed') },
            { value: 'all', label: t('status.all') },
          ]}
        />
      </div>
      <div className="actions">
        <button type="button" className="button button--primary" disabled={running} onClick={start}>
          {running ? t('transfer.exporting') : t('transfer.startExport')}
        </button>
      </div>
      {job && (
        <>
          <JobProgress job={job} onChange={setJob} />
          <p className="small">
            <Link to="/jobs">{t('jobs.seeAll')}</Link>
          </p>
        </>
      )}
      {report && job && (
        <div className="stack" role="status">
          <p>
            {t('transfer.exportReady', {
              households: formatNumber(report.households, lang),
              persons: formatNumber(report.persons, lang),
            })}
          </p>
          <div className="actions">
            <a className="button button--primary" href={jobs.resultUrl(job.id)} download={report.filename}>
              {t('transfer.download')}
            </a>
          </div>
          <p className="muted small">
            {t('transfer.exportExpires', { at: formatDateTime(report.expiresAt, lang) })}
          </p>
        </div>
      )}
    </section>
  );
}

const ROWS_STEP = 200;

function ImportCard() {
  const { t, lang } = useI18n();
  const [acceptWarnings, setAcceptWarnings] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError, setJob } = useJob(jobId);
  const [shown, setShown] = useState(ROWS_STEP);
  const { setFile, error, busy, onSubmit } = useCsvUpload(
    'import-file',
    t('transfer.chooseFile'),
    (file) => {
      setJobId(null);
      return transfer.importHouseholds(file, acceptWarnings);
    },
    (started) => {
      setJobId(started.jobId);
      setShown(ROWS_STEP);
    },
  );
  const running = busy || (jobId !== null && (!job || !jobEnded(job)));
  const report = job?.state === 'done' ? (job.result as ImportReport) : null;
  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">{t('transfer.importTitle')}</h2>
      <p>{t('transfer.importIntro')}</p>
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error ?? jobError} />
        <CsvFileField
          path="import-file"
          label={t('transfer.file')}
          hint={t('transfer.fileHint')}
          onChange={setFile}
        />
        <CheckboxField
          path="acceptWarnings"
          label={t('transfer.acceptWarnings')}
          hint={t('transfer.acceptWarningsHint')}
          checked={acceptWarnings}
          onChange={setAcceptWarnings}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={running}>
            {running ? t('transfer.importing') : t('transfer.import')}
          </button>
        </div>
      </form>
      {busy && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('transfer.uploading')}
        </p>
      )}
      {job && (
        <>
          <JobProgress job={job} onChange={setJob} />
          <p className="small">
            <Link to="/jobs">{t('jobs.seeAll')}</Link>
          </p>
        </>
      )}
      {report && (
        <div className="import-report" role="status">
          <h3>{t('transfer.result')}</h3>
          <div className="stat-cards">
            {(
              [
                ['transfer.lines', report.lines],
                ['transfer.households', report.households],
                ['transfer.created', report.created],
                ['transfer.unchanged', report.unchanged],
                ['transfer.rejected', report.rejected],
                ...(report.notProcessed > 0 ? [['transfer.notProcessed', report.notProcessed] as const] : []),
              ] as const
            ).map(([key, n]) => (
              <div className={`stat-card${BAD_COUNTS.has(key) && n > 0 ? ' stat-card--bad' : ''}`} key={key}>
                <span className="stat-card__label">{t(key)}</span>
                <span className="stat-card__value">{formatNumber(n, lang)}</span>
              </div>
            ))}
          </div>
          {report.notProcessed > 0 && <p className="alert alert--warning">{t('transfer.stopped')}</p>}
          {report.rowsOmitted > 0 && (
            <p className="muted small">
              {t('transfer.rowsOmitted', { n: formatNumber(report.rowsOmitted, lang) })}
            </p>
          )}
          <p className="muted small">{t('transfer.seconds', { s: formatNumber(report.seconds, lang) })}</p>
        </div>
      )}
      {report && report.rows.length > 0 && (
        <>
          <h3>{t('transfer.rejectedRows')}</h3>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('transfer.line')}
                  </th>
                  <th scope="col">{t('field.kkNumber')}</th>
                  <th scope="col">{t('transfer.issues')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.slice(0, shown).map((r) => (
                  <tr key={r.line}>
                    <td className="num">{r.line}</td>
                    <td className="mono">{r.kkNumber ?? '—'}</td>
                    <td>
                      <ul className="issue-list">
                        {r.issues.map((i) => (
                          <li
                            key={`${i.field}:${i.code}:${i.message}`}
                            className={i.severity === 'warning' ? 'issue--warning' : 'issue--error'}
                          >
                            <span className="mono small">{i.field}</span> {i.message}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.rows.length > shown && (
            <button type="button" className="button" onClick={() => setShown((n) => n + ROWS_STEP)}>
              {t('transfer.moreRows', { n: report.rows.length - shown })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
