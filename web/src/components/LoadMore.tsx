import { useI18n } from '../i18n/index.tsx';

/** The end of a cursor-paginated list: how many are shown, and a button for the next page. */
export function LoadMore({
  count,
  hasMore,
  loading,
  onLoadMore,
}: {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="load-more">
      <p role="status" aria-live="polite">
        {hasMore ? t('list.shownMore', { n: count }) : t('list.shownAll', { n: count })}
      </p>
      {hasMore && (
        <button type="button" className="button" onClick={onLoadMore} disabled={loading}>
          {loading ? t('common.loading') : t('list.loadMore')}
        </button>
      )}
    </div>
  );
}
