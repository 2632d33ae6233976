/** Other aid and subsidy sources matched against DTKS (migration 030). */
import type { Selectable } from 'kysely';

/** One imported beneficiary list of another programme or subsidy ("BLT Dana Desa 2026", "Subsidi LPG"). */
export interface AidSourceTable {
  id: string;
  name: string;
  /** The territory the list was imported for ('' = national): its lines are matched within it. */
  regionCode: string;
  fileName: string;
  /** 'running' while the file is read, 'complete' after, 'failed' when reading stopped. */
  status: 'running' | 'complete' | 'failed';
  /** Data lines read (header not counted), rejected ones included. */
  rows: number;
  rejected: number;
  /** JSON counts per result (src/domain/targeting/aid-source-file.ts ENTRY_RESULTS). */
  counts: string;
  createdAt: string;
  createdBy: string | null;
  finishedAt: string | null;
}
export type AidSourceRow = Selectable<AidSourceTable>;

/** One line of a list: what it named and what DTKS holds for it. */
export interface AidSourceEntryTable {
  sourceId: string;
  line: number;
  nik: string | null;
  kkNumber: string | null;
  /** matched_kk | matched_nik | not_found | rejected */
  result: string;
  householdId: string | null;
  /**
   * Where the line's work is: the matched household's village, else the region the line names, else the
   * list's own territory — whoever's territory contains it sees the line.
   */
  regionCode: string;
  /** JSON array of field issues for a rejected line. */
  issues: string | null;
}
export type AidSourceEntryRow = Selectable<AidSourceEntryTable>;
