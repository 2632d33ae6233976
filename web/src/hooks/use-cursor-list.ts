/**
 * A list read page by page with the API's opaque cursor, through the one data layer (TanStack Query's
 * infinite queries, web/src/api/query.ts): cached under `[resource, 'pages', ...filters]`, so a write to the
 * resource drops it like any other answer and returning to a filter shows its pages at once while they are
 * asked again. Changing the filters starts over (the old request is aborted when no screen asks for it);
 * "load more" appends the next page. Nothing ever fetches the whole table.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import type { Page } from '../api/types.ts';

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  /** True once the first page for the current filters has arrived. */
  loaded: boolean;
  /** How many the filters match over all pages, when the list counts them; null otherwise. */
  total: number | null;
}

/**
 * `resource` is the API path's first segment (`'households'` for GET /households), as in every key of the
 * data layer; `filters` are what the list depends on (plain values: they become the rest of the key).
 */
export function useCursorList<T>(
  resource: string,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  filters: readonly unknown[],
): CursorList<T> {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const q = useInfiniteQuery({
    queryKey: [resource, 'pages', ...filters],
    queryFn: ({ pageParam, signal }) => fetchRef.current(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const pages = q.data?.pages;
  // The same array until the pages change: screens key effects on it (e.g. local overrides of edited rows).
  const items = useMemo(() => (pages ?? []).flatMap((p) => p.items), [pages]);
  return {
    items,
    loading: q.isFetching,
    // A new attempt clears the old error, as the pages expect.
    error: q.isFetching ? null : q.error,
    hasMore: hasNextPage,
    loadMore,
    loaded: q.data !== undefined || q.isError,
    total: pages?.[0]?.total ?? null,
  };
}
