/**
 * Musdes sessions. A village sees its own sessions and sets up the period's one; a district, regency or
 * higher sees, per village of the chosen region, whether the period's session exists and how far it got.
 */
import './musdes.css';
import { OUTCOME_LABELS } from '../../../../../src/domain/cycle/musdes.ts';
import { regionLevel } from '../../../api/region-cache.ts';
import { CursorTable } from '../../../components/CursorTable.tsx';
import { DataTable, NameCell, num } from '../../../components/cycle/DataTable.tsx';
import { currentPeriod, PeriodFilter, periodOr, QuerySelect } from '../../../components/cycle/period.tsx';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { RegionFilter } from '../../../components/ListFilters.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/use-cursor-list.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useRegionNames } from '../../../hooks/use-region-names.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { Link, useQueryState } from '../../../router.tsx';
import { useUser } from '../../../session.tsx';
import { type MusdesListItem, type MusdesState, musdesApi, type ProgressItem } from './musdes.api.ts';
import { useMusdesI18n } from './musdes.i18n.ts';
import { StateBadge } from './StateBadge.tsx';

const STATES: MusdesState[] = ['draft', 'open', 'closed', 'signed'];

/** The roles that set up and run a deliberation (src/domain/lifecycle/machines.ts, musdes `open`). */
export function runsSessions(role: string): boolean {
  return role === 'operator_desa' || role === 'kepala_desa';
}

export function MusdesListPage() {
  const { m, lang, text } = useMusdesI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const period = periodOr(query.get('period'), currentPeriod());
  const state = query.get('state') ?? '';
  const region = query.get('region') ?? (regionLevel(user.regionCode) >= 2 ? user.regionCode : '');
  const isVillage = regionLevel(user.regionCode) === 4;

  const sessions = useCursorList<MusdesListItem>(
    'musdes',
    (cursor, signal) =>
      musdesApi.list(
        {
          region: region || undefined,
          period: isVillage ? undefined : period,
          state: state || undefined,
          cursor,
        },
        signal,
      ),
    [region, period, state, isVillage],
  );
  const thisPeriod = isVillage ? sessions.items.find((s) => s.period === period) : undefined;

  return (
    <>
      <PageHeader
        title={m('list.title')}
        subtitle={m('list.subtitle')}
        actions={
          isVillage && runsSessions(user.role) && sessions.loaded && !thisPeriod ? (
            <Link className="button button--primary" to={`/cycle/musdes/new?period=${period}`}>
              {m('list.new')}
            </Link>
          ) : undefined
        }
      />
      <search className="filters" aria-label={m('list.title')}>
        <div className="filters__row">
          {!isVillage && <PeriodFilter value={period} label={m('list.period')} setQuery={setQuery} />}
          <QuerySelect
            path="state"
            label={m('list.state')}
            value={state}
            options={STATES.map((s) => ({ value: s, label: m(`state.${s}`) }))}
            setQuery={setQuery}
          />
        </div>
        {!isVillage && (
          <RegionFilter value={region} maxLevel={3} legend={m('progress.region')} setQuery={setQuery} />
        )}
      </search>

      {!isVillage && regionLevel(region) >= 2 && (
        <Progress
          region={region}
          period={period}
          state={state}
          onRegion={(code) => setQuery({ region: code })}
        />
      )}

      <section aria-labelledby="musdes-sessions" className="musdes-section">
        <h2 id="musdes-sessions">{m('list.sessions')}</h2>
        <CursorTable
          list={sessions}
          empty={
            <p className="empty" role="status">
              {m('list.empty')}
            </p>
          }
          head={
            <>
              <th scope="col">{m('list.village')}</th>
              <th scope="col">{m('list.period')}</th>
              <th scope="col">{m('list.heldOn')}</th>
              <th scope="col">{m('list.place')}</th>
              <th scope="col">{m('list.state')}</th>
              <th scope="col">{m('list.result')}</th>
            </>
          }
          row={(s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link to={`/cycle/musdes/${s.id}`}>{s.villageName}</Link>
              </th>
              <td className="mono">{s.period}</td>
              <td>{formatDate(s.heldOn, lang)}</td>
              <td>{s.place ?? '—'}</td>
              <td>
                <StateBadge state={s.state} />
              </td>
              <td className="small">
                {s.counts
                  ? RESULT_ORDER.map(
                      (o) => `${text(OUTCOME_LABELS[o])} ${formatNumber(s.counts![o], lang)}`,
                    ).join(' · ')
                  : '—'}
              </td>
            </tr>
          )}
        />
      </section>
    </>
  );
}

/** The result in words, in the order of the Berita Acara: kept, corrected, removed, new. */
const RESULT_ORDER = ['tetap', 'perbaikan', 'dikeluarkan', 'usulan_baru'] as const;

const PROGRESS_STATES: (MusdesState | null)[] = ['signed', 'closed', 'open', 'draft', null];

/**
 * Per village for a district; for a regency, per district (how many villages reached each state), each
 * district a link that narrows the view to its villages.
 */
function Progress({
  region,
  period,
  state,
  onRegion,
}: {
  region: string;
  period: string;
  state: string;
  onRegion: (code: string) => void;
}) {
  const { m, lang } = useMusdesI18n();
  const progress = useLoad(['musdes', 'progress', region, period], (signal) =>
    musdesApi.progress({ region, period }, signal),
  );
  const items = progress.data?.items ?? [];
  const byDistrict = regionLevel(region) < 3;
  const districtOf = (code: string) => code.split('.').slice(0, 3).join('.');
  const districtNames = useRegionNames(byDistrict ? items.map((i) => districtOf(i.villageCode)) : []);
  if (progress.error) return <LoadError error={progress.error} onRetry={progress.reload} />;
  if (!progress.data) return <Loading />;
  const count = (list: ProgressItem[], s: MusdesState | null) => list.filter((i) => i.state === s).length;
  const summary = (
    <p role="status">
      {m('progress.summary', {
        total: formatNumber(items.length, lang),
        signed: formatNumber(count(items, 'signed'), lang),
        closed: formatNumber(count(items, 'closed'), lang),
        open: formatNumber(count(items, 'open'), lang),
        draft: formatNumber(count(items, 'draft'), lang),
        none: formatNumber(count(items, null), lang),
      })}
    </p>
  );

  if (byDistrict) {
    const districts = new Map<string, ProgressItem[]>();
    for (const v of items) {
      const d = districtOf(v.villageCode);
      districts.set(d, [...(districts.get(d) ?? []), v]);
    }
    return (
      <section aria-labelledby="musdes-progress" className="stack musdes-section">
        <h2 id="musdes-progress">{m('progress.title')}</h2>
        {summary}
        <DataTable
          columns={[
            m('progress.district'),
            num(m('progress.villages')),
            ...PROGRESS_STATES.map((s) => num(<StateBadge state={s} />)),
          ]}
        >
          {[...districts].map(([code, villages]) => (
            <tr key={code}>
              <th scope="row">
                <button type="button" className="musdes-link-button" onClick={() => onRegion(code)}>
                  {districtNames.get(code) ?? code}
                </button>
              </th>
              <td className="num">{formatNumber(villages.length, lang)}</td>
              {PROGRESS_STATES.map((s) => (
                <td key={s ?? 'none'} className="num">
                  {formatNumber(count(villages, s), lang)}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      </section>
    );
  }

  const shown = state ? items.filter((i) => i.state === state) : items;
  return (
    <section aria-labelledby="musdes-progress" className="stack musdes-section">
      <h2 id="musdes-progress">{m('progress.title')}</h2>
      {summary}
      <DataTable columns={[m('list.village'), m('list.state'), m('list.heldOn'), num(m('progress.rows'))]}>
        {shown.map((v) => (
          <tr key={v.villageCode}>
            <NameCell
              name={v.villageName}
              to={v.sessionId && `/cycle/musdes/${v.sessionId}`}
              detail={v.villageCode}
              mono={false}
            />
            <td>
              <StateBadge state={v.state} />
            </td>
            <td>{formatDate(v.heldOn, lang)}</td>
            <td className="num">
              {v.rows ? `${formatNumber(v.decided, lang)} / ${formatNumber(v.rows, lang)}` : '—'}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
