/** The kecamatan and province steps of the update cycle (migration 023). */
import type { Selectable } from 'kysely';

/** Per regency (kecamatan acknowledgement) or per province (review, automatic forwarding). */
export interface ChainSettingsTable {
  regionCode: string;
  kecamatanAcknowledgement: number;
  provinceReview: number;
  autoForwardDays: number | null;
  updatedAt: string;
  updatedBy: string | null;
}
export type ChainSettingsRow = Selectable<ChainSettingsTable>;

/** The kecamatan's decision on one village's signed Berita Acara (the scan it judged). */
export interface BeritaAcaraAcknowledgementTable {
  sessionId: string;
  period: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  state: string;
  signedScanId: string | null;
  note: string | null;
  version: number;
  decidedAt: string;
  decidedBy: string | null;
}
export type BeritaAcaraAcknowledgementRow = Selectable<BeritaAcaraAcknowledgementTable>;

export interface SubmissionCommentTable {
  id: string;
  submissionId: string;
  authorId: string | null;
  authorName: string;
  authorRole: string;
  authorRegion: string;
  body: string;
  createdAt: string;
}
export type SubmissionCommentRow = Selectable<SubmissionCommentTable>;
