import type { Selectable } from 'kysely';

/** A change an offline device or a bundle applied (migration 042, docs/offline.md): the idempotency record. */
export interface SyncChangeTable {
  /** The change's own id (UUIDv7 made on the device). */
  id: string;
  kind: string;
  targetId: string;
  /** What applying it did: created or updated. */
  status: string;
  /** The target's version after the change. */
  version: number;
  villageCode: string;
  recordedAt: string;
  recordedBy: string | null;
  appliedAt: string;
  appliedBy: string | null;
}
export type SyncChangeRow = Selectable<SyncChangeTable>;
