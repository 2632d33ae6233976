/**
 * .siks bundles: download a territory's working set; this installation's key; the trusted keys (Dinas
 * Sosial: register, revoke); verify an uploaded bundle, then import it as a job with progress and the
 * row-by-row report of conflicts and refusals. The service decides who may: sections are only hints.
 */
import { useState } from 'react';
import type { z } from 'zod';
import type { TrustedKey as TrustedKeySchema } from '../../../../src/modules/bundles/bundles.routes.ts';
import type { ImportReport, VerifyReport } from '../../../../src/modules/bundles/bundles.service.ts';
import { apiUrl, request, upload } from '../../api/client.ts';
import type { JobView } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/fields.tsx';
import { InlineForm } from '../../components/InlineForm.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { jobEnded, useJob } from '../../hooks/use-job.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { fieldErrors } from '../../lib/form-errors.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useSession, useUser } from '../../session.tsx';
import { messages } from './messages.ts';

type TrustedKey = z.infer<typeof TrustedKeySchema>;
/** The verification and the import report as the server's bundle service types them (type-only imports). */
type Verify = VerifyReport;
type Report = ImportReport;
const COUNTS = ['created', 'updated', 'unchanged', 'conflicts', 'rejected'] as const;

export function BundlesPage() {
  const tx = useText(messages);
  const { can } = useSession();
  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <div className="stack">
        {can('bundle.export') && <ExportCard />}
        {can('bundle.import') && <ImportCard />}
        {can('bundle.trust') && <KeysCard />}
      </div>
    </>
  );
}

function ExportCard() {
  const tx = useText(messages);
  const user = useUser();
  const [region, setRegion] = useState(user.regionCode);
  const key = useLoad(['bundles', 'key'], (signal) =>
    request<{ fingerprint: string; publicKey: string }>('GET', '/bundles/key', { signal }),
  );
  return (
    <section className="card stack" aria-labelledby="bundle-export">
      <h2 id="bundle-export">{tx('exportTitle')}</h2>
      <p>{tx('exportIntro')}</p>
      <RegionPicker
        root={user.regionCode}
        value={region}
        onChange={setRegion}
        path="bundle-region"
        legend={tx('region')}
      />
      <div className="actions">
        <a className="button button--primary" href={apiUrl('/bundles/export', { region })} download>
          {tx('download')}
        </a>
      </div>
      {key.data && (
        <div className="stack">
          <h3>{tx('keyTitle')}</h3>
          <p className="small">{tx('keyIntro')}</p>
          <p>
            {tx('fingerprint')}: <code>{key.data.fingerprint}</code>
          </p>
          <pre className="small" data-raw="true" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            <code>{key.data.publicKey}</code>
          </pre>
        </div>
      )}
    </section>
  );
}

function ImportCard() {
  const tx = useText(messages);
  const { lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [verified, setVerified] = useState<Verify | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError, setJob } = useJob(jobId);
  const report = job?.state === 'done' ? (job.result as Report) : null;
  const busy = jobId !== null && (!job || !jobEnded(job as JobView));

  const verify = async () => {
    if (!file) return;
    setError(null);
    setVerified(null);
    setJobId(null);
    try {
      setVerified(await upload<Verify>('/bundles/verify', file, { contentType: 'application/octet-stream' }));
    } catch (err) {
      setError(err);
    }
  };
  const start = async () => {
    if (!file) return;
    setError(null);
    try {
      const started = await upload<{ jobId: string }>('/bundles/import', file, {
        contentType: 'application/octet-stream',
        query: { name: file.name },
      });
      setJobId(started.jobId);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card stack" aria-labelledby="bundle-import">
      <h2 id="bundle-import">{tx('importTitle')}</h2>
      <ErrorSummary error={error ?? jobError} />
      <label className="field">
        <span className="field__label">{tx('file')}</span>
        <input
          type="file"
          accept=".siks,application/zip,application/octet-stream"
          data-testid="bundle-file"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setVerified(null);
            setJobId(null);
          }}
        />
      </label>
      <div className="actions">
        <button type="button" className="button" disabled={!file} onClick={() => void verify()}>
          {tx('verify')}
        </button>
        {verified?.ok && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void start()}
          >
            {tx('import')}
          </button>
        )}
      </div>
      {verified && (
        <p role="status" className={verified.ok ? 'notice' : 'error'} data-testid="bundle-verify">
          {verified.ok
            ? tx('intact', {
                name: verified.signer.name,
                kind: verified.manifest.kind,
                territory: verified.manifest.territory,
              })
            : tx('refused', { part: verified.part, reason: verified.message[lang] })}
        </p>
      )}
      {job && <JobProgress job={job as JobView} onChange={setJob} />}
      {report && (
        <div className="stack" data-testid="bundle-report">
          <dl className="counts">
            {COUNTS.map((k) => (
              <div key={k}>
                <dt>{tx(k)}</dt>
                <dd>{formatNumber(report[k], lang)}</dd>
              </div>
            ))}
          </dl>
          {report.rows.length > 0 && (
            <>
              <h3>{tx('rowsTitle')}</h3>
              <DataTable
                rows={report.rows}
                rowKey={(r) => String(r.line)}
                columns={[
                  { key: 'line', head: tx('line'), cell: (r) => r.line, num: true },
                  {
                    key: 'change',
                    head: tx('change'),
                    cell: (r) => (
                      <>
                        <code>{r.kind}</code> <code>{r.targetId}</code>
                      </>
                    ),
                  },
                  { key: 'reason', head: tx('reason'), cell: (r) => r.reason?.message },
                ]}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function KeysCard() {
  const tx = useText(messages);
  const { lang } = useI18n();
  const user = useUser();
  const keys = useLoad(['bundles', 'trusted-keys'], (signal) =>
    request<{ items: TrustedKey[] }>('GET', '/bundles/trusted-keys', { signal }),
  );
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [region, setRegion] = useState(user.regionCode);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  const trust = async () => {
    setError(null);
    try {
      await request('POST', '/bundles/trusted-keys', { json: { name, publicKey, regionCode: region } });
      setName('');
      setPublicKey('');
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (k: TrustedKey) => {
    const reason = window.prompt(tx('revokeReason'));
    if (!reason) return;
    try {
      await request('POST', `/bundles/trusted-keys/${k.fingerprint}/revoke`, { json: { reason } });
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card stack" aria-labelledby="bundle-keys">
      <h2 id="bundle-keys">{tx('trustedTitle')}</h2>
      <ErrorSummary error={error ?? keys.error} />
      {keys.data?.items.length === 0 ? (
        <p>{tx('trustedNone')}</p>
      ) : (
        <DataTable
          testId="trusted-keys"
          rows={keys.data?.items ?? []}
          rowKey={(k) => k.id}
          columns={[
            { key: 'name', head: tx('name'), cell: (k) => k.name },
            { key: 'fingerprint', head: tx('fingerprint'), cell: (k) => <code>{k.fingerprint}</code> },
            { key: 'region', head: tx('region'), cell: (k) => <code>{k.regionCode}</code> },
            {
              key: 'status',
              head: tx('status'),
              cell: (k) => (k.revokedAt ? `${tx('revoked')} ${formatDate(k.revokedAt, lang)}` : tx('active')),
            },
            {
              key: 'revoke',
              head: <span className="visually-hidden">{tx('revoke')}</span>,
              cell: (k) =>
                !k.revokedAt && (
                  <button type="button" className="button button--small" onClick={() => void revoke(k)}>
                    {tx('revoke')}
                  </button>
                ),
            },
          ]}
        />
      )}
      <InlineForm title={tx('trustTitle')} submit={tx('trust')} onSubmit={() => void trust()} noValidate>
        <TextField
          path="name"
          label={tx('name')}
          value={name}
          onChange={setName}
          maxLength={200}
          required
          errors={errors.name}
        />
        <TextField
          path="publicKey"
          label={tx('publicKey')}
          value={publicKey}
          onChange={setPublicKey}
          maxLength={2000}
          required
          errors={errors.publicKey}
        />
        <RegionPicker
          root={user.regionCode}
          value={region}
          onChange={setRegion}
          path="key-region"
          legend={tx('region')}
        />
      </InlineForm>
    </section>
  );
}
