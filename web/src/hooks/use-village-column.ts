import { regionLevel } from '../api/region-cache.ts';
import { useUser } from '../session.tsx';
import { useRegionNames } from './use-region-names.ts';

/**
 * A list filtered to one village needs no village column; above that level the column shows each row's
 * village by name (the code until the name arrives).
 */
export function useVillageColumn(region: string, items: readonly { regionCode: string }[]) {
  const user = useUser();
  const show = regionLevel(region || user.regionCode) < 4;
  const names = useRegionNames(show ? items.map((i) => i.regionCode) : []);
  return { show, name: (code: string) => names.get(code) ?? code };
}
