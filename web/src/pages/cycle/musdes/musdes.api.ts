/** The Musdes API (src/modules/musdes/musdes.routes.ts), through the app's one HTTP client. */
import type { Outcome, OutcomeCounts, Participant, RowKind } from '../../../../../src/domain/cycle/musdes.ts';
import { apiUrl, http, type Query, request } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';

export type MusdesState = 'draft' | 'open' | 'closed' | 'signed';

export interface MusdesDocument {
  id: string;
  mime: string;
  size: number;
  originalName: string;
  createdAt: string;
}

export interface MusdesListItem {
  id: string;
  period: string;
  state: MusdesState;
  regionCode: string;
  villageName: string;
  heldOn: string | null;
  place: string | null;
  counts: OutcomeCounts | null;
  version: number;
  updatedAt: string;
}

export interface MusdesView extends MusdesListItem {
  regionPath: { code: string; name: string }[];
  deliberation: string;
  participants: Participant[];
  tally: { rows: number; undecided: number; existing: number; usulan: number; outcomes: OutcomeCounts };
  beritaAcara: MusdesDocument | null;
  signedScan: MusdesDocument | null;
  allowedActions: string[];
  canEdit: boolean;
  canDecide: boolean;
  createdAt: string;
}

export interface PrelistRow {
  id: string;
  rowNo: number;
  source: 'existing' | 'usulan';
  kind: RowKind;
  householdId: string | null;
  usulanId: string | null;
  usulanState: string | null;
  kkNumber: string;
  headName: string;
  memberCount: number;
  outcome: Outcome | null;
  note: string | null;
  decidedAt: string | null;
  allowedOutcomes: Outcome[];
}

export interface ProgressItem {
  villageCode: string;
  villageName: string;
  sessionId: string | null;
  state: MusdesState | null;
  heldOn: string | null;
  rows: number;
  decided: number;
}

export interface MusdesHeader {
  heldOn: string;
  place: string;
  participants: Participant[];
}

export interface RowsQuery extends Query {
  outcome?: Outcome | 'undecided';
  q?: string;
  cursor?: string;
  limit?: number;
}

const base = (id: string) => `/musdes/${encodeURIComponent(id)}`;

export const musdesApi = {
  list: (q: { region?: string; period?: string; state?: string; cursor?: string }, signal?: AbortSignal) =>
    http.get<Page<MusdesListItem>>('/musdes', q, signal),
  progress: (q: { region?: string; period: string }, signal?: AbortSignal) =>
    http.get<{ items: ProgressItem[] }>('/musdes/progress', q, signal),
  get: (id: string, signal?: AbortSignal) => http.get<MusdesView>(base(id), undefined, signal),
  create: (input: MusdesHeader & { villageCode: string; period: string }) =>
    http.post<MusdesView>('/musdes', input),
  update: (id: string, version: number, input: MusdesHeader) =>
    request<MusdesView>('PUT', base(id), { json: { version, ...input } }),
  step: (id: string, step: 'open' | 'close' | 'reopen', version: number) =>
    http.post<MusdesView>(`${base(id)}/${step}`, { version }),
  rows: (id: string, q: RowsQuery, signal?: AbortSignal) =>
    http.get<Page<PrelistRow>>(`${base(id)}/rows`, q, signal),
  decide: (id: string, rowId: string, outcome: Outcome, note: string | undefined) =>
    request<PrelistRow>('PUT', `${base(id)}/rows/${encodeURIComponent(rowId)}`, {
      json: { outcome, ...(note ? { note } : {}) },
    }),
  bulkTetap: (id: string) =>
    http.post<{ updated: number; session: MusdesView }>(`${base(id)}/rows/bulk`, {
      outcome: 'tetap',
      filter: { source: 'existing', undecidedOnly: true },
    }),
  uploadSignedScan: (id: string, version: number, file: File) =>
    request<MusdesView>('POST', `${base(id)}/signed-scan`, {
      body: file,
      contentType: file.type || 'application/octet-stream',
      query: { name: file.name, version },
    }),
  prelistUrl: (id: string, stage: 'awal' | 'akhir', format: 'pdf' | 'xlsx') =>
    apiUrl(`${base(id)}/prelist.${format}`, { stage }),
  attachmentUrl: (attachmentId: string) => apiUrl(`/attachments/${encodeURIComponent(attachmentId)}`),
};
