import { z } from 'zod';
import { submissionMachine } from '../../domain/lifecycle/machines.ts';
import { CursorParam, PeriodParam, RegionCodeParam } from '../../http/params.ts';
import { text } from '../households/households.schemas.ts';

const period = PeriodParam;
const lang = z.enum(['id', 'en']).optional();

export const SubmissionCreate = z.strictObject({
  period,
  /** Defaults to the caller's regency. */
  regencyCode: z.string().max(20).optional(),
});
export type SubmissionCreate = z.infer<typeof SubmissionCreate>;

export const SubmissionStep = z.strictObject({ version: z.number().int().min(1) });
export const SubmissionSubmit = SubmissionStep.extend({
  /** Sends it although villages are still open or proposals unresolved (the answer 409 lists them). */
  confirm: z.boolean().optional(),
});
export const SubmissionForward = z.strictObject({
  version: z.number().int().min(1),
  /** A comment kept with the submission (optional). */
  comment: text(1000).min(3).optional(),
});
export const SubmissionComment = z.strictObject({ body: text(1000).min(3) });
export const SubmissionReturn = z.strictObject({
  version: z.number().int().min(1),
  note: text(500).min(3),
});

export const SubmissionListQuery = z.strictObject({
  period: period.optional(),
  region: RegionCodeParam.optional(),
  state: z.enum(['draft', 'at_province', 'submitted', 'returned', 'determined']).optional(),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang,
});
export type SubmissionListQuery = z.infer<typeof SubmissionListQuery>;

export const OverviewQuery = z.strictObject({
  period,
  province: RegionCodeParam.optional(),
  lang,
});

const BeritaAcara = z.object({
  sessionId: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  heldOn: z.string().nullable(),
  beritaAcaraId: z.string().nullable(),
  signedScanId: z.string().nullable(),
  signedAt: z.string(),
});

/** src/domain/cycle/unresolved.ts: villages still deliberating and proposals still moving. */
export const Unresolved = z.object({
  openSessions: z.array(
    z.object({ sessionId: z.string(), villageCode: z.string(), villageName: z.string(), state: z.string() }),
  ),
  pendingUsulan: z.array(
    z.object({
      id: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      kind: z.string(),
      state: z.string(),
    }),
  ),
  pendingTotal: z.number(),
  villagesWithoutSession: z.number(),
});

/** What may still block `submit` (SubmissionView.missing). */
export const SUBMISSION_REQUIREMENTS = [
  'approval_letter',
  'berita_acara',
  'acknowledged_berita_acara',
] as const;

export const SubmissionListItem = z.object({
  id: z.string(),
  period: z.string(),
  provinceCode: z.string(),
  regencyCode: z.string(),
  regencyName: z.string(),
  state: z.enum(submissionMachine.states),
  hasApprovalLetter: z.boolean(),
  beritaAcaraCount: z.number(),
  submittedAt: z.string().nullable(),
  /** While at the province: when it forwards itself to Pusdatin (null: only by hand). */
  forwardDueAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type SubmissionListItem = z.infer<typeof SubmissionListItem>;

export const SubmissionList = z.object({
  /** The period screens open on: the newest with a submission or a signed Berita Acara, else the current one. */
  workPeriod: z.string(),
  items: z.array(SubmissionListItem),
  nextCursor: z.string().nullable(),
});
export type SubmissionList = z.infer<typeof SubmissionList>;

export const SubmissionView = SubmissionListItem.extend({
  allowedActions: z.array(z.string()),
  approvalLetter: z
    .object({
      id: z.string(),
      mime: z.string(),
      size: z.number(),
      originalName: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
  /** Signed Berita Acara in the set: live while draft/returned, frozen at submission. */
  beritaAcara: z.array(BeritaAcara),
  villages: z.object({
    total: z.number(),
    signed: z.number(),
    /** Villages of the regency with no signed Musdes/Muskel session for the period yet. */
    withoutSigned: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
  /** The chain settings that govern this regency (src/domain/cycle/chain.ts). */
  chain: z.object({
    kecamatanAcknowledgement: z.boolean(),
    provinceReview: z.boolean(),
    autoForwardDays: z.number().nullable(),
  }),
  /** Signed Berita Acara not (yet) counted: waiting for the kecamatan, or returned to the village. */
  awaitingAcknowledgement: z.array(
    z.object({
      sessionId: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      state: z.enum(['pending', 'acknowledged', 'returned']),
    }),
  ),
  comments: z.array(
    z.object({
      id: z.string(),
      /** The author's full name (display name; the username only when the account no longer exists). */
      authorName: z.string(),
      authorRole: z.string(),
      /** The region the author's office serves ('' for the nation) and its name (null for the nation). */
      authorRegion: z.string(),
      authorRegionName: z.string().nullable(),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  usulan: z.array(z.object({ state: z.string(), count: z.number() })),
  /** What still blocks `submit` (empty when it may be submitted). */
  missing: z.array(z.enum(SUBMISSION_REQUIREMENTS)),
  /** While draft/returned: what sending now would leave behind, to be confirmed (null once sent). */
  unresolved: Unresolved.nullable(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

export const Overview = z.object({
  period: z.string(),
  totals: z.record(z.string(), z.number()),
  provinces: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      regencies: z.number(),
      states: z.record(z.string(), z.number()),
    }),
  ),
  regencies: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      provinceCode: z.string(),
      /** `none`: the regency has not opened a submission for the period. */
      state: z.enum([...submissionMachine.states, 'none']),
      submissionId: z.string().nullable(),
      submittedAt: z.string().nullable(),
    }),
  ),
});
export type Overview = z.infer<typeof Overview>;
