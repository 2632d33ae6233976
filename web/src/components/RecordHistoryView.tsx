import type { QueryKey } from '@tanstack/react-query';
import type { RecordHistory } from '../api/types.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/index.tsx';
import { LoadError } from './ErrorSummary.tsx';
import { Loading } from './Loading.tsx';
import { FieldChangeTable, VersionCard } from './VersionHistory.tsx';

const HIDDEN = new Set(['id', 'provinceCode', 'regencyCode', 'districtCode', 'villageCode', 'personId']);

/** Versions of a PPKS or PSKS record, newest first, each with its before/after table. */
export function RecordHistoryView({
  queryKey,
  load,
}: {
  /** The history's cache key, with the record's version (a new version reads it again). */
  queryKey: QueryKey;
  load: (signal: AbortSignal) => Promise<RecordHistory>;
}) {
  const { t } = useI18n();
  const history = useLoad(queryKey, load);
  if (history.error) return <LoadError error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading />;
  return (
    <ol className="history">
      {history.data.items.map((v) => (
        <li key={v.version}>
          <VersionCard
            entry={v}
            who={v.changedByName ?? (v.changedBy ? t('history.byUnknown') : t('history.bySystem'))}
          >
            <FieldChangeTable changes={v.changes} hidden={HIDDEN} marked={false} />
          </VersionCard>
        </li>
      ))}
    </ol>
  );
}
