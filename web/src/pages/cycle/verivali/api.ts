/** The verivali and ineligibility calls of the cycle screens (through the app's one HTTP client). */
import type { z } from 'zod';
import type { IneligibleResult } from '../../../../../src/modules/eligibility/eligibility.schemas.ts';
import type {
  Candidate,
  Officer,
  VisitAssign,
  VisitListItem,
  VisitRecord,
  VisitView,
} from '../../../../../src/modules/verivali/verivali.schemas.ts';
import { http, type Query, request } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';

export type { Candidate, Officer, VisitListItem, VisitRecord, VisitView };

const enc = encodeURIComponent;

export interface VisitQuery extends Query {
  mine?: 'true';
  state?: string;
  result?: string;
  region?: string;
  period?: string;
  cursor?: string;
  limit?: number;
}

export const visits = {
  list: (query: VisitQuery, signal?: AbortSignal) => http.get<Page<VisitListItem>>('/visits', query, signal),
  get: (id: string, signal?: AbortSignal) => http.get<VisitView>(`/visits/${enc(id)}`, undefined, signal),
  /** Without a period: the newest period with accepted proposals in the region (the answer names it). */
  candidates: (region: string | undefined, period: string | undefined, signal?: AbortSignal) =>
    http.get<{ period: string; items: Candidate[] }>('/visits/candidates', { region, period }, signal),
  officers: (village: string, signal?: AbortSignal) =>
    http.get<{ items: Officer[] }>('/visits/officers', { village }, signal),
  assign: (body: VisitAssign) => http.post<VisitView>('/visits', body),
  assignVillage: (body: { villageCode: string; period: string; assignedTo: string }) =>
    http.post<{ assigned: number; alreadyAssigned: number; visitIds: string[] }>('/visits/bulk', body),
  record: (id: string, body: VisitRecord) => http.post<VisitView>(`/visits/${enc(id)}/record`, body),
  step: (id: string, step: 'accept' | 'redo' | 'cancel', body: { version: number; note?: string }) =>
    http.post<VisitView>(`/visits/${enc(id)}/${step}`, body),
  addPhoto: (id: string, file: File) =>
    request<VisitView>('POST', `/visits/${enc(id)}/photos`, {
      body: file,
      contentType: file.type || 'application/octet-stream',
      query: { name: file.name },
    }),
};

export const eligibility = {
  declare: (householdId: string, body: { version: number; reason: string }) =>
    http.post<z.infer<typeof IneligibleResult>>(`/households/${enc(householdId)}/ineligible`, body),
};
