/** The targeting analytics and aid-source calls (through the app's one HTTP client). */
import type { z } from 'zod';
import type {
  EntryView,
  OverlapPage,
  SourceView,
} from '../../../../src/modules/aid-sources/aid-sources.schemas.ts';
import type {
  HouseholdsPage,
  TargetingOverview,
} from '../../../../src/modules/analytics/analytics.schemas.ts';
import { http, request } from '../../api/client.ts';
import type { JobStartedAnswer } from '../../api/types.ts';

export type Overview = z.infer<typeof TargetingOverview>;
export type Rollup = Overview['children'][number];
export type DecileScope = Overview['scope'];
export type HouseholdRow = z.infer<typeof HouseholdsPage>['items'][number];
export type Source = z.infer<typeof SourceView>;
export type Entry = z.infer<typeof EntryView>;
export type Overlaps = z.infer<typeof OverlapPage>;
export type Overlap = Overlaps['items'][number];

const enc = encodeURIComponent;

export const analytics = {
  targeting: (q: { region?: string; period?: string; scope?: DecileScope }, signal?: AbortSignal) =>
    http.get<Overview>('/analytics/targeting', q, signal),
  households: (
    q: {
      region?: string;
      period?: string;
      scope?: DecileScope;
      decile?: number;
      previousDecile?: number;
      error?: 'inclusion' | 'exclusion';
      cursor?: string;
    },
    signal?: AbortSignal,
  ) =>
    http.get<z.infer<typeof HouseholdsPage>>('/analytics/targeting/households', { ...q, limit: 50 }, signal),
};

export const aidSources = {
  upload: (file: File, name: string, region: string | undefined) =>
    request<JobStartedAnswer>('POST', '/aid-sources', {
      body: file,
      contentType: 'text/csv',
      query: { name, region, fileName: file.name },
    }),
  list: (signal?: AbortSignal) => http.get<{ items: Source[] }>('/aid-sources', undefined, signal),
  overlaps: (q: { source?: string; minSources?: number; cursor?: string }, signal?: AbortSignal) =>
    http.get<Overlaps>(
      q.source ? `/aid-sources/${enc(q.source)}/overlaps` : '/aid-sources/overlaps',
      {
        minSources: q.minSources,
        cursor: q.cursor,
        limit: 50,
      },
      signal,
    ),
  entries: (id: string, q: { result: string; cursor?: string }, signal?: AbortSignal) =>
    http.get<{ items: Entry[]; nextCursor: string | null }>(
      `/aid-sources/${enc(id)}/entries`,
      { ...q, limit: 100 },
      signal,
    ),
};
