/** Laporan / pengaduan (migration 036). */
import type {
  ReportCategory,
  ReportLevel,
  ReportOutcome,
  ReportStatus,
} from '../../domain/reports/reports.ts';

export interface ReportTable {
  id: string;
  trackingNumber: string;
  createdAt: string;
  channel: 'web' | 'chat';
  citizenAccountId: string | null;
  reporterName: string;
  reporterPhone: string | null;
  reporterEmail: string | null;
  reporterNik: string | null;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  address: string;
  rt: string | null;
  rw: string | null;
  category: ReportCategory;
  text: string;
  status: ReportStatus;
  level: ReportLevel;
  assignedTo: string | null;
  triageDueAt: string;
  responseDueAt: string;
  triagedAt: string | null;
  firstReplyAt: string | null;
  closedAt: string | null;
  outcome: ReportOutcome | null;
  updatedAt: string;
}

export type ReportEventKind = 'received' | 'triaged' | 'assigned' | 'reply' | 'note' | 'escalated' | 'closed';

export interface ReportEventTable {
  id: string;
  reportId: string;
  at: string;
  kind: ReportEventKind;
  /** 1: shown to the reporter on the tracking page. */
  public: number;
  actorUserId: string | null;
  actorRole: string | null;
  level: ReportLevel | null;
  assignedTo: string | null;
  outcome: ReportOutcome | null;
  text: string | null;
}
