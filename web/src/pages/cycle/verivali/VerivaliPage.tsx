/**
 * Verivali: the Dinas Sosial's assignment screen (accepted proposals per village, one officer for one or
 * all of them, registered households too), the field officer's own visits, and a read-only list for
 * everyone else. One route, one screen per role.
 */
import { type FormEvent, useMemo, useState } from 'react';
import { VISIT_RESULTS } from '../../../../../src/domain/verivali/visit-results.ts';
import { households as householdsApi } from '../../../api/endpoints.ts';
import { regionLevel } from '../../../api/region-cache.ts';
import type { HouseholdListItem } from '../../../api/types.ts';
import { DataTable, NameCell, num } from '../../../components/cycle/DataTable.tsx';
import { CursorItems } from '../../../components/cycle/lists.tsx';
import { currentPeriod } from '../../../components/cycle/period.tsx';
import { ErrorSummary, LoadError } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/fields.tsx';
import { RegionFilter } from '../../../components/ListFilters.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/use-cursor-list.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useRegionNames } from '../../../hooks/use-region-names.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useI18n, useText } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { Link, useQueryState } from '../../../router.tsx';
import { may, useUser } from '../../../session.tsx';
import { type Candidate, type VisitListItem, visits } from './api.ts';
import { messages } from './messages.ts';
import './cycle-work.css';

export const useVerivaliText = () => useText(messages);

export function VerivaliPage() {
  const user = useUser();
  if (may(user, 'verivali.manage')) return <AssignmentScreen />;
  if (may(user, 'verivali.visit')) return <MyVisits />;
  return <VisitsOverview />;
}

function Filters({
  period,
  region,
  onChange,
  maxLevel = 4,
}: {
  period: string;
  region: string;
  onChange: (changes: Record<string, string | undefined>) => void;
  maxLevel?: 1 | 2 | 3 | 4;
}) {
  const tv = useVerivaliText();
  return (
    <div className="filters card">
      <div className="filters__row">
        <TextField
          path="period"
          label={tv('filter.period')}
          type="month"
          value={period}
          onChange={(v) => onChange({ period: v || undefined })}
        />
        <RegionFilter value={region} legend={tv('filter.area')} setQuery={onChange} maxLevel={maxLevel} />
      </div>
    </div>
  );
}

function AssignmentScreen() {
  const tv = useVerivaliText();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  // No period in the address: the newest period with accepted proposals in the region, as the server answers
  // it. `period=` (empty, as the home page's to-do list links) lists visits of every period, and the
  // candidates of that newest period.
  const periodParam = query.get('period');
  const region = query.get('region') ?? user.regionCode;
  const [tick, setTick] = useState(0);
  const candidates = useLoad(['visits', 'candidates', region, periodParam || null], (signal) =>
    visits.candidates(region, periodParam || undefined, signal),
  );
  const period = periodParam || candidates.data?.period || '';
  const visitsPeriod = periodParam ?? candidates.data?.period;
  const village = regionLevel(region) === 4 && period ? region : null;
  const assigned = () => {
    setTick((n) => n + 1);
    candidates.reload();
  };

  return (
    <>
      <PageHeader title={tv('title.assign')} subtitle={tv('intro.assign')} />
      <div className="stack">
        <Filters period={period} region={region} onChange={setQuery} />
        <section className="card" aria-labelledby="cand-title">
          <h2 id="cand-title">{tv('candidates.title')}</h2>
          {candidates.error ? <LoadError error={candidates.error} onRetry={candidates.reload} /> : null}
          {candidates.loading && !candidates.data ? <Loading /> : null}
          {candidates.data &&
            (village ? (
              <VillageAssignment
                village={village}
                period={period}
                items={candidates.data.items}
                onAssigned={assigned}
              />
            ) : (
              <CandidatesByVillage
                items={candidates.data.items}
                onChoose={(code) => setQuery({ region: code })}
              />
            ))}
        </section>
        {village && <ExistingHouseholds village={village} period={period} onAssigned={assigned} />}
        {visitsPeriod !== undefined && (
          <VisitsTable region={region} period={visitsPeriod} reload={tick} review />
        )}
      </div>
    </>
  );
}

/** Above village level: how many accepted proposals wait in each village, with a link to assign there. */
function CandidatesByVillage({ items, onChoose }: { items: Candidate[]; onChoose: (code: string) => void }) {
  const tv = useVerivaliText();
  const { lang } = useI18n();
  const groups = useMemo(() => {
    const m = new Map<string, { total: number; open: number }>();
    for (const c of items) {
      const g = m.get(c.regionCode) ?? { total: 0, open: 0 };
      g.total++;
      if (!c.visit) g.open++;
      m.set(c.regionCode, g);
    }
    return [...m.entries()];
  }, [items]);
  const names = useRegionNames(groups.map(([code]) => code));
  if (!items.length) return <p className="empty">{tv('candidates.empty')}</p>;
  return (
    <>
      <p className="muted">{tv('candidates.chooseVillage')}</p>
      <DataTable columns={[tv('col.village'), num(tv('candidates.title')), num(tv('candidates.noVisit'))]}>
        {groups.map(([code, g]) => (
          <tr key={code}>
            <th scope="row">
              <button type="button" className="link-button" onClick={() => onChoose(code)}>
                {names.get(code) ?? code} <span className="muted small mono">{code}</span>
              </button>
            </th>
            <td className="num">{g.total.toLocaleString(lang)}</td>
            <td className="num">{g.open.toLocaleString(lang)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function useOfficers(village: string) {
  return useLoad(['visits', 'officers', village], (signal) => visits.officers(village, signal));
}

function OfficerSelect({
  village,
  value,
  onChange,
  path,
}: {
  village: string;
  value: string;
  onChange: (v: string) => void;
  path: string;
}) {
  const tv = useVerivaliText();
  const officers = useOfficers(village);
  const regions = useRegionNames((officers.data?.items ?? []).map((o) => o.regionCode));
  if (officers.error) return <LoadError error={officers.error} onRetry={officers.reload} />;
  const items = officers.data?.items ?? [];
  if (officers.data && items.length === 0) return <p className="alert alert--info">{tv('officer.none')}</p>;
  return (
    <SelectField
      path={path}
      label={tv('officer.label')}
      value={value}
      onChange={onChange}
      empty={tv('officer.choose')}
      options={items.map((o) => ({
        value: o.id,
        label: `${o.displayName || o.username} (${regions.get(o.regionCode) ?? o.regionCode})`,
      }))}
    />
  );
}

function VillageAssignment({
  village,
  period,
  items,
  onAssigned,
}: {
  village: string;
  period: string;
  items: Candidate[];
  onAssigned: () => void;
}) {
  const tv = useVerivaliText();
  const [officer, setOfficer] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const open = items.filter((c) => !c.visit);
  const bulk = useSubmit(
    () => visits.assignVillage({ villageCode: village, period, assignedTo: officer }),
    (r) => {
      setDone(tv('assign.done', { n: r.assigned, m: r.alreadyAssigned }));
      onAssigned();
    },
  );
  const [oneError, setOneError] = useState<unknown>(null);
  const assignOne = async (c: Candidate) => {
    setOneError(null);
    try {
      const v = await visits.assign({ usulanId: c.usulanId, assignedTo: officer });
      setDone(tv('assign.oneDone', { name: v.assignedTo.displayName || v.assignedTo.username }));
      onAssigned();
    } catch (err) {
      setOneError(err);
    }
  };
  return (
    <div className="stack">
      <ErrorSummary error={bulk.error ?? oneError} />
      {done && (
        <p className="alert alert--success" role="status">
          {done}
        </p>
      )}
      <div className="form-grid">
        <OfficerSelect village={village} value={officer} onChange={setOfficer} path="assignedTo" />
      </div>
      {items.length === 0 ? (
        <p className="empty">{tv('candidates.empty')}</p>
      ) : (
        <>
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              disabled={!officer || open.length === 0 || bulk.busy}
              onClick={() => void bulk.submit()}
            >
              {tv('assign.village', { n: open.length })}
            </button>
          </div>
          <DataTable
            columns={[
              tv('col.household'),
              tv('col.kind'),
              tv('col.visit'),
              <span key="assign" className="visually-hidden">
                {tv('assign.one')}
              </span>,
            ]}
          >
            {items.map((c) => (
              <tr key={c.usulanId}>
                <NameCell name={c.headName} detail={`KK ${c.kkNumber}`} />
                <td>{tv(`kind.${c.kind}` as 'kind.baru')}</td>
                <td>
                  {c.visit ? (
                    <Link to={`/cycle/verivali/visits/${c.visit.id}`}>
                      {tv(`state.${c.visit.state}` as 'state.assigned')} · {c.visit.assignedName}
                    </Link>
                  ) : (
                    <span className="muted">{tv('candidates.noVisit')}</span>
                  )}
                </td>
                <td>
                  {!c.visit && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={!officer}
                      onClick={() => void assignOne(c)}
                    >
                      {tv('assign.one')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}

function ExistingHouseholds({
  village,
  period,
  onAssigned,
}: {
  village: string;
  period: string;
  onAssigned: () => void;
}) {
  const tv = useVerivaliText();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<HouseholdListItem[] | null>(null);
  const [officer, setOfficer] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const search = useSubmit(
    () => householdsApi.list({ region: village, q: q.trim() || undefined, limit: 20 }),
    (page) => setFound(page.items),
  );
  const [assignError, setAssignError] = useState<unknown>(null);
  const assignTo = async (h: HouseholdListItem) => {
    setAssignError(null);
    try {
      const v = await visits.assign({ householdId: h.id, assignedTo: officer, period });
      setMessage(tv('assign.oneDone', { name: v.assignedTo.displayName || v.assignedTo.username }));
      onAssigned();
    } catch (err) {
      setAssignError(err);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void search.submit();
  };
  return (
    <section className="card" aria-labelledby="existing-title">
      <details>
        <summary>
          <h2 id="existing-title" className="inline-heading">
            {tv('existing.title')}
          </h2>
        </summary>
        <p className="muted">{tv('existing.intro')}</p>
        <ErrorSummary error={search.error ?? assignError} />
        {message && (
          <p className="alert alert--success" role="status">
            {message}
          </p>
        )}
        <form className="filters__row" onSubmit={onSubmit}>
          <TextField path="existing-q" label={tv('existing.search')} value={q} onChange={setQ} />
          <OfficerSelect village={village} value={officer} onChange={setOfficer} path="existing-officer" />
          <div className="field field--button">
            <button type="submit" className="button" disabled={search.busy}>
              {tv('existing.searchButton')}
            </button>
          </div>
        </form>
        {found && (
          <ul className="plain-list">
            {found.map((h) => (
              <li key={h.id}>
                <span>
                  {h.headName} <span className="muted small mono">KK {h.kkNumber}</span> · RT {h.rt}/RW {h.rw}
                </span>{' '}
                <button
                  type="button"
                  className="button button--small"
                  disabled={!officer}
                  onClick={() => void assignTo(h)}
                >
                  {tv('assign.one')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}

function VisitsTable({
  region,
  period,
  mine,
  reload = 0,
  review,
}: {
  region?: string;
  period?: string;
  mine?: boolean;
  reload?: number;
  review?: boolean;
}) {
  const tv = useVerivaliText();
  const { lang, text, t } = useI18n();
  const [query] = useQueryState();
  // The state filter starts from the address (`?state=visited`, the to-do list's links).
  const [state, setState] = useState(query.get('state') ?? (mine ? 'assigned' : ''));
  const [result, setResult] = useState('');
  const list = useCursorList<VisitListItem>(
    'visits',
    (cursor, signal) =>
      visits.list(
        {
          region: region || undefined,
          period: period || undefined,
          state: state || undefined,
          result: result || undefined,
          mine: mine ? 'true' : undefined,
          cursor,
          limit: 50,
        },
        signal,
      ),
    [region, period, state, result, mine, reload],
  );
  const villageNames = useRegionNames(list.items.map((v) => v.regionCode));
  const resultLabel = (code: string | null) => {
    const r = VISIT_RESULTS.find((x) => x.code === code);
    return r ? text(r.label) : tv('common.none');
  };
  return (
    <section className="card" aria-labelledby="visits-title">
      <h2 id="visits-title">{tv('visits.title')}</h2>
      <div className="filters__row">
        <SelectField
          path="visit-state"
          label={tv('filter.state')}
          value={state}
          onChange={setState}
          empty={t('common.all')}
          options={(['assigned', 'visited', 'accepted', 'cancelled'] as const).map((s) => ({
            value: s,
            label: tv(`state.${s}`),
          }))}
        />
        <SelectField
          path="visit-result"
          label={tv('filter.result')}
          value={result}
          onChange={setResult}
          empty={t('common.all')}
          options={VISIT_RESULTS.map((r) => ({ value: r.code, label: text(r.label) }))}
        />
      </div>
      <CursorItems list={list} empty={tv('visits.empty')}>
        <ul className="visit-cards">
          {list.items.map((v) => (
            <li key={v.id} className={`visit-card visit-card--${v.state}`}>
              <div>
                <strong>{v.headName ?? tv('common.none')}</strong>
                <span className="muted small mono"> KK {v.kkNumber ?? '—'}</span>
                <div className="small">
                  {v.usulanKind ? tv(`kind.${v.usulanKind}` as 'kind.baru') : tv('kind.existing')} ·{' '}
                  <span title={v.regionCode}>{villageNames.get(v.regionCode) ?? v.regionCode}</span> ·{' '}
                  {tv(`state.${v.state}` as 'state.assigned')}
                  {v.result ? ` · ${resultLabel(v.result)}` : ''}
                </div>
                <div className="small muted">
                  {tv('visit.assignedTo', { name: v.assignedTo.displayName || v.assignedTo.username })}
                  {v.visitedAt ? ` · ${formatDateTime(v.visitedAt, lang)}` : ''}
                </div>
                {v.reviewNote && v.state === 'assigned' && (
                  <div className="small field__warning">{tv('visits.sentBack', { note: v.reviewNote })}</div>
                )}
              </div>
              <Link className="button button--small" to={`/cycle/verivali/visits/${v.id}`}>
                {review && v.state === 'visited'
                  ? tv('visits.review')
                  : mine && (v.state === 'assigned' || v.state === 'visited')
                    ? tv('visits.fill')
                    : tv('visits.open')}
              </Link>
            </li>
          ))}
        </ul>
      </CursorItems>
    </section>
  );
}

function MyVisits() {
  const tv = useVerivaliText();
  return (
    <>
      <PageHeader title={tv('title.mine')} subtitle={tv('intro.mine')} />
      <VisitsTable mine />
    </>
  );
}

function VisitsOverview() {
  const tv = useVerivaliText();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const period = query.get('period') ?? currentPeriod();
  const region = query.get('region') ?? user.regionCode;
  return (
    <>
      <PageHeader title={tv('title.list')} />
      <div className="stack">
        <Filters period={period} region={region} onChange={setQuery} />
        <VisitsTable region={region} period={period} />
      </div>
    </>
  );
}
