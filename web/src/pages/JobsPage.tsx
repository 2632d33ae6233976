/**
 * "My jobs": the long work the user started (imports, exports, invitation letters, …), newest first, with
 * progress (asked again every second while any runs), cancel and a finished job's file. PT Pos sees its own
 * invitation-letter jobs here (the server shows a partner nothing else).
 */
import { type LabelKey, plainLabel } from '../../../src/domain/catalogue.ts';
import { jobs } from '../api/endpoints.ts';
import type { JobSummary } from '../api/types.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { JOB_STATE_LABEL } from '../components/JobProgress.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ListCount, useSortedRows } from '../components/SortableColumns.tsx';
import { jobEnded } from '../hooks/use-job.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatDateTime, formatNumber } from '../lib/format.ts';

/** Kinds whose result is a file the owner downloads (GET /jobs/{id}/result). */
const FILE_KINDS = new Set(['household.export', 'distribution.invitations']);

/** How often the list is asked again while a job runs. */
const POLL_MS = 1000;

/** The kinds' names, from the catalogue the server's job kinds use too. */
const KIND_LABEL: Record<string, LabelKey> = {
  'household.import': 'job_kind.household_import',
  'household.export': 'job_kind.household_export',
  'dukcapil.match': 'job_kind.dukcapil_match',
  'penetapan.determine': 'job_kind.penetapan_determine',
  'ranking.rank': 'job_kind.ranking_rank',
  'distribution.invitations': 'job_kind.distribution_invitations',
};

const NO_JOBS: JobSummary[] = [];

export function JobsPage() {
  const { t, lang } = useI18n();
  const list = useLoad(['jobs', { mine: true }], (signal) => jobs.list({ mine: true }, signal), {
    refetchInterval: (data) =>
      (data as { items: JobSummary[] } | undefined)?.items.some((j) => !jobEnded(j)) ? POLL_MS : false,
  });
  const running = list.data?.items.some((j) => !jobEnded(j)) ?? false;
  const sorted = useSortedRows(
    list.data?.items ?? NO_JOBS,
    {
      kind: (j) => (KIND_LABEL[j.kind] ? plainLabel(KIND_LABEL[j.kind]!)[lang] : j.kind),
      state: (j) => t(JOB_STATE_LABEL[j.state]),
      progress: (j) => (j.progress.total ? j.progress.done / j.progress.total : null),
      created: (j) => j.createdAt,
    },
    { key: 'created', descending: true },
  );
  const cancel = (j: JobSummary) => jobs.cancel(j.id).then(list.reload, list.reload);
  return (
    <>
      <PageHeader title={t('jobs.title')} subtitle={t('jobs.intro')} />
      <ErrorSummary error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <p>{t('jobs.none')}</p>
      ) : (
        <div className="table-wrap">
          <ListCount count={sorted.rows.length} />
          <table className="table">
            <thead>
              <tr>
                {sorted.heading('kind', t('jobs.kind'))}
                {sorted.heading('state', t('jobs.state'))}
                {sorted.heading('progress', t('jobs.progress'))}
                {sorted.heading('created', t('jobs.created'))}
                <th scope="col">
                  <span className="visually-hidden">{t('jobs.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.rows.map((j) => (
                <tr key={j.id} data-job-id={j.id}>
                  <td>{KIND_LABEL[j.kind] ? plainLabel(KIND_LABEL[j.kind]!)[lang] : j.kind}</td>
                  <td>{t(JOB_STATE_LABEL[j.state])}</td>
                  <td>
                    <progress
                      aria-label={t('jobs.progress')}
                      max={j.progress.total ?? undefined}
                      value={
                        j.progress.total === null ? undefined : Math.min(j.progress.done, j.progress.total)
                      }
                    />{' '}
                    <span className="small">
                      {formatNumber(j.progress.done, lang)}
                      {j.progress.total === null ? '' : ` / ${formatNumber(j.progress.total, lang)}`}
                    </span>
                  </td>
                  <td>{formatDateTime(j.createdAt, lang)}</td>
                  <td>
                    {j.state === 'done' && FILE_KINDS.has(j.kind) && (
                      <a className="button button--small" href={jobs.resultUrl(j.id)} download>
                        {t('jobs.download')}
                      </a>
                    )}
                    {!jobEnded(j) && !j.cancelRequested && (
                      <button type="button" className="button button--small" onClick={() => void cancel(j)}>
                        {t('jobs.cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={list.reload}>
          {running ? t('jobs.refreshRunning') : t('jobs.refresh')}
        </button>
      </div>
    </>
  );
}
