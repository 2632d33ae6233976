/** The public Cek Bansos and WALIM (migration 032). */

/** One status check (web or chat). Hashes are HMAC-SHA256 under the public key (never the NIK in clear). */
export interface PublicCheckTable {
  id: string;
  checkedAt: string;
  channel: 'web' | 'chat';
  clientHash: string;
  nikHash: string | null;
  /** The village a region check asked about (nothing for a NIK check). */
  villageCode: string | null;
  outcome: 'found' | 'not_found' | 'limited' | 'challenge';
  challenged: number;
}

/** A suspicious pattern, counted per kind, subject (a keyed hash) and hour. */
export interface AbuseReportTable {
  id: string;
  kind: string;
  subjectHash: string;
  /** `YYYY-MM-DDTHH` (UTC) the count belongs to. */
  hour: string;
  channel: 'web' | 'chat';
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  count: number;
  firstAt: string;
  lastAt: string;
}
