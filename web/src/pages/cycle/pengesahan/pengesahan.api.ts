/** The pengesahan (regency submission) API (src/modules/pengesahan/pengesahan.routes.ts). */
import type { Unresolved } from '../../../../../src/domain/cycle/unresolved.ts';
import { apiUrl, http, request } from '../../../api/client.ts';

export type SubmissionState = 'draft' | 'submitted' | 'returned' | 'determined';

export interface SubmissionListItem {
  id: string;
  period: string;
  provinceCode: string;
  regencyCode: string;
  regencyName: string;
  state: SubmissionState;
  hasApprovalLetter: boolean;
  beritaAcaraCount: number;
  submittedAt: string | null;
  note: string | null;
  version: number;
  updatedAt: string;
}

export interface SubmissionView extends SubmissionListItem {
  allowedActions: string[];
  approvalLetter: { id: string; mime: string; size: number; originalName: string; createdAt: string } | null;
  beritaAcara: {
    sessionId: string;
    villageCode: string;
    villageName: string;
    heldOn: string | null;
    beritaAcaraId: string | null;
    signedScanId: string | null;
    signedAt: string;
  }[];
  villages: { total: number; signed: number; withoutSigned: { code: string; name: string }[] };
  usulan: { state: string; count: number }[];
  missing: ('approval_letter' | 'berita_acara')[];
  /** What sending now would leave behind; null once sent. */
  unresolved: Unresolved | null;
}

export interface Overview {
  period: string;
  totals: Record<string, number>;
  provinces: { code: string; name: string; regencies: number; states: Record<string, number> }[];
  regencies: {
    code: string;
    name: string;
    provinceCode: string;
    state: SubmissionState | 'none';
    submissionId: string | null;
    submittedAt: string | null;
  }[];
}

export const pengesahanApi = {
  list: (q: { period?: string; region?: string }, signal?: AbortSignal) =>
    http.get<{ items: SubmissionListItem[] }>('/submissions', q, signal),
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
  overview: (period: string, province: string | undefined, signal?: AbortSignal) =>
    http.get<Overview>('/submissions/overview', { period, province }, signal),
  attachmentUrl: (id: string) => apiUrl(`/attachments/${id}`),
};
