/** Distribution with PT Pos (migration 038, docs/distribution.md). */
import type { Selectable } from 'kysely';
import type {
  BatchState,
  DistributionForm,
  EntitlementState,
  RecordState,
  RecordStep,
} from '../../domain/distribution/states.ts';

/** One programme's approved recipients of a regency for one period, handed to the partner (PT Pos). */
export interface DistributionBatchTable {
  id: string;
  period: string;
  programmeCode: string;
  provinceCode: string;
  regencyCode: string;
  /** The approved recipient proposal the records come from. */
  runId: string;
  /** `cash` (tranches per KPM) or `in_kind` (packages handed out at the point). */
  form: DistributionForm;
  /** Cash: the number of tranches each KPM's amount is split into; in kind: 1. */
  tranches: number;
  /** In kind: packages per KPM per tranche; cash: 0. */
  packagesPerKpm: number;
  /** In kind: the value of one package in integer rupiah (for the amounts of reconciliation); cash: 0. */
  packageValue: number;
  state: BatchState;
  records: number;
  /** Sum of the records' amounts, integer rupiah (bigint: PostgreSQL answers a string). */
  amount: number | string;
  version: number;
  createdAt: string;
  createdBy: string | null;
  sentAt: string | null;
  /** When and by whom the partner accepted the batch (migration 044); null before. */
  acceptedAt: string | null;
  acceptedBy: string | null;
  closedAt: string | null;
  updatedAt: string;
}
export type DistributionBatchRow = Selectable<DistributionBatchTable>;

/** A KPM as the partner sees it (name, KK, address, programme via the batch, amount) and its cleaning state. */
export interface DistributionRecordTable {
  batchId: string;
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  kkNumber: string;
  headName: string;
  address: string;
  rt: string;
  rw: string;
  /** The KPM's amount for the period, integer rupiah. */
  amount: number;
  state: RecordState;
  /** The reason code of the latest return (null when not returned). */
  reasonCode: string | null;
  /** The latest version in distribution_record_versions. */
  version: number;
  pointId: string | null;
  /** When the KPM was moved to `pointId` by hand (migration 057); null when the mapping rule chose it. */
  pointMovedAt: string | null;
  updatedAt: string;
}
export type DistributionRecordRow = Selectable<DistributionRecordTable>;

/** Each send, return and re-send of a record: both sides read the history. `snapshot` is JSON text. */
export interface DistributionRecordVersionTable {
  id: string;
  batchId: string;
  householdId: string;
  version: number;
  step: RecordStep;
  reasonCode: string | null;
  note: string | null;
  snapshot: string;
  /** SHA-256 of the snapshot's fields (a re-send identical to the returned version is refused). */
  fingerprint: string;
  actorId: string | null;
  actorRole: string | null;
  at: string;
}
export type DistributionRecordVersionRow = Selectable<DistributionRecordVersionTable>;

/** A distribution point (kantor pos, balai desa …) of a kecamatan or village. `coverage` is JSON text. */
export interface DistributionPointTable {
  id: string;
  code: string;
  name: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  /** Null for a point serving the whole kecamatan. */
  villageCode: string | null;
  address: string;
  /** JSON `Coverage[]` (src/domain/distribution/mapping.ts): villages, optionally RW and RT lists. */
  coverage: string;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
}
export type DistributionPointRow = Selectable<DistributionPointTable>;

/** When a point hands out a batch's tranche. */
export interface DistributionScheduleTable {
  id: string;
  pointId: string;
  batchId: string;
  tranche: number;
  startsAt: string;
  endsAt: string;
  createdAt: string;
}
export type DistributionScheduleRow = Selectable<DistributionScheduleTable>;

/** What one KPM is owed by one batch in one tranche: cash (amount) or packages; mapped to a point. */
export interface EntitlementTable {
  id: string;
  batchId: string;
  householdId: string;
  tranche: number;
  period: string;
  programmeCode: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  pointId: string | null;
  form: DistributionForm;
  /** Integer rupiah (cash: the tranche; in kind: packages × package value). */
  amount: number;
  packages: number;
  state: EntitlementState;
  returnReason: string | null;
  returnedAt: string | null;
  deliveredAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export type EntitlementRow = Selectable<EntitlementTable>;

/** Proof of receipt of one entitlement (at most one: the unique key refuses a second). */
export interface ReceiptTable {
  id: string;
  entitlementId: string;
  pointId: string;
  receivedAt: string;
  recordedBy: string | null;
  deviceId: string | null;
  /** The offline client's idempotency key. */
  clientId: string | null;
  /** 0/1: received by a representative (with a proof document). */
  representative: number;
  representativeName: string | null;
  proofAttachmentId: string | null;
  photoAttachmentId: string | null;
  signatureAttachmentId: string | null;
  note: string | null;
  createdAt: string;
}
export type ReceiptRow = Selectable<ReceiptTable>;

/** Packages received at a point from procurement (Disperindag/Bulog). */
export interface DistributionStockTable {
  id: string;
  pointId: string;
  batchId: string;
  packages: number;
  deliveryNote: string;
  receivedAt: string;
  recordedBy: string | null;
  createdAt: string;
}
export type DistributionStockRow = Selectable<DistributionStockTable>;
