import { households } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { HouseholdListItem } from '../api/types.ts';
import { LoadError } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useDraftQuery } from '../hooks/use-draft-query.ts';
import { useRegionNames } from '../hooks/use-region-names.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link, useQueryState } from '../router.tsx';
import { useSession, useUser } from '../session.tsx';

const PAGE_SIZE = 50;
const RT_RW = /^\d{1,3}$/;
const TEXT_FILTERS = ['q', 'rw', 'rt'] as const;
type Status = 'active' | 'removed' | 'all';

export function HouseholdListPage() {
  const { t } = useI18n();
  const user = useUser();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const region = query.get('region') ?? '';
  const rw = query.get('rw') ?? '';
  const rt = query.get('rt') ?? '';
  const q = query.get('q') ?? '';
  const statusParam = query.get('status');
  const status: Status = statusParam === 'removed' || statusParam === 'all' ? statusParam : 'active';

  const [draft, setDraft] = useDraftQuery(TEXT_FILTERS, (key, v) => key === 'q' || RT_RW.test(v));

  const list = useCursorList<HouseholdListItem>(
    (cursor, signal) =>
      households.list(
        {
          region: region || undefined,
          rw: rw || undefined,
          rt: rt || undefined,
          status,
          q: q || undefined,
          cursor,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    [region, rw, rt, status, q],
  );

  const showVillage = regionLevel(region || user.regionCode) < 4;
  const villageNames = useRegionNames(showVillage ? list.items.map((h) => h.regionCode) : []);
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
        <TextField
          path="q"
          className="filters__search"
          type="search"
          label={t('households.search')}
          hint={partialNumber ? t('households.searchNumberHint') : t('households.searchHint')}
          value={draft.q}
          onChange={(v) => setDraft('q', v)}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
        />
        <RegionPicker
          root={user.regionCode}
          value={region}
          onChange={(code) => setQuery({ region: code === user.regionCode ? undefined : code })}
          path="region"
          legend={t('households.region')}
        />
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
          <SelectField
            path="status"
            label={t('field.status')}
            value={status}
            onChange={(v) => setQuery({ status: v === 'active' ? undefined : v })}
            options={[
              { value: 'active', label: t('status.active') },
              { value: 'removed', label: t('status.removed') },
              { value: 'all', label: t('status.all') },
            ]}
          />
        </div>
      </search>

      {list.error ? <LoadError error={list.error} /> : null}
      {!list.loaded ? (
        <Loading />
      ) : list.items.length === 0 && !list.error ? (
        <p className="empty" role="status">
          {q ? t('households.noMatch', { q }) : t('households.empty')}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--hover">
              <caption className="visually-hidden">{t('households.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.headName')}</th>
                  <th scope="col">{t('field.kkNumber')}</th>
                  <th scope="col">{t('field.address')}</th>
                  <th scope="col">{t('households.rwRt')}</th>
                  {showVillage && <th scope="col">{t('region.level4')}</th>}
                  <th scope="col" className="num">
                    {t('field.memberCount')}
                  </th>
                  <th scope="col">{t('field.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((h) => (
                  <tr key={h.id}>
                    <th scope="row">
                      <Link to={`/households/${h.id}`}>{h.headName}</Link>
                    </th>
                    <td className="mono">{h.kkNumber}</td>
                    <td>{h.address}</td>
                    <td className="mono">
                      {h.rw}/{h.rt}
                    </td>
                    {showVillage && <td>{villageNames.get(h.regionCode) ?? h.regionCode}</td>}
                    <td className="num">{h.memberCount}</td>
                    <td>
                      <StatusBadge status={h.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            count={list.items.length}
            hasMore={list.hasMore}
            loading={list.loading}
            onLoadMore={list.loadMore}
          />
        </>
      )}
    </>
  );
}
