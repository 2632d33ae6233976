/**
 * The staff app's query cache (web/src/api/query.ts): one per page load, emptied when the session ends
 * (session.tsx), told of every write the client makes (client.ts `setWriteHandler`).
 */
import type { QueryKey } from '@tanstack/react-query';
import { createQueryClient, invalidateKeys } from './api/query.ts';

export const queryClient = createQueryClient();

/** After a write: refetch what screens show under these key prefixes, e.g. `invalidate(['todo'])`. */
export function invalidate(...keys: QueryKey[]): Promise<void> {
  return invalidateKeys(queryClient, ...keys);
}
