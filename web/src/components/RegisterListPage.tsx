/**
 * The list page the PPKS and PSKS registers share: search, region, the register's own filter (a PPKS
 * category, a PSKS kind), status and order (registration or name), all kept in the address; then how many
 * match and the records page by page, each with its name, the register's own columns, its village and its
 * status.
 */
import type { ReactNode } from 'react';
import type { Text } from '../../../src/domain/errors.ts';
import { resourceOf } from '../api/query.ts';
import type { Page } from '../api/types.ts';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useDraftQuery } from '../hooks/use-draft-query.ts';
import { useVillageColumn } from '../hooks/use-village-column.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { Link, useQueryState } from '../router.tsx';
import { useSession } from '../session.tsx';
import { CursorTable } from './CursorTable.tsx';
import { SelectField } from './fields.tsx';
import { RecordStatusFilter, RegionFilter, SearchFilter, SortFilter } from './ListFilters.tsx';
import { PageHeader } from './PageHeader.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const SEARCH = ['q'] as const;

export interface RegisterListItem {
  id: string;
  name: string;
  regionCode: string;
  status: 'active' | 'removed';
}

/** What a register's list endpoint is asked; `K` names the register's own filter. */
export type RegisterListQuery<K extends string> = {
  region?: string;
  status: 'active' | 'removed' | 'all';
  q?: string;
  /** Registration order when left out. */
  sort?: 'name';
  cursor?: string;
  limit: number;
} & { [key in K]?: string };

export function RegisterListPage<T extends RegisterListItem, K extends string>({
  path,
  text: texts,
  filter,
  load,
  head,
  cells,
}: {
  /** The register's list, e.g. `/ppks`; records live at `<path>/<id>`, a new one at `<path>/new`. */
  path: string;
  text: { title: MessageKey; intro: MessageKey; add: MessageKey };
  /** The register's own filter beside the status, kept in the address under `key`. */
  filter: { key: K; label: MessageKey; choices: readonly { code: string; label: Text }[] };
  load: (query: RegisterListQuery<K>, signal: AbortSignal) => Promise<Page<T>>;
  /** The heading cells of the register's own columns, which come between the name and the village. */
  head: ReactNode;
  cells: (item: T) => ReactNode;
}) {
  const { t, text } = useI18n();
  const { can } = useSession();
  const [query, setQuery] = useQueryState();
  const region = query.get('region') ?? '';
  const own = query.get(filter.key) ?? '';
  const statusParam = query.get('status');
  const status = statusParam === 'removed' || statusParam === 'all' ? statusParam : 'active';
  const sort = query.get('sort') === 'name' ? 'name' : 'created';
  const q = query.get('q') ?? '';
  const [draft, setDraft] = useDraftQuery(SEARCH);

  const list = useCursorList<T>(
    resourceOf(path),
    (cursor, signal) =>
      load(
        {
          region: region || undefined,
          [filter.key]: own || undefined,
          status,
          q: q || undefined,
          sort: sort === 'name' ? sort : undefined,
          cursor,
          limit: 50,
        } as RegisterListQuery<K>,
        signal,
      ),
    [region, own, status, q, sort],
  );
  const village = useVillageColumn(region, list.items);

  return (
    <>
      <PageHeader
        title={t(texts.title)}
        subtitle={t(texts.intro)}
        actions={
          can('social.write') ? (
            <Link className="button button--primary" to={`${path}/new`}>
              {t(texts.add)}
            </Link>
          ) : undefined
        }
      />
      <search className="filters" aria-label={t('households.filters')}>
        <SearchFilter label={t('social.search')} value={draft.q} onChange={(v) => setDraft('q', v)} />
        <RegionFilter value={region} legend={t('households.region')} setQuery={setQuery} />
        <div className="filters__row">
          <SelectField
            path={filter.key}
            label={t(filter.label)}
            value={own}
            onChange={(v) => setQuery({ [filter.key]: v || undefined })}
            options={filter.choices.map((c) => ({ value: c.code, label: text(c.label) }))}
            empty={t('common.all')}
          />
          <RecordStatusFilter value={status} setQuery={setQuery} />
          <SortFilter
            value={sort}
            setQuery={setQuery}
            options={[
              { value: 'created', label: t('households.sortCreated') },
              { value: 'name', label: t('social.sortName') },
            ]}
          />
        </div>
      </search>
      <CursorTable
        list={list}
        caption={t(texts.title)}
        empty={<p className="empty">{t('social.empty')}</p>}
        head={
          <>
            <th scope="col">{t('field.name')}</th>
            {head}
            {village.show && <th scope="col">{t('region.level4')}</th>}
            <th scope="col">{t('field.status')}</th>
          </>
        }
        row={(item) => (
          <tr key={item.id}>
            <th scope="row">
              <Link to={`${path}/${item.id}`}>{item.name}</Link>
            </th>
            {cells(item)}
            {village.show && <td>{village.name(item.regionCode)}</td>}
            <td>
              <StatusBadge status={item.status} />
            </td>
          </tr>
        )}
      />
    </>
  );
}
