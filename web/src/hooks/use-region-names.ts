import { useEffect, useState } from 'react';
import { regionName } from '../api/region-cache.ts';

/** Names for the region codes on screen: one request for all of them, shared through the cache. */
export function useRegionNames(codes: string[]): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(() => new Map());
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    Promise.all(wanted.map(async (code) => [code, await regionName(code).catch(() => code)] as const)).then(
      (pairs) => {
        if (live) setNames(new Map(pairs));
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
