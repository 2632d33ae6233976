/** The states a list of the cycle screens goes through, said the same way on every screen. */
import type { ReactNode } from 'react';
import type { CursorList } from '../../hooks/use-cursor-list.ts';
import { LoadError } from '../ErrorSummary.tsx';
import { Loading } from '../Loading.tsx';
import { LoadMore } from '../LoadMore.tsx';

/** A spinner until the list arrives, the empty message (announced) when it holds nothing, else the list. */
export function ListBody({
  loading,
  isEmpty,
  empty,
  children,
}: {
  loading: boolean;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (loading) return <Loading />;
  if (isEmpty) {
    return (
      <p className="empty" role="status">
        {empty}
      </p>
    );
  }
  return <>{children}</>;
}

/**
 * A cursor-paginated list that is not a table (cards, worklist items): the load error, the empty message
 * once the first page is in, the items as the caller draws them, and "load more".
 */
export function CursorItems<T>({
  list,
  empty,
  children,
}: {
  list: CursorList<T>;
  empty: ReactNode;
  /** Drawn only when there are items. */
  children: ReactNode;
}) {
  return (
    <>
      {list.error ? <LoadError error={list.error} /> : null}
      {list.loaded && list.items.length === 0 ? <p className="empty">{empty}</p> : null}
      {list.items.length > 0 && children}
      <LoadMore
        count={list.items.length}
        hasMore={list.hasMore}
        loading={list.loading}
        onLoadMore={list.loadMore}
      />
    </>
  );
}
