/**
 * What a regency's pengesahan would leave behind (issue 12): villages whose deliberation of the period is
 * still under way, and proposals still moving through the cycle. Sending the pengesahan anyway is allowed,
 * but only when the Dinas Sosial confirms having seen them: such proposals are not determined with this
 * period and go on in the next one. Pure: the service reads the rows, this decides what is listed.
 */
import type { MusdesState, UsulanState } from '../lifecycle/machines.ts';

/** Proposals somewhere between submission and the Dinas Sosial's approval. */
export const UNRESOLVED_USULAN_STATES = [
  'submitted',
  'musdes_accepted',
  'verified',
  'returned',
] as const satisfies readonly UsulanState[];

/** A village's session that is not yet signed: its Berita Acara cannot be part of the pengesahan. */
export const OPEN_SESSION_STATES = ['draft', 'open', 'closed'] as const satisfies readonly MusdesState[];

export interface Unresolved {
  openSessions: { sessionId: string; villageCode: string; villageName: string; state: string }[];
  /** No names: the pengesahan is a regency-level screen; each links to its proposal. */
  pendingUsulan: { id: string; villageCode: string; villageName: string; kind: string; state: string }[];
  /** Pending proposals in all (the list above may be cut short). */
  pendingTotal: number;
  /** Villages of the regency with no deliberation of the period at all. */
  villagesWithoutSession: number;
}

/** Whether the pengesahan needs the Dinas Sosial's explicit confirmation before it is sent. */
export function needsConfirmation(u: Unresolved): boolean {
  return u.openSessions.length > 0 || u.pendingTotal > 0 || u.villagesWithoutSession > 0;
}
