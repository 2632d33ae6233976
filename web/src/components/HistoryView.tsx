import { households } from '../api/endpoints.ts';
import type { FieldChange, VersionEntry } from '../api/types.ts';
import { useLoad } from '../hooks/use-load.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { formatDateTime } from '../lib/format.ts';
import { useUser } from '../session.tsx';
import { LoadError } from './ErrorSummary.tsx';
import { Loading } from './Loading.tsx';

const CHANGE_TYPES: Record<string, MessageKey> = {
  create: 'history.create',
  update: 'history.update',
  member_add: 'history.member_add',
  member_update: 'history.member_update',
  member_remove: 'history.member_remove',
  remove: 'history.remove',
};

/** Snapshot bookkeeping that says nothing to a reader. */
const HIDDEN = new Set(['id', 'householdId', 'provinceCode', 'regencyCode', 'districtCode', 'villageCode']);

/** Every version of the household, newest first: who, when, why, and a before/after table per change. */
export function HistoryView({ householdId, version }: { householdId: string; version: number }) {
  const { t } = useI18n();
  const history = useLoad((signal) => households.history(householdId, signal), [householdId, version]);
  if (history.error) return <LoadError error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading />;
  return (
    <ol className="history" aria-label={t('household.tabHistory')}>
      {history.data.items.map((entry) => (
        <li key={entry.version}>
          <VersionCard entry={entry} />
        </li>
      ))}
    </ol>
  );
}

function VersionCard({ entry }: { entry: VersionEntry }) {
  const { t, lang } = useI18n();
  const me = useUser();
  const c = entry.changes;
  const type = CHANGE_TYPES[entry.changeType];
  const who =
    entry.changedBy === null
      ? t('history.bySystem')
      : entry.changedBy === me.id
        ? t('history.byYou', { user: me.username })
        : t('history.byUser', { user: entry.changedByName ?? entry.changedBy.slice(0, 8) });
  const body = (
    <>
      <ChangeTable changes={c.household} />
      {c.membersAdded.length > 0 && (
        <div className="history__members">
          <h4>{t('history.membersAdded')}</h4>
          <ul>
            {c.membersAdded.map((m) => (
              <li key={m.id}>
                {m.name} <span className="mono muted">{m.nik}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.membersRemoved.length > 0 && (
        <div className="history__members">
          <h4>{t('history.membersRemoved')}</h4>
          <ul>
            {c.membersRemoved.map((m) => (
              <li key={m.id}>
                {m.name} <span className="mono muted">{m.nik}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.membersChanged.map((m) => (
        <div className="history__members" key={m.id}>
          <h4>
            {t('history.memberChanged', { name: m.name })} <span className="mono muted">{m.nik}</span>
          </h4>
          <ChangeTable changes={m.changes} />
        </div>
      ))}
    </>
  );
  return (
    <article className="card version" aria-labelledby={`version-${entry.version}`}>
      <header className="version__header">
        <h3 id={`version-${entry.version}`}>
          {t('history.version', { n: entry.version })} · {type ? t(type) : entry.changeType}
        </h3>
        <p className="muted small">
          <time dateTime={entry.changedAt}>{formatDateTime(entry.changedAt, lang)}</time> ·{' '}
          <span title={entry.changedBy ?? ''}>{who}</span>
        </p>
        {entry.reason && (
          <p className="version__reason">
            <span className="muted">{t('field.reason')}:</span> {entry.reason}
          </p>
        )}
      </header>
      {entry.changeType === 'create' ? (
        <details>
          <summary>
            {t('history.initialData', {
              fields: visible(c.household).length,
              members: c.membersAdded.length,
            })}
          </summary>
          {body}
        </details>
      ) : (
        body
      )}
    </article>
  );
}

function visible(changes: FieldChange[]): FieldChange[] {
  return changes.filter((ch) => !HIDDEN.has(ch.field));
}

function ChangeTable({ changes }: { changes: FieldChange[] }) {
  const { t, lang } = useI18n();
  const rows = visible(changes);
  if (!rows.length) return null;
  return (
    <div className="table-wrap">
      <table className="table table--diff">
        <thead>
          <tr>
            <th scope="col">{t('history.field')}</th>
            <th scope="col">{t('history.before')}</th>
            <th scope="col">{t('history.after')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((ch) => (
            <tr key={ch.field}>
              <th scope="row">{fieldLabel(ch.field, lang, t)}</th>
              <td className="diff-before">
                {ch.before === null ? (
                  <span className="muted">—</span>
                ) : (
                  <del>{formatFieldValue(ch.field, ch.before, lang, t)}</del>
                )}
              </td>
              <td className="diff-after">
                {ch.after === null ? (
                  <span className="muted">—</span>
                ) : (
                  <ins>{formatFieldValue(ch.field, ch.after, lang, t)}</ins>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
