/** Bansos proposals and recipients per period (migration 029, docs/recipients.md). */
import type { Selectable } from 'kysely';
import type { Outcome } from '../../domain/recipients/diff.ts';
import type { ProposalState } from '../../domain/recipients/proposal.ts';

/** One proposal: a programme's recipients in one regency for one period. */
export interface RecipientRunTable {
  id: string;
  period: string;
  programmeCode: string;
  /** The programme version the candidates were evaluated with (marked used). */
  programmeVersion: string;
  door: 'pusdatin' | 'province';
  provinceCode: string;
  regencyCode: string;
  state: ProposalState;
  /** Counts every step, so a step sent twice is recognised. */
  version: number;
  /** Households evaluated, candidates (incl. declared ineligible: no), excluded ones. */
  evaluated: number;
  candidates: number;
  excluded: number;
  /** The candidates' amount for the period, integer rupiah (bigint: PostgreSQL answers a string). */
  amount: number | string;
  /** SHA-256 over the candidates' lines, set when computed. */
  checksum: string | null;
  /** The approver's note with a return. */
  note: string | null;
  computedAt: string;
  computedBy: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  /** The approval or the return. */
  decidedAt: string | null;
  decidedBy: string | null;
  updatedAt: string;
}
export type RecipientRunRow = Selectable<RecipientRunTable>;

/** A household's evaluation in a run. JSON columns: `codes` string[], `components`, `reasons`. */
export interface RecipientCandidateTable {
  runId: string;
  householdId: string;
  villageCode: string;
  kkNumber: string;
  headName: string;
  decile: number | null;
  outcome: Outcome;
  codes: string;
  components: string;
  yearlyAmount: number;
  amount: number;
  reasons: string;
}
export type RecipientCandidateRow = Selectable<RecipientCandidateTable>;

export interface RecipientDecisionTable {
  id: string;
  runId: string;
  householdId: string;
  decision: 'ineligible';
  reason: string;
  evidence: string | null;
  decidedBy: string | null;
  decidedAt: string;
}

/** An approved recipient (KPM) of a period: written at approval, never changed. */
export interface RecipientTable {
  period: string;
  programmeCode: string;
  householdId: string;
  runId: string;
  programmeVersion: string;
  provinceCode: string;
  regencyCode: string;
  villageCode: string;
  kkNumber: string;
  headName: string;
  decile: number | null;
  components: string;
  amount: number;
  approvedAt: string;
}
export type RecipientRow = Selectable<RecipientTable>;

/**
 * A household's opt-out of one programme, on its written request (migration 045): never edited or deleted;
 * withdrawing it stamps `withdrawnAt`. Standing while not withdrawn (at most one per household and programme).
 */
export interface ProgrammeOptOutTable {
  id: string;
  householdId: string;
  provinceCode: string;
  villageCode: string;
  programmeCode: string;
  /** The date of the citizen's written request (YYYY-MM-DD). */
  requestedOn: string;
  reason: string;
  evidence: string | null;
  recordedAt: string;
  recordedBy: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
  /** The citizen account that declared it from the portal (migration 056); null when staff recorded it. */
  citizenAccountId: string | null;
  /** The citizen account that withdrew it from the portal; null when staff did (or it stands). */
  withdrawnByCitizen: string | null;
}
export type ProgrammeOptOutRow = Selectable<ProgrammeOptOutTable>;
