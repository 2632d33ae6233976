/** PPKS rows ↔ API objects; the one place that knows the search column and RT/RW padding. */
import type { PpksCategoryRow, PpksRow } from '../../db/schema/index.ts';
import { sortCategoryPeriods } from '../../domain/registry/ppks-category-periods.ts';
import { recordState } from '../social/register-records.ts';
import type { CategoryPeriod, Ppks, PpksListItem } from './ppks.schemas.ts';

export function categoryPeriods(rows: readonly PpksCategoryRow[]): CategoryPeriod[] {
  return sortCategoryPeriods(
    rows.map((c) => ({ category: c.category, startDate: c.startDate, endDate: c.endDate ?? null })),
  );
}

export function ppksFromRows(r: PpksRow, categories: readonly PpksCategoryRow[]): Ppks {
  return {
    id: r.id,
    nik: r.nik,
    name: r.name,
    birthDate: r.birthDate,
    sex: r.sex,
    regionCode: r.villageCode,
    rw: r.rw,
    rt: r.rt,
    address: r.address,
    notes: r.notes,
    personId: r.personId,
    categories: categoryPeriods(categories),
    ...recordState(r),
  };
}

export function ppksListItem(
  r: Pick<PpksRow, 'id' | 'name' | 'nik' | 'villageCode' | 'rw' | 'rt' | 'status' | 'version' | 'updatedAt'>,
  categories: readonly PpksCategoryRow[],
): PpksListItem {
  return {
    id: r.id,
    name: r.name,
    nik: r.nik,
    regionCode: r.villageCode,
    rw: r.rw,
    rt: r.rt,
    categories: categoryPeriods(categories),
    status: r.status,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}
