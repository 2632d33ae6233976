/** The distribution API as the screens use it (src/modules/distribution/distribution.routes.ts). */
import type { z } from 'zod';
import type { PointInput } from '../../../../src/domain/distribution/mapping.ts';
import type {
  AllocationView,
  BatchView,
  PointView,
  Reconciliation as ReconciliationSchema,
  RecordHistory as RecordHistorySchema,
  RecordView,
  ScheduleView,
} from '../../../../src/modules/distribution/distribution.schemas.ts';
import { apiUrl, request } from '../../api/client.ts';

/** From the server's zod schemas (type-only imports), so the screens cannot drift from the contract. */
export type Batch = z.infer<typeof BatchView>;
export type DistributionRecord = z.infer<typeof RecordView>;
export type RecordState = DistributionRecord['state'];
export type RecordHistory = z.infer<typeof RecordHistorySchema>;
export type Reconciliation = z.infer<typeof ReconciliationSchema>;
/** Entitlements by state, with their rupiah and packages. */
export type Figures = Omit<Reconciliation, 'period' | 'region' | 'regionName' | 'children'>;
export type Four = Figures['amounts'];
export type Schedule = z.infer<typeof ScheduleView>;
export type Point = z.infer<typeof PointView>;
export type Allocation = z.infer<typeof AllocationView>;

export type { Coverage, PointInput } from '../../../../src/domain/distribution/mapping.ts';

const batchUrl = (id: string) => `/distribution/batches/${encodeURIComponent(id)}`;
const recordUrl = (id: string, hh: string) => `${batchUrl(id)}/records/${encodeURIComponent(hh)}`;

export const distributionApi = {
  batches: (q: { period?: string }, signal?: AbortSignal) =>
    request<{ items: Batch[] }>('GET', '/distribution/batches', { query: q, signal }),
  create: (body: { period: string; programme: string; regency: string; tranches: number }) =>
    request<Batch>('POST', '/distribution/batches', { json: body }),
  records: (id: string, q: { state?: RecordState; cursor?: string }, signal?: AbortSignal) =>
    request<{ items: DistributionRecord[]; nextCursor: string | null }>('GET', `${batchUrl(id)}/records`, {
      query: q,
      signal,
    }),
  history: (id: string, hh: string, signal?: AbortSignal) =>
    request<RecordHistory>('GET', recordUrl(id, hh), { signal }),
  returnRecord: (id: string, hh: string, body: { reasonCode: string; note?: string; version: number }) =>
    request<DistributionRecord>('POST', `${recordUrl(id, hh)}/return`, { json: body }),
  resend: (
    id: string,
    hh: string,
    body: { headName?: string; address?: string; rt?: string; rw?: string; note?: string; version: number },
  ) => request<DistributionRecord>('POST', `${recordUrl(id, hh)}/resend`, { json: body }),
  moveRecord: (id: string, hh: string, body: { pointId: string; note?: string }) =>
    request<DistributionRecord>('POST', `${recordUrl(id, hh)}/point`, { json: body }),
  accept: (id: string, body: { note?: string }) =>
    request<Batch>('POST', `${batchUrl(id)}/accept`, { json: body }),
  points: (signal?: AbortSignal) => request<{ items: Point[] }>('GET', '/distribution/points', { signal }),
  createPoint: (body: PointInput) => request<Point>('POST', '/distribution/points', { json: body }),
  addSchedule: (pointId: string, body: Omit<Schedule, 'id'>) =>
    request<Schedule>('POST', `/distribution/points/${encodeURIComponent(pointId)}/schedules`, {
      json: body,
    }),
  recordStock: (
    pointId: string,
    body: { batchId: string; packages: number; deliveryNote: string; receivedAt: string },
  ) => request<unknown>('POST', `/distribution/points/${encodeURIComponent(pointId)}/stock`, { json: body }),
  map: (id: string) => request<{ mapped: number; unmapped: number }>('POST', `${batchUrl(id)}/map`),
  allocation: (id: string, signal?: AbortSignal) =>
    request<Allocation>('GET', `${batchUrl(id)}/allocation`, { signal }),
  /** Starts the invitation letters job (one PDF per village, or only `village`); its ZIP is at jobs.resultUrl. */
  invitationsJob: (id: string, village?: string) =>
    request<{ jobId: string }>('POST', `${batchUrl(id)}/invitations/job`, {
      json: village ? { village } : {},
    }),
  exportUrl: (id: string, format: 'csv' | 'xlsx') => apiUrl(`${batchUrl(id)}/export`, { format }),
  reconciliation: (q: { period: string; region?: string }, signal?: AbortSignal) =>
    request<Reconciliation>('GET', '/distribution/reconciliation', { query: q, signal }),
  reconciliationUrl: (q: { period: string; region?: string; format: 'csv' | 'pdf' }) =>
    apiUrl('/distribution/reconciliation/export', q),
};
