/** The penetapan API (src/modules/penetapan/penetapan.routes.ts), through the app's one HTTP client. */
import type {
  DeterminationSummary,
  DiffItem,
  PeriodDetail,
  PeriodList,
  PeriodListItem,
} from '../../../../../src/modules/penetapan/penetapan.schemas.ts';
import { apiUrl, http } from '../../../api/client.ts';
import type { HouseholdDetail, Page } from '../../../api/types.ts';

export type { DeterminationSummary, DiffItem, PeriodDetail };
/** A period of the list (`GET /periods`). */
export type PeriodItem = PeriodListItem;
export type RegionCount = PeriodDetail['provinces'][number];
export type ChangeKind = DiffItem['change'];

export const penetapanApi = {
  list: (signal?: AbortSignal) => http.get<PeriodList>('/periods', undefined, signal),
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
