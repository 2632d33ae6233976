/**
 * Dukcapil matching for the regency Dinas Sosial: upload an extract, see the counts per finding and the
 * rejected lines, and work through the findings one by one (accept Dukcapil, keep DTKS, note for a removal
 * proposal, remove as deceased). The chosen import and filters live in the address.
 */
import { useState } from 'react';
import { DUKCAPIL_COLUMNS, MATCH_RESULTS, RESOLUTIONS } from '../../../../../src/domain/dukcapil/dukcapil.ts';
import { CsvFileField, useCsvUpload } from '../../../components/CsvUpload.tsx';
import { DataTable, NameCell, num } from '../../../components/cycle/DataTable.tsx';
import { CursorItems } from '../../../components/cycle/lists.tsx';
import { useAction } from '../../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/fields.tsx';
import { JobProgress } from '../../../components/JobProgress.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/use-cursor-list.ts';
import { useJobResult } from '../../../hooks/use-job.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useI18n, useText } from '../../../i18n/index.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format.ts';
import { Link, useQueryState } from '../../../router.tsx';
import { useSession } from '../../../session.tsx';
import { dukcapil, type ImportAnswer, type ImportView, type MatchView, type Rejected } from './api.ts';
import { messages } from './messages.ts';
import '../verivali/cycle-work.css';

const useDukcapilText = () => useText(messages);

export function DukcapilPage() {
  const td = useDukcapilText();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const selected = query.get('import') ?? '';
  const [tick, setTick] = useState(0);
  const imports = useLoad(['dukcapil', 'imports'], (signal) => dukcapil.imports(signal));
  const sources = useLoad(['dukcapil', 'sources'], (signal) => dukcapil.sources(signal));
  const show = (r: ImportView) => {
    setTick((n) => n + 1);
    imports.reload();
    setQuery({ import: r.id, result: undefined, resolution: undefined });
  };
  return (
    <>
      <PageHeader title={td('title')} subtitle={td('intro')} />
      <div className="stack">
        {can('registry.import') && sources.data?.http && <ServiceMatch onDone={show} />}
        {can('registry.import') && <Upload onDone={show} />}
        <section className="card" aria-labelledby="imports-title">
          <h2 id="imports-title">{td('imports.title')}</h2>
          {imports.error ? <LoadError error={imports.error} onRetry={imports.reload} /> : null}
          {imports.loading && !imports.data ? <Loading /> : null}
          {imports.data && <ImportsTable items={imports.data.items} selected={selected} />}
        </section>
        {selected && <ImportDetail key={`${selected}:${tick}`} id={selected} />}
      </div>
    </>
  );
}

/** Matching through the civil registry's HTTP service, as a job with its progress. */
function ServiceMatch({ onDone }: { onDone: (r: ImportView) => void }) {
  const td = useDukcapilText();
  const { lang } = useI18n();
  const [jobId, setJobId] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const { job, error: jobError, setJob, result, running } = useJobResult<ImportAnswer>(jobId, busy, onDone);
  return (
    <section className="card stack" aria-labelledby="service-title">
      <h2 id="service-title">{td('service.title')}</h2>
      <p className="muted small">{td('service.intro')}</p>
      <ErrorSummary error={error ?? jobError} />
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={running}
          onClick={() => {
            setJobId(null);
            run(
              () => dukcapil.serviceMatch(undefined),
              (started) => setJobId(started.jobId),
            );
          }}
        >
          {running ? td('service.busy') : td('service.submit')}
        </button>
      </div>
      {job && <JobProgress job={job} onChange={setJob} />}
      {result && (
        <p className="alert alert--success" role="status">
          {td('service.done', {
            rows: formatNumber(result.rows, lang),
            open: formatNumber(result.open, lang),
          })}
        </p>
      )}
    </section>
  );
}

function Upload({ onDone }: { onDone: (r: ImportAnswer) => void }) {
  const td = useDukcapilText();
  const { lang } = useI18n();
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const { setFile, error, busy, onSubmit } = useCsvUpload(
    'dukcapil-file',
    td('upload.choose'),
    (file) => {
      setAnswer(null);
      return dukcapil.upload(file, undefined);
    },
    (r) => {
      setAnswer(r);
      onDone(r);
    },
  );
  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">{td('upload.title')}</h2>
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error} />
        <CsvFileField
          path="dukcapil-file"
          label={td('upload.file')}
          hint={td('upload.hint')}
          onChange={setFile}
        />
        <p className="muted small">
          {td('upload.header')} <code>{DUKCAPIL_COLUMNS.join(',')}</code>
        </p>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? td('upload.busy') : td('upload.submit')}
          </button>
        </div>
        {answer && (
          <>
            <p className="alert alert--success" role="status">
              {td('upload.done', {
                rows: formatNumber(answer.rows, lang),
                seconds: answer.seconds,
                rejected: formatNumber(answer.rejected, lang),
              })}
            </p>
            {answer.rejectedLines.length > 0 && <RejectedTable items={answer.rejectedLines} />}
          </>
        )}
      </form>
    </section>
  );
}

function ImportsTable({ items, selected }: { items: ImportView[]; selected: string }) {
  const td = useDukcapilText();
  const { lang } = useI18n();
  if (!items.length) return <p className="empty">{td('imports.empty')}</p>;
  return (
    <DataTable
      columns={[
        td('col.file'),
        td('col.date'),
        td('col.status'),
        num(td('col.rows')),
        num(td('col.rejected')),
        num(td('col.open')),
      ]}
    >
      {items.map((i) => (
        <tr key={i.id} aria-current={i.id === selected ? 'true' : undefined}>
          <NameCell name={i.fileName} to={`/cycle/dukcapil?import=${i.id}`} detail={i.regencyCode} />
          <td>{formatDateTime(i.createdAt, lang)}</td>
          <td>{td(`status.${i.status}` as 'status.complete')}</td>
          <td className="num">{formatNumber(i.rows, lang)}</td>
          <td className="num">{formatNumber(i.rejected, lang)}</td>
          <td className="num">{formatNumber(i.open, lang)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function ImportDetail({ id }: { id: string }) {
  const td = useDukcapilText();
  const { lang, text } = useI18n();
  const [query, setQuery] = useQueryState();
  const result = query.get('result') ?? '';
  const resolution = query.get('resolution') ?? 'open';
  const imp = useLoad(['dukcapil', 'imports', id], (signal) => dukcapil.get(id, signal));
  if (imp.error) return <LoadError error={imp.error} onRetry={imp.reload} back={{ to: '/cycle/dukcapil' }} />;
  if (!imp.data) return <Loading />;
  const i = imp.data;
  return (
    <>
      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title">
          {td('counts.title')}: {i.fileName}
        </h2>
        <div className="stat-cards">
          {MATCH_RESULTS.map((r) => (
            <button
              type="button"
              key={r.code}
              className={`stat-card stat-card--button${result === r.code ? ' stat-card--current' : ''}`}
              onClick={() =>
                setQuery({
                  result: result === r.code ? undefined : r.code,
                  resolution: r.code === 'matched' ? 'all' : resolution,
                })
              }
            >
              <span className="stat-card__label">{text(r.label)}</span>
              <span className="stat-card__value">{formatNumber(i.counts[r.code] ?? 0, lang)}</span>
            </button>
          ))}
          <div className="stat-card">
            <span className="stat-card__label">{td('col.rejected')}</span>
            <span className="stat-card__value">{formatNumber(i.rejected, lang)}</span>
          </div>
        </div>
      </section>
      {i.status === 'complete' && (
        <Worklist
          id={id}
          result={result}
          resolution={resolution}
          onFilter={(changes) => setQuery(changes)}
          onResolved={imp.reload}
        />
      )}
      {i.rejected > 0 && <StoredRejected id={id} />}
    </>
  );
}

function Worklist({
  id,
  result,
  resolution,
  onFilter,
  onResolved,
}: {
  id: string;
  result: string;
  resolution: string;
  onFilter: (changes: Record<string, string | undefined>) => void;
  onResolved: () => void;
}) {
  const td = useDukcapilText();
  const { text } = useI18n();
  const [changed, setChanged] = useState<Record<string, MatchView>>({});
  const list = useCursorList<MatchView>(
    'dukcapil',
    (cursor, signal) =>
      dukcapil.matches(id, { result: result || undefined, resolution, cursor, limit: 50 }, signal),
    [id, result, resolution],
  );
  return (
    <section className="card" aria-labelledby="worklist-title">
      <h2 id="worklist-title">{td('worklist.title')}</h2>
      <div className="filters__row">
        <SelectField
          path="filter-result"
          label={td('col.result')}
          value={result}
          onChange={(v) => onFilter({ result: v || undefined })}
          empty={td('all')}
          options={MATCH_RESULTS.map((r) => ({ value: r.code, label: text(r.label) }))}
        />
        <SelectField
          path="filter-resolution"
          label={td('worklist.resolution')}
          value={resolution}
          onChange={(v) => onFilter({ resolution: v === 'open' ? undefined : v })}
          options={[
            { value: 'open', label: td('worklist.open') },
            { value: 'resolved', label: td('worklist.resolved') },
            { value: 'all', label: td('worklist.all') },
            ...RESOLUTIONS.map((r) => ({ value: r.code, label: text(r.label) })),
          ]}
        />
      </div>
      <CursorItems list={list} empty={td('worklist.empty')}>
        <ul className="match-list">
          {list.items.map((m) => (
            <MatchItem
              key={m.id}
              m={changed[m.id] ?? m}
              onResolved={(x) => {
                setChanged((c) => ({ ...c, [x.id]: x }));
                onResolved();
              }}
            />
          ))}
        </ul>
      </CursorItems>
    </section>
  );
}

function MatchItem({ m, onResolved }: { m: MatchView; onResolved: (m: MatchView) => void }) {
  const td = useDukcapilText();
  const { text, lang, t } = useI18n();
  const sex = (v: string | null) => (v === 'M' ? t('sex.M') : v === 'F' ? t('sex.F') : '—');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const label = MATCH_RESULTS.find((r) => r.code === m.result)?.label;
  const resolve = (action: string) =>
    run(() => dukcapil.resolve(m.id, action, note.trim() || undefined), onResolved);
  return (
    <li className="match-item">
      <div className="match-item__head">
        <strong>
          {td('col.line')} {m.line}
        </strong>{' '}
        <span className="mono">{m.nik}</span> ·{' '}
        <span className={`tag tag--${m.result}`}>{label ? text(label) : m.result}</span>
        {m.householdId && (
          <>
            {' · '}
            <Link to={`/households/${m.householdId}`}>{td('worklist.household')}</Link>
          </>
        )}
      </div>
      <div className="match-item__compare small">
        {m.dukcapil ? (
          <span>
            {td('worklist.dukcapil')}: {m.dukcapil.name}, {formatDate(m.dukcapil.birthDate, lang)},{' '}
            {sex(m.dukcapil.sex)}, <span className="mono">{m.dukcapil.villageCode}</span>,{' '}
            {m.dukcapil.status === 'deceased' ? td('worklist.deceased') : td('worklist.alive')}
          </span>
        ) : (
          <span>
            {td('worklist.dukcapil')}: {td('worklist.notInDukcapil')}
          </span>
        )}
        {m.dtks && (
          <span>
            {td('worklist.dtks')}: {m.dtks.name}, {formatDate(m.dtks.birthDate, lang)}, {sex(m.dtks.sex)},{' '}
            <span className="mono">{m.dtks.villageCode}</span>
          </span>
        )}
      </div>
      {m.summary && <p className="small">{m.summary}</p>}
      <ErrorSummary error={error} />
      {m.resolution ? (
        <p className="small muted">
          {td('worklist.resolvedAs', {
            action: text(
              RESOLUTIONS.find((r) => r.code === m.resolution)?.label ?? {
                id: m.resolution,
                en: m.resolution,
              },
            ),
          })}
          {m.note ? ` — ${m.note}` : ''}
        </p>
      ) : (
        m.allowedActions.length > 0 && (
          <div className="match-item__actions">
            <TextField
              path={`note-${m.id}`}
              label={td('worklist.note')}
              value={note}
              onChange={setNote}
              maxLength={500}
            />
            <div className="actions">
              {m.allowedActions.map((a) => (
                <button
                  key={a}
                  type="button"
                  className={`button button--small${a === 'mark_deceased' ? ' button--danger' : a === 'accept_dukcapil' ? ' button--primary' : ''}`}
                  disabled={busy}
                  onClick={() => void resolve(a)}
                >
                  {text(RESOLUTIONS.find((r) => r.code === a)!.label)}
                </button>
              ))}
            </div>
          </div>
        )
      )}
    </li>
  );
}

function RejectedTable({ items }: { items: Rejected[] }) {
  const td = useDukcapilText();
  return (
    <DataTable
      caption={td('rejected.title')}
      columns={[num(td('col.line')), td('col.nik'), td('col.issues')]}
    >
      {items.map((r) => (
        <tr key={r.line}>
          <th scope="row" className="num">
            {r.line}
          </th>
          <td className="mono">{r.nik ?? '—'}</td>
          <td>
            {r.issues.map((i) => (
              <div key={`${i.field}:${i.code}`}>
                <span className="mono small">{i.field}</span>: {i.message}
              </div>
            ))}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function StoredRejected({ id }: { id: string }) {
  const td = useDukcapilText();
  const list = useCursorList<Rejected>(
    'dukcapil',
    (cursor, signal) => dukcapil.rejected(id, cursor, signal),
    [id, 'rejected'],
  );
  return (
    <section className="card" aria-labelledby="rejected-title">
      <h2 id="rejected-title">{td('rejected.title')}</h2>
      <CursorItems list={list} empty={td('rejected.empty')}>
        <RejectedTable items={list.items} />
      </CursorItems>
    </section>
  );
}
