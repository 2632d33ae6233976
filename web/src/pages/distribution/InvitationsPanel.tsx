/**
 * The invitation letters of a batch PT Pos accepted, as a job (issue 15): the Dinas Sosial or PT Pos starts it
 * (all villages, or one), follows its progress (and may cancel it), and downloads the ZIP of the per-village
 * PDFs once it is done. A partner sees only its own jobs.
 */
import { useState } from 'react';
import { jobs } from '../../api/endpoints.ts';
import { useAction } from '../../components/cycle/use-action.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useJobResult } from '../../hooks/use-job.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/format.ts';
import { distributionApi } from './distribution.api.ts';
import { messages } from './messages.ts';

interface InvitationsResult {
  files: { village: string; letters: number }[];
  letters: number;
}

export function InvitationsPanel({ batchId }: { batchId: string }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  const [village, setVillage] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const {
    job,
    error: jobError,
    setJob,
    result,
    running,
  } = useJobResult<InvitationsResult>(jobId, busy, () => {});
  return (
    <section className="stack" aria-labelledby="invitations-title" data-testid="distribution-invitations">
      <h3 id="invitations-title">{tx('invitationsTitle')}</h3>
      <p className="muted small">{tx('invitationsIntro')}</p>
      <ErrorSummary error={error ?? jobError} />
      <label>
        {tx('invitationsVillage')}
        <input
          name="invitationsVillage"
          value={village}
          inputMode="numeric"
          maxLength={13}
          onChange={(e) => setVillage(e.target.value)}
        />
      </label>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={running}
          onClick={() => {
            setJobId(null);
            void run(
              () => distributionApi.invitationsJob(batchId, village.trim() || undefined),
              (started) => setJobId(started.jobId),
            );
          }}
        >
          {running ? tx('invitationsBusy') : tx('invitationsStart')}
        </button>
      </div>
      {job && <JobProgress job={job} onChange={setJob} />}
      {result && jobId && (
        <div className="stack">
          <p className="alert alert--success" role="status">
            {tx('invitationsReady', {
              letters: formatNumber(result.letters, lang),
              files: formatNumber(result.files.length, lang),
            })}
          </p>
          <p className="actions">
            <a className="button button--primary" href={jobs.resultUrl(jobId)} download>
              {tx('invitationsDownload')}
            </a>
          </p>
        </div>
      )}
    </section>
  );
}
