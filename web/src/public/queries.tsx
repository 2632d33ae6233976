/**
 * The public pages' data layer (web/src/api/query.ts): one query cache for the tab, provided by the pages
 * that read through it (`withQueries`). It comes with those pages, not with the entry: the check, bundled
 * with the entry for a phone's first load, reads only the region cascade, which the server answers with
 * `Cache-Control: public` (the browser's HTTP cache is its cache, public/regions.ts).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { createQueryClient } from '../api/query.ts';

const client = createQueryClient();

/** `Page` with the public query cache above it. */
export function withQueries<P extends object>(Page: ComponentType<P>): (props: P) => ReactNode {
  return function WithQueries(props: P) {
    return (
      <QueryClientProvider client={client}>
        <Page {...props} />
      </QueryClientProvider>
    );
  };
}
