/**
 * One programme: a version's rules in words (the reader's language), its exclusions, amounts and schedule,
 * and every version; a draft can be published (with a confirmation) by those who manage the programme
 * (GET /programmes/{code}, GET …/versions/{version}, POST …/publish).
 */
import { useState } from 'react';
import { label } from '../../../../src/domain/catalogue.ts';
import type { Lang } from '../../../../src/domain/errors.ts';
import {
  describeMemberRule,
  describeRule,
  eligibilityLines,
  monthsText,
  rupiahText,
} from '../../../../src/domain/programmes/describe.ts';
import type { ProgrammeDocument } from '../../../../src/domain/programmes/document.ts';
import { EXCLUSION_LABELS } from '../../../../src/domain/programmes/exclusions.ts';
import { http } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorSummary, LoadError } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { invalidate } from '../../query-client.ts';
import { Link, useQueryState } from '../../router.tsx';
import { messages } from './messages.ts';
import { decilesText, doorText, type ProgrammeDetail, type Tx, type VersionDetail } from './view.ts';

const enc = encodeURIComponent;

export function ProgrammeDetailPage({ params }: { params: Record<string, string> }) {
  const { lang } = useI18n();
  const tx = useText(messages);
  const [query] = useQueryState();
  const code = params.code!;
  const programme = useLoad(['programmes', code], (signal) =>
    http.get<ProgrammeDetail>(`/programmes/${enc(code)}`, undefined, signal),
  );
  const p = programme.data;
  const wanted = query.get('version') ?? p?.current?.version ?? p?.latest.version ?? null;
  const version = useLoad(['programmes', code, 'versions', wanted], (signal) =>
    wanted
      ? http.get<VersionDetail>(`/programmes/${enc(code)}/versions/${enc(wanted)}`, undefined, signal)
      : Promise.resolve(null),
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const publish = async () => {
    if (!wanted) return;
    setBusy(true);
    setError(null);
    try {
      const v = await http.post<VersionDetail>(`/programmes/${enc(code)}/versions/${enc(wanted)}/publish`);
      setDone(tx('published', { code: v.code, version: v.version }));
      await invalidate(['programmes', code]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (programme.loading && !p) return <Loading />;
  if (!p)
    return <LoadError error={programme.error} onRetry={programme.reload} back={{ to: '/programmes' }} />;
  const v = version.data;
  return (
    <>
      <PageHeader
        title={p.name[lang]}
        subtitle={
          <>
            <span className="mono" data-raw>
              {p.code}
            </span>{' '}
            · {doorText(p, lang)}
          </>
        }
        actions={<Link to="/programmes">{tx('back')}</Link>}
      />
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      <ErrorSummary error={error ?? version.error} />
      {v && (
        <>
          <section className="card" aria-labelledby="version-title" data-testid="programme-version">
            <h2 id="version-title">
              {tx('showing', { version: v.version, state: tx(`state.${v.state}`) })}
              {v.used && <span className="badge"> {tx('used')}</span>}
            </h2>
            {v.state === 'draft' && p.manageable && (
              <div className="actions">
                <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>
                  {tx('publish')}
                </button>
              </div>
            )}
            <dl className="dl-grid">
              <div>
                <dt>{tx('deciles')}</dt>
                <dd>{decilesText(v.document, lang, tx)}</dd>
              </div>
              <div>
                <dt>{tx('kind')}</dt>
                <dd>{label(`programme.benefit.${v.document.benefit.kind}`)[lang]}</dd>
              </div>
            </dl>
          </section>
          <Rules doc={v.document} lang={lang} tx={tx} />
          <section className="card" aria-labelledby="exclusions-title">
            <h2 id="exclusions-title">{tx('exclusions')}</h2>
            <ul data-testid="programme-exclusions">
              {v.document.exclusions.map((c) => (
                <li key={c}>
                  {EXCLUSION_LABELS[c][lang]}{' '}
                  <span className="muted small" data-raw>
                    {c}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <Amounts doc={v.document} lang={lang} tx={tx} />
          <details className="card">
            <summary>{tx('document')}</summary>
            <pre className="small">
              <code>{JSON.stringify(v.document, null, 2)}</code>
            </pre>
          </details>
        </>
      )}
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{tx('versions')}</h2>
        <div className="table-wrap">
          <table className="table" data-testid="programme-versions">
            <thead>
              <tr>
                <th scope="col">{tx('versionName')}</th>
                <th scope="col">{tx('state')}</th>
                <th scope="col">{tx('createdAt')}</th>
                <th scope="col">{tx('publishedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {p.versions.map((x) => (
                <tr key={x.version} aria-current={x.version === wanted ? 'true' : undefined}>
                  <td>
                    <Link to={`/programmes/${enc(code)}?version=${enc(x.version)}`}>{x.version}</Link>
                  </td>
                  <td>
                    {tx(`state.${x.state}`)}
                    {x.used ? ` · ${tx('used')}` : ''}
                  </td>
                  <td>{formatDateTime(x.createdAt, lang)}</td>
                  <td>{formatDateTime(x.publishedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ConfirmDialog
        open={confirming}
        title={tx('publishTitle', { code: p.code, version: wanted ?? '' })}
        confirmLabel={tx('publish')}
        busy={busy}
        onConfirm={() => void publish()}
        onCancel={() => setConfirming(false)}
      >
        <p>{tx('publishBody', { current: p.current?.version ?? tx('publishNone') })}</p>
      </ConfirmDialog>
    </>
  );
}

function Rules({ doc, lang, tx }: { doc: ProgrammeDocument; lang: Lang; tx: Tx }) {
  const lines = eligibilityLines(doc);
  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{tx('rules')}</h2>
      {lines.length === 0 ? (
        <p>{tx('noRules')}</p>
      ) : (
        <ul data-testid="programme-rules">
          {lines.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one immutable document
            <li key={i}>{describeRule(r, doc)[lang]}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Amounts({ doc, lang, tx }: { doc: ProgrammeDocument; lang: Lang; tx: Tx }) {
  const b = doc.benefit;
  return (
    <section className="card" aria-labelledby="amounts-title" data-testid="programme-amounts">
      <h2 id="amounts-title">{tx('amounts')}</h2>
      {b.kind === 'membership' ? (
        <p>{label('programme.benefit.membership')[lang]}</p>
      ) : (
        <dl className="dl-grid">
          {b.kind !== 'cash_components' && (
            <div>
              <dt>{tx('amountPerPayment')}</dt>
              <dd>
                {rupiahText(b.amount)[lang]}
                {b.kind === 'per_member' ? ` × ${b.name[lang]}` : ''}
              </dd>
            </div>
          )}
          <div>
            <dt>{tx('schedule')}</dt>
            <dd>{monthsText(b.schedule.months)[lang]}</dd>
          </div>
        </dl>
      )}
      {b.kind === 'per_member' && <p>{describeMemberRule(b.member, doc)[lang]}</p>}
      {b.kind === 'cash_components' && (
        <>
          <p>
            {tx('maxComponents', { max: b.maxComponents })} {tx('tranche', { n: b.schedule.months.length })}
          </p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{tx('component')}</th>
                  <th scope="col">{tx('who')}</th>
                  <th scope="col" className="num">
                    {tx('yearly')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {b.components.map((c) => (
                  <tr key={c.code}>
                    <td>
                      {c.name[lang]}{' '}
                      <span className="muted small" data-raw>
                        {c.code}
                      </span>
                    </td>
                    <td>{describeMemberRule(c.member, doc)[lang]}</td>
                    <td className="num">{rupiahText(c.yearlyAmount)[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
