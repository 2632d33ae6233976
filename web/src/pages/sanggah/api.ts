/** The staff calls for citizens' objections (sanggah), through the app's one HTTP client. */
import type { z } from 'zod';
import type { SanggahForStaff } from '../../../../src/modules/sanggah/sanggah.schemas.ts';
import { apiUrl, http } from '../../api/client.ts';

export type SanggahItem = z.infer<typeof SanggahForStaff>;
export type SanggahStep = 'investigate' | 'uphold' | 'reject';

const enc = encodeURIComponent;

export const sanggahApi = {
  list: (state: string, signal?: AbortSignal) =>
    http.get<{ items: SanggahItem[] }>('/sanggah', { state }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<SanggahItem>(`/sanggah/${enc(id)}`, undefined, signal),
  decide: (
    id: string,
    body: { step: SanggahStep; version: number; reason?: string; visitOfficer?: string },
  ) => http.post<SanggahItem>(`/sanggah/${enc(id)}/decision`, body),
  /** Field officers whose territory covers the village: who a verivali visit can go to. */
  officers: (village: string, signal?: AbortSignal) =>
    http.get<{ items: { id: string; username: string; displayName: string }[] }>(
      '/visits/officers',
      { village },
      signal,
    ),
  /** An evidence photo's preview (territory-checked and audited by the attachments route). */
  thumbnail: (attachmentId: string) => apiUrl(`/attachments/${enc(attachmentId)}/thumbnail`),
};
