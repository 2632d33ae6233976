/** The public region cascade (province → regency → district → village), cached per parent and language. */
import type { Lang } from '../../../src/domain/errors.ts';
import type { RegionItem } from '../../../src/modules/public/public.schemas.ts';
import { useLoad } from '../hooks/use-load.ts';
import { publicRequest } from './api.ts';

/** The places under `parent` ('' for the provinces; null: none, the level above is not chosen yet). */
export function useRegionChildren(parent: string | null, lang: Lang): RegionItem[] {
  const path = parent ? `/regions/${encodeURIComponent(parent)}` : '/regions';
  const regions = useLoad(
    ['public', 'regions', parent, lang],
    (signal) => publicRequest<{ items: RegionItem[] }>('GET', path, lang, undefined, signal),
    { enabled: parent !== null },
  );
  // Never the previous parent's places while the new ones load.
  return parent === null || regions.loading ? [] : (regions.data?.items ?? []);
}
