import { useI18n } from '../i18n/index.tsx';
import { formatNumber } from '../lib/format.ts';

/** The end of a cursor-paginated list: how many are shown, and a button for the next page. */
export function LoadMore({
  count,
  hasMore,
  loading,
  onLoadMore,
  total = null,
}: {
  count: number;
  /** All the filters match, when the list counts them. */
  total?: number | null;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="load-more">
      <p role="status" aria-live="polite">
        {hasMore
          ? total !== null
            ? t('list.shownOf', { n: formatNumber(count, lang), total: formatNumber(total, lang) })
            : t('list.shownMore', { n: formatNumber(count, lang) })
          : t('list.shownAll', { n: formatNumber(count, lang) })}
      </p>
      {hasMore && (
        <button type="button" className="button" onClick={onLoadMore} disabled={loading}>
          {loading ? t('common.loading') : t('list.loadMore')}
        </button>
      )}
    </div>
  );
}
