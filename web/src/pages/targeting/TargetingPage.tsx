/**
 * The targeting analytics dashboard: for a region of the user's territory and a ranked period, households per
 * national decile (chart and figures), the province tile map, the figures per child region with drill-down
 * (province → regency → district → village), the period's approved recipients per programme (chart and figures),
 * the decile movement since the previous ranked period, and the households behind any bar, row or cell (an
 * audited read: the analytics' households, or a programme's recipients in the region). Region, period and the
 * open list live in the address.
 */
import { lazy, Suspense, useMemo } from 'react';
import { ApiError } from '../../api/client.ts';
import { DataTable, NameCell, num } from '../../components/cycle/DataTable.tsx';
import { CursorItems } from '../../components/cycle/lists.tsx';
import { LoadError } from '../../components/ErrorSummary.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/use-cursor-list.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatNumber, formatPeriod } from '../../lib/format.ts';
import { useQueryState } from '../../router.tsx';
import { useUser } from '../../session.tsx';
import { useProgrammeName } from '../recipients/labels.ts';
import { PeriodAmount } from '../recipients/PeriodAmount.tsx';
import { type Recipient, recipientsApi } from '../recipients/recipients.api.ts';
import { analytics, type DecileScope, type HouseholdRow, type Overview, type Rollup } from './api.ts';
import { messages } from './messages.ts';
import './targeting.css';

const useTargetingText = () => useText(messages);
const DecileChart = lazy(async () => ({ default: (await import('./charts.tsx')).DecileChart }));
const ProvinceTileMap = lazy(async () => ({ default: (await import('./charts.tsx')).ProvinceTileMap }));
const ProgrammeChart = lazy(async () => ({ default: (await import('./charts.tsx')).ProgrammeChart }));

const percent = (share: number, lang: 'id' | 'en') => `${formatNumber(Math.round(share * 1000) / 10, lang)}%`;

export function TargetingPage() {
  const tt = useTargetingText();
  const [query, setQuery] = useQueryState();
  const region = query.get('region') ?? '';
  const period = query.get('period') ?? '';
  const scope = scopeOf(query.get('scope'));
  const data = useLoad(['analytics', 'targeting', { region, period, scope }], (signal) =>
    analytics.targeting({ region: region || undefined, period: period || undefined, scope }, signal),
  );
  const noRanking = data.error instanceof ApiError && data.error.status === 404 && !region && !period;
  return (
    <>
      <PageHeader title={tt('title')} subtitle={tt('intro')} />
      <div className="stack">
        {noRanking ? (
          <p className="empty">{tt('noRanking')}</p>
        ) : data.error ? (
          <LoadError error={data.error} onRetry={data.reload} />
        ) : null}
        {data.loading && !data.data ? <Loading /> : null}
        {data.data && (
          <Dashboard
            a={data.data}
            onRegion={(code) =>
              setQuery({
                region: code || undefined,
                decile: undefined,
                previous: undefined,
                programme: undefined,
              })
            }
            onPeriod={(p) =>
              setQuery({
                period: p || undefined,
                decile: undefined,
                previous: undefined,
                error: undefined,
                programme: undefined,
              })
            }
            onScope={(s) =>
              setQuery({
                scope: s === 'national' ? undefined : s,
                decile: undefined,
                previous: undefined,
                error: undefined,
                programme: undefined,
              })
            }
          />
        )}
      </div>
    </>
  );
}

const SCOPES: DecileScope[] = ['national', 'province', 'regency'];
const scopeOf = (s: string | null): DecileScope => (s === 'province' || s === 'regency' ? s : 'national');

function Dashboard({
  a,
  onRegion,
  onPeriod,
  onScope,
}: {
  a: Overview;
  onRegion: (code: string) => void;
  onPeriod: (period: string) => void;
  onScope: (scope: DecileScope) => void;
}) {
  const tt = useTargetingText();
  const { lang } = useI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const decile = query.get('decile');
  const previous = query.get('previous');
  const errorList = query.get('error');
  const error = errorList === 'inclusion' || errorList === 'exclusion' ? errorList : null;
  const programme = query.get('programme');
  const openList = (d: number | null, prev?: number) =>
    setQuery({
      decile: d === null ? 'all' : String(d),
      previous: prev === undefined ? undefined : String(prev),
      error: undefined,
      programme: undefined,
    });
  const openErrors = (e: 'inclusion' | 'exclusion') =>
    setQuery({ error: e, decile: undefined, previous: undefined, programme: undefined });
  const openProgramme = (code: string) =>
    setQuery({ programme: code, decile: undefined, previous: undefined, error: undefined });
  const names = useMemo(() => a.deciles.map((_, i) => String(i + 1)), [a.deciles]);
  const provinceValues = useMemo(
    () =>
      new Map(
        a.provinces.map((p) => [p.code, { share: p.poorestShare, name: p.name, households: p.households }]),
      ),
    [a.provinces],
  );
  const m = a.movement;
  return (
    <>
      <div className="filters card">
        <div className="filters__row">
          <SelectField
            path="period"
            label={tt('period')}
            value={a.period}
            options={a.periods.map((p) => ({ value: p, label: formatPeriod(p, lang) }))}
            onChange={onPeriod}
          />
          <SelectField
            path="scope"
            label={tt('scope')}
            value={a.scope}
            options={SCOPES.map((s) => ({ value: s, label: tt(`scope.${s}`) }))}
            onChange={(s) => onScope(scopeOf(s))}
          />
          <p className="muted small">{tt('model', { model: a.modelVersion })}</p>
        </div>
        <nav className="breadcrumb small" aria-label={tt('colRegion')}>
          <button type="button" className="link-button" onClick={() => onRegion('')}>
            {user.regionCode === '' ? tt('national') : tt('whole')}
          </button>
          {a.path
            .filter((p) => p.code.length >= user.regionCode.length)
            .map((p) => (
              <span key={p.code}>
                {' › '}
                <button type="button" className="link-button" onClick={() => onRegion(p.code)}>
                  {p.name}
                </button>
              </span>
            ))}
        </nav>
      </div>

      <div className="stat-cards">
        <div className="stat-card">
          <span className="stat-card__label">{tt('households')}</span>
          <span className="stat-card__value" data-figure="households">
            {formatNumber(a.households, lang)}
          </span>
        </div>
        <div className="stat-card stat-card--bad">
          <span className="stat-card__label">{tt('poorest')}</span>
          <span className="stat-card__value" data-figure="poorest">
            {formatNumber(a.poorest, lang)}
          </span>
          <span className="small muted">{tt('poorestShare', { share: percent(a.poorestShare, lang) })}</span>
        </div>
        <div className="stat-card stat-card--bad">
          <span className="stat-card__label">{tt('inclusion')}</span>
          <span className="stat-card__value" data-figure="inclusion">
            {formatNumber(a.errors.inclusion, lang)}
          </span>
          <span className="small muted">
            {tt('inclusionHint', { from: String(a.errors.inclusionDecileFrom) })}
          </span>
          {a.errors.inclusion > 0 && (
            <button type="button" className="link-button small" onClick={() => openErrors('inclusion')}>
              {tt('showList')}
            </button>
          )}
        </div>
        <div className="stat-card stat-card--bad">
          <span className="stat-card__label">{tt('exclusion')}</span>
          <span className="stat-card__value" data-figure="exclusion">
            {formatNumber(a.errors.exclusion, lang)}
          </span>
          <span className="small muted">
            {tt('exclusionHint', { to: String(a.errors.exclusionDecileTo) })}
          </span>
          {a.errors.exclusion > 0 && (
            <button type="button" className="link-button small" onClick={() => openErrors('exclusion')}>
              {tt('showList')}
            </button>
          )}
        </div>
        {m && (
          <>
            <div className="stat-card">
              <span className="stat-card__label">{tt('movedUp')}</span>
              <span className="stat-card__value">{formatNumber(m.improved, lang)}</span>
              <span className="small muted">
                {tt('since', { period: formatPeriod(a.previousPeriod, lang) })}
              </span>
            </div>
            <div className="stat-card">
              <span className="stat-card__label">{tt('movedDown')}</span>
              <span className="stat-card__value">{formatNumber(m.worsened, lang)}</span>
              <span className="small muted">
                {tt('since', { period: formatPeriod(a.previousPeriod, lang) })}
              </span>
            </div>
            <div className="stat-card">
              <span className="stat-card__label">{tt('entered')}</span>
              <span className="stat-card__value">{formatNumber(m.entered, lang)}</span>
            </div>
            <div className="stat-card">
              <span className="stat-card__label">{tt('left')}</span>
              <span className="stat-card__value">{formatNumber(m.left, lang)}</span>
            </div>
          </>
        )}
      </div>

      <div className="targeting-grid">
        <section className="card" aria-labelledby="deciles-title">
          <h2 id="deciles-title">{tt('decileChartTitle')}</h2>
          <p className="small muted">{tt('decileHint')}</p>
          <Suspense fallback={<div className="targeting-chart" />}>
            <DecileChart
              label={tt('decileChart', { region: a.region.name })}
              deciles={a.deciles}
              names={names}
              onPick={(d) => openList(d)}
            />
          </Suspense>
        </section>
        <section className="card" aria-labelledby="map-title">
          <h2 id="map-title">{tt('mapTitle')}</h2>
          <p className="small muted">{tt('mapHint')}</p>
          <Suspense fallback={<div className="targeting-map" />}>
            <ProvinceTileMap
              label={tt('mapLabel')}
              values={provinceValues}
              noData={tt('mapNoData')}
              onPick={(code) => {
                if (code.startsWith(user.regionCode.slice(0, 2))) {
                  onRegion(code.length >= user.regionCode.length ? code : user.regionCode);
                }
              }}
            />
          </Suspense>
        </section>
      </div>

      {(decile || error) && (
        <HouseholdList
          region={a.region.code}
          period={a.period}
          scope={a.scope}
          decile={decile && decile !== 'all' ? Number(decile) : null}
          previous={previous ? Number(previous) : null}
          error={error}
          errors={a.errors}
          onClose={() => setQuery({ decile: undefined, previous: undefined, error: undefined })}
        />
      )}

      <Recipients a={a} onPick={openProgramme} />
      {programme && (
        <ProgrammeRecipients
          region={a.region.code}
          period={a.period}
          programme={programme}
          onClose={() => setQuery({ programme: undefined })}
        />
      )}

      <section className="card" aria-labelledby="children-title">
        <h2 id="children-title">{tt('childrenTitle')}</h2>
        <ChildTable rows={a.children} onRegion={onRegion} onAll={() => openList(null)} />
      </section>

      <section className="card" aria-labelledby="movement-title">
        <h2 id="movement-title">{tt('movementTitle', { period: formatPeriod(a.previousPeriod, lang) })}</h2>
        {m ? (
          <>
            <p className="small muted">
              {tt('movementCaption', {
                previous: formatPeriod(a.previousPeriod, lang),
                period: formatPeriod(a.period, lang),
              })}
            </p>
            <DataTable className="table table--movement" columns={[tt('from'), ...names.map((n) => num(n))]}>
              {m.matrix.map((row, i) => (
                <tr key={names[i]}>
                  <th scope="row">{tt('decile', { n: i + 1 })}</th>
                  {row.map((n, j) => (
                    <td
                      key={names[j]}
                      className={`num${i === j ? ' movement--same' : j > i ? ' movement--up' : ' movement--down'}`}
                    >
                      {n > 0 ? (
                        <button type="button" className="link-button" onClick={() => openList(j + 1, i + 1)}>
                          {formatNumber(n, lang)}
                        </button>
                      ) : (
                        '·'
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
          </>
        ) : (
          <p className="empty">{tt('noPrevious')}</p>
        )}
      </section>
    </>
  );
}

function ChildTable({
  rows,
  onRegion,
  onAll,
}: {
  rows: Rollup[];
  onRegion: (code: string) => void;
  onAll: () => void;
}) {
  const tt = useTargetingText();
  const { lang } = useI18n();
  if (!rows.length) {
    return (
      <p className="empty">
        {tt('noChildren')}{' '}
        <button type="button" className="link-button" onClick={onAll}>
          {tt('listAll')}
        </button>
      </p>
    );
  }
  return (
    <DataTable
      className="table table--targeting"
      columns={[
        tt('colRegion'),
        num(tt('colHouseholds')),
        num(tt('colPoorest')),
        num(tt('colShare')),
        ...rows[0]!.deciles.map((_, i) => num(String(i + 1))),
      ]}
    >
      {rows.map((r) => (
        <tr key={r.code}>
          <td>
            <button type="button" className="link-button" onClick={() => onRegion(r.code)}>
              {r.name}
            </button>{' '}
            <span className="muted small">{r.code}</span>
          </td>
          <td className="num">{formatNumber(r.households, lang)}</td>
          <td className="num">{formatNumber(r.poorest, lang)}</td>
          <td className="num">{percent(r.poorestShare, lang)}</td>
          {r.deciles.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: ten fixed deciles
            <td key={i} className="num">
              {formatNumber(n, lang)}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}

function Recipients({ a, onPick }: { a: Overview; onPick: (programme: string) => void }) {
  const tt = useTargetingText();
  const { lang } = useI18n();
  const nameOf = useProgrammeName();
  const codes = a.recipients.programmes.map((p) => p.code);
  const chart = a.recipients.programmes.map((p) => ({
    code: p.code,
    name: nameOf(p.code),
    households: p.households,
  }));
  return (
    <section className="card" aria-labelledby="recipients-title" data-list="recipients">
      <h2 id="recipients-title">{tt('recipientsTitle', { period: formatPeriod(a.period, lang) })}</h2>
      {codes.length === 0 ? (
        <p className="empty">{tt('recipientsEmpty')}</p>
      ) : (
        <>
          <p className="small muted">{tt('recipientsHint')}</p>
          <Suspense fallback={<div className="targeting-chart" />}>
            <ProgrammeChart
              label={tt('programmeChart', { region: a.region.name })}
              programmes={chart}
              onPick={onPick}
            />
          </Suspense>
          <DataTable columns={[tt('colProgramme'), num(tt('colRecipients')), num(tt('colAmount'))]}>
            {a.recipients.programmes.map((p) => (
              <tr key={p.code} data-programme={p.code}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onPick(p.code)}>
                    {nameOf(p.code)}
                  </button>
                </th>
                <td className="num">{formatNumber(p.households, lang)}</td>
                <td className="num">{formatNumber(p.amount, lang)}</td>
              </tr>
            ))}
          </DataTable>
          {a.recipients.byRegion.length > 1 && (
            <DataTable
              className="table table--targeting"
              columns={[tt('colRegion'), ...codes.map((c) => num(`${c} (${tt('colRecipients')} · Rp)`))]}
            >
              {a.recipients.byRegion.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    {r.name} <span className="muted small">{r.code}</span>
                  </th>
                  {codes.map((c) => (
                    <td key={c} className="num">
                      {r.programmes[c]
                        ? `${formatNumber(r.programmes[c].households, lang)} · ${formatNumber(r.programmes[c].amount, lang)}`
                        : '·'}
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

/** A programme's approved recipients in the region (the recipients list, an audited read), page by page. */
function ProgrammeRecipients({
  region,
  period,
  programme,
  onClose,
}: {
  region: string;
  period: string;
  programme: string;
  onClose: () => void;
}) {
  const tt = useTargetingText();
  const { lang } = useI18n();
  const nameOf = useProgrammeName();
  const list = useCursorList<Recipient>(
    'recipients',
    (cursor, signal) =>
      recipientsApi.recipients(period, { programme, region: region || undefined, cursor }, signal),
    [period, programme, region],
  );
  return (
    <section className="card" aria-labelledby="programme-households-title" data-list="programme-households">
      <div className="section-head">
        <h2 id="programme-households-title">
          {tt('listProgramme', { programme: nameOf(programme), period: formatPeriod(period, lang) })}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {tt('listClose')}
        </button>
      </div>
      <CursorItems list={list} empty={tt('listEmpty')}>
        <DataTable
          columns={[tt('colHead'), tt('colKk'), tt('colVillage'), num(tt('colDecile')), num(tt('colPaid'))]}
        >
          {list.items.map((r) => (
            <tr key={r.householdId}>
              <NameCell name={r.headName} to={`/households/${r.householdId}`} detail="" />
              <td>{r.kkNumber}</td>
              <td>{r.regionCode}</td>
              <td className="num">{r.decile}</td>
              <td className="num">
                <PeriodAmount amount={r.amount} payment={r.payment} period={period} />
              </td>
            </tr>
          ))}
        </DataTable>
      </CursorItems>
    </section>
  );
}

function HouseholdList({
  region,
  period,
  scope,
  decile,
  previous,
  error,
  errors,
  onClose,
}: {
  region: string;
  period: string;
  scope: DecileScope;
  decile: number | null;
  previous: number | null;
  error: 'inclusion' | 'exclusion' | null;
  errors: Overview['errors'];
  onClose: () => void;
}) {
  const tt = useTargetingText();
  const { lang } = useI18n();
  const list = useCursorList<HouseholdRow>(
    'analytics',
    (cursor, signal) =>
      analytics.households(
        {
          region: region || undefined,
          period,
          scope,
          decile: decile ?? undefined,
          previousDecile: previous ?? undefined,
          error: error ?? undefined,
          cursor,
        },
        signal,
      ),
    [region, period, scope, decile, previous, error],
  );
  const title =
    error === 'inclusion'
      ? tt('listInclusion', { from: String(errors.inclusionDecileFrom) })
      : error === 'exclusion'
        ? tt('listExclusion', { to: String(errors.exclusionDecileTo) })
        : decile === null
          ? tt('listAll')
          : previous === null
            ? tt('listTitle', { decile: String(decile) })
            : tt('listTitleMoved', { decile: String(decile), previous: String(previous) });
  return (
    <section className="card" aria-labelledby="households-title" data-list="households">
      <div className="section-head">
        <h2 id="households-title">{title}</h2>
        <button type="button" className="button" onClick={onClose}>
          {tt('listClose')}
        </button>
      </div>
      <CursorItems list={list} empty={tt('listEmpty')}>
        <DataTable
          columns={[
            tt('colHead'),
            tt('colKk'),
            tt('colVillage'),
            num(tt('colScore')),
            num(tt('colDecile')),
            num(tt('colPrevious')),
          ]}
        >
          {list.items.map((h) => (
            <tr key={h.householdId}>
              <NameCell name={h.headName} to={`/households/${h.householdId}`} detail="" />
              <td>{h.kkNumber}</td>
              <td>{h.villageCode}</td>
              <td className="num">{formatNumber(h.score, lang)}</td>
              <td className="num">{h.decile}</td>
              <td className="num">{h.previousDecile ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      </CursorItems>
    </section>
  );
}
