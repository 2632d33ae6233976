/** The distribution API as the screens use it (src/modules/distribution/distribution.routes.ts). */
import type { Coverage, PointInput } from '../../../../src/domain/distribution/mapping.ts';
import { apiUrl, request } from '../../api/client.ts';

export type RecordState = 'sent' | 'returned' | 'resent' | 'cleaned';

export interface Batch {
  id: string;
  period: string;
  programme: string;
  regencyCode: string;
  form: 'cash' | 'in_kind';
  tranches: number;
  state: 'preparing' | 'sent' | 'accepted' | 'closed';
  acceptedAt: string | null;
  packagesPerKpm: number;
  records: number;
  amount: number;
  counts: Record<RecordState, number>;
}

export interface DistributionRecord {
  householdId: string;
  villageCode: string;
  kkNumber: string;
  headName: string;
  address: string;
  rt: string;
  rw: string;
  amount: number;
  state: RecordState;
  reasonCode: string | null;
  version: number;
  pointId: string | null;
}

export interface RecordHistory {
  record: DistributionRecord;
  versions: {
    version: number;
    step: 'send' | 'return' | 'resend' | 'accept';
    reasonCode: string | null;
    note: string | null;
    fields: { headName: string; kkNumber: string; address: string; rt: string; rw: string };
    actorRole: string | null;
    at: string;
  }[];
}

export interface Four {
  allocated: number;
  delivered: number;
  returned: number;
  outstanding: number;
}
export interface Figures extends Four {
  amounts: Four;
  packages: Four;
}
export interface Reconciliation extends Figures {
  period: string;
  region: string;
  regionName: string | null;
  children: ({ code: string; name: string | null } & Figures)[];
}

export type { Coverage, PointInput } from '../../../../src/domain/distribution/mapping.ts';

export interface Schedule {
  id: string;
  batchId: string;
  tranche: number;
  startsAt: string;
  endsAt: string;
}

export interface Point {
  id: string;
  code: string;
  name: string;
  districtCode: string;
  villageCode: string | null;
  place: string;
  coverage: Coverage[];
  schedules: Schedule[];
}

export interface Allocation {
  points: {
    pointId: string;
    code: string;
    name: string;
    kpm: number;
    amount: number;
    packages: number;
    stock: { received: number; shortfall: number; surplus: number };
  }[];
  unmapped: { kpm: number; amount: number; packages: number };
}

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
