import type { RecordHistory } from '../api/types.ts';
import { useLoad } from '../hooks/use-load.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { formatDateTime } from '../lib/format.ts';
import { LoadError } from './ErrorSummary.tsx';
import { Loading } from './Loading.tsx';

const TYPES: Record<string, MessageKey> = {
  create: 'history.create',
  update: 'history.update',
  remove: 'history.remove',
};
const HIDDEN = new Set(['id', 'provinceCode', 'regencyCode', 'districtCode', 'villageCode', 'personId']);

/** Versions of a PPKS or PSKS record, newest first, each with its before/after table. */
export function RecordHistoryView({
  load,
  version,
}: {
  load: (signal: AbortSignal) => Promise<RecordHistory>;
  version: number;
}) {
  const { t, lang } = useI18n();
  const history = useLoad(load, [version]);
  if (history.error) return <LoadError error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading />;
  return (
    <ol className="history">
      {history.data.items.map((v) => {
        const type = TYPES[v.changeType];
        const rows = v.changes.filter((c) => !HIDDEN.has(c.field));
        return (
          <li key={v.version}>
            <article className="card version" aria-labelledby={`version-${v.version}`}>
              <header className="version__header">
                <h3 id={`version-${v.version}`}>
                  {t('history.version', { n: v.version })} · {type ? t(type) : v.changeType}
                </h3>
                <p className="muted small">
                  <time dateTime={v.changedAt}>{formatDateTime(v.changedAt, lang)}</time> ·{' '}
                  {v.changedByName ?? (v.changedBy ? v.changedBy.slice(0, 8) : t('history.bySystem'))}
                </p>
                {v.reason && (
                  <p className="version__reason">
                    <span className="muted">{t('field.reason')}:</span> {v.reason}
                  </p>
                )}
              </header>
              {rows.length > 0 && (
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
                      {rows.map((c) => (
                        <tr key={c.field}>
                          <th scope="row">{fieldLabel(c.field, lang, t)}</th>
                          <td className="diff-before">{formatFieldValue(c.field, c.before, lang, t)}</td>
                          <td className="diff-after">{formatFieldValue(c.field, c.after, lang, t)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
