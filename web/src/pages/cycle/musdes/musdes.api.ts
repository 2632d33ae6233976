/** The Musdes API (src/modules/musdes/musdes.routes.ts), through the app's one HTTP client. */
import type { z } from 'zod';
import type { Outcome } from '../../../../../src/domain/cycle/musdes.ts';
import type {
  MusdesListItem as MusdesListItemSchema,
  MusdesUpdate,
  MusdesView as MusdesViewZod,
  ProgressItem as ProgressItemSchema,
  RowView,
} from '../../../../../src/modules/musdes/musdes.schemas.ts';
import { apiUrl, http, type Query, request } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';

export type MusdesState = 'draft' | 'open' | 'closed' | 'signed';

export type MusdesDocument = NonNullable<MusdesViewSchema['beritaAcara']>;

/** From the server's zod schemas (type-only imports); the state narrowed to the machine's states. */
export type MusdesListItem = Omit<z.infer<typeof MusdesListItemSchema>, 'state'> & { state: MusdesState };
type MusdesViewSchema = z.infer<typeof MusdesViewZod>;
export type MusdesView = Omit<MusdesViewSchema, 'state'> & { state: MusdesState };

/** A row of the prelist (the server's `RowView`). */
export type PrelistRow = RowView;

/** A village's Musdes in the progress list; the state narrowed to the machine's states. */
export type ProgressItem = Omit<z.infer<typeof ProgressItemSchema>, 'state'> & { state: MusdesState | null };

/** What a session's header form sends (create and update). */
export type MusdesHeader = Pick<MusdesUpdate, 'heldOn' | 'place' | 'participants'>;

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
