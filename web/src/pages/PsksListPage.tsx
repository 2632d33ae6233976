import { PSKS_KINDS } from '../../../src/domain/registry/ppks-psks.ts';
import { psks } from '../api/endpoints.ts';
import { regionLevel } from '../api/region-cache.ts';
import type { PsksItem } from '../api/types.ts';
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
import { formatFieldValue } from '../lib/fields.ts';
import { Link, useQueryState } from '../router.tsx';
import { useSession, useUser } from '../session.tsx';

const SEARCH = ['q'] as const;

export function PsksListPage() {
  const { t, lang, text } = useI18n();
  const user = useUser();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const region = query.get('region') ?? '';
  const kind = query.get('kind') ?? '';
  const status = query.get('status') ?? 'active';
  const q = query.get('q') ?? '';
  const [draft, setDraft] = useDraftQuery(SEARCH);

  const list = useCursorList<PsksItem>(
    (cursor, signal) =>
      psks.list(
        {
          region: region || undefined,
          kind: kind || undefined,
          status,
          q: q || undefined,
          cursor,
          limit: 50,
        },
        signal,
      ),
    [region, kind, status, q],
  );
  const showVillage = regionLevel(region || user.regionCode) < 4;
  const names = useRegionNames(showVillage ? list.items.map((i) => i.regionCode) : []);

  return (
    <>
      <PageHeader
        title={t('psks.title')}
        subtitle={t('psks.intro')}
        actions={
          can('social.write') ? (
            <Link className="button button--primary" to="/psks/new">
              {t('psks.add')}
            </Link>
          ) : undefined
        }
      />
      <search className="filters" aria-label={t('households.filters')}>
        <TextField
          path="q"
          className="filters__search"
          type="search"
          label={t('social.search')}
          value={draft.q}
          onChange={(v) => setDraft('q', v)}
          autoComplete="off"
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
          <SelectField
            path="kind"
            label={t('field.kind')}
            value={kind}
            onChange={(v) => setQuery({ kind: v || undefined })}
            options={PSKS_KINDS.map((k) => ({ value: k.code, label: text(k.label) }))}
            empty={t('common.all')}
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
        <p className="empty">{t('social.empty')}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--hover">
              <caption className="visually-hidden">{t('psks.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.name')}</th>
                  <th scope="col">{t('field.kind')}</th>
                  <th scope="col">{t('psks.contact')}</th>
                  {showVillage && <th scope="col">{t('region.level4')}</th>}
                  <th scope="col">{t('field.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/psks/${p.id}`}>{p.name}</Link>
                    </th>
                    <td>{formatFieldValue('kind', p.kind, lang, t)}</td>
                    <td className="small">
                      {[p.phone, p.email].filter(Boolean).join(' · ') || <span className="muted">—</span>}
                    </td>
                    {showVillage && <td>{names.get(p.regionCode) ?? p.regionCode}</td>}
                    <td>
                      <StatusBadge status={p.status} />
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
