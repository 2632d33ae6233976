/**
 * Declaring a household ineligible (ditidaklayakkan, DOMAIN.md §6–7): the regency Dinas Sosial removes it
 * from DTKS with reason `declared_ineligible` and records its members' NIKs, so that none of them can be
 * proposed again (the usulan module refuses NIKs in this registry). Both happen in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { periodOf } from '../../domain/cycle/period.ts';
import { AppError, notFound, type Text, versionConflict } from '../../domain/errors.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { findWithin, recordListRead, requestedScope } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { EligibilityRepository } from './eligibility.repository.ts';
import type { IneligibleBody, LiftBody } from './eligibility.schemas.ts';

const HOUSEHOLD: Text = label('record.household');

export class EligibilityService {
  readonly #db: Kysely<DB>;
  readonly #repo: EligibilityRepository;
  readonly #householdsRepo: HouseholdsRepository;
  readonly #households: HouseholdsService;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;
  readonly #config: Config;

  constructor(deps: {
    db: Kysely<DB>;
    repo: EligibilityRepository;
    householdsRepo: HouseholdsRepository;
    households: HouseholdsService;
    regions: RegionsService;
    audit: AuditService;
    config: Config;
  }) {
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
    requirePermission(actor, 'registry.write');
    if (actor.role !== 'dinsos_kab') {
      throw new AppError('forbidden', 'eligibility.dinsos_only');
    }
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
    requirePermission(actor, 'registry.write');
    if (actor.role !== 'dinsos_kab') {
      throw new AppError('forbidden', 'eligibility.dinsos_only');
    }
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
      details: { households: rows.map((r) => r.householdId) },
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
}
