/**
 * Where a regency stands in a period's cycle: one row per village with the steps as columns (proposals
 * per state, the Musdes/Muskel session, verivali visits, open Dukcapil findings), district subtotals and
 * a total. A district narrows the table; a village opens its own proposals and visits.
 */
import { Fragment, lazy, Suspense, useMemo } from 'react';
import type { z } from 'zod';
import { visitResult } from '../../../../../src/domain/verivali/visit-results.ts';
import type { Progress, ProgressRow } from '../../../../../src/modules/progress/progress.schemas.ts';
import type { UsulanListItem } from '../../../../../src/modules/usulan/usulan.schemas.ts';
import { http } from '../../../api/client.ts';
import { regionLevel } from '../../../api/region-cache.ts';
import type { Page } from '../../../api/types.ts';
import { currentPeriod } from '../../../components/cycle/period.tsx';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextField } from '../../../components/fields.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RegionPicker } from '../../../components/RegionPicker.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { useI18n, useText } from '../../../i18n/index.tsx';
import { formatNumber, formatPeriod } from '../../../lib/format.ts';
import { Link, useQueryState, withQuery } from '../../../router.tsx';
import { useUser } from '../../../session.tsx';
import { type VisitListItem, visits } from '../verivali/api.ts';
import { messages } from './messages.ts';
import '../verivali/cycle-work.css';
import './progress.css';

const useProgressText = () => useText(messages);

const USULAN_COLUMNS = [
  'submitted',
  'musdes_accepted',
  'verified',
  'not_eligible',
  'approved',
  'returned',
] as const;
const VISIT_COLUMNS = ['assigned', 'visited', 'accepted'] as const;

const progressApi = (region: string | undefined, period: string, signal: AbortSignal) =>
  http.get<Progress>('/progress', { region, period }, signal);

export function ProgressPage() {
  const tp = useProgressText();
  const { lang } = useI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const period = query.get('period') ?? currentPeriod();
  const requested = query.get('region') ?? '';
  // The view starts at the regency: the user's own, or (for wider territories) the one asked for.
  const region = requested || (regionLevel(user.regionCode) >= 2 ? user.regionCode : '');
  // A province or the nation is too large a view: it waits for a regency to be chosen.
  const data = useLoad(
    ['progress', region, period],
    (signal) => progressApi(region || undefined, period, signal),
    { enabled: regionLevel(region) >= 2 },
  );
  const level = regionLevel(region);
  const regency = region ? region.split('.').slice(0, 2).join('.') : '';

  return (
    <>
      <PageHeader title={tp('title')} subtitle={tp('intro')} />
      <div className="stack">
        <div className="filters card">
          <div className="filters__row">
            <TextField
              path="period"
              label={tp('period')}
              type="month"
              value={period}
              onChange={(v) => setQuery({ period: v || undefined })}
            />
            {regionLevel(user.regionCode) < 2 && (
              <RegionPicker
                root={user.regionCode}
                value={requested}
                onChange={(code) => setQuery({ region: regionLevel(code) >= 2 ? code : undefined })}
                path="regency"
                legend={tp('regency')}
                maxLevel={2}
                mode="choose"
              />
            )}
            {level <= 3 && (
              <CheckboxField
                path="active"
                label={tp('onlyActive')}
                checked={query.get('active') === '1'}
                onChange={(on) => setQuery({ active: on ? '1' : undefined })}
              />
            )}
            {data.data && level <= 3 && (
              <DistrictFilter
                rows={data.data.villages}
                value={level === 3 ? region : ''}
                onChange={(code) =>
                  setQuery({ region: code || (regency !== user.regionCode ? regency : undefined) })
                }
              />
            )}
          </div>
        </div>
        {regionLevel(region) < 2 ? (
          <p className="alert alert--info" role="status">
            {tp('chooseRegency')}
          </p>
        ) : null}
        {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
        {data.loading && !data.data ? <Loading /> : null}
        {data.data && level === 4 && (
          <p>
            <Link
              to={withQuery('/cycle/progress', { period, region: region.split('.').slice(0, 3).join('.') })}
            >
              {tp('village.back', { name: data.data.villages[0]?.districtName ?? '' })}
            </Link>
          </p>
        )}
        {data.data && level <= 3 && (
          <StepSummary p={data.data} byVillage={level === 3} onPick={(code) => setQuery({ region: code })} />
        )}
        {data.data && (
          <ProgressTable
            p={
              query.get('active') === '1'
                ? { ...data.data, villages: data.data.villages.filter(active) }
                : data.data
            }
            period={period}
            lang={lang}
          />
        )}
        {data.data && level === 4 && <VillageDetail village={region} period={period} />}
      </div>
    </>
  );
}

const MUSDES_STATES = ['none', 'draft', 'open', 'closed', 'signed'] as const;
const StepChart = lazy(async () => ({ default: (await import('./StepChart.tsx')).StepChart }));

/**
 * Totals first: one card per step of the cycle with its figures and a chart, a bar per district (per village
 * inside a district); a bar opens that district or village.
 */
function StepSummary({
  p,
  byVillage,
  onPick,
}: {
  p: Progress;
  byVillage: boolean;
  onPick: (code: string) => void;
}) {
  const tp = useProgressText();
  const { lang } = useI18n();
  const groups = useMemo(() => {
    const m = new Map<string, { code: string; name: string; rows: ProgressRow[] }>();
    for (const r of p.villages) {
      const code = byVillage ? r.code : r.districtCode;
      const g = m.get(code) ?? { code, name: byVillage ? r.name : r.districtName, rows: [] };
      g.rows.push(r);
      m.set(code, g);
    }
    return [...m.values()];
  }, [p.villages, byVillage]);
  const categories = useMemo(() => groups.map(({ code, name }) => ({ code, name })), [groups]);
  const charts = useMemo(() => {
    const per = (f: (rows: ProgressRow[]) => number) => groups.map((g) => f(g.rows));
    const count = (rows: ProgressRow[], pick: (r: ProgressRow) => number) =>
      rows.reduce((a, r) => a + pick(r), 0);
    return {
      usulan: USULAN_COLUMNS.map((s) => ({
        name: tp(`usulan.${s}`),
        values: per((rows) => count(rows, (r) => r.usulan[s] ?? 0)),
      })),
      musdes: MUSDES_STATES.map((s) => ({
        name: tp(`musdes.${s}`),
        values: per((rows) => count(rows, (r) => ((r.musdes?.state ?? 'none') === s ? 1 : 0))),
      })),
      visits: VISIT_COLUMNS.map((s) => ({
        name: tp(`visits.${s}`),
        values: per((rows) => count(rows, (r) => r.visits[s] ?? 0)),
      })),
      dukcapil: [{ name: tp('dukcapil.open'), values: per((rows) => count(rows, (r) => r.dukcapilOpen)) }],
    };
  }, [groups, tp]);
  const n = (v: number) => formatNumber(v, lang);
  const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  const villages = p.villages.length;
  const signed = p.totals.musdes.signed ?? 0;
  const cards = [
    {
      key: 'usulan',
      title: tp('group.usulan'),
      figure: n(total(p.totals.usulan)),
      note: USULAN_COLUMNS.filter((s) => p.totals.usulan[s])
        .map((s) => `${tp(`usulan.${s}`)} ${n(p.totals.usulan[s]!)}`)
        .join(' · '),
      series: charts.usulan,
    },
    {
      key: 'musdes',
      title: tp('group.musdes'),
      figure: tp('summary.signedOf', { signed: n(signed), villages: n(villages) }),
      note: MUSDES_STATES.filter((s) => p.totals.musdes[s])
        .map((s) => `${tp(`musdes.${s}`)} ${n(p.totals.musdes[s]!)}`)
        .join(' · '),
      series: charts.musdes,
    },
    {
      key: 'visits',
      title: tp('group.visits'),
      figure: n(total(p.totals.visits)),
      note: VISIT_COLUMNS.filter((s) => p.totals.visits[s])
        .map((s) => `${tp(`visits.${s}`)} ${n(p.totals.visits[s]!)}`)
        .join(' · '),
      series: charts.visits,
    },
    {
      key: 'dukcapil',
      title: tp('group.dukcapil'),
      figure: n(p.totals.dukcapilOpen),
      note: tp('dukcapil.open'),
      series: charts.dukcapil,
    },
  ];
  return (
    <section className="step-summary" aria-label={tp('summary.label')}>
      {cards.map((c) => (
        <article key={c.key} className="card step-card" aria-labelledby={`step-${c.key}`}>
          <h2 id={`step-${c.key}`} className="step-card__title">
            {c.title}
          </h2>
          <p className="step-card__figure">{c.figure}</p>
          <p className="step-card__note small muted">{c.note || tp('village.none')}</p>
          {groups.length > 0 && (
            <Suspense fallback={<div className="step-chart" />}>
              <StepChart
                label={tp(byVillage ? 'summary.chartVillages' : 'summary.chartDistricts', { step: c.title })}
                categories={categories}
                series={c.series}
                onPick={onPick}
              />
            </Suspense>
          )}
        </article>
      ))}
    </section>
  );
}

function DistrictFilter({
  rows,
  value,
  onChange,
}: {
  rows: ProgressRow[];
  value: string;
  onChange: (code: string) => void;
}) {
  const tp = useProgressText();
  const districts = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) m.set(r.districtCode, r.districtName);
    return [...m.entries()];
  }, [rows]);
  return (
    <SelectField
      path="district"
      label={tp('district')}
      value={value}
      onChange={onChange}
      empty={tp('allDistricts')}
      options={districts.map(([code, name]) => ({ value: code, label: name }))}
    />
  );
}

/** A village where anything of the cycle happened this period (or a Dukcapil finding waits). */
function active(r: ProgressRow): boolean {
  return (
    Object.keys(r.usulan).length > 0 ||
    Object.keys(r.visits).length > 0 ||
    r.musdes !== null ||
    r.dukcapilOpen > 0
  );
}

function sum(rows: ProgressRow[]) {
  const out = { usulan: {} as Record<string, number>, visits: {} as Record<string, number>, dukcapilOpen: 0 };
  for (const r of rows) {
    for (const [k, n] of Object.entries(r.usulan)) out.usulan[k] = (out.usulan[k] ?? 0) + n;
    for (const [k, n] of Object.entries(r.visits)) out.visits[k] = (out.visits[k] ?? 0) + n;
    out.dukcapilOpen += r.dukcapilOpen;
  }
  return out;
}

function ProgressTable({ p, period, lang }: { p: Progress; period: string; lang: 'id' | 'en' }) {
  const tp = useProgressText();
  const byDistrict = useMemo(() => {
    const m = new Map<string, ProgressRow[]>();
    for (const r of p.villages) m.set(r.districtCode, [...(m.get(r.districtCode) ?? []), r]);
    return [...m.entries()];
  }, [p.villages]);
  const n = (v: number | undefined) => (v ? formatNumber(v, lang) : <span className="muted">·</span>);
  type Sums = { usulan: Record<string, number>; visits: Record<string, number>; dukcapilOpen: number };
  const usulanCells = (s: Sums) =>
    USULAN_COLUMNS.map((c) => (
      <td key={`u-${c}`} className="num">
        {n(s.usulan[c])}
      </td>
    ));
  const laterCells = (s: Sums) => [
    ...VISIT_COLUMNS.map((c) => (
      <td key={`v-${c}`} className="num">
        {n(s.visits[c])}
      </td>
    )),
    <td key="dukcapil" className="num">
      {n(s.dukcapilOpen)}
    </td>,
  ];
  const many = p.villages.length > 1;
  return (
    <div className="table-wrap">
      <table className="table table--progress">
        <caption className="visually-hidden">
          {tp('caption', { region: p.region.name, period: formatPeriod(period, lang) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {tp('village')}
            </th>
            <th scope="colgroup" colSpan={USULAN_COLUMNS.length}>
              {tp('group.usulan')}
            </th>
            <th scope="col" rowSpan={2}>
              {tp('group.musdes')}
            </th>
            <th scope="colgroup" colSpan={VISIT_COLUMNS.length}>
              {tp('group.visits')}
            </th>
            <th scope="col" rowSpan={2} className="num">
              {tp('group.dukcapil')}
              <br />
              <span className="small">{tp('dukcapil.open')}</span>
            </th>
          </tr>
          <tr>
            {USULAN_COLUMNS.map((c) => (
              <th key={c} scope="col" className="num">
                {tp(`usulan.${c}`)}
              </th>
            ))}
            {VISIT_COLUMNS.map((c) => (
              <th key={c} scope="col" className="num">
                {tp(`visits.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {byDistrict.map(([district, rows]) => (
            <Fragment key={district}>
              {many && (
                <tr className="table__group">
                  <th scope="rowgroup" colSpan={2 + USULAN_COLUMNS.length + VISIT_COLUMNS.length + 1}>
                    <Link to={withQuery('/cycle/progress', { period, region: district })}>
                      {rows[0]!.districtName}
                    </Link>
                  </th>
                </tr>
              )}
              {rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <Link to={withQuery('/cycle/progress', { period, region: r.code })}>{r.name}</Link>
                  </th>
                  {usulanCells(r)}
                  <td>
                    <span className={`tag tag--musdes-${r.musdes?.state ?? 'none'}`}>
                      {tp(`musdes.${(r.musdes?.state ?? 'none') as 'none'}`)}
                    </span>
                  </td>
                  {laterCells(r)}
                </tr>
              ))}
              {many && byDistrict.length > 1 && (
                <tr className="table__subtotal">
                  <th scope="row">{tp('subtotal')}</th>
                  {usulanCells(sum(rows))}
                  <td />
                  {laterCells(sum(rows))}
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
        {many && (
          <tfoot>
            <tr>
              <th scope="row">{tp('total')}</th>
              {usulanCells(p.totals)}
              <td className="small">
                {Object.entries(p.totals.musdes)
                  .map(([s, k]) => `${tp(`musdes.${s as 'none'}`)} ${formatNumber(k, lang)}`)
                  .join(', ')}
              </td>
              {laterCells(p.totals)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function VillageDetail({ village, period }: { village: string; period: string }) {
  const tp = useProgressText();
  const { text } = useI18n();
  const visitResultLabel = (code: string) => {
    const r = visitResult(code);
    return r ? text(r.label) : tp('village.otherResult');
  };
  const proposals = useLoad(['usulan', { village, period, limit: 200 }], (signal) =>
    http.get<Page<z.infer<typeof UsulanListItem>>>(
      '/usulan',
      { region: village, period, limit: 200 },
      signal,
    ),
  );
  const visitList = useLoad(['visits', { village, period, limit: 200 }], (signal) =>
    visits.list({ region: village, period, limit: 200 }, signal),
  );
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="vp-title">
        <h2 id="vp-title">{tp('village.proposals')}</h2>
        {proposals.error ? <LoadError error={proposals.error} /> : null}
        {proposals.data?.items.length === 0 && <p className="empty">{tp('village.none')}</p>}
        <ul className="plain-list">
          {proposals.data?.items.map((u) => (
            <li key={u.id}>
              <Link to={`/cycle/usulan/${u.id}`}>{u.headName}</Link>{' '}
              <span className="muted small mono">KK {u.kkNumber}</span> · {tp(`kind.${u.kind}`)} ·{' '}
              {tp(`usulan.${u.state}` as 'usulan.draft')}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="vv-title">
        <h2 id="vv-title">{tp('village.visits')}</h2>
        {visitList.error ? <LoadError error={visitList.error} /> : null}
        {visitList.data?.items.length === 0 && <p className="empty">{tp('village.none')}</p>}
        <ul className="plain-list">
          {visitList.data?.items.map((v: VisitListItem) => (
            <li key={v.id}>
              <Link to={`/cycle/verivali/visits/${v.id}`}>{v.headName ?? tp('village.visit')}</Link> ·{' '}
              {tp(`visits.${v.state}` as 'visits.assigned')}
              {v.result ? ` · ${visitResultLabel(v.result)}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
