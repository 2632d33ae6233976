/**
 * Distribution with PT Pos (issue 15, docs/distribution.md). An approved recipient period becomes a batch per
 * regency and programme; the partner (role `pos`) reads its records — only name, KK, address, programme and
 * amount, every read audited — and returns incomplete ones with a reason code; the Dinas Sosial completes and
 * re-sends them (a re-send identical to what was returned is refused); every step is a numbered version both
 * sides read. Points with coverage and schedules; KPM mapped to points from RT/RW; allocation per point; stock
 * from procurement (`pengadaan`); reconciliation per point, village, kecamatan, regency, province and nation.
 * Territory as everywhere: a batch or point outside the actor's territory answers like an absent one.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type {
  DB,
  DistributionBatchRow,
  DistributionPointRow,
  DistributionRecordRow,
  DistributionRecordVersionTable,
  EntitlementTable,
} from '../../db/schema/index.ts';
import { isPartner, isWithinTerritory, levelOfTerritory } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { checkPeriod } from '../../domain/cycle/period.ts';
import { allocationPerPoint, entitlementsFor, stockBalance } from '../../domain/distribution/allocation.ts';
import { canonicalRecord, isUnchangedResend, type RecordFields } from '../../domain/distribution/cleaning.ts';
import { handOverComplete } from '../../domain/distribution/hand-over.ts';
import {
  type Coverage,
  coverageProblems,
  mapToPoint,
  type PointInput,
} from '../../domain/distribution/mapping.ts';

export type { PointInput } from '../../domain/distribution/mapping.ts';

import { type Figures, figuresFrom, rollUp } from '../../domain/distribution/reconciliation.ts';
import type {
  DistributionForm,
  RecordState,
  RecordStep,
  ReturnReason,
} from '../../domain/distribution/states.ts';
import { AppError, issue, notFound, validationError } from '../../domain/errors.ts';
import { type DistributionHouseholds, emptyDistributionHouseholds } from '../../domain/public/suppression.ts';
import { afterIdOf, pageOf } from '../../lib/cursor.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import {
  auditedExportPages,
  exportPageEvent,
  findRecord,
  recordListRead,
  requestedScope,
} from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { JobContext } from '../jobs/jobs.service.ts';
import type { ProgrammesService } from '../programmes/programmes.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { XLSX_MAX_RECORDS, xlsxTooMany } from './distribution.export.ts';
import type { DistributionRepository, RecipientAtHome } from './distribution.repository.ts';

const BATCH = label('record.distribution_batch');
const POINT = label('record.distribution_point');
const RECORD = label('record.distribution_record');
/** Recipients written per transaction (and per checkpoint) while a batch is prepared. */
const PAGE = 1000;
/** Hand-overs of more approved recipients than this run as a job (`distribution.batch`), not in the request. */
export const BIG_BATCH = 5000;
/** Records read per page of a batch export. */
const EXPORT_PAGE = 5000;

/** What a hand-over needs of a job: progress with the state to resume from (unused: it resumes from the rows). */
export type RunContext = Pick<JobContext<unknown>, 'checkpoint'>;

export interface BatchInput {
  period: string;
  programme: string;
  regency: string;
  form?: DistributionForm;
  tranches?: number;
  packagesPerKpm?: number;
  packageValue?: number;
}

export interface BatchView {
  id: string;
  period: string;
  programme: string;
  /**
   * The programme's name as published (the shipped default's, or its code, until one is): the partner reads no programme list, and a
   * code such as PROV_33_SANTUNAN_LANSIA means nothing on its screen.
   */
  programmeName: { id: string; en: string };
  regencyCode: string;
  form: DistributionForm;
  tranches: number;
  packagesPerKpm: number;
  packageValue: number;
  state: DistributionBatchRow['state'];
  records: number;
  amount: number;
  /** Records per cleaning state. */
  counts: Record<RecordState, number>;
  createdAt: string;
  sentAt: string | null;
  /** When the partner accepted the batch (null before). */
  acceptedAt: string | null;
}

/** A record as the partner sees it: name, KK, address, programme (of the batch), amount. */
export interface RecordView {
  householdId: string;
  villageCode: string;
  kkNumber: string;
  headName: string;
  address: string;
  rt: string;
  rw: string;
  amount: number;
  state: RecordState;
  reasonCode: string | null;
  version: number;
  pointId: string | null;
}

export interface ReconciliationView extends Figures {
  period: string;
  region: string;
  regionName: string | null;
  children: ({ code: string; name: string | null } & Figures)[];
}

export interface DistributionDeps {
  db: Kysely<DB>;
  repo: DistributionRepository;
  regions: RegionsService;
  /** The programme's published name for a batch. */
  programmes: Pick<ProgrammesService, 'current' | 'displayName'>;
  audit: AuditService;
  config: Config;
}

function fieldsOf(r: RecordFields): RecordFields {
  return { headName: r.headName, kkNumber: r.kkNumber, address: r.address, rt: r.rt, rw: r.rw };
}

function fingerprint(f: RecordFields): string {
  return createHash('sha256').update(canonicalRecord(f)).digest('hex');
}

export class DistributionService {
  readonly #deps: DistributionDeps;

  constructor(deps: DistributionDeps) {
    this.#deps = deps;
  }

  // ---- batches -------------------------------------------------------------------------------------------

  /**
   * Turns the approved recipients of a programme in a regency for a period into a batch sent to the partner:
   * one record per KPM (version 1, `send`) and its entitlements (tranches or packages). The batch is written
   * `preparing`, then page by page — each page and its checkpoint in one transaction — and becomes `sent`
   * with the last. Called again for a batch still `preparing` (a job taken over after a crash, or a request
   * that died), it resumes after the last household written, so nothing is written twice. Big regencies go
   * through the job `distribution.batch` (`BIG_BATCH`), small ones answer in the request.
   */
  async createBatch(actor: Actor, input: BatchInput, ctx?: RunContext): Promise<BatchView> {
    const { db, repo, audit, config } = this.#deps;
    const { regency, form, tranches, packagesPerKpm, packageValue } = await this.checkBatch(actor, input);
    const key = { period: input.period, programmeCode: input.programme, regencyCode: regency };
    const now = config.now().toISOString();
    const batch = await db.transaction().execute(async (trx) => {
      const run = await repo.approvedRun(trx, input.period, input.programme, regency);
      if (!run) {
        throw new AppError('state', 'distribution.not_approved', {
          programme: input.programme,
          period: input.period,
          regency,
        });
      }
      const existing = await repo.findBatchByKey(trx, input.period, input.programme, regency);
      if (existing && existing.state !== 'preparing') {
        throw new AppError('conflict', 'distribution.batch_exists', {
          programme: input.programme,
          period: input.period,
          regency,
        });
      }
      if (existing) return existing;
      const row = {
        id: newId(),
        period: input.period,
        programmeCode: input.programme,
        provinceCode: run.provinceCode,
        regencyCode: regency,
        runId: run.id,
        form,
        tranches,
        packagesPerKpm,
        packageValue,
        state: 'preparing' as const,
        records: 0,
        amount: 0,
        version: 1,
        createdAt: now,
        createdBy: actor.userId,
        sentAt: null,
        acceptedAt: null,
        acceptedBy: null,
        closedAt: null,
        updatedAt: now,
      };
      await repo.insertBatch(trx, row);
      return row;
    });
    const total = await repo.approvedCount(db, key);
    let after = await repo.lastRecord(db, batch.id);
    let done = Number(batch.records);
    let amount = Number(batch.amount);
    for (;;) {
      const written = await db.transaction().execute(async (trx) => {
        const page = await repo.recipientsAtHome(trx, key, after, PAGE);
        if (page.length === 0) return 0;
        await this.#writeRecords(trx, actor, batch, page, now);
        done += page.length;
        amount += page.reduce((sum, r) => sum + r.amount, 0);
        after = page.at(-1)!.householdId;
        await repo.updateBatch(trx, batch.id, { records: done, amount, updatedAt: now });
        await ctx?.checkpoint({ phase: 'write', done, total }, { batchId: batch.id, after, done }, trx);
        return page.length;
      });
      if (written < PAGE) break;
    }
    await db.transaction().execute(async (trx) => {
      await repo.updateBatch(trx, batch.id, {
        state: 'sent',
        sentAt: now,
        updatedAt: config.now().toISOString(),
      });
      await audit.record(trx, actor, {
        action: 'distribution.batch_create',
        entityType: 'distribution_batch',
        entityId: batch.id,
        regionCode: regency,
        details: { period: input.period, programme: input.programme, form, tranches, records: done, amount },
      });
    });
    return this.batch(actor, batch.id);
  }

  /**
   * The checks of a hand-over before anything is written (also before a job is queued): permission, period,
   * a regency in the territory. Answers the batch's settings and how many approved recipients it will hold.
   */
  async checkBatch(actor: Actor, input: BatchInput) {
    requirePermission(actor, 'distribution.manage');
    const { db, repo, regions } = this.#deps;
    this.#period(input.period);
    const regency = regions.normalize(input.regency, 'regency');
    if (levelOfTerritory(regency) !== 2)
      throw validationError([issue('regency', 'recipients.regency_required')]);
    if (!(await regions.find(regency)) || !isWithin(actor, regency)) {
      throw notFound(label('record.regency_code', { code: regency }));
    }
    const form = input.form ?? 'cash';
    return {
      regency,
      form,
      tranches: input.tranches ?? 1,
      packagesPerKpm: form === 'in_kind' ? (input.packagesPerKpm ?? 1) : 0,
      packageValue: form === 'in_kind' ? (input.packageValue ?? 0) : 0,
      recipients: await repo.approvedCount(db, {
        period: input.period,
        programmeCode: input.programme,
        regencyCode: regency,
      }),
    };
  }

  async #writeRecords(
    trx: Kysely<DB>,
    actor: Actor,
    batch: Pick<
      DistributionBatchRow,
      'id' | 'period' | 'programmeCode' | 'form' | 'tranches' | 'packagesPerKpm' | 'packageValue'
    >,
    page: RecipientAtHome[],
    now: string,
  ): Promise<void> {
    const { repo } = this.#deps;
    const entitlements: EntitlementTable[] = [];
    for (const r of page) {
      for (const line of entitlementsFor(batch, r.amount)) {
        entitlements.push({
          id: newId(),
          batchId: batch.id,
          householdId: r.householdId,
          tranche: line.tranche,
          period: batch.period,
          programmeCode: batch.programmeCode,
          provinceCode: r.provinceCode,
          regencyCode: r.regencyCode,
          districtCode: r.districtCode,
          villageCode: r.villageCode,
          pointId: null,
          form: batch.form,
          amount: line.amount,
          packages: line.packages,
          state: 'allocated',
          returnReason: null,
          returnedAt: null,
          deliveredAt: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    await repo.insertRecords(
      trx,
      page.map((r) => ({
        batchId: batch.id,
        householdId: r.householdId,
        provinceCode: r.provinceCode,
        regencyCode: r.regencyCode,
        districtCode: r.districtCode,
        villageCode: r.villageCode,
        kkNumber: r.kkNumber,
        headName: r.headName,
        address: r.address,
        rt: r.rt,
        rw: r.rw,
        amount: r.amount,
        state: 'sent' as const,
        reasonCode: null,
        version: 1,
        pointId: null,
        pointMovedAt: null,
        updatedAt: now,
      })),
    );
    await repo.insertVersions(
      trx,
      page.map((r) => this.#version(batch.id, r.householdId, 1, 'send', fieldsOf(r), actor, now, null, null)),
    );
    await repo.insertEntitlements(trx, entitlements);
  }

  #version(
    batchId: string,
    householdId: string,
    version: number,
    step: RecordStep,
    fields: RecordFields,
    actor: Actor,
    at: string,
    reasonCode: string | null,
    note: string | null,
  ): DistributionRecordVersionTable {
    return {
      id: newId(),
      batchId,
      householdId,
      version,
      step,
      reasonCode,
      note,
      snapshot: JSON.stringify(fields),
      fingerprint: fingerprint(fields),
      actorId: actor.userId,
      actorRole: actor.role,
      at,
    };
  }

  async batches(
    actor: Actor,
    q: { period?: string; programme?: string; region?: string },
  ): Promise<{ items: BatchView[] }> {
    requirePermission(actor, 'distribution.read');
    const { db, repo, regions } = this.#deps;
    if (q.period) this.#period(q.period);
    const scope = requestedScope(actor, regions, q.region);
    if (scope === 'empty') return { items: [] };
    const rows = (await repo.listBatches(db, scope, { period: q.period, programmeCode: q.programme })).filter(
      (r) => !(isPartner(actor.role) && r.state === 'preparing'),
    );
    return { items: await Promise.all(rows.map((r) => this.#view(r))) };
  }

  /** The batch of a programme in a regency for a period (404 when none, or outside the territory). */
  async batchOf(
    actor: Actor,
    key: { period: string; programme: string; regency: string },
  ): Promise<BatchView> {
    requirePermission(actor, 'distribution.read');
    const { db, repo, regions } = this.#deps;
    this.#period(key.period);
    const regency = regions.normalize(key.regency, 'regency');
    const row = await repo.findBatchByKey(db, key.period, key.programme, regency);
    if (!row || !isWithin(actor, row.regencyCode)) throw notFound(BATCH);
    return this.#view(row);
  }

  async batch(actor: Actor, id: string): Promise<BatchView> {
    return this.#view(await this.#batch(actor, id));
  }

  /** The records of a batch (partner fields only), filtered by state and region; one keyset page, audited. */
  async records(
    actor: Actor,
    batchId: string,
    q: { state?: RecordState; region?: string; cursor?: string; limit: number },
  ): Promise<{ items: RecordView[]; nextCursor: string | null }> {
    const { db, repo, regions, audit } = this.#deps;
    const batch = await this.#batch(actor, batchId);
    const scope = requestedScope(actor, regions, q.region);
    if (scope === 'empty') return { items: [], nextCursor: null };
    const rows = await repo.records(
      db,
      batch.id,
      { states: q.state ? [q.state] : undefined, scope },
      afterIdOf(q.cursor),
      q.limit + 1,
    );
    const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.householdId);
    await recordListRead(audit, actor, page, {
      action: 'distribution.records',
      entityType: 'distribution_batch',
      entityId: batch.id,
      regionCode: batch.regencyCode,
      details: { households: page.map((r) => r.householdId) },
      // Indexed per household, so a KPM's "who read my data" shows the partner's list too.
      subjects: page.map((r) => r.householdId),
    });
    return { items: page.map(recordView), nextCursor };
  }

  /**
   * Every record of a batch in the territory (the CSV/Excel export) as keyset pages of `pageSize`, never the
   * whole batch at once: audited once, before the first page, with how many there are (nothing is audited
   * when there are none), and each page with its households as subjects before it is handed on — so a
   * citizen's "who read my data" shows the export. A page is read only when the previous one has been taken
   * (the writers pull; a consumer that goes away stops the reading). An Excel file (`format: 'xlsx'`) of
   * more records than one sheet holds is refused before anything is read (and by the writer, `batchXlsx`,
   * should the batch pass that while written).
   */
  async recordPages(
    actor: Actor,
    batchId: string,
    q: { format?: 'csv' | 'xlsx' } = {},
    pageSize = EXPORT_PAGE,
  ): Promise<{ batch: BatchView; records: number; pages: AsyncGenerator<RecordView[]> }> {
    const { db, repo, audit } = this.#deps;
    const batch = await this.#batch(actor, batchId);
    const scope = this.#scopeOf(actor);
    const records = await repo.countRecords(db, batch.id, scope);
    if (q.format === 'xlsx' && records > XLSX_MAX_RECORDS) throw xlsxTooMany(records);
    if (records > 0) {
      await audit.recordRead(actor, {
        action: 'distribution.export',
        entityType: 'distribution_batch',
        entityId: batch.id,
        regionCode: batch.regencyCode,
        details: { records },
      });
    }
    async function* pages(): AsyncGenerator<RecordView[]> {
      if (records === 0) return;
      // The page's households audited as read (audit_subjects) before its rows leave.
      yield* auditedExportPages(audit, actor, {
        read: (after) => repo.records(db, batch.id, { scope }, after, pageSize),
        pageSize,
        event: (ids) => exportPageEvent('distribution.export_page', batch.regencyCode, ids),
        view: recordView,
      });
    }
    return { batch: await this.#view(batch), records, pages: pages() };
  }

  /** The versions of one record: every send, return and re-send, with who (role) and why. Audited. */
  async history(actor: Actor, batchId: string, householdId: string) {
    const { db, repo, audit } = this.#deps;
    const record = await this.#record(actor, batchId, householdId);
    const rows = await repo.versions(db, batchId, record.householdId);
    await audit.recordRead(actor, {
      action: 'distribution.record_history',
      entityType: 'distribution_record',
      entityId: record.householdId,
      regionCode: record.villageCode,
      details: { batchId },
    });
    return {
      record: recordView(record),
      versions: rows.map((v) => ({
        version: v.version,
        step: v.step,
        reasonCode: v.reasonCode,
        note: v.note,
        fields: JSON.parse(v.snapshot) as RecordFields,
        actorRole: v.actorRole,
        at: v.at,
      })),
    };
  }

  /**
   * The partner accepts a sent batch before distribution starts: refused while records wait for completion
   * (the worklist is not empty) or when the batch is not `sent`. Every record still `sent` or `resent` becomes
   * `cleaned` with an `accept` version; the batch becomes `accepted` — one transaction, audited. After that no
   * record is returned or re-sent any more.
   */
  async acceptBatch(actor: Actor, batchId: string, body: { note?: string }): Promise<BatchView> {
    requirePermission(actor, 'distribution.clean');
    const { db, repo, audit, config } = this.#deps;
    const batch = await this.#batch(actor, batchId);
    await db.transaction().execute(async (trx) => {
      const now = config.now().toISOString();
      const moved = await repo.moveBatch(trx, batch.id, 'sent', {
        state: 'accepted',
        acceptedAt: now,
        acceptedBy: actor.userId,
        updatedAt: now,
      });
      if (!moved) {
        const current = (await repo.findBatch(trx, batch.id))!;
        throw new AppError('state', 'distribution.batch_state', { state: current.state });
      }
      const pending = async () =>
        Number((await repo.recordCounts(trx, batch.id)).find((c) => c.state === 'returned')?.n ?? 0);
      if ((await pending()) > 0) {
        throw new AppError('state', 'distribution.accept_pending', { returned: await pending() });
      }
      let after: string | undefined;
      let accepted = 0;
      for (;;) {
        const page = await repo.records(
          trx,
          batch.id,
          { states: ['sent', 'resent'], scope: null },
          after,
          PAGE,
        );
        if (page.length === 0) break;
        await repo.insertVersions(
          trx,
          page.map((r) =>
            this.#version(
              batch.id,
              r.householdId,
              r.version + 1,
              'accept',
              fieldsOf(r),
              actor,
              now,
              null,
              null,
            ),
          ),
        );
        accepted += await repo.acceptRecords(
          trx,
          batch.id,
          page.map((r) => r.householdId),
        );
        if (page.length < PAGE) break;
        after = page.at(-1)!.householdId;
      }
      // A record returned by a concurrent request is seen here (its row lock was waited for): refuse then.
      const returned = await pending();
      if (returned > 0) throw new AppError('state', 'distribution.accept_pending', { returned });
      await audit.record(trx, actor, {
        action: 'distribution.batch_accept',
        entityType: 'distribution_batch',
        entityId: batch.id,
        regionCode: batch.regencyCode,
        details: { records: accepted, ...(body.note ? { note: body.note } : {}) },
      });
    });
    return this.batch(actor, batch.id);
  }

  /** The partner returns a record for completion with a reason code (a new version; Dinas Sosial worklist). */
  async returnRecord(
    actor: Actor,
    batchId: string,
    householdId: string,
    body: { reasonCode: ReturnReason; note?: string; version: number },
  ): Promise<RecordView> {
    requirePermission(actor, 'distribution.clean');
    return this.#step(actor, batchId, householdId, body.version, 'return', async (_trx, current, now) => {
      if (current.state !== 'sent' && current.state !== 'resent') {
        throw new AppError(
          'state',
          'distribution.invalid_record_state',
          { step: 'return', state: current.state },
          {
            extra: { currentState: current.state },
          },
        );
      }
      return {
        set: { state: 'returned', reasonCode: body.reasonCode, updatedAt: now },
        version: this.#version(
          batchId,
          current.householdId,
          current.version + 1,
          'return',
          fieldsOf(current),
          actor,
          now,
          body.reasonCode,
          body.note ?? null,
        ),
      };
    });
  }

  /**
   * The Dinas Sosial completes a returned record and sends it again. The fields not given stay; a re-send
   * whose fields equal the returned version's (canonically) is refused — nothing changes then.
   */
  async resendRecord(
    actor: Actor,
    batchId: string,
    householdId: string,
    body: Partial<RecordFields> & { note?: string; version: number },
  ): Promise<RecordView> {
    requirePermission(actor, 'distribution.manage');
    const { repo } = this.#deps;
    return this.#step(actor, batchId, householdId, body.version, 'resend', async (trx, current, now) => {
      if (current.state !== 'returned') {
        throw new AppError(
          'state',
          'distribution.invalid_record_state',
          { step: 'resend', state: current.state },
          {
            extra: { currentState: current.state },
          },
        );
      }
      const returned = await repo.lastVersion(trx, batchId, current.householdId, 'return');
      const before = returned ? (JSON.parse(returned.snapshot) as RecordFields) : fieldsOf(current);
      const after: RecordFields = {
        headName: body.headName ?? current.headName,
        kkNumber: body.kkNumber ?? current.kkNumber,
        address: body.address ?? current.address,
        rt: body.rt ?? current.rt,
        rw: body.rw ?? current.rw,
      };
      if (isUnchangedResend(before, after)) {
        throw new AppError('conflict', 'distribution.resend_unchanged', { reason: current.reasonCode ?? '' });
      }
      return {
        set: { ...after, state: 'resent', updatedAt: now },
        version: this.#version(
          batchId,
          current.householdId,
          current.version + 1,
          'resend',
          after,
          actor,
          now,
          null,
          body.note ?? null,
        ),
      };
    });
  }

  async #step(
    actor: Actor,
    batchId: string,
    householdId: string,
    expectedVersion: number,
    step: RecordStep,
    decide: (
      trx: Kysely<DB>,
      current: DistributionRecordRow,
      now: string,
    ) => Promise<{ set: Partial<DistributionRecordRow>; version: DistributionRecordVersionTable }>,
  ): Promise<RecordView> {
    const { db, repo, audit, config } = this.#deps;
    await this.#record(actor, batchId, householdId);
    return db.transaction().execute(async (trx) => {
      const current = (await repo.findRecord(trx, batchId, householdId))!;
      if (current.version !== expectedVersion) {
        throw new AppError(
          'conflict',
          'record.version_conflict',
          { currentVersion: current.version },
          {
            extra: { currentVersion: current.version },
          },
        );
      }
      const now = config.now().toISOString();
      const { set, version } = await decide(trx, current, now);
      if (!(await repo.stepRecord(trx, current, set))) {
        throw new AppError(
          'conflict',
          'record.version_conflict',
          { currentVersion: current.version + 1 },
          {
            extra: { currentVersion: current.version + 1 },
          },
        );
      }
      await repo.insertVersions(trx, [version]);
      await audit.record(trx, actor, {
        action: `distribution.record_${step}`,
        entityType: 'distribution_record',
        entityId: householdId,
        regionCode: current.villageCode,
        details: { batchId, version: version.version, reasonCode: version.reasonCode },
      });
      return recordView((await repo.findRecord(trx, batchId, householdId))!);
    });
  }

  // ---- points, schedules, mapping, allocation, stock -------------------------------------------------------

  /**
   * Moves one KPM to another point by hand (PT Pos or the Dinas Sosial): the record and its outstanding
   * entitlements take the point, which re-mapping by rule then keeps. The point must be in the batch's regency
   * (400 `distribution.point_elsewhere`); a returned record waits for completion (409
   * `distribution.invalid_record_state`); once any entitlement of the KPM in this batch has a receipt the move
   * is refused (409 `distribution.move_received`). One transaction, audited `distribution.point_move`.
   */
  async moveRecord(
    actor: Actor,
    batchId: string,
    householdId: string,
    body: { pointId: string; note?: string },
  ): Promise<RecordView> {
    requirePermission(actor, 'distribution.points');
    const { db, repo, audit, config } = this.#deps;
    const record = await this.#record(actor, batchId, householdId);
    const batch = await this.#batch(actor, batchId);
    if (batch.state !== 'sent' && batch.state !== 'accepted') {
      throw new AppError('state', 'distribution.batch_state', { state: batch.state });
    }
    const point = await this.#point(actor, body.pointId);
    if (point.regencyCode !== batch.regencyCode) {
      throw validationError([issue('pointId', 'distribution.point_elsewhere')]);
    }
    return db.transaction().execute(async (trx) => {
      const current = (await repo.findRecord(trx, batch.id, record.householdId))!;
      if (current.state === 'returned') {
        throw new AppError(
          'state',
          'distribution.invalid_record_state',
          { step: 'move', state: current.state },
          { extra: { currentState: current.state } },
        );
      }
      if (await repo.hasReceipt(trx, batch.id, current.householdId)) {
        throw new AppError('state', 'distribution.move_received');
      }
      const now = config.now().toISOString();
      await repo.moveRecordPoint(trx, batch.id, current.householdId, point.id, now);
      await repo.setEntitlementPoint(trx, batch.id, current.householdId, point.id, now);
      await audit.record(trx, actor, {
        action: 'distribution.point_move',
        entityType: 'distribution_record',
        entityId: current.householdId,
        regionCode: current.villageCode,
        details: { batchId: batch.id, from: current.pointId, to: point.id, note: body.note ?? null },
      });
      return recordView((await repo.findRecord(trx, batch.id, current.householdId))!);
    });
  }

  async createPoint(
    actor: Actor,
    input: PointInput,
  ): Promise<DistributionPointRow & { coverageList: Coverage[] }> {
    requirePermission(actor, 'distribution.points');
    const { db, repo, regions, audit, config } = this.#deps;
    const district = regions.normalize(input.districtCode, 'districtCode');
    if (levelOfTerritory(district) !== 3)
      throw validationError([issue('districtCode', 'distribution.coverage_invalid')]);
    const village = input.villageCode ? regions.normalize(input.villageCode, 'villageCode') : null;
    if (!(await regions.find(district)) || !isWithin(actor, district)) {
      throw notFound(label('record.region_code', { code: district }));
    }
    const coverage = input.coverage.map((c) => ({
      ...c,
      villageCode: regions.normalize(c.villageCode, 'coverage'),
    }));
    const problems = coverageProblems(coverage, district);
    if (village && !village.startsWith(`${district}.`))
      problems.push({ field: 'villageCode', code: 'distribution.coverage_invalid' });
    if (problems.length) throw validationError(problems.map((p) => issue(p.field, p.code)));
    const regency = district.split('.').slice(0, 2).join('.');
    if (await repo.findPointByCode(db, regency, input.code)) {
      throw validationError([issue('code', 'distribution.coverage_invalid')]);
    }
    const now = config.now().toISOString();
    const row = {
      id: newId(),
      code: input.code,
      name: input.name,
      provinceCode: district.slice(0, 2),
      regencyCode: regency,
      districtCode: district,
      villageCode: village,
      address: input.place,
      coverage: JSON.stringify(coverage),
      version: 1,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertPoint(trx, row);
      await audit.record(trx, actor, {
        action: 'distribution.point_create',
        entityType: 'distribution_point',
        entityId: row.id,
        regionCode: village ?? district,
        details: { code: row.code, name: row.name },
      });
    });
    return { ...row, coverageList: coverage };
  }

  async points(actor: Actor, q: { region?: string }) {
    requirePermission(actor, 'distribution.read');
    const { db, repo, regions } = this.#deps;
    const scope = requestedScope(actor, regions, q.region);
    if (scope === 'empty') return { items: [] };
    const rows = await repo.points(db, scope);
    const schedules = await repo.schedules(
      db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        districtCode: p.districtCode,
        villageCode: p.villageCode,
        place: p.address,
        coverage: JSON.parse(p.coverage) as Coverage[],
        schedules: schedules
          .filter((s) => s.pointId === p.id)
          .map((s) => ({
            id: s.id,
            batchId: s.batchId,
            tranche: s.tranche,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
          })),
      })),
    };
  }

  async addSchedule(
    actor: Actor,
    pointId: string,
    body: { batchId: string; tranche: number; startsAt: string; endsAt: string },
  ) {
    requirePermission(actor, 'distribution.points');
    const { db, repo, audit, config } = this.#deps;
    const point = await this.#point(actor, pointId);
    const batch = await this.#batch(actor, body.batchId);
    if (batch.regencyCode !== point.regencyCode)
      throw validationError([issue('batchId', 'distribution.point_elsewhere')]);
    const starts = new Date(body.startsAt);
    const ends = new Date(body.endsAt);
    if (!(ends > starts) || body.tranche < 1 || body.tranche > batch.tranches) {
      throw validationError([issue('endsAt', 'distribution.schedule_invalid', { tranches: batch.tranches })]);
    }
    const row = {
      id: newId(),
      pointId: point.id,
      batchId: batch.id,
      tranche: body.tranche,
      startsAt: starts.toISOString(),
      endsAt: ends.toISOString(),
      createdAt: config.now().toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertSchedule(trx, row);
      await audit.record(trx, actor, {
        action: 'distribution.schedule_add',
        entityType: 'distribution_point',
        entityId: point.id,
        regionCode: point.villageCode ?? point.districtCode,
        details: { batchId: batch.id, tranche: row.tranche, startsAt: row.startsAt, endsAt: row.endsAt },
      });
    });
    return {
      id: row.id,
      batchId: row.batchId,
      tranche: row.tranche,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
    };
  }

  /**
   * Maps every record of a batch not waiting for completion to the most specific covering point of its
   * regency (src/domain/distribution/mapping.ts), entitlements with it; one transaction. Returns the counts.
   */
  async mapBatch(actor: Actor, batchId: string): Promise<{ mapped: number; unmapped: number }> {
    requirePermission(actor, 'distribution.points');
    const { db, repo, audit, config } = this.#deps;
    const batch = await this.#batch(actor, batchId);
    const points = (await repo.points(db, { column: 'regencyCode', value: batch.regencyCode })).map((p) => ({
      id: p.id,
      code: p.code,
      districtCode: p.districtCode,
      coverage: JSON.parse(p.coverage) as Coverage[],
    }));
    let mapped = 0;
    let unmapped = 0;
    await db.transaction().execute(async (trx) => {
      const now = config.now().toISOString();
      let after: string | undefined;
      for (;;) {
        const page = await repo.records(
          trx,
          batch.id,
          { states: ['sent', 'resent', 'cleaned'], scope: null },
          after,
          PAGE,
        );
        for (const r of page) {
          // A KPM moved by hand keeps its point (moveRecord).
          if (r.pointMovedAt !== null && r.pointId !== null) {
            mapped++;
            continue;
          }
          const point = mapToPoint(points, r);
          if (point) mapped++;
          else unmapped++;
          if ((point?.id ?? null) === r.pointId) continue;
          await repo.setRecordPoint(trx, batch.id, r.householdId, point?.id ?? null);
          await repo.setEntitlementPoint(trx, batch.id, r.householdId, point?.id ?? null, now);
        }
        if (page.length < PAGE) break;
        after = page.at(-1)!.householdId;
      }
      await audit.record(trx, actor, {
        action: 'distribution.map',
        entityType: 'distribution_batch',
        entityId: batch.id,
        regionCode: batch.regencyCode,
        details: { mapped, unmapped },
      });
    });
    return { mapped, unmapped };
  }

  /** KPM, amounts and packages per point of a batch, with stock received against packages needed. */
  async allocation(actor: Actor, batchId: string) {
    requirePermission(actor, 'distribution.read');
    const { db, repo } = this.#deps;
    const batch = await this.#batch(actor, batchId);
    const { points, unmapped } = allocationPerPoint(await repo.entitlementLines(db, batch.id));
    const stock = await repo.stock(db, batch.id);
    const names = new Map(
      (await repo.points(db, { column: 'regencyCode', value: batch.regencyCode })).map((p) => [p.id, p]),
    );
    return {
      batchId: batch.id,
      form: batch.form,
      points: points
        .filter((p) => {
          const point = names.get(p.pointId);
          return point !== undefined && isWithin(actor, point.villageCode ?? point.districtCode);
        })
        .map((p) => {
          const point = names.get(p.pointId)!;
          return {
            ...p,
            code: point.code,
            name: point.name,
            stock: stockBalance(
              p.packages,
              stock.filter((s) => s.pointId === p.pointId).map((s) => s.packages),
            ),
          };
        }),
      unmapped,
    };
  }

  /** Packages received at a point from procurement, for an in-kind batch. */
  async recordStock(
    actor: Actor,
    pointId: string,
    body: { batchId: string; packages: number; deliveryNote: string; receivedAt: string },
  ) {
    requirePermission(actor, 'distribution.stock');
    const { db, repo, audit, config } = this.#deps;
    const point = await this.#point(actor, pointId);
    const batch = await this.#batch(actor, body.batchId);
    if (batch.regencyCode !== point.regencyCode)
      throw validationError([issue('batchId', 'distribution.point_elsewhere')]);
    if (batch.form !== 'in_kind') throw validationError([issue('batchId', 'distribution.not_in_kind')]);
    const row = {
      id: newId(),
      pointId: point.id,
      batchId: batch.id,
      packages: body.packages,
      deliveryNote: body.deliveryNote,
      receivedAt: new Date(body.receivedAt).toISOString(),
      recordedBy: actor.userId,
      createdAt: config.now().toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertStock(trx, row);
      await audit.record(trx, actor, {
        action: 'distribution.stock',
        entityType: 'distribution_point',
        entityId: point.id,
        regionCode: point.villageCode ?? point.districtCode,
        details: { batchId: batch.id, packages: row.packages, deliveryNote: row.deliveryNote },
      });
    });
    return {
      id: row.id,
      pointId: row.pointId,
      batchId: row.batchId,
      packages: row.packages,
      deliveryNote: row.deliveryNote,
      receivedAt: row.receivedAt,
    };
  }

  // ---- reconciliation ---------------------------------------------------------------------------------------

  /**
   * Allocated, delivered, returned and outstanding entitlements with their amounts (integer rupiah) and
   * packages for a period in a region (default: the actor's territory), with one entry per child region —
   * per point below a village. The children's figures add up to the region's.
   */
  async reconciliation(actor: Actor, q: { period: string; region?: string }): Promise<ReconciliationView> {
    requirePermission(actor, 'distribution.read');
    const { regions } = this.#deps;
    this.#period(q.period);
    const region = q.region ? regions.normalize(q.region, 'region') : actor.regionCode;
    if (region !== '' && (!(await regions.find(region)) || !isWithinTerritory(region, actor.regionCode))) {
      throw notFound(label('record.region_code', { code: region }));
    }
    return this.#reconcile(q.period, region);
  }

  /**
   * For the public statistics page: the newest distribution period's figures per regency — counts and
   * rupiah only, no person, no point (null before any hand-over) — with the number of households behind
   * each count. The public side adds them up and hides the counts of few households
   * (src/domain/public/suppression.ts), which needs every regency's at once.
   */
  async publicRegencyFigures(): Promise<{
    period: string;
    regencies: { code: string; figures: Figures; households: DistributionHouseholds }[];
  } | null> {
    const { db, repo } = this.#deps;
    const period = await this.#publishedPeriod();
    if (period === null) return null;
    const rows = await repo.reconciliationRows(db, period, null, 'village');
    const households = await repo.householdsByRegency(db, period);
    const byRegency = Map.groupBy(rows, (r) => r.code.split('.').slice(0, 2).join('.'));
    return {
      period,
      regencies: [...byRegency.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([code, list]) => ({
          code,
          figures: figuresFrom(list),
          households: households.get(code) ?? emptyDistributionHouseholds(),
        })),
    };
  }

  /**
   * The period whose figures `publicRegencyFigures` gives: the newest with entitlements whose hand-over is
   * complete (`handOverComplete`), null when none is. While a hidden regency's list is handed over and its
   * neighbour's is not yet, a province's allocated rupiah is the hidden list plus shown ones: published, minus
   * the shown programme rupiah it would give the hidden list away.
   */
  async #publishedPeriod(): Promise<string | null> {
    const { db, repo } = this.#deps;
    let period = await repo.latestPeriod(db);
    while (period !== null) {
      const [lists, batches] = await Promise.all([
        repo.approvedLists(db, period),
        repo.batchesOf(db, period),
      ]);
      if (handOverComplete(lists, batches)) return period;
      period = await repo.latestPeriod(db, period);
    }
    return null;
  }

  async #reconcile(period: string, region: string): Promise<ReconciliationView> {
    const { db, repo, regions } = this.#deps;
    const scope = regionScope({ regionCode: region } as Actor);
    const isVillage = levelOfTerritory(region) === 4;
    if (scope === 'empty') throw notFound(label('record.region_code', { code: region }));
    const rows = await repo.reconciliationRows(db, period, scope, isVillage ? 'point' : 'village');
    if (isVillage) {
      const { total } = rollUp(
        '',
        rows.map((r) => ({ ...r, code: region })),
      );
      const byPoint = new Map<string, typeof rows>();
      for (const r of rows) byPoint.set(r.code, [...(byPoint.get(r.code) ?? []), r]);
      // A village's KPM are served by points of its regency (mapping and moves never leave it): not every
      // point of the country.
      const inRegency = await repo.points(db, { column: 'regencyCode', value: region.slice(0, 5) });
      const points = new Map(inRegency.map((p) => [p.id, p.name]));
      const children = [...byPoint.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, list]) => ({
          code,
          name: points.get(code) ?? null,
          ...rollUp(
            '',
            list.map((r) => ({ ...r, code: region })),
          ).total,
        }));
      return { period, region, regionName: (await regions.find(region))?.name ?? null, ...total, children };
    }
    const { total, children } = rollUp(region, rows);
    return {
      period,
      region,
      regionName: region === '' ? null : ((await regions.find(region))?.name ?? null),
      ...total,
      children: await Promise.all(
        [...children.entries()].map(async ([code, f]) => ({
          code,
          name: (await regions.find(code))?.name ?? null,
          ...f,
        })),
      ),
    };
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  #period(period: string): void {
    const issues = checkPeriod(period);
    if (issues.length) throw validationError(issues);
  }

  #scopeOf(actor: Actor) {
    const s = regionScope(actor);
    return s === 'empty' ? null : s;
  }

  /** A batch within the actor's territory (a regency's; a province's regencies; national all). */
  async #batch(actor: Actor, id: string): Promise<DistributionBatchRow> {
    requirePermission(actor, 'distribution.read');
    const { db, repo } = this.#deps;
    const batch = await findRecord(id, (id) => repo.findBatch(db, id));
    // A batch still being written is not handed over yet: the partner does not see it.
    if (
      !batch ||
      !isWithin(actor, batch.regencyCode) ||
      (isPartner(actor.role) && batch.state === 'preparing')
    ) {
      throw notFound(BATCH);
    }
    return batch;
  }

  async #point(actor: Actor, id: string): Promise<DistributionPointRow> {
    const { db, repo } = this.#deps;
    const point = await findRecord(id, (id) => repo.findPoint(db, id));
    if (!point || !isWithin(actor, point.villageCode ?? point.districtCode)) throw notFound(POINT);
    return point;
  }

  async #record(actor: Actor, batchId: string, householdId: string): Promise<DistributionRecordRow> {
    const { db, repo } = this.#deps;
    const batch = await this.#batch(actor, batchId);
    const record = await findRecord(householdId, (householdId) => repo.findRecord(db, batch.id, householdId));
    if (!record || !isWithin(actor, record.villageCode)) throw notFound(RECORD);
    return record;
  }

  async #view(r: DistributionBatchRow): Promise<BatchView> {
    const counts: Record<RecordState, number> = { sent: 0, returned: 0, resent: 0, cleaned: 0 };
    for (const c of await this.#deps.repo.recordCounts(this.#deps.db, r.id)) counts[c.state] = Number(c.n);
    const programmeName = await this.#deps.programmes.displayName(r.programmeCode);
    return {
      id: r.id,
      period: r.period,
      programme: r.programmeCode,
      programmeName,
      regencyCode: r.regencyCode,
      form: r.form,
      tranches: r.tranches,
      packagesPerKpm: r.packagesPerKpm,
      packageValue: r.packageValue,
      state: r.state,
      records: r.records,
      amount: Number(r.amount),
      counts,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      acceptedAt: r.acceptedAt,
    };
  }
}

function recordView(r: DistributionRecordRow): RecordView {
  return {
    householdId: r.householdId,
    villageCode: r.villageCode,
    kkNumber: r.kkNumber,
    headName: r.headName,
    address: r.address,
    rt: r.rt,
    rw: r.rw,
    amount: r.amount,
    state: r.state,
    reasonCode: r.reasonCode,
    version: r.version,
    pointId: r.pointId,
  };
}
