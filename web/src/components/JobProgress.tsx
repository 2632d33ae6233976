/** A job's state and progress bar, with a cancel button while it may still be cancelled. */
import { useState } from 'react';
import { catalogueText } from '../../../src/domain/catalogue.ts';
import { jobs } from '../api/endpoints.ts';
import type { JobView } from '../api/types.ts';
import { jobEnded } from '../hooks/use-job.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { formatNumber } from '../lib/format.ts';
import { ErrorSummary } from './ErrorSummary.tsx';

export const JOB_STATE_LABEL: Record<JobView['state'], MessageKey> = {
  queued: 'jobs.state.queued',
  running: 'jobs.state.running',
  done: 'jobs.state.done',
  failed: 'jobs.state.failed',
  cancelled: 'jobs.state.cancelled',
};

/** Kinds whose progress counts households rather than lines of a file. */
const HOUSEHOLD_KINDS = new Set(['household.export']);

export function JobProgress({ job, onChange }: { job: JobView; onChange: (job: JobView) => void }) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const { done, total } = job.progress;
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : null;
  // An import counts the file's lines; an export counts households.
  const byHousehold = HOUSEHOLD_KINDS.has(job.kind);
  const cancel = () => {
    setError(null);
    jobs.cancel(job.id).then(onChange, setError);
  };
  return (
    <div className="job-progress stack" data-job-state={job.state}>
      <ErrorSummary error={error} />
      <p role="status">
        <strong>{t(JOB_STATE_LABEL[job.state])}</strong>
        {job.cancelRequested && !jobEnded(job) ? ` — ${t('jobs.cancelling')}` : ''}
        {' · '}
        {total === null
          ? t(byHousehold ? 'jobs.doneCountHouseholds' : 'jobs.doneCount', { done: formatNumber(done, lang) })
          : t(byHousehold ? 'jobs.doneOfHouseholds' : 'jobs.doneOf', {
              done: formatNumber(done, lang),
              total: formatNumber(total, lang),
            })}
      </p>
      <progress
        className="job-progress__bar"
        aria-label={t('jobs.progress')}
        max={total ?? undefined}
        value={total === null ? undefined : Math.min(done, total)}
      >
        {percent === null ? '' : `${percent}%`}
      </progress>
      {job.error && (
        <p className="alert alert--error">{catalogueText(job.error.code, job.error.message, lang)}</p>
      )}
      {!jobEnded(job) && !job.cancelRequested && (
        <div className="actions">
          <button type="button" className="button" onClick={cancel}>
            {t('jobs.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
