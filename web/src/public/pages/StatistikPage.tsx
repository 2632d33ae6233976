/**
 * Public statistics: DTKS size per region and determined period (no personal data). The tables carry the
 * figures (the accessible form); the ECharts chart (~200 KiB, a real cost on a phone's slow line) is
 * loaded only when asked for with its button. `?region=` (province, regency, kecamatan or village) narrows the
 * view and `?period=` picks a determined period; the table's region names link one level down. Figures the
 * server hid (small-cell suppression: fewer than `minCell` households, or hidden with such a cell) show as ×.
 */
import { type ReactNode, useDeferredValue, useEffect, useRef, useState } from 'react';
import { groupDigits } from '../../../../src/domain/group-digits.ts';
import type { Statistics } from '../../../../src/modules/public/public.schemas.ts';
import { formatPeriod } from '../../lib/format.ts';
import { Link, useQueryState } from '../../router.tsx';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';
import { statisticsRequest } from '../statistics-request.ts';
import { usePublicLoad } from '../use-public-load.ts';

type Key =
  | 'title'
  | 'intro'
  | 'national'
  | 'up'
  | 'period'
  | 'households'
  | 'persons'
  | 'region'
  | 'byRegion'
  | 'byPeriod'
  | 'none'
  | 'loading'
  | 'error'
  | 'chart'
  | 'showChart'
  | 'hideChart'
  | 'programmes'
  | 'programme'
  | 'recipients'
  | 'amount'
  | 'noRecipients'
  | 'distribution'
  | 'distributionIntro'
  | 'state'
  | 'entitlements'
  | 'allocated'
  | 'delivered'
  | 'returned'
  | 'outstanding'
  | 'hidden'
  | 'hiddenNote'
  | 'newest'
  | 'byRegionProgrammes';

const TEXT: Dictionary<Key> = {
  id: {
    title: 'Statistik DTKS',
    intro: 'Jumlah keluarga dan jiwa di DTKS per wilayah, menurut periode penetapan. Tanpa data pribadi.',
    national: 'Nasional',
    up: 'Kembali ke {name}',
    period: 'Periode',
    households: 'Keluarga',
    persons: 'Jiwa',
    region: 'Wilayah',
    byRegion: 'Per wilayah, periode {period}',
    byPeriod: 'Per periode penetapan',
    none: 'Belum ada periode yang ditetapkan.',
    loading: 'Memuat…',
    error: 'Statistik tidak dapat dimuat. Silakan coba lagi.',
    chart: 'Grafik jumlah keluarga per wilayah, periode {period}',
    showChart: 'Tampilkan grafik',
    hideChart: 'Sembunyikan grafik',
    programmes: 'Penerima per program bantuan',
    programme: 'Program',
    recipients: 'Keluarga penerima',
    amount: 'Nilai periode itu',
    noRecipients: 'Belum ada daftar penerima yang disetujui di wilayah ini.',
    distribution: 'Penyaluran melalui PT Pos, periode {period}',
    distributionIntro:
      'Hak KPM per tahap: berapa yang dialokasikan, sudah diterima, dikembalikan, dan belum tersalur. Periode terbaru yang daftar penerimanya sudah diserahkan seluruhnya ke PT Pos, di semua kabupaten/kota.',
    state: 'Keadaan',
    entitlements: 'Hak KPM',
    allocated: 'Dialokasikan',
    delivered: 'Sudah diterima',
    returned: 'Dikembalikan',
    outstanding: 'Belum tersalur',
    hidden: 'disembunyikan',
    hiddenNote:
      '× disembunyikan: angka di bawah {k} keluarga tidak ditampilkan, begitu pula angka yang disembunyikan bersamanya agar tidak dapat dihitung dari totalnya.',
    newest: 'Terbaru ({period})',
    byRegionProgrammes: 'Keluarga penerima per wilayah',
  },
  en: {
    title: 'DTKS statistics',
    intro: 'Households and people in DTKS per region, by determined period. No personal data.',
    national: 'National',
    up: 'Back to {name}',
    period: 'Period',
    households: 'Households',
    persons: 'People',
    region: 'Region',
    byRegion: 'By region, period {period}',
    byPeriod: 'By determined period',
    none: 'No period has been determined yet.',
    loading: 'Loading…',
    error: 'The statistics could not be loaded. Please try again.',
    chart: 'Chart of households per region, period {period}',
    showChart: 'Show chart',
    hideChart: 'Hide chart',
    programmes: 'Recipients per aid programme',
    programme: 'Programme',
    recipients: 'Recipient households',
    amount: 'Paid in that period',
    noRecipients: 'No recipient list has been approved in this region yet.',
    distribution: 'Distribution through PT Pos, period {period}',
    distributionIntro:
      'KPM entitlements per tranche: allocated, received, returned and still outstanding. The newest period whose recipient lists have all been handed over to PT Pos, in every regency.',
    state: 'State',
    entitlements: 'Entitlements',
    allocated: 'Allocated',
    delivered: 'Received',
    returned: 'Returned',
    outstanding: 'Outstanding',
    hidden: 'hidden',
    hiddenNote:
      '× hidden: figures under {k} households are not shown, nor the figures hidden with them so they cannot be worked out from the total.',
    newest: 'Newest ({period})',
    byRegionProgrammes: 'Recipient households per region',
  },
};

/** The distribution table's rows: the allocated entitlements and the three states they are in. */
const DISTRIBUTION = ['allocated', 'delivered', 'returned', 'outstanding'] as const;

/** A column of a figures table: its heading, and whether it holds numbers (right-aligned). */
interface Column {
  label: string;
  num?: boolean;
}

/**
 * The page's tables, all of one shape: a row heading (region, period, programme, state) then cells;
 * `columns[0]` heads the row headings. A table wider than a phone scrolls inside its own box (focusable and
 * named by `label`, so it can be scrolled by keyboard too), never the page.
 */
function FigureTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: Column[];
  rows: { key: string; head: ReactNode; cells: { value: ReactNode; num?: boolean }[] }[];
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable box must be reachable by keyboard (WCAG 2.1.1)
    <section className="pub-table-box" aria-label={label} tabIndex={0}>
      <table className="pub-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.head}</th>
              {r.cells.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
                <td key={i} className={c.num === false ? undefined : 'num'}>
                  {c.value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Chart({ stats, label }: { stats: Statistics; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('../echarts.ts').then(({ drawBars }) => {
      if (disposed || !box.current) return;
      // Hidden figures are left out of the chart (a bar of 0 would be untrue).
      const shown = stats.children.filter((c) => c.households !== null);
      dispose = drawBars(
        box.current,
        shown.map((c) => c.name),
        shown.map((c) => c.households ?? 0),
      );
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [stats]);
  return <div ref={box} className="pub-chart" role="img" aria-label={label} />;
}

function StatistikPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [query, setQuery] = useQueryState();
  const region = query.get('region') ?? '';
  const period = query.get('period') ?? '';
  const request = statisticsRequest(query, lang);
  const loaded = usePublicLoad(request.key, request.load);
  // The answer's tables render in a background (transition) render, sliced so that no task blocks the page
  // for long on a slow phone; until then the page says it is loading (or keeps the previous answer's tables).
  const stats = useDeferredValue(loaded.data);
  const error = loaded.error !== null;
  const [chart, setChart] = useState(false);
  // The DTKS size tables (per region, per period): households and people after the row's heading.
  const sizeColumns = (first: string): Column[] => [
    { label: first },
    { label: t('households'), num: true },
    { label: t('persons'), num: true },
  ];
  const figure = (n: number | null, prefix = '') =>
    n === null ? (
      <>
        <span aria-hidden="true">×</span>
        <span className="visually-hidden">{t('hidden')}</span>
      </>
    ) : (
      // Not Intl.NumberFormat: building the first one is a long task on a phone (src/domain/group-digits.ts).
      `${prefix}${groupDigits(n, lang)}`
    );
  const sizeCells = (r: { households: number | null; persons: number | null }) => [
    { value: figure(r.households) },
    { value: figure(r.persons) },
  ];
  const anyHidden =
    !!stats &&
    ([...stats.children, ...stats.periods, ...stats.programmes].some((r) => r.households === null) ||
      DISTRIBUTION.some((k) => stats.distribution?.[k] === null));
  const regionLink = (code: string, name: string, keep: boolean) => {
    const qs = new URLSearchParams({ region: code });
    if (keep && period) qs.set('period', period);
    return <Link to={`/statistik?${qs}`}>{name}</Link>;
  };

  const here = stats?.region;
  return (
    <>
      <h1>
        {t('title')}
        {here ? ` — ${here.name}` : ''}
      </h1>
      <p>{t('intro')}</p>
      {region ? (
        // Reserved from the first paint (the region is in the address), filled once its name is known.
        <p className="pub-up">
          {here ? (
            <Link
              to={`/statistik${here.parentCode ? `?region=${here.parentCode}` : ''}${period ? `${here.parentCode ? '&' : '?'}period=${period}` : ''}`}
            >
              {t('up', { name: here.parentName ?? t('national') })}
            </Link>
          ) : null}
        </p>
      ) : null}
      {error ? (
        <p className="pub-error" role="alert">
          {t('error')}
        </p>
      ) : !stats ? (
        <p role="status">{t('loading')}</p>
      ) : stats.period === null ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <p className="pub-field">
            <label htmlFor="stat-period">{t('period')}</label>{' '}
            <select
              id="stat-period"
              value={period}
              onChange={(e) => setQuery({ period: e.currentTarget.value || undefined })}
            >
              <option value="">
                {t('newest', { period: formatPeriod(stats.periods[0]?.period, lang) })}
              </option>
              {stats.periods.map((p) => (
                <option key={p.period} value={p.period}>
                  {formatPeriod(p.period, lang)}
                </option>
              ))}
            </select>
          </p>
          {anyHidden ? <p className="pub-hint">{t('hiddenNote', { k: String(stats.minCell) })}</p> : null}
          {stats.children.length > 0 ? (
            <section className="pub-card">
              <h2>{t('byRegion', { period: formatPeriod(stats.period, lang) })}</h2>
              <button
                type="button"
                className="pub-button pub-button--secondary"
                aria-expanded={chart}
                onClick={() => setChart((c) => !c)}
              >
                {chart ? t('hideChart') : t('showChart')}
              </button>
              {chart ? (
                <Chart stats={stats} label={t('chart', { period: formatPeriod(stats.period, lang) })} />
              ) : null}
              <FigureTable
                label={t('byRegion', { period: formatPeriod(stats.period, lang) })}
                columns={sizeColumns(t('region'))}
                rows={stats.children.map((c) => ({
                  key: c.code,
                  // Every level links down to the village (the last one).
                  head: regionLink(c.code, c.name, true),
                  cells: sizeCells(c),
                }))}
              />
            </section>
          ) : null}
          {stats.children.length > 0 && stats.programmes.length > 0 ? (
            <section className="pub-card">
              <h2>{t('byRegionProgrammes')}</h2>
              <FigureTable
                label={t('byRegionProgrammes')}
                columns={[
                  { label: t('region') },
                  // The programme's name, as in the table below (its code means nothing to a visitor).
                  ...stats.programmes.map((p) => ({ label: p.name, num: true })),
                ]}
                rows={stats.children.map((c) => ({
                  key: c.code,
                  head: c.name,
                  cells: stats.programmes.map((p) => ({
                    // No line: none received it there (0); a line with null: hidden.
                    value: figure(
                      (c.programmes.find((x) => x.code === p.code) ?? { households: 0 }).households,
                    ),
                  })),
                }))}
              />
            </section>
          ) : null}
          <section className="pub-card">
            <h2>{t('byPeriod')}</h2>
            <FigureTable
              label={t('byPeriod')}
              columns={sizeColumns(t('period'))}
              rows={stats.periods.map((p) => ({
                key: p.period,
                head: formatPeriod(p.period, lang),
                cells: sizeCells(p),
              }))}
            />
          </section>
          <section className="pub-card">
            <h2>{t('programmes')}</h2>
            {stats.programmes.length === 0 ? (
              <p className="pub-hint">{t('noRecipients')}</p>
            ) : (
              <FigureTable
                label={t('programmes')}
                columns={[
                  { label: t('programme') },
                  { label: t('period') },
                  { label: t('recipients'), num: true },
                  { label: t('amount'), num: true },
                ]}
                rows={stats.programmes.map((p) => ({
                  key: p.code,
                  head: p.name,
                  cells: [
                    { value: formatPeriod(p.period, lang), num: false },
                    { value: figure(p.households) },
                    { value: figure(p.amount, 'Rp') },
                  ],
                }))}
              />
            )}
          </section>
          {stats.distribution ? (
            <section className="pub-card">
              <h2>{t('distribution', { period: formatPeriod(stats.distribution.period, lang) })}</h2>
              <p className="pub-hint">{t('distributionIntro')}</p>
              <FigureTable
                label={t('distribution', { period: formatPeriod(stats.distribution.period, lang) })}
                columns={[
                  { label: t('state') },
                  { label: t('entitlements'), num: true },
                  { label: t('amount'), num: true },
                ]}
                rows={DISTRIBUTION.map((k) => ({
                  key: k,
                  head: t(k),
                  // A count and its amount are hidden together (small-cell suppression).
                  cells: [
                    { value: figure(stats.distribution![k]) },
                    { value: figure(stats.distribution!.amounts[k], 'Rp') },
                  ],
                }))}
              />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

export default StatistikPage;
