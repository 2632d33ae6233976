import { households } from '../api/endpoints.ts';
import type { HouseholdListItem } from '../api/types.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { TextField } from '../components/fields.tsx';
import { RecordStatusFilter, RegionFilter, SearchFilter, SortFilter } from '../components/ListFilters.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useDraftQuery } from '../hooks/use-draft-query.ts';
import { useVillageColumn } from '../hooks/use-village-column.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link, useQueryState } from '../router.tsx';
import { useSession } from '../session.tsx';

const PAGE_SIZE = 50;
const RT_RW = /^\d{1,3}$/;
const TEXT_FILTERS = ['q', 'rw', 'rt'] as const;
type Status = 'active' | 'removed' | 'all';

export function HouseholdListPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const region = query.get('region') ?? '';
  const rw = query.get('rw') ?? '';
  const rt = query.get('rt') ?? '';
  const q = query.get('q') ?? '';
  const statusParam = query.get('status');
  const status: Status = statusParam === 'removed' || statusParam === 'all' ? statusParam : 'active';
  const sort = query.get('sort') === 'name' ? 'name' : 'created';

  const [draft, setDraft] = useDraftQuery(TEXT_FILTERS, (key, v) => key === 'q' || RT_RW.test(v));

  const list = useCursorList<HouseholdListItem>(
    'households',
    (cursor, signal) =>
      households.list(
        {
          region: region || undefined,
          rw: rw || undefined,
          rt: rt || undefined,
          status,
          q: q || undefined,
          sort: sort === 'name' ? sort : undefined,
          cursor,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    [region, rw, rt, status, q, sort],
  );

  const village = useVillageColumn(region, list.items);
  const digits = draft.q.trim();
  const partialNumber = /^\d+$/.test(digits) && digits.length !== 16;
  const badRtRw = (v: string) => (v !== '' && !RT_RW.test(v) ? [t('households.rtRwInvalid')] : undefined);

  return (
    <>
      <PageHeader
        title={t('households.title')}
        actions={
          can('registry.write') ? (
            <Link className="button button--primary" to="/households/new">
              {t('households.add')}
            </Link>
          ) : undefined
        }
      />
      <search className="filters" aria-label={t('households.filters')}>
        <SearchFilter
          label={t('households.search')}
          hint={partialNumber ? t('households.searchNumberHint') : t('households.searchHint')}
          value={draft.q}
          onChange={(v) => setDraft('q', v)}
          spellCheck={false}
        />
        <RegionFilter value={region} legend={t('households.region')} setQuery={setQuery} />
        <div className="filters__row">
          <TextField
            path="rw"
            label={t('field.rw')}
            value={draft.rw}
            onChange={(v) => setDraft('rw', v)}
            inputMode="numeric"
            maxLength={3}
            size={4}
            errors={badRtRw(draft.rw)}
          />
          <TextField
            path="rt"
            label={t('field.rt')}
            value={draft.rt}
            onChange={(v) => setDraft('rt', v)}
            inputMode="numeric"
            maxLength={3}
            size={4}
            errors={badRtRw(draft.rt)}
          />
          <RecordStatusFilter value={status} setQuery={setQuery} />
          <SortFilter
            value={sort}
            setQuery={setQuery}
            options={[
              { value: 'created', label: t('households.sortCreated') },
              { value: 'name', label: t('households.sortName') },
            ]}
          />
        </div>
      </search>

      <CursorTable
        list={list}
        caption={t('households.title')}
        empty={
          <p className="empty" role="status">
            {q ? t('households.noMatch', { q }) : t('households.empty')}
          </p>
        }
        head={
          <>
            <th scope="col">{t('field.headName')}</th>
            <th scope="col">{t('field.kkNumber')}</th>
            <th scope="col">{t('field.address')}</th>
            <th scope="col">{t('households.rwRt')}</th>
            {village.show && <th scope="col">{t('region.level4')}</th>}
            <th scope="col" className="num">
              {t('field.memberCount')}
            </th>
            <th scope="col">{t('field.status')}</th>
          </>
        }
        row={(h) => (
          <tr key={h.id}>
            <th scope="row">
              <Link to={`/households/${h.id}`}>{h.headName}</Link>
            </th>
            <td className="mono">{h.kkNumber}</td>
            <td>{h.address}</td>
            <td className="mono">
              {h.rw}/{h.rt}
            </td>
            {village.show && <td>{village.name(h.regionCode)}</td>}
            <td className="num">{h.memberCount}</td>
            <td>
              <StatusBadge status={h.status} />
            </td>
          </tr>
        )}
      />
    </>
  );
}
