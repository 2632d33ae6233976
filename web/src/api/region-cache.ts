/**
 * Regions change about once a year, so each one is fetched once per page load and shared by the region
 * pickers, breadcrumbs and the name lookups of list rows.
 */
import { regions } from './endpoints.ts';
import type { RegionDetail, RegionView } from './types.ts';

const details = new Map<string, Promise<RegionDetail>>();
let provinces: Promise<RegionView[]> | null = null;

export function regionDetail(code: string): Promise<RegionDetail> {
  let p = details.get(code);
  if (!p) {
    p = regions.get(code);
    details.set(code, p);
    p.catch(() => details.delete(code));
  }
  return p;
}

/** Children of a region; '' (the nation) has the provinces as children. */
export async function childRegions(code: string): Promise<RegionView[]> {
  if (code === '') {
    if (!provinces) {
      provinces = regions.provinces().then((r) => r.items);
      provinces.catch(() => {
        provinces = null;
      });
    }
    return provinces;
  }
  return (await regionDetail(code)).children;
}

export function parentCode(code: string): string {
  return code.split('.').slice(0, -1).join('.');
}

/** The region's name, read from its parent's children (one request serves every sibling). */
export async function regionName(code: string): Promise<string> {
  if (code === '') return '';
  const siblings = await childRegions(parentCode(code));
  return siblings.find((r) => r.code === code)?.name ?? code;
}

export function regionLevel(code: string): number {
  return code === '' ? 0 : code.split('.').length;
}
