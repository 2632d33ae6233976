import { PSKS_KINDS } from '../../../src/domain/registry/ppks-psks.ts';
import { psks } from '../api/endpoints.ts';
import type { PsksItem } from '../api/types.ts';
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

export function PsksListPage() {
  const { t, lang, text } = useI18n();
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
  const village = useVillageColumn(region, list.items);

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
        <RegionFilter value={region} legend={t('households.region')} setQuery={setQuery} />
        <div className="filters__row">
          <SelectField
            path="kind"
            label={t('field.kind')}
            value={kind}
            onChange={(v) => setQuery({ kind: v || undefined })}
            options={PSKS_KINDS.map((k) => ({ value: k.code, label: text(k.label) }))}
            empty={t('common.all')}
          />
          <RecordStatusFilter value={status} setQuery={setQuery} />
        </div>
      </search>
      <CursorTable
        list={list}
        caption={t('psks.title')}
        empty={<p className="empty">{t('social.empty')}</p>}
        head={
          <>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.kind')}</th>
            <th scope="col">{t('psks.contact')}</th>
            {village.show && <th scope="col">{t('region.level4')}</th>}
            <th scope="col">{t('field.status')}</th>
          </>
        }
        row={(p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={`/psks/${p.id}`}>{p.name}</Link>
            </th>
            <td>{formatFieldValue('kind', p.kind, lang, t)}</td>
            <td className="small">
              {[p.phone, p.email].filter(Boolean).join(' · ') || <span className="muted">—</span>}
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
