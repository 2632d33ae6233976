/**
 * Proposals. A village operator sees their village's proposals and starts new ones; the Dinas Sosial sees
 * its regency's (verified ones wait for its approval); the kecamatan and the other roles read the proposals
 * of their territory, filtered by region. Filters and the order (proposal order or name) live in the
 * address; the total count heads the table; 50 rows per request.
 */
import { usulanMachine } from '../../../../../src/domain/lifecycle/machines.ts';
import { regionLevel } from '../../../api/region-cache.ts';
import { CursorTable } from '../../../components/CursorTable.tsx';
import { PeriodFilter, periodOr, QuerySelect } from '../../../components/cycle/period.tsx';
import { RegionFilter, SortFilter } from '../../../components/ListFilters.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/use-cursor-list.ts';
import { useVillageColumn } from '../../../hooks/use-village-column.ts';
import { formatDate, formatPeriod } from '../../../lib/format.ts';
import { Link, useQueryState } from '../../../router.tsx';
import { may, useUser } from '../../../session.tsx';
import { KindLabel, SourceMark, StateBadge } from './StateBadge.tsx';
import { type UsulanKind, type UsulanListItem, usulanApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import { WindowNotice } from './WindowNotice.tsx';
import './usulan.css';

const PAGE_SIZE = 50;
const KINDS: UsulanKind[] = ['baru', 'perbaikan', 'dikeluarkan'];
const SOURCES = ['operator', 'musdes', 'mandiri'] as const;

export function UsulanListPage() {
  const { m, lang } = useUsulanI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const period = periodOr(query.get('period'), '');
  const stateParam = query.get('state') ?? '';
  const state = (usulanMachine.states as readonly string[]).includes(stateParam) ? stateParam : '';
  const kindParam = query.get('kind') ?? '';
  const kind = (KINDS as string[]).includes(kindParam) ? (kindParam as UsulanKind) : undefined;
  const sourceParam = query.get('source') ?? '';
  const source = (SOURCES as readonly string[]).includes(sourceParam)
    ? (sourceParam as (typeof SOURCES)[number])
    : undefined;
  const region = query.get('region') ?? '';
  const sort = query.get('sort') === 'name' ? 'name' : 'created';

  const operator = may(user, 'usulan.draft');
  const approver = may(user, 'verivali.manage');
  const village = regionLevel(user.regionCode) === 4;

  const list = useCursorList<UsulanListItem>(
    'usulan',
    (cursor, signal) =>
      usulanApi.list(
        {
          region: region || undefined,
          period: period || undefined,
          state: state || undefined,
          kind,
          source,
          sort: sort === 'name' ? sort : undefined,
          cursor,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    [region, period, state, kind, source, sort],
  );
  const villageColumn = useVillageColumn(region, list.items);

  return (
    <>
      <PageHeader
        title={approver ? m('list.titleApproval') : m('list.title')}
        subtitle={
          operator
            ? m('list.subtitleOperator')
            : approver
              ? m('list.subtitleApproval')
              : m('list.subtitleRead')
        }
        actions={
          operator ? (
            <Link className="button button--primary" to="/cycle/usulan/new">
              {m('list.new')}
            </Link>
          ) : undefined
        }
      />
      {operator && <WindowNotice />}
      <search className="filters" aria-label={m('list.filters')}>
        {!village && <RegionFilter value={region} legend={m('list.region')} setQuery={setQuery} />}
        <div className="filters__row">
          <PeriodFilter value={period} label={m('list.period')} setQuery={setQuery} />
          <QuerySelect
            path="state"
            label={m('list.state')}
            value={state}
            options={usulanMachine.states.map((s) => ({ value: s, label: m(`state.${s}`) }))}
            setQuery={setQuery}
          />
          <QuerySelect
            path="kind"
            label={m('list.kind')}
            value={kind ?? ''}
            options={KINDS.map((k) => ({ value: k, label: m(`kind.${k}`) }))}
            setQuery={setQuery}
          />
          <QuerySelect
            path="source"
            label={m('list.source')}
            value={source ?? ''}
            options={SOURCES.map((k) => ({ value: k, label: m(`source.${k}`) }))}
            setQuery={setQuery}
          />
          <SortFilter
            value={sort}
            setQuery={setQuery}
            options={[
              { value: 'created', label: m('list.sortCreated') },
              { value: 'name', label: m('list.sortName') },
            ]}
          />
        </div>
      </search>

      <CursorTable
        list={list}
        caption={m('list.title')}
        empty={
          <p className="empty" role="status">
            {m('list.empty')}
          </p>
        }
        head={
          <>
            <th scope="col">{m('list.head')}</th>
            <th scope="col">{m('list.state')}</th>
            <th scope="col">{m('list.kind')}</th>
            <th scope="col">{m('list.kk')}</th>
            <th scope="col">{m('list.period')}</th>
            {villageColumn.show && <th scope="col">{m('list.village')}</th>}
            <th scope="col">{m('list.updated')}</th>
          </>
        }
        row={(u) => (
          <tr key={u.id}>
            <th scope="row">
              <Link to={`/cycle/usulan/${u.id}`}>{u.headName || '—'}</Link>
              <SourceMark source={u.source} />
              {u.state === 'returned' && u.returnNote && (
                <p className="usulan-return-note">{m('list.returnNote', { note: u.returnNote })}</p>
              )}
            </th>
            <td>
              <StateBadge state={u.state} />
            </td>
            <td>
              <KindLabel kind={u.kind} />
            </td>
            <td className="mono">{u.kkNumber}</td>
            <td>{formatPeriod(u.period, lang)}</td>
            {villageColumn.show && <td>{villageColumn.name(u.regionCode)}</td>}
            <td className="nowrap">{formatDate(u.updatedAt, lang)}</td>
          </tr>
        )}
      />
    </>
  );
}
