import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client.ts';
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
 * A list read page by page with the API's opaque cursor. Changing `deps` (the filters) starts over and
 * aborts whatever was in flight; "load more" appends the next page. Nothing ever fetches the whole table.
 */
export function useCursorList<T>(
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  deps: DependencyList,
): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [total, setTotal] = useState<number | null>(null);
  const controller = useRef<AbortController | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const run = useCallback((after: string | undefined, append: boolean) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setLoading(true);
    setError(null);
    fetchRef
      .current(after, c.signal)
      .then((page) => {
        if (c.signal.aborted) return;
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        if (!append) setTotal(page.total ?? null);
        setCursor(page.nextCursor);
        setLoading(false);
        setLoaded(true);
      })
      .catch((err: unknown) => {
        if (c.signal.aborted || isAbort(err)) return;
        setError(err);
        setLoading(false);
        setLoaded(true);
      });
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps are the filters
  useEffect(() => {
    setItems([]);
    setTotal(null);
    setCursor(null);
    setLoaded(false);
    run(undefined, false);
    return () => controller.current?.abort();
  }, [...deps]);

  const loadMore = useCallback(() => {
    if (cursor) run(cursor, true);
  }, [cursor, run]);

  return { items, loading, error, hasMore: cursor !== null, loadMore, loaded, total };
}
