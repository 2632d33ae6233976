/**
 * Penetapan (DOMAIN.md §5.6): the Minister determines DTKS each month. A determination is an immutable,
 * numbered snapshot: for every household in DTKS that month, the `record_versions` version it holds (content
 * is not copied: reading a household "as of" a period reads that version's stored snapshot).
 *
 * Rules of a period's snapshot:
 * - a regency with a `submitted` submission (pengesahan) contributes its current active households; its
 *   approved proposals move to `determined`, and so does the submission;
 * - every other regency carries its rows of the previous determined period forward unchanged. So the first
 *   period in a fresh system holds only the regencies that submitted, and is empty when none did: that is
 *   legitimate (nothing was approved yet), not an error.
 *
 * The diff against the previous determined period lists each added, removed and changed (other version)
 * household with the change types and reasons recorded between the two versions.
 *
 * One transaction does it all, so a determination is all or nothing. The `periods` row is the claim: it is
 * created if absent and write-locked before anything else, so a concurrent request for the same period
 * waits and then answers the winner's summary; calling again answers the same summary and checksum.
 */

import { createHash } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { DB, PeriodRow } from '../../db/schema/index.ts';
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import { ROLE_INFO } from '../../domain/access/roles.ts';
import { label, message, perLang } from '../../domain/catalogue.ts';
import { checkPeriod, periodOf } from '../../domain/cycle/period.ts';
import { nextDeterminablePeriod } from '../../domain/cycle/placement.ts';
import { AppError, issue, notFound, type Text, validationError } from '../../domain/errors.ts';
import { periodMachine, submissionMachine } from '../../domain/lifecycle/machines.ts';
import { transition } from '../../domain/lifecycle/state-machine.ts';
import { periodNameId } from '../../domain/month-names.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { findWithin, keysetPage, recordListRead, requestedScope } from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { BlobStore } from '../attachments/blob-store.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { HouseholdDetail } from '../households/households.schemas.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { SubmissionsService } from '../pengesahan/pengesahan.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UsulanService } from '../usulan/usulan.service.ts';
import type { PenetapanRepository } from './penetapan.repository.ts';
import type { DeterminationSummary, DiffQuery, PeriodDetail, PeriodListItem } from './penetapan.schemas.ts';
import { renderSk, skNumber } from './penetapan.sk.ts';

const PERIOD: Text = label('record.determined_period');
const HOUSEHOLD: Text = label('record.household');
/** Rows per keyset page when streaming the snapshot for its checksum. */
const CHECKSUM_PAGE = 20_000;

export class PenetapanService {
  readonly #db: Kysely<DB>;
  readonly #repo: PenetapanRepository;
  readonly #regions: RegionsService;
  readonly #households: HouseholdsService;
  readonly #usulan: UsulanService;
  readonly #submissions: Pick<SubmissionsService, 'forwardDue'>;
  readonly #attachments: AttachmentsService;
  readonly #blobs: BlobStore;
  readonly #notifications: NotificationsService;
  readonly #audit: AuditService;
  readonly #config: Config;

  constructor(deps: {
    db: Kysely<DB>;
    repo: PenetapanRepository;
    submissions: Pick<SubmissionsService, 'forwardDue'>;
    regions: RegionsService;
    households: HouseholdsService;
    usulan: UsulanService;
    attachments: AttachmentsService;
    blobs: BlobStore;
    notifications: NotificationsService;
    audit: AuditService;
    config: Config;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#regions = deps.regions;
    this.#households = deps.households;
    this.#usulan = deps.usulan;
    this.#submissions = deps.submissions;
    this.#attachments = deps.attachments;
    this.#blobs = deps.blobs;
    this.#notifications = deps.notifications;
    this.#audit = deps.audit;
    this.#config = deps.config;
  }

  /** Determines DTKS for `period` (Pusdatin), or answers the determination already made. */
  async determine(actor: Actor, period: string): Promise<DeterminationSummary> {
    assertMayDetermine(actor);
    this.#checkPeriod(period);
    const current = periodOf(this.#config.now(), this.#config.proposalWindow.timeZone);
    if (period > current) {
      throw validationError([issue('period', 'penetapan.future_period', { period, current })]);
    }
    const done = await this.#repo.findPeriod(this.#db, period);
    if (done?.state === 'determined') return summaryOf(done);
    // Region names are read inside the transaction: load them first (SQLite has one connection).
    await this.#regions.lookup();
    try {
      return await this.#determineInTransaction(actor, period);
    } catch (err) {
      // Two different periods determined at the same moment draw the same SK number; the unique index lets
      // one of them commit and the other roll back entirely, to be retried (and then numbered after it).
      if (!isUniqueViolation(err)) throw err;
      throw new AppError('conflict', 'penetapan.concurrent');
    }
  }

  async #determineInTransaction(actor: Actor, period: string): Promise<DeterminationSummary> {
    return this.#db.transaction().execute(async (trx) => {
      const now = this.#config.now().toISOString();
      const claimed = await this.#repo.claimPeriod(trx, period, now);
      if (claimed.state === 'determined') return summaryOf(claimed);
      const later = await this.#repo.latestDeterminedAfter(trx, period);
      if (later) {
        throw new AppError(
          'state',
          'penetapan.out_of_order',
          { later },
          { extra: { currentState: claimed.state, allowed: [] } },
        );
      }
      const next = transition(periodMachine, 'open', 'determine', actor.role);
      const previous = await this.#repo.latestDeterminedBefore(trx, period);
      // Submissions whose province let the forwarding deadline pass count as forwarded (chain.ts).
      await this.#submissions.forwardDue(trx);
      const submitted = await this.#repo.submittedRegencies(trx, period);
      const submittedCodes = submitted.map((s) => s.regencyCode);

      await this.#repo.insertSnapshot(trx, period, previous);
      await this.#repo.refreshStatistics(trx, 'snapshot_households');
      await this.#repo.insertChanges(trx, period, previous);
      await this.#repo.insertRegionCounts(trx, period, submittedCodes);
      const totals = await this.#repo.totals(trx, period);
      const checksum = await this.#checksum(trx, period);

      const sequence = await this.#repo.nextSkSequence(trx);
      const number = skNumber(period, sequence);
      const determinationId = newId();
      const counts = await this.#regionCounts(trx, period);
      const pdf = await renderSk({
        period,
        skNumber: number,
        previousPeriod: previous ?? null,
        determinedAt: now,
        determinedBy: ROLE_INFO[actor.role].label.id,
        checksum,
        totals,
        provinces: counts.provinces,
        regencies: counts.regencies,
      });
      const file = await this.#attachments.ingestGenerated(
        pdf,
        'application/pdf',
        `${number.replaceAll('/', '-')}.pdf`,
      );
      const sk = await this.#attachments.record(trx, actor, file, {
        ownerType: 'period',
        ownerId: determinationId,
        kind: 'sk',
        regionCode: '',
      });
      const patch: Partial<PeriodRow> = {
        state: next,
        skNumber: number,
        skSequence: sequence,
        checksum,
        ...totals,
        determinedAt: now,
        determinedBy: actor.userId,
        determinationId,
        skAttachmentId: sk.id,
        previousPeriod: previous ?? null,
      };
      await this.#repo.markDetermined(trx, period, patch);

      const determined = transition(submissionMachine, 'submitted', 'determine', actor.role);
      await this.#repo.determineSubmissions(trx, period, {
        state: determined,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      // One audit entry names every submission this determination moved (a nation has ~514 regencies).
      if (submitted.length) {
        await this.#audit.record(trx, actor, {
          action: 'submission.determine',
          entityType: 'submission',
          entityId: submitted.length === 1 ? submitted[0]!.id : null,
          regionCode: '',
          details: {
            period,
            skNumber: number,
            state: determined,
            submissions: submitted.map((s) => ({ id: s.id, regencyCode: s.regencyCode })),
          },
        });
      }
      for (const s of submitted) {
        await this.#notifications.notify(trx, {
          regionCode: s.regencyCode,
          kind: 'penetapan.determined',
          message: message('notice.penetapan_determined', {
            period: perLang((lang) => (lang === 'id' ? periodNameId(period) : period)),
            number,
          }),
          link: `/cycle/penetapan?period=${period}`,
        });
      }
      const proposals = await this.#repo.approvedUsulanIn(trx, submittedCodes, period);
      for (const u of proposals) await this.#usulan.advance(trx, actor, u.id, 'determine');

      await this.#audit.record(trx, actor, {
        action: 'period.determine',
        entityType: 'period',
        entityId: determinationId,
        regionCode: '',
        details: {
          period,
          skNumber: number,
          previousPeriod: previous ?? null,
          ...totals,
          checksum,
          submissions: submitted.map((s) => s.id),
          proposalsDetermined: proposals.length,
        },
      });
      return { period, ...totals, checksum };
    });
  }

  /**
   * Periods, newest first, and the one the determination form proposes: the month after the latest
   * determined one, never a future month (src/domain/cycle/placement.ts `nextDeterminablePeriod`).
   */
  async list(actor: Actor): Promise<{ items: PeriodListItem[]; nextDeterminable: string | null }> {
    requirePermission(actor, 'registry.read');
    const items = (await this.#repo.listPeriods(this.#db)).map(listItem);
    const current = periodOf(this.#config.now(), this.#config.proposalWindow.timeZone);
    const determined = items.filter((p) => p.state === 'determined').map((p) => p.period);
    return { items, nextDeterminable: nextDeterminablePeriod(determined, current) };
  }

  /** A period's summary and counts per province and regency (narrowed to the caller's territory). */
  async get(actor: Actor, period: string, regionInput?: string): Promise<PeriodDetail> {
    requirePermission(actor, 'registry.read');
    this.#checkPeriod(period);
    const row = await this.#repo.findPeriod(this.#db, period);
    if (!row) throw notFound(PERIOD);
    const scope = requestedScope(actor, this.#regions, regionInput);
    const counts =
      scope === 'empty'
        ? { provinces: [], regencies: [] }
        : await this.#regionCounts(this.#db, period, scope?.value);
    return { ...listItem(row), hasSk: row.skAttachmentId !== null, ...counts };
  }

  /** The diff against the previous determined period, a page at a time (households in the caller's territory). */
  async diff(actor: Actor, period: string, q: DiffQuery) {
    requirePermission(actor, 'registry.read');
    this.#checkPeriod(period);
    const row = await this.#repo.findPeriod(this.#db, period);
    if (row?.state !== 'determined') throw notFound(PERIOD);
    const scope = requestedScope(actor, this.#regions, q.region);
    if (scope === 'empty') return { items: [], nextCursor: null };
    const { page, nextCursor } = await keysetPage(
      q,
      (afterId, limit) => this.#repo.diff(this.#db, period, { change: q.change, scope, afterId, limit }),
      (r) => r.householdId,
    );
    await recordListRead(this.#audit, actor, page, {
      action: 'period.diff',
      entityType: 'period',
      entityId: row.determinationId,
      regionCode: scope?.value ?? null,
      details: { period, change: q.change ?? null, ids: page.map((r) => r.householdId) },
    });
    return {
      items: page.map((r) => ({
        householdId: r.householdId,
        change: r.change,
        fromVersion: r.fromVersion,
        toVersion: r.toVersion,
        reason: r.reason,
        regionCode: r.villageCode,
        kkNumber: r.kkNumber,
        headName: r.headName,
      })),
      nextCursor,
    };
  }

  /** The decree (SK) PDF of a determined period. It holds only counts, so every role may read it. */
  async openSk(
    actor: Actor,
    period: string,
  ): Promise<{ stream: ReadStream; fileName: string; size: number }> {
    requirePermission(actor, 'registry.read');
    this.#checkPeriod(period);
    const row = await this.#repo.findPeriod(this.#db, period);
    if (!row?.skAttachmentId) throw notFound(label('record.sk'));
    const att = (await this.#attachments.listFor(this.#db, row.determinationId!)).find(
      (a) => a.id === row.skAttachmentId,
    )!;
    return { stream: this.#blobs.open(att.sha256), fileName: att.originalName, size: att.size };
  }

  /**
   * The household as DTKS held it in a determined period: the version in that period's snapshot, read from
   * `record_versions`. 404 when it was not in DTKS that month or is outside the caller's territory — the
   * territory of the household's village now, as for every read of one household: after a move, the old
   * village reads nothing of it, the new one its past too.
   */
  async householdAsOf(actor: Actor, id: string, period: string): Promise<HouseholdDetail> {
    requirePermission(actor, 'registry.read');
    if (checkPeriod(period, 'asOf').length) throw validationError(checkPeriod(period, 'asOf'));
    const row = await findWithin(actor, id, HOUSEHOLD, (id) => this.#repo.snapshotRow(this.#db, period, id));
    const version = await this.#repo.versionSnapshot(this.#db, id, row.version);
    if (!version) throw notFound(HOUSEHOLD);
    await this.#audit.recordRead(actor, {
      action: 'household.read',
      entityType: 'household',
      entityId: id,
      regionCode: row.villageCode,
      details: { asOf: period, version: row.version },
    });
    const snapshot = decodeSnapshot<HouseholdDetail>(version.snapshot);
    return { ...snapshot, regionPath: await this.#households.regionPath(row.periodVillageCode) };
  }

  // ---------------------------------------------------------------- internals

  #checkPeriod(period: string): void {
    const issues = checkPeriod(period);
    if (issues.length) throw validationError(issues);
  }

  /** SHA-256 over `<household id>:<version>\n` for every snapshot row in id order, read in keyset pages. */
  async #checksum(db: Kysely<DB>, period: string): Promise<string> {
    const hash = createHash('sha256');
    let after: string | null = null;
    for (;;) {
      const page = await this.#repo.snapshotPage(db, period, after, CHECKSUM_PAGE);
      if (!page.rows || page.text === null) break;
      hash.update(`${page.text}\n`);
      after = page.text.slice(page.text.lastIndexOf('\n') + 1, page.text.lastIndexOf(':'));
      if (page.rows < CHECKSUM_PAGE) break;
    }
    return hash.digest('hex');
  }

  async #regionCounts(db: Kysely<DB>, period: string, within?: string) {
    const level = within ? regionLevel(within) : 0;
    const rows = await this.#repo.regionCounts(
      db,
      period,
      level >= 1 ? within!.slice(0, 2) : undefined,
      level >= 2 ? within!.slice(0, 5) : undefined,
    );
    const names = await this.#regions.names([
      ...new Set(rows.flatMap((r) => [r.regencyCode, r.provinceCode])),
    ]);
    const provinces = new Map<string, PeriodDetail['provinces'][number]>();
    const regencies = rows.map((r) => {
      let p = provinces.get(r.provinceCode);
      if (!p) {
        p = {
          code: r.provinceCode,
          name: names.get(r.provinceCode) ?? r.provinceCode,
          households: 0,
          persons: 0,
          added: 0,
          removed: 0,
          changed: 0,
        };
        provinces.set(r.provinceCode, p);
      }
      for (const k of ['households', 'persons', 'added', 'removed', 'changed'] as const) p[k] += Number(r[k]);
      return {
        code: r.regencyCode,
        name: names.get(r.regencyCode) ?? r.regencyCode,
        provinceCode: r.provinceCode,
        provinceName: p.name,
        households: Number(r.households),
        persons: Number(r.persons),
        added: Number(r.added),
        removed: Number(r.removed),
        changed: Number(r.changed),
        submitted: Number(r.submitted) === 1,
      };
    });
    return { provinces: [...provinces.values()], regencies };
  }
}

function summaryOf(p: PeriodRow): DeterminationSummary {
  return {
    period: p.period,
    households: p.households ?? 0,
    persons: p.persons ?? 0,
    added: p.added ?? 0,
    removed: p.removed ?? 0,
    changed: p.changed ?? 0,
    checksum: p.checksum ?? '',
  };
}

function listItem(p: PeriodRow): PeriodListItem {
  return {
    period: p.period,
    state: p.state,
    skNumber: p.skNumber,
    previousPeriod: p.previousPeriod,
    households: p.households,
    persons: p.persons,
    added: p.added,
    removed: p.removed,
    changed: p.changed,
    checksum: p.checksum,
    determinedAt: p.determinedAt,
    determinedBy: p.determinedBy,
  };
}

/** Only the roles the period's state machine allows determine DTKS (also checked before a job is queued). */
export function assertMayDetermine(actor: Actor): void {
  if (!periodMachine.transitions.determine.roles.includes(actor.role)) {
    throw new AppError('forbidden', 'penetapan.pusdatin_only');
  }
}
