import type { Selectable } from 'kysely';
import type { SanggahState } from '../../domain/sanggah/sanggah-state.ts';

/** A citizen's objection to a recipient household (migration 037, docs/sanggah.md). */
export interface SanggahTable {
  id: string;
  accountId: string;
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  /** The head's name as the public check shows it (masked): all the objector ever sees of the family. */
  targetNameMasked: string;
  /** The recipient period the household was a recipient in when objected to. */
  recipientPeriod: string;
  reason: string;
  state: SanggahState;
  evidenceCount: number;
  /** The verivali visit to the household the Dinas Sosial assigned while investigating. */
  visitId: string | null;
  /** The rejection's (or upholding's) reason, shown to the objector. */
  decisionReason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export type SanggahRow = Selectable<SanggahTable>;
