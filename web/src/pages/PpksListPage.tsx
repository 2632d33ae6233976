import { PPKS_CATEGORIES } from '../../../src/domain/registry/ppks-psks.ts';
import { ppks } from '../api/endpoints.ts';
import type { PpksItem } from '../api/types.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { RecordStatusFilter, RegionFilter } from '../components/ListFilters.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useDraftQuery } from '../hooks/use-draft-query.ts';
import { useVillageColumn } from '../hooks/use-village-column.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatFieldValue } from '../lib/fields.ts';
import { Link, useQueryState } from '../router.tsx';
import { useSession } from '../session.tsx';

const SEARCH = ['q'] as const;

export function PpksListPage() {
  const { t, lang, text } = useI18n();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const region = query.get('region') ?? '';
  const category = query.get('category') ?? '';
  const status = query.get('status') ?? 'active';
  const q = query.get('q') ?? '';
  const [draft, setDraft] = useDraftQuery(SEARCH);

  const list = useCursorList<PpksItem>(
    (cursor, signal) =>
      ppks.list(
        {
          region: region || undefined,
          category: category || undefined,
          status,
          q: q || undefined,
          cursor,
          limit: 50,
        },
        signal,
      ),
    [region, category, status, q],
  );
  const village = useVillageColumn(region, list.items);

  return (
    <>
      <PageHeader
        title={t('ppks.title')}
        subtitle={t('ppks.intro')}
        actions={
          can('social.write') ? (
            <Link className="button button--primary" to="/ppks/new">
              {t('ppks.add')}
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
        <RegionFilter value={region} legend={t('households.region')} setQuery={setQuery} />
        <div className="filters__row">
          <SelectField
            path="category"
            label={t('ppks.category')}
            value={category}
            onChange={(v) => setQuery({ category: v || undefined })}
            options={PPKS_CATEGORIES.map((c) => ({ value: c.code, label: text(c.label) }))}
            empty={t('common.all')}
          />
          <RecordStatusFilter value={status} setQuery={setQuery} />
        </div>
      </search>
      <CursorTable
        list={list}
        caption={t('ppks.title')}
        empty={<p className="empty">{t('social.empty')}</p>}
        head={
          <>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.nik')}</th>
            <th scope="col">{t('ppks.categories')}</th>
            {village.show && <th scope="col">{t('region.level4')}</th>}
            <th scope="col">{t('field.status')}</th>
          </>
        }
        row={(p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={`/ppks/${p.id}`}>{p.name}</Link>
            </th>
            <td className="mono">{p.nik ?? '—'}</td>
            <td>
              <ul className="tag-list">
                {p.categories.map((c) => (
                  <li key={`${c.category}-${c.startDate}`} className={c.endDate ? 'tag tag--ended' : 'tag'}>
                    {formatFieldValue('category', c.category, lang, t)}
                  </li>
                ))}
              </ul>
            </td>
            {village.show && <td>{village.name(p.regionCode)}</td>}
            <td>
              <StatusBadge status={p.status} />
            </td>
          </tr>
        )}
      />
    </>
  );
}
