/**
 * The kecamatan's step of the cycle (seed 002: the village's result goes to the Bupati through the Camat):
 * the signed Berita Acara of its villages for a period, each acknowledged or returned to the village with a
 * note. The regency's Dinas Sosial sees the same list for its whole territory, read-only.
 */
import { useState } from 'react';
import { DataTable, NameCell } from '../../../components/cycle/DataTable.tsx';
import { PeriodFilter, periodOr, QuerySelect } from '../../../components/cycle/period.tsx';
import { useAction } from '../../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../../components/ErrorSummary.tsx';
import { TextAreaField } from '../../../components/fields.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format.ts';
import { useQueryState } from '../../../router.tsx';
import { useSession } from '../../../session.tsx';
import { type BeritaAcaraItem, beritaAcaraApi } from './berita-acara.api.ts';
import { useBeritaAcaraI18n } from './berita-acara.i18n.ts';

const STATES = ['pending', 'acknowledged', 'returned'] as const;

/** A Berita Acara that needs no acknowledgement (the regency switched the step off) is not "waiting" for one. */
const stateKey = (i: BeritaAcaraItem) =>
  !i.required && i.state === 'pending' ? 'state.notRequired' : (`state.${i.state}` as const);

export function BeritaAcaraPage() {
  const { m, lang } = useBeritaAcaraI18n();
  const [query, setQuery] = useQueryState();
  // No period in the address: the newest one with a signed Berita Acara, as the server answers it.
  const periodParam = periodOr(query.get('period'), '');
  const stateParam = query.get('state') ?? '';
  const state = (STATES as readonly string[]).includes(stateParam) ? stateParam : '';
  const list = useLoad(['berita-acara', { period: periodParam, state }], (signal) =>
    beritaAcaraApi.list(
      { ...(periodParam ? { period: periodParam } : {}), ...(state ? { state } : {}) },
      signal,
    ),
  );
  const period = periodParam || list.data?.period || '';
  const [done, setDone] = useState<string | null>(null);
  const replace = (item: BeritaAcaraItem) => {
    setDone(m('done', { name: item.villageName, state: m(stateKey(item)) }));
    list.reload();
  };
  return (
    <>
      <PageHeader title={m('title')} subtitle={m('subtitle')} />
      <search className="filters" aria-label={m('title')}>
        <div className="filters__row">
          <PeriodFilter value={period} label={m('period')} setQuery={setQuery} />
          <QuerySelect
            path="state"
            label={m('state')}
            value={state}
            options={STATES.map((s) => ({ value: s, label: m(`state.${s}`) }))}
            setQuery={setQuery}
          />
        </div>
      </search>
      {done && (
        <p role="status" className="alert alert--info">
          {done}
        </p>
      )}
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <section className="stack" aria-labelledby="ba-list">
          <h2 id="ba-list">{m('count', { n: formatNumber(list.data.items.length, lang) })}</h2>
          {list.data.items.length === 0 ? (
            <p>{m('none')}</p>
          ) : (
            <>
              {list.data.items.some((i) => !i.required) && (
                <p className="alert alert--info">{m('notRequired')}</p>
              )}
              <DataTable
                columns={[
                  m('village'),
                  m('district'),
                  m('heldOn'),
                  m('signedAt'),
                  m('scan'),
                  m('state'),
                  m('action'),
                ]}
              >
                {list.data.items.map((i) => (
                  <Row key={i.sessionId} item={i} onDone={replace} />
                ))}
              </DataTable>
            </>
          )}
        </section>
      )}
    </>
  );
}

function Row({ item: i, onDone }: { item: BeritaAcaraItem; onDone: (i: BeritaAcaraItem) => void }) {
  const { m, lang } = useBeritaAcaraI18n();
  const { can } = useSession();
  const { busy, error, run } = useAction();
  const [note, setNote] = useState('');
  const acting = can('cycle.acknowledge') && i.allowedActions.length > 0;
  return (
    <tr>
      <NameCell name={i.villageName} to={`/cycle/musdes/${i.sessionId}`} detail={i.villageCode} />
      <td>{i.districtName}</td>
      <td>{formatDate(i.heldOn, lang)}</td>
      <td>{formatDateTime(i.signedAt, lang)}</td>
      <td>
        {i.signedScanId && i.signedAt ? (
          <a href={beritaAcaraApi.attachmentUrl(i.signedScanId)} target="_blank" rel="noreferrer">
            PDF
          </a>
        ) : (
          '—'
        )}
      </td>
      <td>
        <span
          className={`badge ${i.state === 'returned' ? 'badge--removed' : i.state === 'acknowledged' || !i.required ? 'badge--active' : ''}`}
        >
          {m(stateKey(i))}
        </span>
        {i.note && <p className="small">{i.note}</p>}
        {i.previousNote && <p className="small muted">{m('previousNote', { note: i.previousNote })}</p>}
      </td>
      <td>
        {acting && (
          <div className="stack">
            <ErrorSummary error={error} />
            <p>
              <button
                type="button"
                className="button button--primary button--small"
                disabled={busy}
                aria-label={m('acknowledge', { name: i.villageName })}
                onClick={() => void run(() => beritaAcaraApi.acknowledge(i.sessionId), onDone)}
              >
                {m('acknowledgeButton')}
              </button>
            </p>
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => beritaAcaraApi.returnToVillage(i.sessionId, note), onDone);
              }}
            >
              <TextAreaField
                path={`returnNote-${i.villageCode}`}
                label={m('returnNote', { name: i.villageName })}
                value={note}
                onChange={setNote}
              />
              <p>
                <button
                  type="submit"
                  className="button button--danger button--small"
                  disabled={busy || note.trim().length < 3}
                >
                  {m('returnButton')}
                </button>
              </p>
            </form>
          </div>
        )}
      </td>
    </tr>
  );
}
