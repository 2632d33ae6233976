/**
 * One row per refused use of a NIK or KK number held outside the user's territory (an identity probe), kept
 * for the rolling hour the per-user limit counts over; the audit log keeps the probe itself for good.
 */
export interface IdentityProbeTable {
  id: string;
  /** The user's id (`name:<username>` for an actor without one). */
  actorKey: string;
  at: string;
}
