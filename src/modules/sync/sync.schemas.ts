/**
 * The offline change format (docs/offline.md): what a field device, or a .siks bundle, sends back. Every
 * change carries its own id (UUIDv7 made on the device: the idempotency key), what it changes and the
 * version of the target the device started from. Photos travel beside the changes and are named by `ref`.
 */
import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, USULAN_ATTACHMENT_KINDS } from '../../domain/cycle/attachments.ts';
import { OUTCOMES } from '../../domain/cycle/musdes.ts';
import { RegionCodeParam } from '../../http/params.ts';
import { text } from '../households/households.schemas.ts';
import { UsulanCreate } from '../usulan/usulan.schemas.ts';
import { VisitRecord } from '../verivali/verivali.schemas.ts';

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'uuid (lowercase)');

export const CHANGE_KINDS = ['usulan.draft', 'verivali.visit', 'musdes.outcome'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A photo the change attaches: `ref` names the file sent with it (its SHA-256 on the device). */
export const PhotoRef = z.strictObject({
  ref: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  name: z.string().max(200).default('foto.jpg'),
  /** For a proposal: which document it is (default the front of the house). */
  kind: z.enum(USULAN_ATTACHMENT_KINDS).optional(),
});
export type PhotoRef = z.infer<typeof PhotoRef>;

const common = {
  id: uuid.describe('the change itself (UUIDv7 made on the device): sending it again answers unchanged'),
  targetId: uuid.describe('the proposal (for a new draft: the id the device gave it), visit or Musdes row'),
  baseVersion: z
    .number()
    .int()
    .min(0)
    .describe('the version of the target the change was made on (0: a new proposal)'),
  recordedAt: z.string().max(40).describe('when it was recorded on the device (ISO 8601)'),
  recordedBy: uuid.nullable().optional().describe('the user who recorded it on the device'),
};

/**
 * The earlier changes of the same installation to the same record that a change follows (an offline
 * installation that changed a record again after a field-changes export, before its next working set): their
 * ids, oldest first — the change was made on what the last of them leaves — and the online version (for a
 * Musdes row: the outcome) the first was made on. Online, the change applies on what the last of them that
 * arrived left there, or on the first one's base when none arrived (a lost or not yet imported bundle); a
 * record changed online since then is a conflict. Also the shape an offline installation keeps of what it
 * sent (`offline_mirror.sent_chain`, the last one sent included).
 */
export const ChangeChain = z.strictObject({
  changes: z
    .array(
      z.strictObject({
        id: uuid,
        /** A Musdes row: the outcome that change decided. */
        outcome: z.enum(OUTCOMES).optional(),
      }),
    )
    .min(1)
    .max(1000),
  /** A proposal: the online version the first change was made on (0: it created the proposal). */
  baseVersion: z.number().int().min(0).optional(),
  /** A Musdes row: its outcome when the first change was made (null: undecided). */
  baseOutcome: z.enum(OUTCOMES).nullable().optional(),
});
export type ChangeChain = z.infer<typeof ChangeChain>;

export const UsulanDraftChange = z.strictObject({
  ...common,
  kind: z.literal('usulan.draft'),
  after: ChangeChain.optional().describe(
    'earlier changes of this proposal it follows (offline installation; see ChangeChain)',
  ),
  payload: z.strictObject({
    proposal: UsulanCreate,
    photos: z.array(PhotoRef).max(10).default([]),
  }),
});

export const VisitChange = z.strictObject({
  ...common,
  kind: z.literal('verivali.visit'),
  payload: VisitRecord.omit({ version: true }).extend({ photos: z.array(PhotoRef).max(10).default([]) }),
});

export const MusdesOutcomeChange = z.strictObject({
  ...common,
  kind: z.literal('musdes.outcome'),
  payload: z.strictObject({
    sessionId: uuid,
    outcome: z.enum(OUTCOMES),
    note: text(500).optional(),
    /** The row's outcome when the device downloaded it (null: undecided); another one now is a conflict. */
    baseOutcome: z.enum(OUTCOMES).nullable(),
  }),
  after: ChangeChain.optional().describe(
    'earlier decisions of this row it follows (offline installation; see ChangeChain)',
  ),
});

export const SyncChange = z.discriminatedUnion('kind', [UsulanDraftChange, VisitChange, MusdesOutcomeChange]);
export type SyncChange = z.infer<typeof SyncChange>;
export type UsulanDraftChange = z.infer<typeof UsulanDraftChange>;
export type VisitChange = z.infer<typeof VisitChange>;
export type MusdesOutcomeChange = z.infer<typeof MusdesOutcomeChange>;

export const SYNC_STATUSES = ['created', 'updated', 'unchanged', 'conflict', 'rejected'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** What applying one change did. */
export const SyncResult = z.object({
  id: z.string(),
  kind: z.string(),
  targetId: z.string(),
  status: z.enum(SYNC_STATUSES),
  /** The target's version after it (created, updated, unchanged when known). */
  version: z.number().int().optional(),
  /** Why it was refused or conflicts: a catalogue code and its text in the request's language. */
  reason: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The field problems of a refused change. */
  errors: z
    .array(
      z.object({
        field: z.string(),
        code: z.string(),
        message: z.string(),
        severity: z.enum(['error', 'warning']),
      }),
    )
    .optional(),
  /** A conflict's server side: the target as it is now, to show beside the device's version. */
  current: z.record(z.string(), z.unknown()).optional(),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const SyncRequest = z.strictObject({
  changes: z.array(SyncChange).min(1).max(100),
  /** The photos the changes name, base64, by ref. */
  files: z.record(z.string(), z.string()).default({}),
});

export const SyncResponse = z.object({ results: z.array(SyncResult) });

export const WorkingSetQuery = z.strictObject({
  region: RegionCodeParam,
  lang: z.enum(['id', 'en']).optional(),
});

/** A photo's size before it is read: the largest one a change may carry. */
export const MAX_PHOTO_BYTES = MAX_ATTACHMENT_BYTES;

/** One record of a working set (NDJSON line). */
export type WorkingSetRecord =
  | { type: 'meta'; data: Record<string, unknown> }
  | { type: 'region'; data: Record<string, unknown> }
  | { type: 'codes'; data: Record<string, unknown> }
  | { type: 'household'; data: Record<string, unknown> }
  | { type: 'usulan'; data: Record<string, unknown> }
  | { type: 'visit'; data: Record<string, unknown> }
  | { type: 'musdes'; data: Record<string, unknown> }
  | { type: 'musdes_row'; data: Record<string, unknown> }
  | { type: 'end'; data: { counts: Record<string, number> } };
