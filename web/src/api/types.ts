/**
 * Shapes of API answers and requests, from the server's zod schemas (type-only imports: nothing of zod
 * reaches the bundle), so a contract change breaks the web build at compile time.
 */
import type { z } from 'zod';
import type { Entry } from '../../../src/modules/audit/audit.routes.ts';
import type { Me } from '../../../src/modules/auth/auth.routes.ts';
import type {
  Candidate,
  CandidateDetail as CandidateDetailSchema,
  Resolution,
} from '../../../src/modules/duplicates/duplicates.schemas.ts';
import type {
  History,
  HouseholdCreate,
  HouseholdDetail,
  HouseholdListItem,
  HouseholdPatch,
  Member,
  MemberInput,
  MemberPatch,
  PersonLookup,
  RegionCounts,
  Removal,
} from '../../../src/modules/households/households.schemas.ts';
import type { JobList, JobStarted, JobViewSchema } from '../../../src/modules/jobs/jobs.schemas.ts';
import type {
  PpksCreate,
  PpksDetail as PpksDetailSchema,
  PpksList,
  PpksListItem,
  PpksListQuery,
  PpksPatch,
} from '../../../src/modules/ppks/ppks.schemas.ts';
import type {
  PsksCreate,
  PsksDetail as PsksDetailSchema,
  PsksList,
  PsksListItem,
  PsksListQuery,
  PsksPatch,
} from '../../../src/modules/psks/psks.schemas.ts';
import type { RegionDetail, RegionView } from '../../../src/modules/regions/regions.routes.ts';
import type { History as SocialHistory } from '../../../src/modules/social/social.schemas.ts';
import type { ExportJobResult, ImportResult } from '../../../src/modules/transfer/transfer.schemas.ts';
import type { PublicUser } from '../../../src/modules/users/users.routes.ts';

export type {
  HouseholdCreate,
  HouseholdDetail,
  HouseholdListItem,
  HouseholdPatch,
  Member,
  MemberInput,
  MemberPatch,
  Removal,
};
export type HistoryAnswer = z.infer<typeof History>;
export type VersionEntry = HistoryAnswer['items'][number];
export type FieldChange = VersionEntry['changes']['household'][number];
export type PersonLookupAnswer = z.infer<typeof PersonLookup>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Matches over all pages, when the list counts them (on its first page). */
  total?: number | null;
}

export type { Me, RegionCounts, RegionDetail, RegionView };
/** A user as the user list shows them. */
export type UserView = PublicUser;
/** An audit log entry with the actor, record and region by name. */
export type AuditEntry = Entry;

export type RecordStatus = 'active' | 'removed';

export type PpksItem = z.infer<typeof PpksListItem>;
export type PpksPage = z.infer<typeof PpksList>;
/** What the list is asked (every parameter optional: the server fills the defaults). */
export type PpksQuery = Partial<z.infer<typeof PpksListQuery>>;
export type PpksDetail = z.infer<typeof PpksDetailSchema>;
export type PpksCategoryPeriod = PpksItem['categories'][number];
export type PpksInput = PpksCreate;
export type { PpksPatch, PsksPatch };
export type PsksItem = z.infer<typeof PsksListItem>;
export type PsksPage = z.infer<typeof PsksList>;
export type PsksQuery = Partial<z.infer<typeof PsksListQuery>>;
export type PsksDetail = z.infer<typeof PsksDetailSchema>;
export type PsksInput = PsksCreate;
export type RecordHistory = z.infer<typeof SocialHistory>;
export type ImportReport = z.infer<typeof ImportResult>;
export type ExportReport = z.infer<typeof ExportJobResult>;
export type ImportRow = ImportReport['rows'][number];
export type JobView = z.infer<typeof JobViewSchema>;
export type JobPage = z.infer<typeof JobList>;
export type JobSummary = JobPage['items'][number];
export type JobStartedAnswer = z.infer<typeof JobStarted>;
export type DuplicateCandidate = Candidate;
export type DuplicateDetail = z.infer<typeof CandidateDetailSchema>;
export type DuplicateResolution = Resolution;
