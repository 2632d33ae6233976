/** The pengesahan (regency submission) API (src/modules/pengesahan/pengesahan.routes.ts). */
import type { ChainSettingsView as ChainSettings } from '../../../../../src/modules/chain/chain.schemas.ts';
import type {
  Overview,
  SubmissionList,
  SubmissionListItem,
  SubmissionView,
} from '../../../../../src/modules/pengesahan/pengesahan.schemas.ts';
import { apiUrl, http, request } from '../../../api/client.ts';

export type { ChainSettings, Overview, SubmissionListItem, SubmissionView };
export type SubmissionState = SubmissionView['state'];
/** A comment on a submission: the author's full name, role and the region their office serves. */
export type SubmissionComment = SubmissionView['comments'][number];

export const pengesahanApi = {
  /**
   * Without a period: every period's submissions (the history), a page at a time (`cursor`: the previous
   * page's `nextCursor`); `workPeriod` names the period to open on.
   */
  list: (q: { period?: string; region?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    http.get<SubmissionList>('/submissions', q, signal),
  get: (id: string, signal?: AbortSignal) =>
    http.get<SubmissionView>(`/submissions/${id}`, undefined, signal),
  open: (period: string) => http.post<SubmissionView>('/submissions', { period }),
  uploadLetter: (id: string, file: File) =>
    request<SubmissionView>('POST', `/submissions/${id}/approval-letter`, {
      query: { name: file.name },
      body: file,
      contentType: file.type || 'application/octet-stream',
    }),
  /** `confirm`: the Dinas Sosial has seen the villages and proposals the submission leaves behind. */
  submit: (id: string, version: number, confirm: boolean) =>
    http.post<SubmissionView>(`/submissions/${id}/submit`, { version, confirm }),
  returnToRegency: (id: string, version: number, note: string) =>
    http.post<SubmissionView>(`/submissions/${id}/return`, { version, note }),
  forward: (id: string, version: number, comment?: string) =>
    http.post<SubmissionView>(`/submissions/${id}/forward`, { version, ...(comment ? { comment } : {}) }),
  provinceReturn: (id: string, version: number, note: string) =>
    http.post<SubmissionView>(`/submissions/${id}/province-return`, { version, note }),
  comment: (id: string, body: string) => http.post<SubmissionView>(`/submissions/${id}/comments`, { body }),
  settings: (regionCode: string, signal?: AbortSignal) =>
    http.get<ChainSettings>(`/chain-settings/${regionCode}`, undefined, signal),
  saveSettings: (
    regionCode: string,
    patch: { kecamatanAcknowledgement?: boolean; provinceReview?: boolean; autoForwardDays?: number | null },
  ) => request<ChainSettings>('PUT', `/chain-settings/${regionCode}`, { json: patch }),
  overview: (period: string, province: string | undefined, signal?: AbortSignal) =>
    http.get<Overview>('/submissions/overview', { period, province }, signal),
  attachmentUrl: (id: string) => apiUrl(`/attachments/${id}`),
};
