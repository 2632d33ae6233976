/**
 * The pieces every "what changed" view shares: a version card (number, change type, when, who, why) and a
 * before/after table. The household history, the PPKS/PSKS record history and a correction proposal's
 * changes all read the same way.
 */
import type { ReactNode } from 'react';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { formatDateTime } from '../lib/format.ts';
import { removalReasonText } from '../lib/removal-reason.ts';

/** The label of each change type of a record version. */
export const CHANGE_TYPES: Record<string, MessageKey> = {
  create: 'history.create',
  update: 'history.update',
  member_add: 'history.member_add',
  member_update: 'history.member_update',
  member_remove: 'history.member_remove',
  remove: 'history.remove',
};

export interface VersionMeta {
  version: number;
  changeType: string;
  changedAt: string;
  reason?: string | null;
}

/** One version: its header (who is worded by the caller, since registers name the author differently). */
export function VersionCard({
  entry,
  who,
  children,
}: {
  entry: VersionMeta;
  who: ReactNode;
  children: ReactNode;
}) {
  const { t, lang } = useI18n();
  const type = CHANGE_TYPES[entry.changeType];
  return (
    <article className="card version" aria-labelledby={`version-${entry.version}`}>
      <header className="version__header">
        <h3 id={`version-${entry.version}`}>
          {t('history.version', { n: entry.version })} · {type ? t(type) : entry.changeType}
        </h3>
        <p className="muted small">
          <time dateTime={entry.changedAt}>{formatDateTime(entry.changedAt, lang)}</time> · {who}
        </p>
        {entry.reason && (
          <p className="version__reason">
            <span className="muted">{t('field.reason')}:</span>{' '}
            {removalReasonText(entry.reason, lang) ?? entry.reason}
          </p>
        )}
      </header>
      {children}
    </article>
  );
}

export interface DiffRow {
  key: string;
  label: ReactNode;
  field: string;
  /** null: the field had (or gets) no value. */
  before: unknown;
  after: unknown;
}

/**
 * A before/after table. `marked` strikes the old value and underlines the new one, with a muted dash for
 * a missing value; unmarked cells show the formatted values as plain text.
 */
export function DiffTable({
  rows,
  headings,
  marked = true,
}: {
  rows: DiffRow[];
  headings?: { field: string; before: string; after: string };
  marked?: boolean;
}) {
  const { t, lang } = useI18n();
  const head = headings ?? {
    field: t('history.field'),
    before: t('history.before'),
    after: t('history.after'),
  };
  const cell = (field: string, value: unknown, Tag: 'del' | 'ins') => {
    if (!marked) return formatFieldValue(field, value, lang, t);
    if (value === null) return <span className="muted">—</span>;
    return <Tag>{formatFieldValue(field, value, lang, t)}</Tag>;
  };
  return (
    <div className="table-wrap">
      <table className="table table--diff">
        <thead>
          <tr>
            <th scope="col">{head.field}</th>
            <th scope="col">{head.before}</th>
            <th scope="col">{head.after}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="diff-before">{cell(r.field, r.before, 'del')}</td>
              <td className="diff-after">{cell(r.field, r.after, 'ins')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A register version's changed fields, less the bookkeeping ones in `hidden`; nothing when none is left. */
export function FieldChangeTable({
  changes,
  hidden,
  marked,
}: {
  changes: { field: string; before: unknown; after: unknown }[];
  hidden: ReadonlySet<string>;
  marked?: boolean;
}) {
  const { t, lang } = useI18n();
  const rows = changes
    .filter((ch) => !hidden.has(ch.field))
    .map((ch) => ({ key: ch.field, label: fieldLabel(ch.field, lang, t), ...ch }));
  if (!rows.length) return null;
  return <DiffTable rows={rows} marked={marked} />;
}
