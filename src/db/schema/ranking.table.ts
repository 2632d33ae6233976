/**
 * Reference data and results of targeting: regional minimum wages (026), ranked periods (027) and programme
 * documents (028).
 */
import type { Selectable } from 'kysely';

/** UMP (a province's code) or UMK (a regency's code) for one year, in integer rupiah per month. */
export interface MinimumWageTable {
  regionCode: string;
  year: number;
  provinceCode: string;
  monthlyAmount: number;
  /** The governor's decree (SK Gubernur) that set it, as cited. */
  decree: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}
export type MinimumWageRow = Selectable<MinimumWageTable>;

/** A PMT model document (src/domain/ranking/model.ts), immutable once stored. */
export interface RankingModelTable {
  version: string;
  /** The document as JSON. */
  document: string;
  state: 'draft' | 'published';
  /** Largest share of the check sample in one decile; `flagged` (0/1) above the limit. */
  largestShare: number;
  flagged: number;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}
export type RankingModelRow = Selectable<RankingModelTable>;

export interface RankingRunTable {
  period: string;
  modelVersion: string;
  state: 'running' | 'done';
  households: number | null;
  checksum: string | null;
  startedAt: string;
  finishedAt: string | null;
}
export type RankingRunRow = Selectable<RankingRunTable>;

export interface RankingResultTable {
  period: string;
  modelVersion: string;
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  villageCode: string;
  /** The household's version in the period's snapshot: what was scored. */
  householdVersion: number;
  score: number;
  criteria14: number;
  decileNational: number | null;
  decileProvince: number | null;
  decileRegency: number | null;
  /**
   * The household's KK number and head's name as the scored version's snapshot holds them
   * (src/domain/recipients/identity.ts); null on results ranked before migration 075.
   */
  kkNumber: string | null;
  headName: string | null;
}
export type RankingResultRow = Selectable<RankingResultTable>;

/** A programme (src/domain/programmes): its code, door and, for a provincial one, its province (028). */
export interface ProgrammeTable {
  code: string;
  door: 'pusdatin' | 'province';
  provinceCode: string | null;
  createdAt: string;
}
export type ProgrammeRow = Selectable<ProgrammeTable>;

/** One immutable version of a programme document. */
export interface ProgrammeVersionTable {
  code: string;
  version: string;
  /** The document as JSON. */
  document: string;
  state: 'draft' | 'published' | 'retired';
  /** 1 once a recipient list was computed with it: never changes afterwards. */
  used: number;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}
export type ProgrammeVersionRow = Selectable<ProgrammeVersionTable>;
