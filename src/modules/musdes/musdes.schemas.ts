import { z } from 'zod';
import { OUTCOMES, PARTICIPANT_ROLES } from '../../domain/cycle/musdes.ts';
import { CursorParam, LineCursorParam, RegionCodeParam } from '../../http/params.ts';
import { text } from '../households/households.schemas.ts';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const lang = z.enum(['id', 'en']).optional();

export const Participant = z.strictObject({
  name: text(120).min(2),
  role: z.enum(PARTICIPANT_ROLES),
});

const header = {
  heldOn: isoDate,
  place: text(200).min(2),
  participants: z.array(Participant).min(1).max(100),
};

export const MusdesCreate = z.strictObject({
  villageCode: z.string().max(20),
  period,
  ...header,
});
export type MusdesCreate = z.infer<typeof MusdesCreate>;

export const MusdesUpdate = z.strictObject({ version: z.number().int().min(1), ...header });
export type MusdesUpdate = z.infer<typeof MusdesUpdate>;

export const MusdesStep = z.strictObject({ version: z.number().int().min(1) });

export const MusdesListQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  period: period.optional(),
  state: z.enum(['draft', 'open', 'closed', 'signed']).optional(),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang,
});
export type MusdesListQuery = z.infer<typeof MusdesListQuery>;

export const MusdesProgressQuery = z.strictObject({
  region: RegionCodeParam.optional(),
  period,
  lang,
});

export const RowsQuery = z.strictObject({
  cursor: LineCursorParam.optional(),
  outcome: z.enum([...OUTCOMES, 'undecided']).optional(),
  source: z.enum(['existing', 'usulan']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang,
});
export type RowsQuery = z.infer<typeof RowsQuery>;

export const RowDecision = z.strictObject({
  outcome: z.enum(OUTCOMES),
  note: text(500).optional(),
});
export type RowDecision = z.infer<typeof RowDecision>;

export const BulkDecision = z.strictObject({
  outcome: z.enum(OUTCOMES),
  note: text(500).optional(),
  filter: z.strictObject({ source: z.literal('existing'), undecidedOnly: z.literal(true) }),
});
export type BulkDecision = z.infer<typeof BulkDecision>;

export const PrelistQuery = z.strictObject({ stage: z.enum(['awal', 'akhir']).default('awal'), lang });

export const SignedScanQuery = z.strictObject({
  name: z.string().max(200).default('berita-acara-ttd'),
  version: z.coerce.number().int().min(1).optional(),
  lang,
});

const Counts = z.object({
  perbaikan: z.number(),
  dikeluarkan: z.number(),
  usulan_baru: z.number(),
  tetap: z.number(),
});

const Document = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number(),
  originalName: z.string(),
  createdAt: z.string(),
});

export const MusdesListItem = z.object({
  id: z.string(),
  period: z.string(),
  state: z.string(),
  regionCode: z.string(),
  villageName: z.string(),
  heldOn: z.string().nullable(),
  place: z.string().nullable(),
  counts: Counts.nullable(),
  version: z.number(),
  updatedAt: z.string(),
});

export const MusdesView = MusdesListItem.extend({
  regionPath: z.array(z.object({ code: z.string(), name: z.string() })),
  deliberation: z.string(),
  participants: z.array(Participant),
  /** Outcomes given so far (live while open; the recorded result once closed). */
  tally: z.object({
    rows: z.number(),
    undecided: z.number(),
    existing: z.number(),
    usulan: z.number(),
    outcomes: Counts,
  }),
  beritaAcara: Document.nullable(),
  signedScan: Document.nullable(),
  allowedActions: z.array(z.string()),
  canEdit: z.boolean(),
  canDecide: z.boolean(),
  /** The kecamatan returned the signed Berita Acara: its note, until the village signs again (a new scan). */
  kecamatanReturn: z.object({ note: z.string(), decidedAt: z.string() }).nullable(),
  createdAt: z.string(),
});
export type MusdesView = z.infer<typeof MusdesView>;

export const RowView = z.object({
  id: z.string(),
  rowNo: z.number(),
  source: z.enum(['existing', 'usulan']),
  kind: z.enum(['existing', 'baru', 'perbaikan', 'dikeluarkan']),
  householdId: z.string().nullable(),
  usulanId: z.string().nullable(),
  usulanState: z.string().nullable(),
  kkNumber: z.string(),
  headName: z.string(),
  memberCount: z.number(),
  outcome: z.enum(OUTCOMES).nullable(),
  note: z.string().nullable(),
  decidedAt: z.string().nullable(),
  allowedOutcomes: z.array(z.enum(OUTCOMES)),
});
export type RowView = z.infer<typeof RowView>;

export const ProgressItem = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  sessionId: z.string().nullable(),
  state: z.string().nullable(),
  heldOn: z.string().nullable(),
  rows: z.number(),
  decided: z.number(),
});
