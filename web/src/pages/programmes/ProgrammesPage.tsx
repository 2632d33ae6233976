/**
 * "Program bansos": every programme with the version in force (door, target deciles, amounts), and for those
 * who manage programmes an upload of a new version (a file or pasted text) that shows each problem at its
 * JSON pointer (GET/POST /programmes).
 */
import { type FormEvent, useState } from 'react';
import { ApiError, http } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { messages } from './messages.ts';
import { benefitSummary, decilesText, doorText, type ProgrammeSummary, type VersionDetail } from './view.ts';

export function ProgrammesPage() {
  const { lang } = useI18n();
  const tx = useText(messages);
  const { can } = useSession();
  const list = useLoad(['programmes'], (signal) =>
    http.get<{ items: ProgrammeSummary[] }>('/programmes', undefined, signal),
  );

  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <ErrorSummary error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data?.items.length === 0 ? (
        <p>{tx('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="programmes">
            <thead>
              <tr>
                <th scope="col">{tx('programme')}</th>
                <th scope="col">{tx('door')}</th>
                <th scope="col">{tx('version')}</th>
                <th scope="col">{tx('deciles')}</th>
                <th scope="col">{tx('benefit')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((p) => {
                const doc = p.current?.document;
                return (
                  <tr key={p.code}>
                    <td>
                      <Link to={`/programmes/${encodeURIComponent(p.code)}`}>{p.name[lang]}</Link>{' '}
                      <span className="muted small" data-raw>
                        {p.code}
                      </span>
                    </td>
                    <td>{doorText(p, lang)}</td>
                    <td>{p.current?.version ?? <span className="muted">{tx('noCurrent')}</span>}</td>
                    <td>{doc ? decilesText(doc, lang, tx) : '—'}</td>
                    <td>{doc ? benefitSummary(doc, lang, tx) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {can('programme.manage') && <UploadForm onUploaded={list.reload} />}
    </>
  );
}

/** Problems of a refused document: where (JSON pointer) and what, in the reader's language. */
export function DocumentProblems({ error }: { error: unknown }) {
  const tx = useText(messages);
  if (!(error instanceof ApiError) || error.status !== 400 || error.issues.length === 0) {
    return <ErrorSummary error={error} />;
  }
  return (
    <div className="alert alert--error" role="alert" data-testid="document-problems">
      <p className="alert__title">{tx('problems')}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{tx('where')}</th>
              <th scope="col">{tx('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {error.issues.map((i) => (
              <tr key={`${i.field}:${i.code}`}>
                <td>
                  <code>{i.field}</code>
                </td>
                <td>{i.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const tx = useText(messages);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [stored, setStored] = useState<VersionDetail | null>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setParseError(null);
    setStored(null);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      setParseError(tx('notJson', { reason: (err as Error).message }));
      return;
    }
    setBusy(true);
    try {
      setStored(await http.post<VersionDetail>('/programmes', doc));
      setText('');
      onUploaded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-section" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{tx('uploadTitle')}</h2>
      <p className="muted">{tx('uploadHint')}</p>
      {stored && (
        <p role="status" className="notice">
          {tx('uploaded', { code: stored.code, version: stored.version })}{' '}
          <Link
            to={`/programmes/${encodeURIComponent(stored.code)}?version=${encodeURIComponent(stored.version)}`}
          >
            {tx('openDraft')}
          </Link>
        </p>
      )}
      {parseError && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{parseError}</p>
        </div>
      )}
      <DocumentProblems error={error} />
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
          name="document"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="mono"
        />
      </label>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || text.trim() === ''}>
          {tx('upload')}
        </button>
      </div>
    </form>
  );
}
