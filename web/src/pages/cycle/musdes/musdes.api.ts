/** The Musdes API (src/modules/musdes/musdes.routes.ts), through the app's one HTTP client. */
import type { z } from 'zod';
import type { Outcome, Participant, RowKind } from '../../../../../src/domain/cycle/musdes.ts';
import type {
  MusdesListItem as MusdesListItemSchema,
  MusdesView as MusdesViewZod,
} from '../../../../../src/modules/musdes/musdes.schemas.ts';
import { apiUrl, http, type Query, request } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';

export type MusdesState = 'draft' | 'open' | 'closed' | 'signed';

export type MusdesDocument = NonNullable<MusdesViewSchema['beritaAcara']>;

/** From the server's zod schemas (type-only imports); the state narrowed to the machine's states. */
export type MusdesListItem = Omit<z.infer<typeof MusdesListItemSchema>, 'state'> & { state: MusdesState };
type MusdesViewSchema = z.infer<typeof MusdesViewZod>;
export type MusdesView = Omit<MusdesViewSchema, 'state'> & { state: MusdesState };

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
