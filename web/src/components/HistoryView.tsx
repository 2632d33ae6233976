import { households } from '../api/endpoints.ts';
import type { FieldChange, VersionEntry } from '../api/types.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/index.tsx';
import { useUser } from '../session.tsx';
import { LoadError } from './ErrorSummary.tsx';
import { Loading } from './Loading.tsx';
import { FieldChangeTable, VersionCard } from './VersionHistory.tsx';

/** Snapshot bookkeeping that says nothing to a reader. */
const HIDDEN = new Set(['id', 'householdId', 'provinceCode', 'regencyCode', 'districtCode', 'villageCode']);

/** Every version of the household, newest first: who, when, why, and a before/after table per change. */
export function HistoryView({ householdId, version }: { householdId: string; version: number }) {
  const { t } = useI18n();
  const history = useLoad(['households', householdId, 'history', version], (signal) =>
    households.history(householdId, signal),
  );
  if (history.error) return <LoadError error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading />;
  return (
    <ol className="history" aria-label={t('household.tabHistory')}>
      {history.data.items.map((entry) => (
        <li key={entry.version}>
          <HouseholdVersion entry={entry} />
        </li>
      ))}
    </ol>
  );
}

function HouseholdVersion({ entry }: { entry: VersionEntry }) {
  const { t } = useI18n();
  const me = useUser();
  const c = entry.changes;
  const who =
    entry.changedBy === null
      ? t('history.bySystem')
      : entry.changedBy === me.id
        ? t('history.byYou', { user: me.displayName || me.username })
        : entry.changedByName
          ? t('history.byUser', { user: entry.changedByName })
          : t('history.byUnknown');
  const body = (
    <>
      <FieldChangeTable changes={c.household} hidden={HIDDEN} />
      <MemberList title={t('history.membersAdded')} members={c.membersAdded} />
      <MemberList title={t('history.membersRemoved')} members={c.membersRemoved} />
      {c.membersChanged.map((m) => (
        <div className="history__members" key={m.id}>
          <h4>
            {t('history.memberChanged', { name: m.name })} <span className="mono muted">{m.nik}</span>
          </h4>
          <FieldChangeTable changes={m.changes} hidden={HIDDEN} />
        </div>
      ))}
    </>
  );
  return (
    <VersionCard entry={entry} who={<span title={entry.changedBy ?? ''}>{who}</span>}>
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
    </VersionCard>
  );
}

function visible(changes: FieldChange[]): FieldChange[] {
  return changes.filter((ch) => !HIDDEN.has(ch.field));
}

/** Members who joined or left in a version; nothing when there are none. */
function MemberList({
  title,
  members,
}: {
  title: string;
  members: { id: string; nik: string; name: string }[];
}) {
  if (members.length === 0) return null;
  return (
    <div className="history__members">
      <h4>{title}</h4>
      <ul>
        {members.map((m) => (
          <li key={m.id}>
            {m.name} <span className="mono muted">{m.nik}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
