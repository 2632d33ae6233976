/** Tables of the update cycle: usulan → Musdes → verivali → Dinas Sosial → pengesahan → penetapan. */
import type { ColumnType, Selectable } from 'kysely';
import type { RegionColumns } from './household.table.ts';

interface Stamped {
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface PeriodTable {
  period: string;
  state: string;
  skNumber: string | null;
  checksum: string | null;
  households: number | null;
  persons: number | null;
  added: number | null;
  removed: number | null;
  changed: number | null;
  determinedAt: string | null;
  determinedBy: string | null;
  createdAt: string;
  /** 005_penetapan: the id the decree (SK) attachment is filed under. */
  determinationId: string | null;
  skAttachmentId: string | null;
  /** The determined period this one was compared with (null for the first). */
  previousPeriod: string | null;
  /** 008: the decree's running number (unique). */
  skSequence: number | null;
}
export type PeriodRow = Selectable<PeriodTable>;

/** Counts per regency of a determined period (005_penetapan), materialised at determination. */
export interface PeriodRegionCountTable {
  period: string;
  regencyCode: string;
  provinceCode: string;
  households: number;
  persons: number;
  added: number;
  removed: number;
  changed: number;
  submitted: number;
}

/** DTKS size per village and determined period (migration 064), for the public statistics below the regency. */
export interface PeriodVillageCountTable {
  regencyCode: string;
  period: string;
  villageCode: string;
  households: number;
  persons: number;
}

/** Files (photos, scans, PDFs) are stored content-addressed outside the database; this is their index. */
export interface AttachmentTable {
  id: string;
  sha256: string;
  mime: string;
  size: number;
  originalName: string;
  kind: string;
  ownerType: string;
  ownerId: string;
  provinceCode: string;
  regionCode: string;
  thumbSha256: string | null;
  createdAt: string;
  createdBy: string | null;
}
export type AttachmentRow = Selectable<AttachmentTable>;

export interface UsulanTable extends RegionColumns, Stamped {
  id: string;
  period: string;
  kind: 'baru' | 'perbaikan' | 'dikeluarkan';
  state: string;
  householdId: string | null;
  kkNumber: string;
  headName: string;
  /** JSON: HouseholdCreate (baru), the changed fields (perbaikan) or {reasonCode, note} (dikeluarkan). */
  payload: string;
  reason: string | null;
  returnNote: string | null;
  source: string;
  musdesSessionId: string | null;
  /** The period it was submitted for, when its deliberation there was over (src/domain/cycle/placement.ts). */
  carriedFrom: string | null;
  /** Why the operator withdrew it. */
  withdrawalNote: string | null;
  /** A citizen's own proposal (`source = 'mandiri'`): the account that made it and follows it. */
  citizenAccountId: string | null;
}
export type UsulanRow = Selectable<UsulanTable>;

/** NIKs named in open proposals, for the "already proposed" check. */
export interface UsulanNikTable {
  nik: string;
  usulanId: string;
  period: string;
  provinceCode: string;
}

export interface MusdesSessionTable extends RegionColumns, Stamped {
  id: string;
  period: string;
  state: string;
  heldOn: string | null;
  place: string | null;
  /** JSON array of {name, role}. */
  participants: string;
  /** JSON {perbaikan, dikeluarkan, usulan_baru, tetap}. */
  counts: string | null;
  beritaAcaraId: string | null;
  signedScanId: string | null;
}
export type MusdesSessionRow = Selectable<MusdesSessionTable>;

export interface MusdesRowTable {
  id: string;
  sessionId: string;
  provinceCode: string;
  rowNo: number;
  source: 'existing' | 'usulan';
  householdId: string | null;
  usulanId: string | null;
  kkNumber: string;
  headName: string;
  memberCount: number;
  outcome: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}
export type MusdesRowRow = Selectable<MusdesRowTable>;

export interface VisitTable extends RegionColumns, Stamped {
  id: string;
  period: string;
  householdId: string | null;
  usulanId: string | null;
  assignedTo: string;
  state: string;
  result: string | null;
  visitedAt: string | null;
  latitude: number | null;
  longitude: number | null;
  /** JSON: the instrument as recorded (household fields and members). */
  instrument: string | null;
  notes: string | null;
  /** Why the Dinas Sosial sent the visit back (redo), 005. */
  reviewNote: string | null;
}
export type VisitRow = Selectable<VisitTable>;

export interface DukcapilImportTable {
  id: string;
  regencyCode: string;
  provinceCode: string;
  fileName: string;
  rows: number;
  rejected: number;
  /** JSON counts per result. */
  counts: string;
  /** 'running' while the file is read, then 'complete'; 'failed' when reading stopped (migration 009). */
  status: string;
  createdAt: string;
  createdBy: string | null;
  finishedAt: string | null;
}
export type DukcapilImportRow = Selectable<DukcapilImportTable>;

export interface DukcapilMatchTable {
  id: string;
  importId: string;
  provinceCode: string;
  villageCode: string | null;
  line: number;
  nik: string;
  personId: string | null;
  householdId: string | null;
  result: string;
  /** JSON: what differed (dukcapil vs DTKS values). */
  detail: string;
  resolution: string | null;
  note: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}
export type DukcapilMatchRow = Selectable<DukcapilMatchTable>;

/** Households declared ineligible (ditidaklayakkan): their NIKs may not be proposed again. */
export interface IneligibleTable {
  nik: string;
  householdId: string;
  provinceCode: string;
  kkNumber: string;
  period: string;
  reason: string;
  declaredBy: string | null;
  declaredAt: string;
  /** What the declaration rests on (a document, a visit), as cited (migration 029). */
  evidence?: string | null;
  /** Lifted: the NIKs may be proposed again (migration 029). */
  liftedAt?: string | null;
  liftedBy?: string | null;
  liftReason?: string | null;
}

export interface SubmissionTable extends Stamped {
  id: string;
  period: string;
  provinceCode: string;
  regencyCode: string;
  state: string;
  approvalLetterId: string | null;
  /** JSON array of Musdes session ids whose signed Berita Acara are part of the set. */
  beritaAcaraIds: string;
  submittedAt: string | null;
  note: string | null;
  /** When a submission waiting at the province forwards itself to Pusdatin (null: only by hand). */
  forwardDueAt: ColumnType<string | null, string | null | undefined, string | null>;
}
export type SubmissionRow = Selectable<SubmissionTable>;

/** One row per household in a determined period: which version of it DTKS holds for that month. */
export interface SnapshotHouseholdTable {
  period: string;
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  villageCode: string;
  version: number;
  memberCount: number;
}

export interface SnapshotChangeTable {
  period: string;
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  change: 'added' | 'removed' | 'changed';
  fromVersion: number | null;
  toVersion: number | null;
  reason: string | null;
}

export interface NotificationTable {
  id: string;
  /** Addressed to everyone whose territory is this region (e.g. a village's operators). */
  regionCode: string;
  provinceCode: string;
  kind: string;
  /** JSON Text {id, en}. */
  message: string;
  link: string | null;
  createdAt: string;
}

export interface NotificationReadTable {
  notificationId: string;
  userId: string;
  readAt: string;
}
