/**
 * A screen's read of the API through the one data layer (TanStack Query, web/src/api/query.ts): cached by
 * `key`, shared by every component asking the same key, aborted when the key changes or the screen goes.
 */
import {
  keepPreviousData,
  type QueryKey,
  type QueryObserverOptions,
  type QueryObserverResult,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  /** No answer for the current key yet (the previous key's data may still be shown meanwhile). */
  loading: boolean;
  reload: () => void;
  /** Replace the data after a write answered with the new state (no second request). */
  setData: (data: T) => void;
}

export interface LoadOptions {
  /** false: do not ask (yet); `data` stays undefined. */
  enabled?: boolean;
  /** Ask again every so many ms while shown, or a function of the latest answer (false: stop). */
  refetchInterval?: number | false | ((data: unknown) => number | false);
}

/**
 * The query behind `useLoad`: `load` gets TanStack's AbortSignal, so a request whose key is no longer asked
 * by any screen is aborted. While a new key loads, the previous key's answer stays (as the pages expect).
 */
export function loadOptions<T>(
  key: QueryKey,
  load: (signal: AbortSignal) => Promise<T>,
  options: LoadOptions = {},
): QueryObserverOptions<T, unknown, T, T, QueryKey> {
  const every = options.refetchInterval;
  return {
    queryKey: key,
    queryFn: ({ signal }) => load(signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    ...(every === undefined
      ? {}
      : {
          refetchInterval:
            typeof every === 'function'
              ? (query) => (query.state.status === 'error' ? false : every(query.state.data))
              : every,
        }),
  };
}

/** The page's view of a query result (the shape pages had before the data layer). */
export function toLoaded<T>(
  result: QueryObserverResult<T, unknown>,
  reload: () => void,
  setData: (data: T) => void,
): Loaded<T> {
  return {
    data: result.data,
    // A new attempt clears the old error (as the pages expect); an answer shows it again.
    error: result.isFetching ? null : result.error,
    loading: (result.isPending && result.fetchStatus !== 'idle') || result.isPlaceholderData,
    reload,
    setData,
  };
}

/** Loads `key` with `load`: when a screen first shows it (the cached answer meanwhile), and on `reload`. */
export function useLoad<T>(
  key: QueryKey,
  load: (signal: AbortSignal) => Promise<T>,
  options?: LoadOptions,
): Loaded<T> {
  const client = useQueryClient();
  const result = useQuery(loadOptions(key, load, options), client);
  const hash = JSON.stringify(key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's value (hash), not its identity
  const setData = useCallback((data: T) => client.setQueryData<T>(key, data), [client, hash]);
  const { refetch } = result;
  const reload = useCallback(() => void refetch(), [refetch]);
  return toLoaded(result, reload, setData);
}
