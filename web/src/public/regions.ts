/**
 * The public region cascade (province → regency → district → village), shared by the check and the citizen
 * pages. Not through the data layer: the check is bundled with the entry (a phone's first load), and the
 * server answers these lists with `Cache-Control: public`, so the browser's HTTP cache already keeps them.
 */
import { useEffect, useState } from 'react';
import type { Lang } from '../../../src/domain/errors.ts';
import type { RegionItem } from '../../../src/modules/public/public.schemas.ts';
import { publicRequest } from './api.ts';

/** The places under `parent` ('' for the provinces; null: none, the level above is not chosen yet). */
export function useRegionChildren(parent: string | null, lang: Lang): RegionItem[] {
  const [items, setItems] = useState<RegionItem[]>([]);
  useEffect(() => {
    // Never the previous parent's places while the new ones load.
    setItems([]);
    if (parent === null) return;
    const controller = new AbortController();
    const path = parent ? `/regions/${encodeURIComponent(parent)}` : '/regions';
    publicRequest<{ items: RegionItem[] }>('GET', path, lang, undefined, controller.signal).then(
      (r) => setItems(r.items),
      () => {
        if (!controller.signal.aborted) setItems([]);
      },
    );
    return () => controller.abort();
  }, [parent, lang]);
  return items;
}
