/**
 * Composition root: database → repositories → services. HTTP, CLI and jobs all build one of these and call
 * the same services, so every rule (territory, roles, audit) applies on every path.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from './config.ts';
import { createDb, type Database } from './db/dialect.ts';
import { isRole } from './domain/access/roles.ts';
import { isRecordId } from './lib/ids.ts';
import { IdentityGuard } from './modules/access/identity-guard.ts';
import { IdentityProbesRepository } from './modules/access/identity-probes.repository.ts';
import { aidSourceImportJob } from './modules/aid-sources/aid-sources.jobs.ts';
import { AidSourcesRepository } from './modules/aid-sources/aid-sources.repository.ts';
import { AidSourcesService } from './modules/aid-sources/aid-sources.service.ts';
import { AnalyticsRepository } from './modules/analytics/analytics.repository.ts';
import { AnalyticsService } from './modules/analytics/analytics.service.ts';
import { AttachmentsRepository } from './modules/attachments/attachments.repository.ts';
import { AttachmentsService } from './modules/attachments/attachments.service.ts';
import { BlobStore } from './modules/attachments/blob-store.ts';
import { AuditKeys, Ed25519Keys } from './modules/audit/audit.keys.ts';
import { AuditRepository } from './modules/audit/audit.repository.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { AuthRepository } from './modules/auth/auth.repository.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { SessionCache } from './modules/auth/session-cache.ts';
import { bundleImportJob } from './modules/bundles/bundles.jobs.ts';
import { BundlesRepository } from './modules/bundles/bundles.repository.ts';
import { BundlesService } from './modules/bundles/bundles.service.ts';
import { WorkingSetMirror } from './modules/bundles/working-set.mirror.ts';
import { ChainRepository } from './modules/chain/chain.repository.ts';
import { ChainService } from './modules/chain/chain.service.ts';
import { CitizenRepository } from './modules/citizen/citizen.repository.ts';
import { CitizenService } from './modules/citizen/citizen.service.ts';
import { LogCodeSender } from './modules/citizen/code-sender.ts';
import { dciCallbackJob } from './modules/dci/dci.jobs.ts';
import { DciRepository } from './modules/dci/dci.repository.ts';
import { DciService } from './modules/dci/dci.service.ts';
import { distributionJob } from './modules/distribution/distribution.jobs.ts';
import { DistributionRepository } from './modules/distribution/distribution.repository.ts';
import { DistributionService } from './modules/distribution/distribution.service.ts';
import { dukcapilMatchJob, dukcapilServiceJob } from './modules/dukcapil/dukcapil.jobs.ts';
import { DukcapilRepository } from './modules/dukcapil/dukcapil.repository.ts';
import { DukcapilService } from './modules/dukcapil/dukcapil.service.ts';
import { DuplicateFinder } from './modules/duplicates/duplicates.finder.ts';
import { DuplicatesRepository } from './modules/duplicates/duplicates.repository.ts';
import { DuplicatesService } from './modules/duplicates/duplicates.service.ts';
import { EligibilityRepository } from './modules/eligibility/eligibility.repository.ts';
import { EligibilityService } from './modules/eligibility/eligibility.service.ts';
import { HouseholdsRepository } from './modules/households/households.repository.ts';
import { HouseholdsService } from './modules/households/households.service.ts';
import { JobsRepository } from './modules/jobs/jobs.repository.ts';
import { JobsService } from './modules/jobs/jobs.service.ts';
import { MusdesRepository } from './modules/musdes/musdes.repository.ts';
import { MusdesService } from './modules/musdes/musdes.service.ts';
import { NotificationsService } from './modules/notifications/notifications.service.ts';
import { Metrics } from './modules/ops/metrics.ts';
import { OpsRepository } from './modules/ops/ops.repository.ts';
import { OpsService } from './modules/ops/ops.service.ts';
import { penetapanJob } from './modules/penetapan/penetapan.jobs.ts';
import { PenetapanRepository } from './modules/penetapan/penetapan.repository.ts';
import { PenetapanService } from './modules/penetapan/penetapan.service.ts';
import { SubmissionsRepository } from './modules/pengesahan/pengesahan.repository.ts';
import { SubmissionsService } from './modules/pengesahan/pengesahan.service.ts';
import { PpksRepository } from './modules/ppks/ppks.repository.ts';
import { PpksService } from './modules/ppks/ppks.service.ts';
import { ProgrammesRepository } from './modules/programmes/programmes.repository.ts';
import { ProgrammesService } from './modules/programmes/programmes.service.ts';
import { ProgressRepository } from './modules/progress/progress.repository.ts';
import { ProgressService } from './modules/progress/progress.service.ts';
import { PsksRepository } from './modules/psks/psks.repository.ts';
import { PsksService } from './modules/psks/psks.service.ts';
import { MemoryCounterStore, RedisCounterStore } from './modules/public/public.counters.ts';
import { PublicKeys } from './modules/public/public.keys.ts';
import { PublicRepository } from './modules/public/public.repository.ts';
import { PublicService } from './modules/public/public.service.ts';
import { chatSenderOf, DEFAULT_WALIM, WalimOutbox, walimReplyJob } from './modules/public/walim.outbox.ts';
import { rankingJob } from './modules/ranking/ranking.jobs.ts';
import { RankingRepository } from './modules/ranking/ranking.repository.ts';
import { RankingService } from './modules/ranking/ranking.service.ts';
import { invitationsJob } from './modules/receipts/invitations.jobs.ts';
import { ReceiptsService } from './modules/receipts/receipts.service.ts';
import { publishedProgrammes } from './modules/recipients/programme-source.ts';
import { recipientsJob } from './modules/recipients/recipients.jobs.ts';
import { RecipientsRepository } from './modules/recipients/recipients.repository.ts';
import { RecipientsService } from './modules/recipients/recipients.service.ts';
import { RegionsRepository } from './modules/regions/regions.repository.ts';
import { RegionsService } from './modules/regions/regions.service.ts';
import { ReportsRepository } from './modules/reports/reports.repository.ts';
import { ReportsService } from './modules/reports/reports.service.ts';
import { SanggahRepository } from './modules/sanggah/sanggah.repository.ts';
import { SanggahService } from './modules/sanggah/sanggah.service.ts';
import { SeedRepository } from './modules/seed/seed.repository.ts';
import { SeedService } from './modules/seed/seed.service.ts';
import { RecordVersionsRepository } from './modules/social/record-versions.repository.ts';
import { SyncRepository } from './modules/sync/sync.repository.ts';
import { SyncService } from './modules/sync/sync.service.ts';
import { TodoRepository } from './modules/todo/todo.repository.ts';
import { TodoService } from './modules/todo/todo.service.ts';
import { ExportFiles } from './modules/transfer/export-files.ts';
import { householdExportJob, householdImportJob } from './modules/transfer/transfer.jobs.ts';
import { TransferRepository } from './modules/transfer/transfer.repository.ts';
import { TransferService } from './modules/transfer/transfer.service.ts';
import { UsersRepository } from './modules/users/users.repository.ts';
import { UsersService } from './modules/users/users.service.ts';
import { UsulanRepository } from './modules/usulan/usulan.repository.ts';
import { UsulanService } from './modules/usulan/usulan.service.ts';
import { VerivaliRepository } from './modules/verivali/verivali.repository.ts';
import { VerivaliService } from './modules/verivali/verivali.service.ts';
import { WagesRepository } from './modules/wages/wages.repository.ts';
import { WagesService } from './modules/wages/wages.service.ts';

export interface Container {
  database: Database;
  config: Config;
  metrics: Metrics;
  ops: OpsService;
  attachments: AttachmentsService;
  notifications: NotificationsService;
  usulan: UsulanService;
  musdes: MusdesService;
  submissions: SubmissionsService;
  chain: ChainService;
  penetapan: PenetapanService;
  regions: RegionsService;
  audit: AuditService;
  users: UsersService;
  auth: AuthService;
  households: HouseholdsService;
  duplicates: DuplicatesService;
  seed: SeedService;
  ppks: PpksService;
  psks: PsksService;
  transfer: TransferService;
  verivali: VerivaliService;
  dukcapil: DukcapilService;
  eligibility: EligibilityService;
  progress: ProgressService;
  todo: TodoService;
  jobs: JobsService;
  wages: WagesService;
  ranking: RankingService;
  programmes: ProgrammesService;
  citizen: CitizenService;
  sanggah: SanggahService;
  /** Cek Bansos, WALIM, public statistics (issue 14). */
  publicPortal: PublicService;
  recipients: RecipientsService;
  distribution: DistributionService;
  aidSources: AidSourcesService;
  analytics: AnalyticsService;
  /** Laporan / pengaduan (issue 14). */
  reports: ReportsService;
  receipts: ReceiptsService;
  /** The DCI social-registry API for partner systems (issue 16). */
  dci: DciService;
  /** Offline sync: changes from the field app and bundles, the working set (issue 16). */
  sync: SyncService;
  /** Signed transfer bundles (.siks, issue 16). */
  bundles: BundlesService;
  close(): Promise<void>;
}

/**
 * `shared.regions`: the region index of another container over the same database, instead of loading it
 * again (the demo seed builds a second container with its own clock).
 */
export function createContainer(
  database: Database = createDb(),
  config: Config = loadConfig(),
  shared: { regions?: RegionsService } = {},
): Container {
  const { db } = database;
  const auditRepo = new AuditRepository(database.engine);
  const sessionCache = new SessionCache();
  const usersRepo = new UsersRepository(sessionCache);
  const regions = shared.regions ?? new RegionsService(db, new RegionsRepository());
  const metrics = new Metrics(database);
  const ops = new OpsService({ database, repo: new OpsRepository() });
  const audit = new AuditService(db, auditRepo, new AuditKeys(config), {
    observeAppend: (mode, seconds) => metrics.observeAuditAppend(mode, seconds),
    regionNames: (codes) => regions.names(codes),
  });
  const users = new UsersService(db, usersRepo, regions, audit);
  const authRepo = new AuthRepository();
  const auth = new AuthService(db, authRepo, usersRepo, users, audit, sessionCache);
  const notifications = new NotificationsService(db, audit, config.now);
  const identity = new IdentityGuard({
    db,
    repo: new IdentityProbesRepository(),
    audit,
    notifications,
    config,
  });
  const householdsRepo = new HouseholdsRepository(database.engine.name);
  const duplicatesRepo = new DuplicatesRepository();
  const finder = new DuplicateFinder(duplicatesRepo);
  const households = new HouseholdsService(db, householdsRepo, regions, audit, identity, finder);
  const duplicates = new DuplicatesService({ db, repo: duplicatesRepo, finder, households, regions, audit });
  const blobs = new BlobStore(join(config.dataDir, 'blobs'));
  const attachments = new AttachmentsService(db, new AttachmentsRepository(), blobs, audit, config.now);
  const usulanRepo = new UsulanRepository(database.engine);
  const usulan = new UsulanService({
    db,
    repo: usulanRepo,
    householdsRepo,
    households,
    regions,
    attachments,
    notifications,
    audit,
    identity,
    config,
    citizens: new CitizenRepository(),
  });
  const chainRepo = new ChainRepository();
  const musdesRepo = new MusdesRepository();
  const musdes = new MusdesService({
    db,
    repo: musdesRepo,
    chainRepo,
    usulan,
    usulanRepo,
    regions,
    attachments,
    notifications,
    audit,
    config,
  });
  usulan.placeWith(musdes);
  const chain = new ChainService({ db, repo: chainRepo, regions, notifications, audit, config });
  const submissions = new SubmissionsService({
    db,
    repo: new SubmissionsRepository(),
    chain,
    regions,
    attachments,
    notifications,
    audit,
    config,
  });
  const penetapan = new PenetapanService({
    db,
    repo: new PenetapanRepository(database.engine),
    submissions,
    regions,
    households,
    usulan,
    attachments,
    blobs,
    notifications,
    audit,
    config,
  });
  const seed = new SeedService(db, new SeedRepository(), regions, households);
  const socialVersions = new RecordVersionsRepository();
  const ppks = new PpksService(db, new PpksRepository(), socialVersions, regions, audit, identity);
  const psks = new PsksService(db, new PsksRepository(), socialVersions, regions, audit, identity);
  const jobs = new JobsService({ db, repo: new JobsRepository(database.engine), audit, config });
  const transfer = new TransferService(
    db,
    new TransferRepository(),
    households,
    regions,
    audit,
    identity,
    jobs,
  );
  metrics.addGauge('dtks_jobs', 'Jobs in the queue by state', ['state'], async (set) => {
    for (const [state, n] of Object.entries(await jobs.countsByState())) set({ state }, n);
  });
  jobs.register(householdImportJob(transfer));
  jobs.register(
    householdExportJob(
      transfer,
      new ExportFiles(join(config.dataDir, 'exports'), config.exportTtlHours, config.now),
    ),
  );
  jobs.register(penetapanJob(penetapan));
  const verivali = new VerivaliService({
    db,
    repo: new VerivaliRepository(),
    householdsRepo,
    households,
    usulan,
    regions,
    attachments,
    audit,
    identity,
    config,
  });
  const dukcapil = new DukcapilService({
    db,
    repo: new DukcapilRepository(),
    households,
    regions,
    notifications,
    audit,
    config,
  });
  jobs.register(dukcapilMatchJob(dukcapil));
  jobs.register(dukcapilServiceJob(dukcapil));
  const eligibility = new EligibilityService({
    db,
    repo: new EligibilityRepository(),
    householdsRepo,
    households,
    regions,
    audit,
    config,
    citizens: new CitizenRepository(),
  });
  const progress = new ProgressService({ db, repo: new ProgressRepository(), usulan, regions });
  const citizen = new CitizenService({
    db,
    repo: new CitizenRepository(),
    loginAttempts: authRepo,
    householdsRepo,
    regions,
    attachments,
    audit,
    sender: config.codeSender ?? new LogCodeSender(),
    config,
  });
  const sanggah = new SanggahService({
    db,
    repo: new SanggahRepository(),
    citizens: new CitizenRepository(),
    householdsRepo,
    eligibility,
    verivali,
    regions,
    attachments,
    audit,
    config,
  });
  const todo = new TodoService({ db, repo: new TodoRepository(), regions, chain, config });
  const wages = new WagesService({ db, repo: new WagesRepository(), regions, audit });
  const rankingRepo = new RankingRepository(database.engine);
  const ranking = new RankingService({ db, repo: rankingRepo, audit });
  jobs.register(rankingJob(ranking));
  const programmes = new ProgrammesService({ db, repo: new ProgrammesRepository(), audit });
  const publicCounters = config.redisUrl
    ? RedisCounterStore.connect(config.redisUrl, process.env.REDIS_PREFIX || 'dtks:public:')
    : new MemoryCounterStore();
  const recipients = new RecipientsService({
    db,
    repo: new RecipientsRepository(database.engine),
    programmes: publishedProgrammes(programmes),
    eligibility,
    wages,
    regions,
    audit,
    config,
    evaluation: {
      threads: config.recipientThreads,
      // SQLite: the threads read the snapshots, so the one connection (the writer's thread) does not. On
      // PostgreSQL the job's reads are asynchronous and the server does their work: threads reading there
      // gained nothing and took ~150 MiB more (bench/results/recipients-national.md).
      source: database.engine.name === 'sqlite' ? database.readerUrl : undefined,
    },
  });
  jobs.register(recipientsJob(recipients));
  const distribution = new DistributionService({
    db,
    repo: new DistributionRepository(),
    regions,
    programmes,
    audit,
    config,
  });
  jobs.register(distributionJob(distribution));
  const walim = config.walim ?? DEFAULT_WALIM;
  jobs.register(walimReplyJob(chatSenderOf(walim), walim));
  const publicKeys = new PublicKeys(config);
  const publicPortal = new PublicService({
    db,
    repo: new PublicRepository({ groupsLookups: database.engine.roundTrips }),
    regions,
    keys: publicKeys,
    counters: publicCounters,
    programmes: recipients,
    distribution,
    outbox: new WalimOutbox(jobs),
    settings: {
      ...(walim.verifyToken ? { chatVerifyToken: walim.verifyToken } : {}),
      ...(config.publicChallenge ? { challenge: config.publicChallenge } : {}),
      ...(config.publicLimits ? { limits: config.publicLimits } : {}),
      ...(config.chatWebhookSecrets ? { chatSecrets: config.chatWebhookSecrets } : {}),
      ...(config.publicCheckRetentionDays ? { checkRetentionDays: config.publicCheckRetentionDays } : {}),
      ...(config.publicStatsMinCell ? { minCell: config.publicStatsMinCell } : {}),
    },
    now: config.now,
  });
  const aidSources = new AidSourcesService({ db, repo: new AidSourcesRepository(), regions, audit, config });
  jobs.register(aidSourceImportJob(aidSources));
  const analytics = new AnalyticsService({
    db,
    repo: new AnalyticsRepository(),
    rankings: rankingRepo,
    regions,
    audit,
  });
  const reports = new ReportsService({
    db,
    repo: new ReportsRepository(),
    regions,
    audit,
    counters: publicCounters,
    keys: publicKeys,
    portal: publicPortal,
    attachments,
    sla: config.reportSla,
    limits: config.reportLimits,
    now: config.now,
  });
  const receipts = new ReceiptsService({
    db,
    keys: new Ed25519Keys(
      { dataDir: config.dataDir, ...(config.keyDir ? { keyDir: config.keyDir } : {}) },
      'distribution',
    ),
    audit,
    attachments,
    programmes,
    ...(config.now ? { now: config.now } : {}),
  });
  const dci = new DciService({
    db,
    repo: new DciRepository(),
    rankings: rankingRepo,
    audit,
    keys: new Ed25519Keys(
      { dataDir: config.dataDir, ...(config.keyDir ? { keyDir: config.keyDir } : {}) },
      'dci',
    ),
    jobs,
    ...(config.now ? { now: config.now } : {}),
    allowPrivateCallbacks: config.dciAllowPrivateCallbacks === true,
  });
  jobs.register(dciCallbackJob(dci, config.dciCallbackRetry ?? { attempts: 8, backoffMs: 10_000 }));
  const sync = new SyncService({
    db,
    repo: new SyncRepository(),
    usulan,
    verivali,
    musdes,
    musdesRepo,
    attachments,
    regions,
    audit,
    config,
  });
  jobs.register(
    invitationsJob(receipts, {
      dir: join(config.dataDir, 'invitations'),
      ttlHours: config.exportTtlHours,
      now: config.now,
      threads: config.invitationThreads ?? availableParallelism(),
    }),
  );
  const bundlesRepo = new BundlesRepository();
  const bundles = new BundlesService({
    db,
    recorders: async (id) => {
      const u = isRecordId(id) ? await usersRepo.findById(db, id) : undefined;
      return u?.status === 'active' && isRole(u.role)
        ? {
            userId: u.id,
            username: u.username,
            role: u.role,
            regionCode: u.regionCode,
            ip: null,
            userAgent: 'bundle',
          }
        : undefined;
    },
    repo: bundlesRepo,
    keys: new Ed25519Keys(
      { dataDir: config.dataDir, ...(config.keyDir ? { keyDir: config.keyDir } : {}) },
      'bundle',
    ),
    sync,
    workingSets: new WorkingSetMirror({ db, repo: bundlesRepo, householdsRepo, now: () => config.now() }),
    attachments,
    audit,
    config,
  });
  jobs.register(bundleImportJob(bundles));
  return {
    database,
    config,
    metrics,
    ops,
    attachments,
    notifications,
    usulan,
    musdes,
    submissions,
    chain,
    penetapan,
    regions,
    audit,
    users,
    auth,
    households,
    duplicates,
    seed,
    ppks,
    psks,
    transfer,
    verivali,
    dukcapil,
    eligibility,
    progress,
    todo,
    jobs,
    wages,
    ranking,
    programmes,
    publicPortal,
    citizen,
    reports,
    sanggah,
    close: async () => {
      await recipients.close();
      await publicCounters.close();
      await database.close();
    },
    recipients,
    distribution,
    aidSources,
    analytics,
    receipts,
    dci,
    sync,
    bundles,
  };
}
