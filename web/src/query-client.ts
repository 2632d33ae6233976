/**
 * The staff app's query cache (web/src/api/query.ts), one per page load. It comes with the signed-in shell
 * (components/Layout.tsx provides it), so the login page downloads no data layer; loading it registers
 * the write handler (client.ts) and the clearer the session calls when it ends or changes hands.
 */
import type { QueryKey } from '@tanstack/react-query';
import { setWriteHandler } from './api/client.ts';
import { clearCache, createQueryClient, invalidateKeys, onWrite } from './api/query.ts';
import { setQueryCacheClearer } from './session.tsx';

export const queryClient = createQueryClient();
setWriteHandler((path) => onWrite(queryClient, path));
setQueryCacheClearer(() => clearCache(queryClient));

/** After a write: refetch what screens show under these key prefixes, e.g. `invalidate(['todo'])`. */
export function invalidate(...keys: QueryKey[]): Promise<void> {
  return invalidateKeys(queryClient, ...keys);
}
