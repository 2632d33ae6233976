/**
 * Declaring a household ineligible (ditidaklayakkan, DOMAIN.md §6–7): the regency Dinas Sosial removes it
 * from DTKS with reason `declared_ineligible` and records its members' NIKs, so that none of them can be
 * proposed again (the usulan module refuses NIKs in this registry). Both happen in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, ProgrammeOptOutRow } from '../../db/schema/index.ts';
import { can } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { seesOwnRecord } from '../../domain/citizen/account-state.ts';
import { localDate, periodOf } from '../../domain/cycle/period.ts';
import {
  AppError,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { checkOptOutRequestDate } from '../../domain/programmes/opt-out.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { findWithin, recordListRead, requestedScope } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CitizenRepository } from '../citizen/citizen.repository.ts';
import { type CitizenSession, sessionActor } from '../citizen/citizen.service.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { EligibilityRepository } from './eligibility.repository.ts';
import type {
  CitizenOptOutBody,
  CitizenOptOuts,
  IneligibleBody,
  LiftBody,
  OptOut,
  OptOutBody,
} from './eligibility.schemas.ts';

const HOUSEHOLD: Text = label('record.household');
const OPT_OUT: Text = label('record.opt_out');

export class EligibilityService {
  readonly #db: Kysely<DB>;
  readonly #repo: EligibilityRepository;
  readonly #householdsRepo: HouseholdsRepository;
  readonly #households: HouseholdsService;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;
  readonly #config: Config;
  readonly #citizens: CitizenRepository | null;

  constructor(deps: {
    db: Kysely<DB>;
    repo: EligibilityRepository;
    householdsRepo: HouseholdsRepository;
    households: HouseholdsService;
    regions: RegionsService;
    audit: AuditService;
    config: Config;
    /** Citizens' accounts, for the opt-out a citizen declares from the portal. */
    citizens?: CitizenRepository;
  }) {
    this.#citizens = deps.citizens ?? null;
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#householdsRepo = deps.householdsRepo;
    this.#households = deps.households;
    this.#regions = deps.regions;
    this.#audit = deps.audit;
    this.#config = deps.config;
  }

  /**
   * `opts.trx`: as a step of another write (a recipient review), inside its transaction; the caller has
   * resolved the region index before opening it (SQLite has one connection).
   */
  async declareIneligible(
    actor: Actor,
    householdId: string,
    body: IneligibleBody,
    opts: { trx?: Kysely<DB> } = {},
  ) {
    requireDeclarer(actor);
    await findWithin(actor, householdId, HOUSEHOLD, (id) =>
      this.#householdsRepo.findById(opts.trx ?? this.#db, id),
    );
    if (!opts.trx) await this.#regions.lookup(); // before the transaction: SQLite has one connection
    const now = this.#config.now();
    const period = periodOf(now, this.#config.proposalWindow.timeZone);
    const inTrx = <T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
      opts.trx ? work(opts.trx) : this.#db.transaction().execute(work);
    return inTrx(async (trx) => {
      const h = (await this.#householdsRepo.findById(trx, householdId))!;
      if (h.version !== body.version) throw versionConflict(h.version);
      const active = (await this.#householdsRepo.members(trx, h.id)).filter((m) => m.status === 'active');
      const removed = await this.#households.remove(
        actor,
        h.id,
        { version: body.version, reasonCode: 'declared_ineligible', note: body.reason },
        { trx },
      );
      await this.#repo.insert(
        trx,
        active.map((m) => ({
          nik: m.nik,
          householdId: h.id,
          provinceCode: h.provinceCode,
          kkNumber: h.kkNumber,
          period,
          reason: body.reason,
          declaredBy: actor.userId,
          declaredAt: now.toISOString(),
          evidence: body.evidence ?? null,
        })),
      );
      await this.#audit.record(trx, actor, {
        action: 'household.declare_ineligible',
        entityType: 'household',
        entityId: h.id,
        regionCode: h.villageCode,
        details: { period, reason: body.reason, evidence: body.evidence ?? null, niks: active.length },
      });
      return {
        householdId: h.id,
        kkNumber: h.kkNumber,
        period,
        reason: body.reason,
        niks: active.length,
        version: removed.version,
      };
    });
  }

  /**
   * Lifts a household's declaration (the regency Dinas Sosial): its NIKs may be proposed again, and the
   * family can come back into DTKS (and so into programmes) through a new proposal. 404 when it has none.
   */
  async liftIneligible(actor: Actor, householdId: string, body: LiftBody) {
    requireDeclarer(actor);
    const h = await findWithin(actor, householdId, HOUSEHOLD, (id) =>
      this.#householdsRepo.findById(this.#db, id),
    );
    const at = this.#config.now().toISOString();
    return this.#db.transaction().execute(async (trx) => {
      const niks = await this.#repo.lift(trx, h.id, { at, by: actor.userId, reason: body.reason });
      if (niks === 0) throw notFound(label('record.ineligible_declaration'));
      await this.#audit.record(trx, actor, {
        action: 'household.lift_ineligible',
        entityType: 'household',
        entityId: h.id,
        regionCode: h.villageCode,
        details: { reason: body.reason, niks },
      });
      return { householdId: h.id, niks, liftedAt: at };
    });
  }

  /** Households among `ids` under a standing declaration (read by the recipients computation). */
  standing(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
    return this.#repo.standing(db, ids);
  }

  /** Households declared ineligible in the actor's territory (or a region inside it), newest first. */
  async list(actor: Actor, regionInput?: string) {
    requirePermission(actor, 'registry.read');
    const scope = requestedScope(actor, this.#regions, regionInput);
    if (scope === 'empty') return [];
    const rows = await this.#repo.list(this.#db, scope, 500);
    await recordListRead(this.#audit, actor, rows, {
      action: 'ineligible.list',
      entityType: 'household',
      regionCode: scope?.value ?? null,
      details: { count: rows.length, households: rows.map((r) => r.householdId) },
      // The households listed, for "who read my data" (audit_subjects), before the rows leave.
      subjects: rows.map((r) => r.householdId),
    });
    return rows.map((r) => ({
      householdId: r.householdId,
      kkNumber: r.kkNumber,
      regionCode: r.villageCode,
      headName: r.headName,
      period: r.period,
      reason: r.reason,
      persons: Number(r.persons),
      declaredAt: r.declaredAt,
    }));
  }

  /**
   * Records a household's opt-out of one programme, on the citizen's written request (staff who may write
   * the registry, within their territory). From the next recipients computation the programme excludes the
   * household with `OPTED_OUT`, until the opt-out is withdrawn. 409 when one already stands.
   */
  async recordOptOut(actor: Actor, householdId: string, body: OptOutBody): Promise<OptOut> {
    requirePermission(actor, 'registry.write');
    const h = await findWithin(actor, householdId, HOUSEHOLD, (id) =>
      this.#householdsRepo.findById(this.#db, id),
    );
    const now = this.#config.now();
    const issues = checkOptOutRequestDate(
      body.requestedOn,
      localDate(now, this.#config.proposalWindow.timeZone),
    );
    if (!(await this.#repo.programmeExists(this.#db, body.programme))) {
      issues.push(issue('programme', 'opt_out.unknown_programme', { programme: body.programme }));
    }
    if (issues.length) throw validationError(issues);
    const row = {
      id: newId(),
      householdId: h.id,
      provinceCode: h.provinceCode,
      villageCode: h.villageCode,
      programmeCode: body.programme,
      requestedOn: body.requestedOn,
      reason: body.reason,
      evidence: body.evidence ?? null,
      recordedAt: now.toISOString(),
      recordedBy: actor.userId,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
      citizenAccountId: null,
      withdrawnByCitizen: null,
    };
    return this.#db.transaction().execute(async (trx) => {
      const standing = await this.#repo.optedOut(trx, [h.id], body.programme);
      if (standing.size) throw new AppError('conflict', 'opt_out.exists', { programme: body.programme });
      await this.#repo.insertOptOut(trx, row);
      await this.#audit.record(trx, actor, {
        action: 'household.opt_out',
        entityType: 'household',
        entityId: h.id,
        regionCode: h.villageCode,
        details: {
          optOut: row.id,
          programme: body.programme,
          requestedOn: body.requestedOn,
          reason: body.reason,
        },
      });
      return optOutOf(row);
    });
  }

  /** Withdraws a standing opt-out (the citizen asks to be considered again); 404 when none such stands. */
  async withdrawOptOut(actor: Actor, householdId: string, optOutId: string, body: LiftBody): Promise<OptOut> {
    requirePermission(actor, 'registry.write');
    const h = await findWithin(actor, householdId, HOUSEHOLD, (id) =>
      this.#householdsRepo.findById(this.#db, id),
    );
    if (!isRecordId(optOutId)) throw notFound(OPT_OUT);
    const at = this.#config.now().toISOString();
    return this.#db.transaction().execute(async (trx) => {
      const ok = await this.#repo.withdrawOptOut(trx, h.id, optOutId, {
        at,
        by: actor.userId,
        reason: body.reason,
      });
      if (!ok) throw notFound(OPT_OUT);
      await this.#audit.record(trx, actor, {
        action: 'household.opt_out_withdraw',
        entityType: 'household',
        entityId: h.id,
        regionCode: h.villageCode,
        details: { optOut: optOutId, reason: body.reason },
      });
      const row = (await this.#repo.optOuts(trx, h.id)).find((r) => r.id === optOutId)!;
      return optOutOf(row);
    });
  }

  /** A household's opt-outs, standing and withdrawn, newest first (404 as for the household). */
  async optOuts(actor: Actor, householdId: string): Promise<{ items: OptOut[] }> {
    requirePermission(actor, 'registry.read');
    const h = await findWithin(actor, householdId, HOUSEHOLD, (id) =>
      this.#householdsRepo.findById(this.#db, id),
    );
    const rows = await this.#repo.optOuts(this.#db, h.id);
    await this.#audit.recordRead(actor, {
      action: 'household.opt_outs',
      entityType: 'household',
      entityId: h.id,
      regionCode: h.villageCode,
      details: { optOuts: rows.length },
    });
    return { items: rows.map(optOutOf) };
  }

  // ---------------------------------------------------------------- the citizen's own opt-out (portal)

  /**
   * The programmes a verified citizen may opt their family out of (published, national or of their
   * province) and their family's opt-outs, standing and withdrawn — the same records staff see. Audited as
   * a read of the household by the citizen.
   */
  async citizenOptOuts(citizen: CitizenSession): Promise<CitizenOptOuts> {
    const h = await this.#citizenHousehold(citizen);
    const rows = await this.#repo.optOuts(this.#db, h.id);
    await this.#audit.recordRead(sessionActor(citizen), {
      action: 'household.opt_outs',
      entityType: 'household',
      entityId: h.id,
      regionCode: h.villageCode,
      details: { optOuts: rows.length, source: 'citizen' },
    });
    return { programmes: await this.#programmesFor(h.provinceCode), items: rows.map(optOutOf) };
  }

  /**
   * A verified citizen declares that their family opts out of a programme: the staff path's record, dated
   * today, marked as declared by the citizen (their account), audited with the citizen as actor. From the
   * next recipients computation the programme leaves the household out (`OPTED_OUT`). 409 when one stands.
   */
  async declareOptOut(citizen: CitizenSession, body: CitizenOptOutBody): Promise<OptOut> {
    const h = await this.#citizenHousehold(citizen);
    const now = this.#config.now();
    const offered = await this.#programmesFor(h.provinceCode);
    if (!offered.some((p) => p.code === body.programme)) {
      throw validationError([issue('programme', 'opt_out.unknown_programme', { programme: body.programme })]);
    }
    const row = {
      id: newId(),
      householdId: h.id,
      provinceCode: h.provinceCode,
      villageCode: h.villageCode,
      programmeCode: body.programme,
      requestedOn: localDate(now, this.#config.proposalWindow.timeZone),
      reason: body.reason,
      evidence: null,
      recordedAt: now.toISOString(),
      recordedBy: null,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
      citizenAccountId: citizen.accountId,
      withdrawnByCitizen: null,
    };
    return this.#db.transaction().execute(async (trx) => {
      const standing = await this.#repo.optedOut(trx, [h.id], body.programme);
      if (standing.size) throw new AppError('conflict', 'opt_out.exists', { programme: body.programme });
      await this.#repo.insertOptOut(trx, row);
      await this.#audit.record(trx, sessionActor(citizen), {
        action: 'household.opt_out',
        entityType: 'household',
        entityId: h.id,
        regionCode: h.villageCode,
        details: {
          optOut: row.id,
          programme: body.programme,
          requestedOn: row.requestedOn,
          reason: body.reason,
          source: 'citizen',
          citizenAccountId: citizen.accountId,
        },
      });
      return optOutOf(row);
    });
  }

  /**
   * The citizen withdraws a standing opt-out declared from the portal (by them or another member of the
   * family); one recorded by the office on a written request is withdrawn at the office. Else 404.
   */
  async withdrawCitizenOptOut(citizen: CitizenSession, optOutId: string, body: LiftBody): Promise<OptOut> {
    const h = await this.#citizenHousehold(citizen);
    if (!isRecordId(optOutId)) throw notFound(OPT_OUT);
    const at = this.#config.now().toISOString();
    return this.#db.transaction().execute(async (trx) => {
      const ok = await this.#repo.withdrawOptOut(trx, h.id, optOutId, {
        at,
        by: null,
        reason: body.reason,
        citizen: citizen.accountId,
      });
      if (!ok) throw notFound(OPT_OUT);
      await this.#audit.record(trx, sessionActor(citizen), {
        action: 'household.opt_out_withdraw',
        entityType: 'household',
        entityId: h.id,
        regionCode: h.villageCode,
        details: {
          optOut: optOutId,
          reason: body.reason,
          source: 'citizen',
          citizenAccountId: citizen.accountId,
        },
      });
      const row = (await this.#repo.optOuts(trx, h.id)).find((r) => r.id === optOutId)!;
      return optOutOf(row);
    });
  }

  /** The active household of a verified citizen's NIK; 409 `opt_out.no_record` when they are not in DTKS. */
  async #citizenHousehold(citizen: CitizenSession) {
    const account = this.#citizens ? await this.#citizens.findById(this.#db, citizen.accountId) : undefined;
    if (!account) throw new AppError('unauthorized', 'citizen.session_required');
    if (!seesOwnRecord(account.state)) throw new AppError('forbidden', 'citizen.not_verified');
    const found = await this.#householdsRepo.personByNik(this.#db, account.nik);
    if (found?.household.status !== 'active' || found.person.status !== 'active') {
      throw new AppError('conflict', 'opt_out.no_record');
    }
    const h = found.household;
    return { id: h.id, villageCode: h.villageCode, provinceCode: h.villageCode.split('.')[0]! };
  }

  /** Published programmes a family of this province may be in: national ones and the province's own. */
  async #programmesFor(provinceCode: string): Promise<CitizenOptOuts['programmes']> {
    const rows = await this.#repo.publishedProgrammes(this.#db);
    return rows.flatMap((r) => {
      const doc = JSON.parse(r.document) as {
        door: string;
        provinceCode?: string | null;
        name: { id: string; en: string };
      };
      return doc.door === 'pusdatin' || doc.provinceCode === provinceCode
        ? [{ code: r.code, name: doc.name }]
        : [];
    });
  }

  /**
   * Per programme of `programmeCodes`, the households among `ids` with a standing opt-out of it (read by the
   * recipients computation, one query for every programme of its pass).
   */
  async optedOut(
    db: Kysely<DB>,
    ids: readonly string[],
    programmeCodes: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    const out = new Map(programmeCodes.map((c) => [c, new Set<string>()]));
    for (const r of await this.#repo.optedOutOf(db, ids, programmeCodes)) {
      out.get(r.programmeCode)?.add(r.householdId);
    }
    return out;
  }
}

function optOutOf(r: ProgrammeOptOutRow): OptOut {
  return {
    id: r.id,
    householdId: r.householdId,
    programme: r.programmeCode,
    requestedOn: r.requestedOn,
    reason: r.reason,
    evidence: r.evidence,
    recordedAt: r.recordedAt,
    standing: r.withdrawnAt === null,
    withdrawnAt: r.withdrawnAt,
    withdrawReason: r.withdrawReason,
    declaredBy: r.citizenAccountId === null ? 'staff' : 'citizen',
    withdrawnBy: r.withdrawnAt === null ? null : r.withdrawnByCitizen === null ? 'staff' : 'citizen',
  };
}

/** Only the regency Dinas Sosial declares a household ineligible or lifts it (seed 000). */
function requireDeclarer(actor: Actor): void {
  requirePermission(actor, 'registry.write');
  if (!can(actor.role, 'eligibility.declare')) throw new AppError('forbidden', 'eligibility.dinsos_only');
}
