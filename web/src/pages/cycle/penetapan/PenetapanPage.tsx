/**
 * Penetapan: the determined periods, Pusdatin's "determine" with a confirmation, and for a chosen period
 * its summary, counts per province and regency, the diff against the previous period and the SK.
 */
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { CursorTable } from '../../../components/CursorTable.tsx';
import { DataTable, NameCell, num } from '../../../components/cycle/DataTable.tsx';
import { ListBody } from '../../../components/cycle/lists.tsx';
import { NextStep } from '../../../components/cycle/NextStep.tsx';
import { PERIOD } from '../../../components/cycle/period.tsx';
import { useAction } from '../../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/fields.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { CHANGE_TYPES } from '../../../components/VersionHistory.tsx';
import { useCursorList } from '../../../hooks/use-cursor-list.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useRegionNames } from '../../../hooks/use-region-names.ts';
import { formatDateTime, formatNumber, formatPeriod } from '../../../lib/format.ts';
import { Link, useQueryState } from '../../../router.tsx';
import { may, useUser } from '../../../session.tsx';
import { changeReasonText } from './change-reason.ts';
import {
  type ChangeKind,
  type DeterminationSummary,
  type DiffItem,
  type PeriodDetail,
  type PeriodItem,
  penetapanApi,
} from './penetapan.api.ts';
import { usePenetapanI18n } from './penetapan.i18n.ts';

const CHANGES: ChangeKind[] = ['added', 'removed', 'changed'];
/** The counts every period and every region of a period carries. */
const COUNTS = ['households', 'persons', 'added', 'removed', 'changed'] as const;

export function PenetapanPage() {
  const { m, lang } = usePenetapanI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const periods = useLoad(['periods'], (signal) => penetapanApi.list(signal));
  const items = periods.data?.items ?? [];
  const chosen = query.get('period') ?? items.find((p) => p.state === 'determined')?.period ?? '';

  return (
    <div className="stack">
      <PageHeader title={m('title')} subtitle={m('subtitle')} />
      {may(user, 'cycle.determine') && periods.data && (
        <DetermineForm
          proposed={periods.data.nextDeterminable}
          onDone={(s) => {
            periods.reload();
            setQuery({ period: s.period });
          }}
        />
      )}
      <section aria-labelledby="penetapan-periods" className="stack">
        <h2 id="penetapan-periods">{m('periods')}</h2>
        {periods.error ? <LoadError error={periods.error} onRetry={periods.reload} /> : null}
        {periods.error && !periods.data ? null : (
          <ListBody loading={!periods.data} isEmpty={items.length === 0} empty={m('empty')}>
            <DataTable
              className="table table--hover"
              columns={[
                m('period'),
                m('state'),
                m('skNumber'),
                ...COUNTS.map((k) => num(m(k))),
                m('determinedAt'),
              ]}
            >
              {items.map((p: PeriodItem) => (
                <tr key={p.period} aria-current={p.period === chosen ? 'true' : undefined}>
                  <th scope="row">
                    <Link to={`/cycle/penetapan?period=${p.period}`} className="mono">
                      {formatPeriod(p.period, lang)}
                    </Link>
                  </th>
                  <td>
                    <span className={`badge ${p.state === 'determined' ? 'badge--active' : ''}`}>
                      {p.state === 'determined' ? m('state.determined') : m('state.open')}
                    </span>
                  </td>
                  <td className="mono small">{p.skNumber ?? '—'}</td>
                  {COUNTS.map((k) => (
                    <td key={k} className="num">
                      {formatNumber(p[k], lang)}
                    </td>
                  ))}
                  <td className="small">{formatDateTime(p.determinedAt, lang)}</td>
                </tr>
              ))}
            </DataTable>
          </ListBody>
        )}
      </section>
      {PERIOD.test(chosen) && items.some((p) => p.period === chosen && p.state === 'determined') && (
        <PeriodView key={chosen} period={chosen} />
      )}
    </div>
  );
}

/**
 * Pusdatin's determination: the form proposes the next determinable period (the month after the latest
 * determined one, from the API), so the proposed value never answers 409; the step asks for confirmation.
 */
function DetermineForm({
  proposed,
  onDone,
}: {
  proposed: string | null;
  onDone: (s: DeterminationSummary) => void;
}) {
  const { m, lang } = usePenetapanI18n();
  const [period, setPeriod] = useState(proposed ?? '');
  // After a determination the next proposal moves on (the month after it).
  useEffect(() => {
    if (proposed) setPeriod(proposed);
  }, [proposed]);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<DeterminationSummary | null>(null);

  const determine = async () => {
    await run(
      () => penetapanApi.determine(period),
      (s) => {
        setDone(s);
        onDone(s);
      },
    );
    setConfirming(false);
  };

  return (
    <section className="card stack" aria-labelledby="penetapan-determine">
      <h2 id="penetapan-determine">{m('determine.title')}</h2>
      <ErrorSummary error={error} />
      {done && (
        <div className="alert alert--success" role="status">
          {m('determine.done', {
            period: done.period,
            households: formatNumber(done.households, lang),
            persons: formatNumber(done.persons, lang),
          })}
        </div>
      )}
      <div className="filters__row">
        <TextField
          path="period"
          type="month"
          label={m('determine.period')}
          hint={m('determine.hint')}
          value={period}
          onChange={(v) => {
            setPeriod(v);
            setConfirming(false);
          }}
        />
      </div>
      {proposed ? (
        <p className="muted small">{m('determine.proposed', { period: proposed })}</p>
      ) : (
        <p className="muted small">{m('determine.allDone')}</p>
      )}
      <p>
        <button
          type="button"
          className="button button--primary"
          disabled={!PERIOD.test(period) || busy}
          onClick={() => setConfirming(true)}
        >
          {m('determine.button')}
        </button>
      </p>
      <ConfirmDialog
        open={confirming}
        title={m('determine.confirmTitle', { period: formatPeriod(period, lang) })}
        confirmLabel={m('determine.yes')}
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void determine()}
      >
        <p>{m('determine.confirm', { period: formatPeriod(period, lang) })}</p>
        {busy && <p role="status">{m('determine.busy')}</p>}
      </ConfirmDialog>
    </section>
  );
}

function PeriodView({ period }: { period: string }) {
  const { m, lang } = usePenetapanI18n();
  const [province, setProvince] = useState('');
  const detail = useLoad(['periods', period], (signal) => penetapanApi.get(period, undefined, signal));
  if (detail.error)
    return <LoadError error={detail.error} onRetry={detail.reload} back={{ to: '/cycle/penetapan' }} />;
  const d = detail.data;
  if (!d) return <Loading />;
  const regencies = province ? d.regencies.filter((r) => r.provinceCode === province) : d.regencies;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="penetapan-summary">
        <h2 id="penetapan-summary">
          {m('period')} {formatPeriod(d.period, lang)} · {d.skNumber}
        </h2>
        <NextStep machine="period" state={d.state} />
        <dl className="dl-grid">
          <dt>{m('households')}</dt>
          <dd>{formatNumber(d.households, lang)}</dd>
          <dt>{m('persons')}</dt>
          <dd>{formatNumber(d.persons, lang)}</dd>
          <dt>
            {m('added')} / {m('removed')} / {m('changed')}
          </dt>
          <dd>
            {formatNumber(d.added, lang)} / {formatNumber(d.removed, lang)} / {formatNumber(d.changed, lang)}
          </dd>
          <dt>{m('previous')}</dt>
          <dd>{d.previousPeriod ?? m('previous.none')}</dd>
          <dt>{m('determinedAt')}</dt>
          <dd>{formatDateTime(d.determinedAt, lang)}</dd>
          <dt>{m('checksum')}</dt>
          <dd className="mono small" style={{ overflowWrap: 'anywhere' }}>
            {d.checksum}
          </dd>
        </dl>
        {d.hasSk && (
          <p>
            <a className="button" href={penetapanApi.skUrl(d.period)} download>
              {m('sk.download')}
            </a>
          </p>
        )}
      </section>
      <CountsTable title={m('counts.provinces')} id="penetapan-provinces" rows={d.provinces} />
      <section aria-labelledby="penetapan-regencies" className="stack">
        <h2 id="penetapan-regencies">{m('counts.regencies')}</h2>
        {d.provinces.length > 1 && (
          <div className="filters__row">
            <SelectField
              path="province"
              label={m('counts.filter')}
              value={province}
              onChange={setProvince}
              empty={m('counts.all')}
              options={d.provinces.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))}
            />
          </div>
        )}
        <CountsTable rows={regencies} />
      </section>
      <DiffBrowser period={d.period} />
    </div>
  );
}

function CountsTable({
  title,
  id,
  rows,
}: {
  title?: string;
  id?: string;
  rows: PeriodDetail['provinces'] | PeriodDetail['regencies'];
}) {
  const { m, lang } = usePenetapanI18n();
  const table = (
    <DataTable columns={[m('counts.code'), m('counts.name'), ...COUNTS.map((k) => num(m(k)))]}>
      {rows.map((r) => (
        <tr key={r.code}>
          <td className="mono">{r.code}</td>
          <th scope="row">
            {r.name}
            {'submitted' in r && !r.submitted && (
              <span className="muted small"> · {m('counts.carried')}</span>
            )}
          </th>
          {COUNTS.map((k) => (
            <td key={k} className="num">
              {formatNumber(r[k], lang)}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
  if (!title) return table;
  return (
    <section aria-labelledby={id} className="stack">
      <h2 id={id}>{title}</h2>
      {table}
    </section>
  );
}

function DiffBrowser({ period }: { period: string }) {
  const { m, t, lang } = usePenetapanI18n();
  const [change, setChange] = useState('');
  const [region, setRegion] = useState('');
  const list = useCursorList<DiffItem>(
    'periods',
    (cursor, signal) =>
      penetapanApi.changes(
        period,
        {
          change: (change || undefined) as ChangeKind | undefined,
          region: region.trim() || undefined,
          cursor,
        },
        signal,
      ),
    [period, change, region],
  );
  const villages = useRegionNames(list.items.map((i) => i.regionCode));
  return (
    <section aria-labelledby="penetapan-diff" className="stack">
      <h2 id="penetapan-diff">{m('diff.title')}</h2>
      <search className="filters" aria-label={m('diff.title')}>
        <div className="filters__row">
          <SelectField
            path="change"
            label={m('diff.change')}
            value={change}
            onChange={setChange}
            empty={m('diff.all')}
            options={CHANGES.map((c) => ({ value: c, label: m(c) }))}
          />
          <TextField path="diffRegion" label={m('diff.region')} value={region} onChange={setRegion} />
        </div>
      </search>
      <CursorTable
        list={list}
        empty={
          <p className="empty" role="status">
            {m('diff.empty')}
          </p>
        }
        head={
          <>
            <th scope="col">{m('diff.household')}</th>
            <th scope="col">{m('diff.village')}</th>
            <th scope="col">{m('diff.change')}</th>
            <th scope="col">{m('diff.versions')}</th>
            <th scope="col">{m('diff.reason')}</th>
          </>
        }
        row={(i) => (
          <tr key={i.householdId}>
            <NameCell name={i.headName} to={`/households/${i.householdId}`} detail={`KK ${i.kkNumber}`} />
            <td title={i.regionCode}>{villages.get(i.regionCode) ?? i.regionCode}</td>
            <td>
              <span className={`badge ${i.change === 'removed' ? 'badge--removed' : 'badge--active'}`}>
                {m(i.change)}
              </span>
            </td>
            <td className="mono small">
              {i.fromVersion ?? '—'} → {i.toVersion ?? '—'}
            </td>
            <td className="small">
              {i.reason
                ? changeReasonText(
                    i.reason,
                    (type) => (CHANGE_TYPES[type] ? t(CHANGE_TYPES[type]) : undefined),
                    lang,
                  )
                : '—'}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
