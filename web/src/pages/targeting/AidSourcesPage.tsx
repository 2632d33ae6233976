/**
 * Matching other aid and subsidy sources (pemadanan, seed 004): upload another programme's beneficiary list as a
 * job (progress, then its counts and rejected lines), the lists the user may see with the counts of their part,
 * the overlap worklist (households named by several lists), and a list's beneficiaries not in DTKS or its
 * rejected lines. The chosen list and filters live in the address.
 */
import { useState } from 'react';
import { catalogueText } from '../../../../src/domain/catalogue.ts';
import { CsvFileField, useCsvUpload } from '../../components/CsvUpload.tsx';
import { DataTable, NameCell, num } from '../../components/cycle/DataTable.tsx';
import { CursorItems } from '../../components/cycle/lists.tsx';
import { ErrorSummary, LoadError } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/use-cursor-list.ts';
import { useJobResult } from '../../hooks/use-job.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { clientError } from '../../lib/form-errors.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useQueryState } from '../../router.tsx';
import { useSession, useUser } from '../../session.tsx';
import { aidSources, type Entry, type Overlap, type Source } from './api.ts';
import { messages } from './messages.ts';
import './targeting.css';

const useAidText = () => useText(messages);

interface ImportResult extends Source {
  rejectedLines: { line: number; issues: { field: string; code: string; message: string }[] }[];
}

export function AidSourcesPage() {
  const ta = useAidText();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const [tick, setTick] = useState(0);
  const lists = useLoad(['aid-sources'], (signal) => aidSources.list(signal));
  const selected = query.get('source') ?? '';
  const show = query.get('show') === 'rejected' ? 'rejected' : 'not_found';
  const source = lists.data?.items.find((s) => s.id === selected) ?? null;
  return (
    <>
      <PageHeader title={ta('aidTitle')} subtitle={ta('aidIntro')} />
      <div className="stack">
        {can('aid_source.import') && (
          <Upload
            onDone={(r) => {
              setTick((n) => n + 1);
              lists.reload();
              setQuery({ source: r.id, show: undefined });
            }}
          />
        )}
        <section className="card" aria-labelledby="lists-title">
          <h2 id="lists-title">{ta('listsTitle')}</h2>
          {lists.error ? <LoadError error={lists.error} onRetry={lists.reload} /> : null}
          {lists.loading && !lists.data ? <Loading /> : null}
          {lists.data && (
            <SourceTable
              items={lists.data.items}
              selected={selected}
              onPick={(id) => setQuery({ source: id })}
            />
          )}
        </section>
        {lists.data && <OverlapList key={tick} sources={lists.data.items} />}
        {source && (
          <Entries
            key={`${source.id}:${show}`}
            source={source}
            show={show}
            onShow={(s) => setQuery({ show: s === 'not_found' ? undefined : s })}
          />
        )}
      </div>
    </>
  );
}

function Upload({ onDone }: { onDone: (r: ImportResult) => void }) {
  const ta = useAidText();
  const { t, lang } = useI18n();
  const user = useUser();
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const { setFile, error, busy, onSubmit } = useCsvUpload(
    'aid-file',
    ta('chooseFile'),
    (file) => {
      if (!name.trim()) throw clientError({ sourceName: [ta('sourceNameMissing')] }, t('error.fixFields'));
      setJobId(null);
      return aidSources.upload(file, name.trim(), region.trim() || undefined);
    },
    (started) => setJobId(started.jobId),
  );
  const { job, error: jobError, setJob, result, running } = useJobResult<ImportResult>(jobId, busy, onDone);
  return (
    <section className="card stack" aria-labelledby="upload-title">
      <h2 id="upload-title">{ta('importTitle')}</h2>
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error ?? jobError} />
        <TextField
          path="sourceName"
          label={ta('sourceName')}
          hint={ta('sourceNameHint')}
          value={name}
          onChange={setName}
        />
        {user.regionCode.split('.').length < 2 && (
          <TextField
            path="region"
            label={ta('regionField')}
            value={region}
            onChange={setRegion}
            inputMode="numeric"
          />
        )}
        <CsvFileField path="aid-file" label={ta('file')} hint={ta('fileHint')} onChange={setFile} />
        <p className="muted small">
          {ta('columns')} <code>nik</code>, <code>kk_number</code>, <code>region_code</code>
        </p>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={running}>
            {running ? ta('uploading') : ta('upload')}
          </button>
        </div>
      </form>
      {job && <JobProgress job={job} onChange={setJob} />}
      {result && (
        <div className="stack" role="status">
          <p className="alert alert--success" data-result="import">
            {ta('imported', {
              rows: formatNumber(result.rows, lang),
              kk: formatNumber(result.counts.matched_kk ?? 0, lang),
              nik: formatNumber(result.counts.matched_nik ?? 0, lang),
              notFound: formatNumber(result.counts.not_found ?? 0, lang),
              rejected: formatNumber(result.counts.rejected ?? 0, lang),
            })}
          </p>
          {result.rejectedLines.length > 0 && (
            <DataTable
              caption={ta('rejectedTitle')}
              columns={[num(ta('colLine')), ta('colField'), ta('colReason')]}
            >
              {result.rejectedLines.flatMap((r) =>
                r.issues.map((i) => (
                  <tr key={`${r.line}:${i.field}:${i.code}`}>
                    <td className="num">{r.line}</td>
                    <td>{i.field}</td>
                    <td>{catalogueText(i.code, i.message, lang)}</td>
                  </tr>
                )),
              )}
            </DataTable>
          )}
        </div>
      )}
    </section>
  );
}

function SourceTable({
  items,
  selected,
  onPick,
}: {
  items: Source[];
  selected: string;
  onPick: (id: string) => void;
}) {
  const ta = useAidText();
  const { lang } = useI18n();
  if (!items.length) return <p className="empty">{ta('listsEmpty')}</p>;
  return (
    <DataTable
      columns={[
        ta('colSource'),
        ta('colTerritory'),
        ta('colDate'),
        num(ta('colMatched')),
        num(ta('colNotFound')),
        num(ta('colRejected')),
      ]}
    >
      {items.map((s) => (
        <tr key={s.id} aria-current={s.id === selected ? 'true' : undefined}>
          <th scope="row">
            <button type="button" className="link-button" onClick={() => onPick(s.id)}>
              {s.name}
            </button>
            <span className="muted small">
              {' '}
              {s.fileName} · {ta(`status.${s.status}` as 'status.complete')}
            </span>
          </th>
          <td>{s.regionCode || ta('national')}</td>
          <td>{formatDateTime(s.createdAt, lang)}</td>
          <td className="num">
            {formatNumber((s.counts.matched_kk ?? 0) + (s.counts.matched_nik ?? 0), lang)}
          </td>
          <td className="num">{formatNumber(s.counts.not_found ?? 0, lang)}</td>
          <td className="num">{formatNumber(s.counts.rejected ?? 0, lang)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function OverlapList({ sources }: { sources: Source[] }) {
  const ta = useAidText();
  const { lang } = useI18n();
  const [query, setQuery] = useQueryState();
  const minSources = Number(query.get('min') ?? '2') || 2;
  const only = query.get('only') ?? '';
  const [total, setTotal] = useState<number | null>(null);
  const list = useCursorList<Overlap>(
    'aid-sources',
    async (cursor, signal) => {
      const page = await aidSources.overlaps({ source: only || undefined, minSources, cursor }, signal);
      if (!cursor) setTotal(page.total);
      return page;
    },
    [minSources, only],
  );
  const complete = sources.filter((s) => s.status === 'complete');
  return (
    <section className="card" aria-labelledby="overlaps-title" data-list="overlaps">
      <h2 id="overlaps-title">{ta('overlapsTitle')}</h2>
      <div className="filters__row">
        <SelectField
          path="min"
          label={ta('minSources')}
          value={String(minSources)}
          options={[2, 3, 4, 5].map((n) => ({ value: String(n), label: ta('sourcesN', { n: String(n) }) }))}
          onChange={(v) => setQuery({ min: v === '2' ? undefined : v })}
        />
        <SelectField
          path="only"
          label={ta('onlyList')}
          value={only}
          empty={ta('allLists')}
          options={complete.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => setQuery({ only: v || undefined })}
        />
      </div>
      {total !== null && list.items.length > 0 && (
        <p className="small" data-figure="overlaps">
          {ta('overlapsTotal', { total: formatNumber(total, lang) })}
        </p>
      )}
      <CursorItems list={list} empty={ta('overlapsEmpty')}>
        <DataTable columns={[ta('colHead'), ta('colKk'), ta('colVillage'), ta('colSources')]}>
          {list.items.map((o) => (
            <tr key={o.householdId}>
              <NameCell name={o.headName} to={`/households/${o.householdId}`} detail="" />
              <td>{o.kkNumber}</td>
              <td>{o.villageCode}</td>
              <td>
                <ul className="source-tags">
                  {o.sources.map((s) => (
                    <li key={s.id}>{s.name}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      </CursorItems>
    </section>
  );
}

function Entries({
  source,
  show,
  onShow,
}: {
  source: Source;
  show: 'not_found' | 'rejected';
  onShow: (show: 'not_found' | 'rejected') => void;
}) {
  const ta = useAidText();
  const { lang } = useI18n();
  const list = useCursorList<Entry>(
    'aid-sources',
    (cursor, signal) => aidSources.entries(source.id, { result: show, cursor }, signal),
    [source.id, show],
  );
  return (
    <section className="card" aria-labelledby="entries-title" data-list="entries">
      <div className="section-head">
        <h2 id="entries-title">
          {show === 'rejected'
            ? ta('rejectedListTitle', { name: source.name })
            : ta('notFoundTitle', { name: source.name })}
        </h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => onShow(show === 'rejected' ? 'not_found' : 'rejected')}
        >
          {show === 'rejected' ? ta('showNotFound') : ta('showRejected')}
        </button>
      </div>
      <CursorItems list={list} empty={show === 'rejected' ? ta('listEmpty') : ta('notFoundEmpty')}>
        <DataTable
          columns={[
            num(ta('colLine')),
            ta('colNik'),
            ta('colKk'),
            show === 'rejected' ? ta('colReason') : ta('colWhere'),
          ]}
        >
          {list.items.map((e) => (
            <tr key={e.line}>
              <td className="num">{e.line}</td>
              <td className="mono">{e.nik ?? '—'}</td>
              <td className="mono">{e.kkNumber ?? '—'}</td>
              <td>
                {show === 'rejected'
                  ? e.issues.map((i) => catalogueText(i.code, i.message, lang)).join('; ')
                  : e.regionCode || ta('national')}
              </td>
            </tr>
          ))}
        </DataTable>
      </CursorItems>
    </section>
  );
}
