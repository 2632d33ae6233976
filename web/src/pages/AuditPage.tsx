import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { isRole, ROLE_INFO } from '../../../src/domain/access/roles.ts';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../../src/domain/cycle/attachments.ts';
import { audit } from '../api/endpoints.ts';
import type { AuditEntry } from '../api/types.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useI18n, useText } from '../i18n/index.tsx';
import { formatDate, formatDateTime, formatNumber } from '../lib/format.ts';
import { Link, useQueryState } from '../router.tsx';
import { useUser } from '../session.tsx';
import { ACTION_GROUPS, AUDIT_TEXT, type AuditTextKey, hasAuditText } from './audit-words.ts';

const FILTERS = ['group', 'username', 'regionCode', 'from', 'to', 'entityId'] as const;
type Filter = (typeof FILTERS)[number];
type Say = (key: AuditTextKey, vars?: Record<string, string | number>) => string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where a record of this type is shown, when the app has a page for it. */
function recordPath(type: string | null, id: string | null): string | null {
  if (!type || !id) return null;
  switch (type) {
    case 'household':
      return `/households/${id}`;
    case 'usulan':
      return `/cycle/usulan/${id}`;
    case 'musdes':
      return `/cycle/musdes/${id}`;
    case 'visit':
      return `/cycle/verivali/visits/${id}`;
    case 'submission':
      return `/cycle/pengesahan/${id}`;
    case 'ppks':
      return `/ppks/${id}`;
    case 'psks':
      return `/psks/${id}`;
    case 'duplicate_candidate':
      return `/duplicates/${id}`;
    default:
      return null;
  }
}

/** "Rumah tangga · diubah": the action's group and what happened, in words. */
export function actionWords(action: string, say: Say): { group: string; verb: string } {
  const dot = action.indexOf('.');
  const groupKey = `group.${dot < 0 ? action : action.slice(0, dot)}`;
  const verbKey = `verb.${dot < 0 ? '' : action.slice(dot + 1)}`;
  return {
    group: hasAuditText(groupKey) ? say(groupKey) : say('otherAction'),
    verb: hasAuditText(verbKey) ? say(verbKey) : say('otherAction'),
  };
}

/** The audit trail, newest first; filters are applied on submit and kept in the address. */
export function AuditPage() {
  const say = useText(AUDIT_TEXT);
  const user = useUser();
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
    'audit',
    (cursor, signal) =>
      audit.list(
        {
          group: applied.group || undefined,
          username: applied.username || undefined,
          regionCode:
            applied.regionCode && applied.regionCode !== user.regionCode ? applied.regionCode : undefined,
          entityId: applied.entityId || undefined,
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
  const set = (f: Filter) => (v: string) => setDraft((d) => ({ ...d, [f]: v }));

  return (
    <>
      <PageHeader title={say('title')} subtitle={say('intro')} />
      <form className="filters" onSubmit={onSubmit} aria-label={say('filters')}>
        <div className="filters__row">
          <SelectField
            path="audit-group"
            label={say('group')}
            value={draft.group}
            onChange={set('group')}
            options={[
              { value: '', label: say('allGroups') },
              ...ACTION_GROUPS.map((g) => ({ value: g, label: say(`group.${g}`) })),
            ]}
          />
          <TextField
            path="audit-username"
            label={say('person')}
            value={draft.username}
            onChange={set('username')}
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            path="audit-from"
            label={say('from')}
            type="date"
            value={draft.from}
            onChange={set('from')}
          />
          <TextField path="audit-to" label={say('to')} type="date" value={draft.to} onChange={set('to')} />
        </div>
        <RegionPicker
          root={user.regionCode}
          value={draft.regionCode}
          onChange={set('regionCode')}
          path="audit-region"
          legend={say('region')}
        />
        <div className="actions">
          <button type="submit" className="button button--primary">
            {say('apply')}
          </button>
          <button type="button" className="button" onClick={reset}>
            {say('reset')}
          </button>
        </div>
      </form>
      {list.loaded && list.items.length > 0 && (
        <p className="muted" aria-live="polite">
          {say('shown', { count: list.items.length })}
        </p>
      )}
      <CursorTable
        list={list}
        caption={say('title')}
        empty={<p className="empty">{say('empty')}</p>}
        hover={false}
        head={
          <>
            <th scope="col">{say('at')}</th>
            <th scope="col">{say('who')}</th>
            <th scope="col">{say('action')}</th>
            <th scope="col">{say('record')}</th>
            <th scope="col">{say('where')}</th>
            <th scope="col">{say('details')}</th>
          </>
        }
        row={(e) => <AuditRow key={e.seq} entry={e} say={say} />}
      />
    </>
  );
}

function AuditRow({ entry: e, say }: { entry: AuditEntry; say: Say }) {
  const { lang, text } = useI18n();
  const words = actionWords(e.action, say);
  const system = !e.actorId && (e.actorUsername ?? '').startsWith('system');
  const path = recordPath(e.entityType, e.entityId);
  const recordGroup = e.entityType ? actionWords(`${e.entityType}.`, say).group : null;
  const recordLabel = e.entityName ?? recordGroup;
  const hasDetails = Object.keys(e.details).length > 0;
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
      </td>
      <td>
        {system ? say('system') : (e.actorName ?? e.actorUsername ?? say('none'))}
        {e.actorRole && isRole(e.actorRole) && (
          <div className="muted small">{text(ROLE_INFO[e.actorRole].label)}</div>
        )}
      </td>
      <td>
        <strong>{words.group}</strong> · {words.verb}
        {e.purpose && (
          <div className="muted small">
            {say('purpose')}: {e.purpose}
          </div>
        )}
      </td>
      <td>
        {recordLabel ? (
          <>
            {e.entityName && recordGroup && <div className="muted small">{recordGroup}</div>}
            {path ? <Link to={path}>{recordLabel}</Link> : recordLabel}
          </>
        ) : (
          <span className="muted">{say('none')}</span>
        )}
      </td>
      <td>
        {e.regionName ?? e.regionCode ?? <span className="muted">{say('none')}</span>}
        {e.regionName && e.regionCode && <div className="muted small">{e.regionCode}</div>}
      </td>
      <td>
        {hasDetails ? (
          <details>
            <summary>{say('show')}</summary>
            <DetailList value={e.details} say={say} />
            {e.ip && <p className="muted small">IP {e.ip}</p>}
          </details>
        ) : (
          <span className="muted">{say('none')}</span>
        )}
      </td>
    </tr>
  );
}

/** A details object as a list of labelled values, nested objects as nested lists: no JSON on screen. */
function DetailList({ value, say }: { value: Record<string, unknown>; say: Say }) {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return (
    <dl className="audit-details">
      {entries.map(([key, v]) => {
        const labelKey = `key.${key}`;
        return (
          <div key={key}>
            <dt>{hasAuditText(labelKey) ? say(labelKey) : key}</dt>
            <dd>
              <DetailValue name={key} value={v} say={say} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function DetailValue({ name, value, say }: { name: string; value: unknown; say: Say }): ReactNode {
  const { lang, text } = useI18n();
  if (value === null || value === '') return say('none');
  if (typeof value === 'boolean') return value ? say('yes') : say('no');
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value === 'string') {
    if (name === 'role' && isRole(value)) return text(ROLE_INFO[value].label);
    // A document's kind (`house_front`, `kk_copy` …) by the name the upload form gives it.
    if (name === 'kind' && Object.hasOwn(ATTACHMENT_KINDS, value)) {
      return text(ATTACHMENT_KINDS[value as AttachmentKind].label);
    }
    const valueKey = `value.${value}`;
    // A state or kind code, under whichever key the action recorded it (state, from, to, placement, …).
    if (/^[a-z_]+$/.test(value) && hasAuditText(valueKey)) return say(valueKey);
    if (DAY.test(value)) return formatDate(value, lang);
    if (TIMESTAMP.test(value)) return formatDateTime(value, lang);
    if (UUID.test(value)) {
      const path = recordPath(
        name === 'householdId' ? 'household' : name === 'usulanId' ? 'usulan' : null,
        value,
      );
      // A record's identifier is evidence here: shown whole, marked as an identifier, linked when it has a page.
      return path ? (
        <Link to={path} className="mono small" data-raw="id">
          {value}
        </Link>
      ) : (
        <span className="mono small" data-raw="id">
          {value}
        </span>
      );
    }
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return say('none');
    if (
      value.length > 5 ||
      value.some((v) => typeof v === 'object' && v !== null) ||
      value.some((v) => typeof v === 'string' && UUID.test(v))
    )
      return say('items', { count: formatNumber(value.length, lang) });
    return value.map((v) => (typeof v === 'number' ? formatNumber(v, lang) : String(v))).join(', ');
  }
  if (typeof value === 'object') return <DetailList value={value as Record<string, unknown>} say={say} />;
  return String(value);
}
