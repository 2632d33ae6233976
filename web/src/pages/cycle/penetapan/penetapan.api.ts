/** The penetapan API (src/modules/penetapan/penetapan.routes.ts), through the app's one HTTP client. */
import { apiUrl, http } from '../../../api/client.ts';
import type { HouseholdDetail, Page } from '../../../api/types.ts';

export interface DeterminationSummary {
  period: string;
  households: number;
  persons: number;
  added: number;
  removed: number;
  changed: number;
  checksum: string;
}

export interface PeriodItem {
  period: string;
  state: string;
  skNumber: string | null;
  previousPeriod: string | null;
  households: number | null;
  persons: number | null;
  added: number | null;
  removed: number | null;
  changed: number | null;
  checksum: string | null;
  determinedAt: string | null;
  determinedBy: string | null;
}

export interface RegionCount {
  code: string;
  name: string;
  households: number;
  persons: number;
  added: number;
  removed: number;
  changed: number;
}

export interface PeriodDetail extends PeriodItem {
  hasSk: boolean;
  provinces: RegionCount[];
  regencies: (RegionCount & { provinceCode: string; submitted: boolean })[];
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffItem {
  householdId: string;
  change: ChangeKind;
  fromVersion: number | null;
  toVersion: number | null;
  reason: string | null;
  regionCode: string;
  kkNumber: string;
  headName: string;
}

export const penetapanApi = {
  list: (signal?: AbortSignal) =>
    http.get<{ items: PeriodItem[]; nextDeterminable: string | null }>('/periods', undefined, signal),
  get: (period: string, region: string | undefined, signal?: AbortSignal) =>
    http.get<PeriodDetail>(`/periods/${period}`, { region }, signal),
  determine: (period: string) => http.post<DeterminationSummary>(`/periods/${period}/penetapan`),
  changes: (
    period: string,
    q: { change?: ChangeKind; region?: string; cursor?: string },
    signal?: AbortSignal,
  ) => http.get<Page<DiffItem>>(`/periods/${period}/changes`, { ...q, limit: 50 }, signal),
  skUrl: (period: string) => apiUrl(`/periods/${period}/sk.pdf`),
  householdAsOf: (id: string, period: string, signal?: AbortSignal) =>
    http.get<HouseholdDetail>(`/households/${id}`, { asOf: period }, signal),
};
