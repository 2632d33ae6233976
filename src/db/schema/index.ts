import type { IdentityProbeTable } from './access.table.ts';
import type { AuditChainTable, AuditLogTable, AuditSubjectTable } from './audit.table.ts';
import type { BundleImportsTable, BundleTrustedKeysTable, OfflineMirrorTable } from './bundles.table.ts';
import type {
  BeritaAcaraAcknowledgementTable,
  ChainSettingsTable,
  SubmissionCommentTable,
} from './chain.table.ts';
import type { CitizenAccountTable, CitizenCodeTable, CitizenSessionTable } from './citizen.table.ts';
import type {
  AttachmentTable,
  DukcapilImportTable,
  DukcapilMatchTable,
  IneligibleTable,
  MusdesRowTable,
  MusdesSessionTable,
  NotificationReadTable,
  NotificationTable,
  PeriodRegionCountTable,
  PeriodTable,
  PeriodVillageCountTable,
  SnapshotChangeTable,
  SnapshotHouseholdTable,
  SubmissionTable,
  UsulanNikTable,
  UsulanTable,
  VisitTable,
} from './cycle.table.ts';
import type { DciPartnerTable, DciSubscriptionTable, DciTransactionTable } from './dci.table.ts';
import type {
  DistributionBatchTable,
  DistributionPointTable,
  DistributionRecordTable,
  DistributionRecordVersionTable,
  DistributionScheduleTable,
  DistributionStockTable,
  EntitlementTable,
  ReceiptTable,
} from './distribution.table.ts';
import type { DukcapilRejectTable } from './dukcapil.table.ts';
import type { DuplicateCandidateTable } from './duplicates.table.ts';
import type {
  HouseholdCountTable,
  HouseholdTable,
  NikRegistryTable,
  PersonTable,
  RecordVersionTable,
} from './household.table.ts';
import type { JobInputTable, JobTable } from './jobs.table.ts';
import type { AbuseReportTable, PublicCheckTable } from './public.table.ts';
import type {
  MinimumWageTable,
  ProgrammeTable,
  ProgrammeVersionTable,
  RankingModelTable,
  RankingResultTable,
  RankingRunTable,
} from './ranking.table.ts';
import type {
  ProgrammeOptOutTable,
  RecipientCandidateTable,
  RecipientDecisionTable,
  RecipientRunTable,
  RecipientTable,
} from './recipients.table.ts';
import type { RegionTable } from './region.table.ts';
import type { ReportEventTable, ReportTable } from './reports.table.ts';
import type { SanggahTable } from './sanggah.table.ts';
import type { PpksCategoryTable, PpksTable, PsksTable } from './social.table.ts';
import type { SyncChangeTable } from './sync.table.ts';
import type { AidSourceEntryTable, AidSourceTable } from './targeting.table.ts';
import type { AuthSessionTable, LoginAttemptTable, UserTable } from './user.table.ts';

export * from './access.table.ts';
export * from './audit.table.ts';
export * from './bundles.table.ts';
export * from './chain.table.ts';
export * from './citizen.table.ts';
export * from './cycle.table.ts';
export * from './dci.table.ts';
export * from './distribution.table.ts';
export * from './dukcapil.table.ts';
export * from './duplicates.table.ts';
export * from './household.table.ts';
export * from './jobs.table.ts';
export * from './public.table.ts';
export * from './ranking.table.ts';
export * from './recipients.table.ts';
export * from './region.table.ts';
export * from './reports.table.ts';
export * from './sanggah.table.ts';
export * from './social.table.ts';
export * from './sync.table.ts';
export * from './targeting.table.ts';
export * from './user.table.ts';

export interface DB {
  dciPartners: DciPartnerTable;
  dciTransactions: DciTransactionTable;
  dciSubscriptions: DciSubscriptionTable;
  bundleTrustedKeys: BundleTrustedKeysTable;
  bundleImports: BundleImportsTable;
  offlineMirror: OfflineMirrorTable;
  reports: ReportTable;
  reportEvents: ReportEventTable;
  regions: RegionTable;
  users: UserTable;
  authSessions: AuthSessionTable;
  loginAttempts: LoginAttemptTable;
  identityProbes: IdentityProbeTable;
  households: HouseholdTable;
  householdCounts: HouseholdCountTable;
  persons: PersonTable;
  nikRegistry: NikRegistryTable;
  duplicateCandidates: DuplicateCandidateTable;
  recordVersions: RecordVersionTable;
  ppks: PpksTable;
  ppksCategories: PpksCategoryTable;
  psks: PsksTable;
  auditLog: AuditLogTable;
  auditSubjects: AuditSubjectTable;
  auditChain: AuditChainTable;
  periods: PeriodTable;
  periodRegionCounts: PeriodRegionCountTable;
  periodVillageCounts: PeriodVillageCountTable;
  attachments: AttachmentTable;
  usulan: UsulanTable;
  usulanNiks: UsulanNikTable;
  musdesSessions: MusdesSessionTable;
  musdesRows: MusdesRowTable;
  visits: VisitTable;
  dukcapilImports: DukcapilImportTable;
  dukcapilMatches: DukcapilMatchTable;
  dukcapilRejects: DukcapilRejectTable;
  ineligibleRegistry: IneligibleTable;
  submissions: SubmissionTable;
  submissionComments: SubmissionCommentTable;
  chainSettings: ChainSettingsTable;
  beritaAcaraAcknowledgements: BeritaAcaraAcknowledgementTable;
  snapshotHouseholds: SnapshotHouseholdTable;
  snapshotChanges: SnapshotChangeTable;
  notifications: NotificationTable;
  notificationReads: NotificationReadTable;
  jobs: JobTable;
  minimumWages: MinimumWageTable;
  rankingModels: RankingModelTable;
  rankingRuns: RankingRunTable;
  rankingResults: RankingResultTable;
  publicChecks: PublicCheckTable;
  abuseReports: AbuseReportTable;
  aidSources: AidSourceTable;
  aidSourceEntries: AidSourceEntryTable;
  jobInputs: JobInputTable;
  programmes: ProgrammeTable;
  programmeVersions: ProgrammeVersionTable;
  citizenAccounts: CitizenAccountTable;
  citizenCodes: CitizenCodeTable;
  citizenSessions: CitizenSessionTable;
  sanggah: SanggahTable;
  recipientRuns: RecipientRunTable;
  programmeOptOuts: ProgrammeOptOutTable;
  recipientCandidates: RecipientCandidateTable;
  recipientDecisions: RecipientDecisionTable;
  recipients: RecipientTable;
  distributionBatches: DistributionBatchTable;
  distributionRecords: DistributionRecordTable;
  distributionRecordVersions: DistributionRecordVersionTable;
  distributionPoints: DistributionPointTable;
  distributionSchedules: DistributionScheduleTable;
  entitlements: EntitlementTable;
  receipts: ReceiptTable;
  distributionStock: DistributionStockTable;
  syncChanges: SyncChangeTable;
}
