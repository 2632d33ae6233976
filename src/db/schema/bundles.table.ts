import type { Selectable } from 'kysely';

/** An installation's public key whose bundles this installation accepts (migration 041, docs/bundles.md). */
export interface BundleTrustedKeysTable {
  id: string;
  name: string;
  /** First 16 hex digits of SHA-256 of the SPKI DER: the installation id bundles carry. */
  fingerprint: string;
  /** base64 of the SPKI DER. */
  publicKey: string;
  /** The territory the key's bundles may cover ('' = anywhere). */
  regionCode: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}
export type BundleTrustedKeyRow = Selectable<BundleTrustedKeysTable>;

/** One import of a bundle and its counts. */
export interface BundleImportsTable {
  id: string;
  bundleId: string;
  sourceInstallation: string;
  kind: string;
  territory: string;
  /** The manifest's createdAt (ISO), compared for replay. */
  bundleCreatedAt: string;
  importedAt: string;
  importedBy: string | null;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  rejected: number;
}
export type BundleImportRow = Selectable<BundleImportsTable>;

/**
 * What an offline installation mirrored from a working set (migration 059): a proposal, visit or Musdes row
 * (`kind` usulan | visit | musdes_row) as it arrived, or an online staff account (`kind` user, by username).
 */
export interface OfflineMirrorTable {
  kind: string;
  id: string;
  /** The version mirrored (a Musdes row: its session's). */
  version: number;
  /** A Musdes row's outcome when mirrored (null: undecided). */
  outcome: string | null;
  /** A staff account's username (kind user). */
  username: string | null;
  /** A proposal sent from here: the local version exported (null: as mirrored, the same as `version`). */
  localVersion: number | null;
  /** A proposal sent from here: the online version the change was made on (0: a creation). */
  sentBase: number | null;
  /**
   * A proposal or Musdes row sent from here since mirrored: JSON `SentChain` (sync.schemas.ts) — the changes
   * sent, oldest first, and the online version (outcome) the first was made on. Null: nothing sent since.
   */
  sentChain: string | null;
  bundleId: string;
  mirroredAt: string;
}
export type OfflineMirrorRow = Selectable<OfflineMirrorTable>;
