/** The pengesahan (regency submission) API (src/modules/pengesahan/pengesahan.routes.ts). */
import type { z } from 'zod';
import type { Unresolved } from '../../../../../src/domain/cycle/unresolved.ts';
import type { SubmissionView as SubmissionViewSchema } from '../../../../../src/modules/pengesahan/pengesahan.schemas.ts';
import { apiUrl, http, request } from '../../../api/client.ts';

export type SubmissionState = 'draft' | 'at_province' | 'submitted' | 'returned' | 'determined';

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
  forwardDueAt: string | null;
  note: string | null;
  version: number;
  updatedAt: string;
}

/** A comment on a submission: the author's full name, role and the region their office serves. */
export type SubmissionComment = z.infer<typeof SubmissionViewSchema>['comments'][number];

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
  chain: { kecamatanAcknowledgement: boolean; provinceReview: boolean; autoForwardDays: number | null };
  awaitingAcknowledgement: {
    sessionId: string;
    villageCode: string;
    villageName: string;
    state: 'pending' | 'acknowledged' | 'returned';
  }[];
  comments: SubmissionComment[];
  usulan: { state: string; count: number }[];
  missing: ('approval_letter' | 'berita_acara' | 'acknowledged_berita_acara')[];
  /** What sending now would leave behind; null once sent. */
  unresolved: Unresolved | null;
}

/** A region's chain settings (src/modules/chain/chain.schemas.ts). */
export interface ChainSettings {
  regionCode: string;
  level: 'regency' | 'province';
  kecamatanAcknowledgement: boolean | null;
  provinceReview: boolean | null;
  autoForwardDays: number | null;
  updatedAt: string | null;
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
