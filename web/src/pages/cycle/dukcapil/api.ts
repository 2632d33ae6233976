/** The Dukcapil matching calls of the cycle screens (through the app's one HTTP client). */
import type { z } from 'zod';
import type {
  ImportResult,
  ImportView,
  MatchView,
  RejectedLine,
} from '../../../../../src/modules/dukcapil/dukcapil.schemas.ts';
import type { JobStarted } from '../../../../../src/modules/jobs/jobs.schemas.ts';
import { http, request } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';

export type { ImportView, MatchView };
export type ImportAnswer = z.infer<typeof ImportResult>;
export type Rejected = z.infer<typeof RejectedLine>;

const enc = encodeURIComponent;

export const dukcapil = {
  upload: (file: File, region: string | undefined) =>
    request<ImportAnswer>('POST', '/dukcapil/imports', {
      body: file,
      contentType: 'text/csv',
      query: { region, name: file.name },
    }),
  sources: (signal?: AbortSignal) =>
    http.get<{ file: true; http: boolean }>('/dukcapil/sources', undefined, signal),
  serviceMatch: (region: string | undefined) =>
    http.post<z.infer<typeof JobStarted>>('/dukcapil/service-jobs', region ? { region } : {}),
  imports: (signal?: AbortSignal) =>
    http.get<{ items: ImportView[] }>('/dukcapil/imports', undefined, signal),
  get: (id: string, signal?: AbortSignal) =>
    http.get<ImportView>(`/dukcapil/imports/${enc(id)}`, undefined, signal),
  matches: (
    id: string,
    q: { result?: string; resolution?: string; cursor?: string; limit?: number },
    signal?: AbortSignal,
  ) => http.get<Page<MatchView>>(`/dukcapil/imports/${enc(id)}/matches`, q, signal),
  rejected: (id: string, cursor: string | undefined, signal?: AbortSignal) =>
    http.get<Page<Rejected>>(`/dukcapil/imports/${enc(id)}/rejected`, { cursor }, signal),
  resolve: (matchId: string, action: string, note?: string) =>
    http.post<MatchView>(`/dukcapil/matches/${enc(matchId)}/resolve`, { action, note }),
};
