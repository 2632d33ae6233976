/**
 * The web app's one data-fetching layer: TanStack Query (docs/architecture.md, "Web data layer").
 *
 * Keys name what they read by the API path: the first element is the path's first segment
 * (`['households', id]` for GET /households/:id, `['periods', period, 'recipients']`…), the rest whatever
 * the answer depends on. So a write can say what it affects by path: a successful POST/PATCH/PUT/DELETE
 * through the client (`onWrite`) drops the cached answers of its resource no screen shows, so the next
 * screen never flashes pre-write data, and marks those on screen stale; the page refreshes what it shows
 * with the write's answer (`setData`) or `reload()`, and `invalidate(...)` refetches what other components
 * on screen show from a resource the write changed.
 *
 * Personal data lives only in memory: no persister, answers unused for two minutes are forgotten, and
 * the cache is emptied when the session ends (logout, an expired session, another user logging in).
 */
import { QueryClient, type QueryKey } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Every screen asks again when it is shown (each read of personal data is audited, and screens
        // stay fresh); what is cached shows at once meanwhile, and identical requests in flight are shared.
        staleTime: 0,
        gcTime: 2 * 60_000,
        // An answer is an answer: a 404 or 403 is not retried, a network failure is shown to the user.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** The first segment of an API path: `/households/1/members` → `households`. */
export function resourceOf(path: string): string {
  return path.replace(/^\/+/, '').split(/[/?]/)[0] ?? '';
}

/**
 * After a successful write to `path`: forget the answers of its resource that no screen shows and mark the
 * shown ones stale (they are refreshed by their page, see the header).
 */
export function onWrite(client: QueryClient, path: string): void {
  const root = resourceOf(path);
  if (!root) return;
  client.removeQueries({ queryKey: [root], type: 'inactive' });
  void client.invalidateQueries({ queryKey: [root], refetchType: 'none' });
}

/** Refetches every shown answer under these key prefixes (e.g. `['households']`, `['usulan', id]`). */
export function invalidateKeys(client: QueryClient, ...keys: QueryKey[]): Promise<void> {
  return Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => {});
}

/** The session ended or changed hands: cancel what is in flight and forget every answer. */
export async function clearCache(client: QueryClient): Promise<void> {
  await client.cancelQueries();
  client.clear();
}
