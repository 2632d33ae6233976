/** The kecamatan step's API (src/modules/chain/chain.routes.ts). */
import { apiUrl, http } from '../../../api/client.ts';

export type AcknowledgementState = 'pending' | 'acknowledged' | 'returned';

export interface BeritaAcaraItem {
  sessionId: string;
  period: string;
  regencyCode: string;
  districtCode: string;
  districtName: string;
  villageCode: string;
  villageName: string;
  heldOn: string | null;
  beritaAcaraId: string | null;
  signedScanId: string | null;
  signedAt: string | null;
  required: boolean;
  state: AcknowledgementState;
  note: string | null;
  decidedAt: string | null;
  previousNote: string | null;
  allowedActions: string[];
}

export const beritaAcaraApi = {
  list: (q: { period: string; state?: string }, signal?: AbortSignal) =>
    http.get<{ period: string; items: BeritaAcaraItem[] }>('/berita-acara', q, signal),
  acknowledge: (sessionId: string) =>
    http.post<BeritaAcaraItem>(`/berita-acara/${sessionId}/acknowledge`, {}),
  returnToVillage: (sessionId: string, note: string) =>
    http.post<BeritaAcaraItem>(`/berita-acara/${sessionId}/return`, { note }),
  attachmentUrl: (id: string) => apiUrl(`/attachments/${id}`),
};
