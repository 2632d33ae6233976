/**
 * Regions change about once a year, so each one is fetched once per page load and shared by the region
 * pickers, breadcrumbs and the name lookups of list rows.
 */
import { MAX_REGION_BATCH } from '../../../src/domain/regions/region-batch.ts';
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

const names = new Map<string, Promise<string>>();
/** Codes asked for since the last batch request, each with the resolver of its promise in `names`. */
let queued = new Map<string, (name: string) => void>();

/** One `GET /regions?codes=…` for every name asked in the same task (a list's rows, breadcrumbs). */
function sendQueued(): void {
  const batch = queued;
  queued = new Map();
  const codes = [...batch.keys()];
  for (let i = 0; i < codes.length; i += MAX_REGION_BATCH) {
    const part = codes.slice(i, i + MAX_REGION_BATCH);
    regions.many(part).then(
      ({ items }) => {
        const found = new Map(items.map((r) => [r.code, r.name]));
        for (const c of part) batch.get(c)!(found.get(c) ?? c);
      },
      () => {
        // Not cached: the next screen asks again. Meanwhile the code stands in for the name.
        for (const c of part) {
          names.delete(c);
          batch.get(c)!(c);
        }
      },
    );
  }
}

/** The region's name (its code when unknown); names asked together are fetched in one request. */
export function regionName(code: string): Promise<string> {
  if (code === '') return Promise.resolve('');
  let p = names.get(code);
  if (!p) {
    p = new Promise<string>((resolve) => {
      if (queued.size === 0) queueMicrotask(sendQueued);
      queued.set(code, resolve);
    });
    names.set(code, p);
  }
  return p;
}

export function regionLevel(code: string): number {
  return code === '' ? 0 : code.split('.').length;
}
