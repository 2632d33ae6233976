/** The recipients API as the screens use it (src/modules/recipients/recipients.routes.ts). */
import type { z } from 'zod';
import type {
  CandidateItem,
  HouseholdProgrammes as HouseholdProgrammesSchema,
  ProposalView,
  RecipientDiff,
  RecipientPage,
  RecipientTotals,
} from '../../../../src/modules/recipients/recipients.schemas.ts';
import { request } from '../../api/client.ts';

/** From the server's zod schemas (type-only imports), so the screens cannot drift from the contract. */
export type Proposal = z.infer<typeof ProposalView>;
export type ProposalState = Proposal['state'];
export type Candidate = z.infer<typeof CandidateItem>;
export type Outcome = Candidate['outcome'];
export type Component = Candidate['components'][number];
export type Reason = Candidate['reasons'][number];
export type Recipient = z.infer<typeof RecipientPage>['items'][number];
/** How the programme version an amount was computed with pays. */
export type Payment = Proposal['payment'];
export type Totals = z.infer<typeof RecipientTotals>;
/** One page of the diff against the previous approved period, with the counts of the whole diff. */
export type Diff = RecipientDiff;
export type DiffItem = Diff['items'][number];
export type DiffChange = DiffItem['change'];
export type HouseholdProgrammes = z.infer<typeof HouseholdProgrammesSchema>;

type Page<T> = { items: T[]; nextCursor: string | null };

export const recipientsApi = {
  proposals: (q: { period: string; state?: string }, signal?: AbortSignal) =>
    request<{ items: Proposal[] }>('GET', '/recipient-proposals', { query: q, signal }),
  /** One programme's proposal, or (no `programme`) every programme applying in the regency in one pass. */
  compute: (body: { period: string; programme?: string; regency: string }) =>
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
  recipients: (
    period: string,
    q: { programme: string; region?: string; cursor?: string },
    signal?: AbortSignal,
  ) => request<Page<Recipient>>('GET', `/periods/${period}/recipients`, { query: q, signal }),
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
