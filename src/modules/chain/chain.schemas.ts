import { z } from 'zod';
import { MAX_AUTO_FORWARD_DAYS } from '../../domain/cycle/chain.ts';
import { PeriodParam, RegionCodeParam } from '../../http/params.ts';
import { text } from '../households/households.schemas.ts';

const lang = z.enum(['id', 'en']).optional();

export const ChainSettingsView = z.object({
  regionCode: z.string(),
  level: z.enum(['regency', 'province']),
  /** Regency: its pengesahan counts only Berita Acara its kecamatan acknowledged (null for a province). */
  kecamatanAcknowledgement: z.boolean().nullable(),
  /** Province: submissions wait at the province until forwarded or returned (null for a regency). */
  provinceReview: z.boolean().nullable(),
  /** Province: days after submission when a submission forwards itself (null: only by hand). */
  autoForwardDays: z.number().nullable(),
  updatedAt: z.string().nullable(),
});
export type ChainSettingsView = z.infer<typeof ChainSettingsView>;

export const ChainSettingsUpdate = z.strictObject({
  kecamatanAcknowledgement: z.boolean().optional(),
  provinceReview: z.boolean().optional(),
  autoForwardDays: z.number().int().min(1).max(MAX_AUTO_FORWARD_DAYS).nullable().optional(),
});
export type ChainSettingsUpdate = z.infer<typeof ChainSettingsUpdate>;

export const ChainSettingsParams = z.strictObject({ regionCode: RegionCodeParam });

export const BeritaAcaraListQuery = z.strictObject({
  /** Default: the newest period with a signed Berita Acara in the territory (else the current month). */
  period: PeriodParam.optional(),
  region: RegionCodeParam.optional(),
  state: z.enum(['pending', 'acknowledged', 'returned']).optional(),
  lang,
});
export type BeritaAcaraListQuery = z.infer<typeof BeritaAcaraListQuery>;

export const BeritaAcaraItem = z.object({
  sessionId: z.string(),
  period: z.string(),
  regencyCode: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  heldOn: z.string().nullable(),
  beritaAcaraId: z.string().nullable(),
  signedScanId: z.string().nullable(),
  /** When the session was signed (null for a returned one awaiting a new signature). */
  signedAt: z.string().nullable(),
  /** Whether the regency uses the kecamatan's acknowledgement. */
  required: z.boolean(),
  state: z.enum(['pending', 'acknowledged', 'returned']),
  note: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The kecamatan's note when it returned an earlier signature of this Berita Acara. */
  previousNote: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export type BeritaAcaraItem = z.infer<typeof BeritaAcaraItem>;

export const BeritaAcaraList = z.object({ period: z.string(), items: z.array(BeritaAcaraItem) });
export type BeritaAcaraList = z.infer<typeof BeritaAcaraList>;

export const AcknowledgeBody = z.strictObject({ note: text(500).min(3).optional() });
export const ReturnToVillageBody = z.strictObject({ note: text(500).min(3) });
