import type { ReactNode } from 'react';
import type { CursorList } from '../hooks/use-cursor-list.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatNumber } from '../lib/format.ts';
import { LoadError } from './ErrorSummary.tsx';
import { Loading } from './Loading.tsx';
import { LoadMore } from './LoadMore.tsx';

/**
 * A cursor-paginated list shown as a table: the load error, a spinner until the first page, the empty
 * message when the filters match nothing, else the table and "load more".
 */
export function CursorTable<T>({
  list,
  caption,
  empty,
  hover = true,
  head,
  row,
}: {
  list: CursorList<T>;
  /** For screen readers only. */
  caption?: string;
  /** The whole element shown when there is nothing to list. */
  empty: ReactNode;
  /** Rows link somewhere: highlight the one under the pointer. */
  hover?: boolean;
  /** The cells of the heading row. */
  head: ReactNode;
  row: (item: T) => ReactNode;
}) {
  const { t, lang } = useI18n();
  return (
    <>
      {list.error ? <LoadError error={list.error} /> : null}
      {!list.loaded ? (
        <Loading />
      ) : list.items.length === 0 && !list.error ? (
        empty
      ) : (
        <>
          {list.total !== null && (
            <p className="list-total">{t('list.total', { n: formatNumber(list.total, lang) })}</p>
          )}
          <div className="table-wrap">
            <table className={hover ? 'table table--hover' : 'table'}>
              {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
              <thead>
                <tr>{head}</tr>
              </thead>
              <tbody>{list.items.map(row)}</tbody>
            </table>
          </div>
          <LoadMore
            total={list.total}
            count={list.items.length}
            hasMore={list.hasMore}
            loading={list.loading}
            onLoadMore={list.loadMore}
          />
        </>
      )}
    </>
  );
}
