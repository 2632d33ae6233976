/** The staff calls for citizen accounts (through the app's one HTTP client). */
import type { z } from 'zod';
import type {
  CitizenAccountDetail,
  CitizenAccountForStaff,
} from '../../../../src/modules/citizen/citizen.schemas.ts';
import { apiUrl, http } from '../../api/client.ts';

export type AccountItem = z.infer<typeof CitizenAccountForStaff>;
export type AccountDetail = z.infer<typeof CitizenAccountDetail>;

const enc = encodeURIComponent;

export const citizenAccounts = {
  list: (state: string, signal?: AbortSignal) =>
    http.get<{ items: AccountItem[]; nextCursor: string | null }>(
      '/citizen-accounts',
      { state, limit: 200 },
      signal,
    ),
  get: (id: string, signal?: AbortSignal) =>
    http.get<AccountDetail>(`/citizen-accounts/${enc(id)}`, undefined, signal),
  verify: (id: string, version: number) =>
    http.post<AccountItem>(`/citizen-accounts/${enc(id)}/decision`, { action: 'verify', version }),
  reject: (id: string, version: number, reason: string) =>
    http.post<AccountItem>(`/citizen-accounts/${enc(id)}/decision`, { action: 'reject', version, reason }),
  /** A photo's preview (territory-checked and audited by the attachments route). */
  thumbnail: (attachmentId: string) => apiUrl(`/attachments/${enc(attachmentId)}/thumbnail`),
};
