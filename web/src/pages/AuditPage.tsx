import { type FormEvent, useEffect, useState } from 'react';
import { audit } from '../api/endpoints.ts';
import type { AuditEntry } from '../api/types.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { TextField } from '../components/fields.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatDateTime } from '../lib/format.ts';
import { Link, useQueryState } from '../router.tsx';

const FILTERS = ['username', 'entityId', 'action', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** The audit trail, newest first; filters are applied on submit and kept in the address. */
export function AuditPage() {
  const { t } = useI18n();
  const [query, setQuery] = useQueryState();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Record<Filter, string>;
  const [draft, setDraft] = useState(applied);
  const appliedKey = FILTERS.map((f) => applied[f]).join('\u0000');
  // A menu link or the back button changes the filters: show them in the boxes.
  useEffect(() => {
    const values = appliedKey.split('\u0000');
    setDraft(Object.fromEntries(FILTERS.map((f, i) => [f, values[i] ?? ''])) as Record<Filter, string>);
  }, [appliedKey]);

  const list = useCursorList<AuditEntry>(
    (cursor, signal) =>
      audit.list(
        {
          username: applied.username || undefined,
          entityId: applied.entityId || undefined,
          action: applied.action || undefined,
          from: applied.from || undefined,
          to: applied.to || undefined,
          cursor,
          limit: 50,
        },
        signal,
      ),
    FILTERS.map((f) => applied[f]),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(Object.fromEntries(FILTERS.map((f) => [f, draft[f].trim() || undefined])));
  };
  const reset = () => {
    const empty = Object.fromEntries(FILTERS.map((f) => [f, ''])) as Record<Filter, string>;
    setDraft(empty);
    setQuery(Object.fromEntries(FILTERS.map((f) => [f, undefined])));
  };
  const input = (f: Filter, label: string, type = 'text') => (
    <TextField
      path={`audit-${f}`}
      label={label}
      type={type}
      value={draft[f]}
      onChange={(v) => setDraft((d) => ({ ...d, [f]: v }))}
      autoComplete="off"
      spellCheck={false}
    />
  );

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')} />
      <form className="filters" onSubmit={onSubmit} aria-label={t('audit.filters')}>
        <div className="filters__row">
          {input('username', t('audit.username'))}
          {input('action', t('audit.action'))}
          {input('entityId', t('audit.entityId'))}
          {input('from', t('audit.from'), 'date')}
          {input('to', t('audit.to'), 'date')}
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('common.apply')}
          </button>
          <button type="button" className="button" onClick={reset}>
            {t('common.reset')}
          </button>
        </div>
      </form>
      <CursorTable
        list={list}
        caption={t('audit.title')}
        empty={<p className="empty">{t('audit.empty')}</p>}
        hover={false}
        head={
          <>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.username')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('field.regionCode')}</th>
            <th scope="col">{t('audit.details')}</th>
          </>
        }
        row={(e) => <AuditRow key={e.seq} entry={e} />}
      />
    </>
  );
}

function AuditRow({ entry: e }: { entry: AuditEntry }) {
  const { t, lang } = useI18n();
  const hasDetails = Object.keys(e.details).length > 0;
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
      </td>
      <td>
        {e.actorUsername ?? '—'}
        {e.actorRole && <span className="muted small"> · {e.actorRole}</span>}
        {e.ip && <div className="muted small mono">{e.ip}</div>}
      </td>
      <td className="mono small">{e.action}</td>
      <td className="small">
        {e.entityType && <span>{e.entityType} </span>}
        {e.entityId &&
          (e.entityType === 'household' ? (
            <Link className="mono" to={`/households/${e.entityId}`}>
              {e.entityId.slice(0, 8)}…
            </Link>
          ) : (
            <span className="mono" title={e.entityId}>
              {e.entityId.slice(0, 8)}…
            </span>
          ))}
      </td>
      <td className="mono small">{e.regionCode ?? '—'}</td>
      <td>
        {hasDetails ? (
          <details>
            <summary>{t('audit.show')}</summary>
            <pre className="json">{JSON.stringify(e.details, null, 2)}</pre>
          </details>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
