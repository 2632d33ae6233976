import type { Selectable } from 'kysely';

/** A pair of households that may be one family entered twice, found by one rule (domain/registry/duplicates.ts). */
export interface DuplicateCandidateTable {
  id: string;
  /** The pair in id order: a pair is flagged once per rule whichever household came first. */
  householdA: string;
  householdB: string;
  /** The people who look alike, for the person rule. */
  personA: string | null;
  personB: string | null;
  villageA: string;
  villageB: string;
  regencyCode: string;
  rule: 'person_name_birth' | 'head_name_address' | 'kk_one_digit';
  score: number;
  state: 'open' | 'linked' | 'dismissed';
  foundAt: string;
  /** linked: `same_family` or `removed_duplicate`; dismissed: `not_duplicate`. */
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}
export type DuplicateCandidateRow = Selectable<DuplicateCandidateTable>;
