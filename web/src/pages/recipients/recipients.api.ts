/** The recipients API as the screens use it (src/modules/recipients/recipients.routes.ts). */
import { request } from '../../api/client.ts';

export type ProposalState = 'computing' | 'computed' | 'submitted' | 'returned' | 'approved';
export type Outcome = 'candidate' | 'excluded' | 'out_of_target' | 'not_eligible' | 'ineligible';

export interface Proposal {
  id: string;
  period: string;
  programme: string;
  programmeVersion: string;
  door: 'pusdatin' | 'province';
  regencyCode: string;
  state: ProposalState;
  evaluated: number;
  candidates: number;
  excluded: number;
  amount: number;
  note: string | null;
  allowed: string[];
}

export interface Component {
  code: string;
  count: number;
  yearlyAmount: number;
}
export interface Reason {
  code: string;
  text: { id: string; en: string };
}

export interface Candidate {
  householdId: string;
  kkNumber: string;
  regionCode: string;
  headName: string;
  decile: number | null;
  outcome: Outcome;
  codes: string[];
  components: Component[];
  amount: number;
  reasons: Reason[];
}

export interface Recipient {
  householdId: string;
  kkNumber: string;
  regionCode: string;
  headName: string;
  decile: number | null;
  amount: number;
  components: Component[];
}

export interface Totals {
  period: string;
  level: number;
  programmes: {
    programme: string;
    households: number;
    amount: number;
    regions: { regionCode: string; name: string; households: number; amount: number }[];
  }[];
}

export type DiffChange = 'new' | 'continuing' | 'stopped';
export interface DiffItem {
  householdId: string;
  kkNumber: string;
  regionCode: string;
  headName: string;
  change: DiffChange;
  amount: number;
  previousAmount: number | null;
  reason: string | null;
  codes: string[];
}
/** One page of the diff against the previous approved period, with the counts of the whole diff. */
export interface Diff {
  previousPeriod: string | null;
  counts: Record<DiffChange, number>;
  items: DiffItem[];
  nextCursor: string | null;
}

export interface HouseholdProgrammes {
  history: {
    period: string;
    programmes: {
      programme: string;
      status: string;
      amount: number;
      components: Component[];
      codes: string[];
    }[];
  }[];
  latest: {
    period: string;
    evaluations: {
      programme: string;
      proposalState: ProposalState;
      outcome: Outcome;
      decile: number | null;
      amount: number;
      yearlyAmount: number;
      codes: string[];
      reasons: Reason[];
    }[];
  } | null;
}

type Page<T> = { items: T[]; nextCursor: string | null };

export const recipientsApi = {
  proposals: (q: { period: string; state?: string }, signal?: AbortSignal) =>
    request<{ items: Proposal[] }>('GET', '/recipient-proposals', { query: q, signal }),
  compute: (body: { period: string; programme: string; regency: string }) =>
    request<{ jobId: string }>('POST', '/recipient-proposals', { json: body }),
  step: (id: string, step: 'submit' | 'approve') =>
    request<Proposal>('POST', `/recipient-proposals/${encodeURIComponent(id)}/${step}`),
  returnTo: (id: string, note: string) =>
    request<Proposal>('POST', `/recipient-proposals/${encodeURIComponent(id)}/return`, { json: { note } }),
  candidates: (id: string, q: { outcome?: string; cursor?: string }, signal?: AbortSignal) =>
    request<Page<Candidate>>('GET', `/recipient-proposals/${encodeURIComponent(id)}/candidates`, {
      query: q,
      signal,
    }),
  declare: (id: string, body: { householdId: string; reason: string; evidence?: string }) =>
    request<unknown>('POST', `/recipient-proposals/${encodeURIComponent(id)}/ineligible`, { json: body }),
  recipients: (period: string, q: { programme: string; cursor?: string }, signal?: AbortSignal) =>
    request<Page<Recipient>>('GET', `/periods/${period}/recipients`, { query: q, signal }),
  totals: (period: string, signal?: AbortSignal) =>
    request<Totals>('GET', `/periods/${period}/recipients/totals`, { signal }),
  diff: (
    period: string,
    q: { programme: string; change?: DiffChange; cursor?: string },
    signal?: AbortSignal,
  ) => request<Diff>('GET', `/periods/${period}/recipients/diff`, { query: q, signal }),
  household: (id: string, signal?: AbortSignal) =>
    request<HouseholdProgrammes>('GET', `/households/${encodeURIComponent(id)}/programmes`, { signal }),
};
