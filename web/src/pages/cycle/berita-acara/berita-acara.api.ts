/** The kecamatan step's API (src/modules/chain/chain.routes.ts). */
import type { BeritaAcaraItem, BeritaAcaraList } from '../../../../../src/modules/chain/chain.schemas.ts';
import { apiUrl, http } from '../../../api/client.ts';

export type { BeritaAcaraItem, BeritaAcaraList };
export type AcknowledgementState = BeritaAcaraItem['state'];

export const beritaAcaraApi = {
  /** Without a period: the newest period with a signed Berita Acara in the territory (the answer names it). */
  list: (q: { period?: string; state?: string }, signal?: AbortSignal) =>
    http.get<BeritaAcaraList>('/berita-acara', q, signal),
  acknowledge: (sessionId: string) =>
    http.post<BeritaAcaraItem>(`/berita-acara/${sessionId}/acknowledge`, {}),
  returnToVillage: (sessionId: string, note: string) =>
    http.post<BeritaAcaraItem>(`/berita-acara/${sessionId}/return`, { note }),
  attachmentUrl: (id: string) => apiUrl(`/attachments/${id}`),
};
