/**
 * Sanggah (objections, issue 14, seed 000). A verified citizen objects to a current recipient of their own
 * village, named as the public check names people (NIK + name as on the KTP): anything else — another
 * village, not a recipient of the newest approved period, a wrong name — is the same 404. The objection
 * stands on the regency Dinas Sosial's worklist; it is investigated (optionally asking the field for a
 * verivali visit) and decided: upheld declares the household ineligible through the eligibility module
 * (removal + NIK bar, so later recipient periods leave it out), rejected keeps it. The objector sees the
 * state, the reason of the decision and the masked name — never the family's data.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema/index.ts';
import type { SanggahRow } from '../../db/schema/sanggah.table.ts';
import { can } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { seesOwnRecord } from '../../domain/citizen/account-state.ts';
import { AppError, issue, notFound, validationError, versionConflict } from '../../domain/errors.ts';
import { parseNik } from '../../domain/identifiers/parse-nik.ts';
import { foldName } from '../../domain/names/name-fold.ts';
import { maskName } from '../../domain/public/masking.ts';
import {
  OPEN_SANGGAH_STATES,
  SANGGAH_LIMITS,
  SANGGAH_STATES,
  type SanggahLimits,
  type SanggahState,
  type SanggahStep,
  sanggahRefusal,
  sanggahStep,
  sanggahSteps,
} from '../../domain/sanggah/sanggah-state.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import { findRecord } from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CitizenRepository } from '../citizen/citizen.repository.ts';
import { type CitizenSession, sessionActor } from '../citizen/citizen.service.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { VerivaliService } from '../verivali/verivali.service.ts';
import type { SanggahRepository } from './sanggah.repository.ts';

const SANGGAH = label('record.sanggah');
const TARGET = label('record.sanggah_target');
export const MAX_EVIDENCE = 3;

/** What the objector sees of their objection. */
export interface SanggahForCitizen {
  id: string;
  state: SanggahState;
  stateText: { id: string; en: string };
  targetName: string;
  recipientPeriod: string;
  reason: string;
  evidenceCount: number;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** What the Dinas Sosial sees: the household, the objector's village and username (not their NIK). */
export interface SanggahForStaff extends SanggahForCitizen {
  version: number;
  householdId: string;
  kkNumber: string;
  headName: string;
  villageCode: string;
  visitId: string | null;
  objector: string;
  evidence: { id: string; mime: string; size: number }[];
  allowed: SanggahStep[];
}

export const SANGGAH_STATE_TEXT: Record<SanggahState, { id: string; en: string }> = {
  submitted: label('sanggah.state.submitted'),
  investigating: label('sanggah.state.investigating'),
  upheld: label('sanggah.state.upheld'),
  rejected: label('sanggah.state.rejected'),
  withdrawn: label('sanggah.state.withdrawn'),
};

export interface SanggahDeps {
  db: Kysely<DB>;
  repo: SanggahRepository;
  citizens: CitizenRepository;
  householdsRepo: HouseholdsRepository;
  eligibility: EligibilityService;
  verivali: VerivaliService;
  regions: RegionsService;
  attachments: AttachmentsService;
  audit: AuditService;
  config: Config;
  limits?: SanggahLimits;
}

export class SanggahService {
  readonly #d: SanggahDeps;

  constructor(deps: SanggahDeps) {
    this.#d = deps;
  }

  get #limits(): SanggahLimits {
    return this.#d.limits ?? SANGGAH_LIMITS;
  }

  async #verified(citizen: CitizenSession) {
    const account = await this.#d.citizens.findById(this.#d.db, citizen.accountId);
    if (!account) throw notFound(label('record.citizen_account'));
    if (!seesOwnRecord(account.state)) throw new AppError('forbidden', 'citizen.not_verified');
    return account;
  }

  /** Files an objection; 404 for anything but a current recipient of the citizen's village. */
  async submit(
    citizen: CitizenSession,
    input: { nik: string; name: string; reason: string },
  ): Promise<SanggahForCitizen> {
    const { db, repo, audit } = this.#d;
    const account = await this.#verified(citizen);
    const nik = parseNik(input.nik).ok ? input.nik : '';
    const found = nik === '' ? undefined : await repo.target(db, nik, account.villageCode);
    const wanted = foldName(input.name);
    if (!found || wanted === '' || foldName(found.name) !== wanted) throw notFound(TARGET);
    const now = this.#d.config.now();
    const since = new Date(now.getTime() - SANGGAH_LIMITS.villageDays * 86_400_000).toISOString();
    const id = newId();
    const row = await db.transaction().execute(async (trx) => {
      const counts = await repo.counts(trx, {
        accountId: account.id,
        householdId: found.householdId,
        villageCode: account.villageCode,
        since,
      });
      const refusal = sanggahRefusal(counts, this.#limits);
      if (refusal === 'sanggah.limit_citizen') {
        throw new AppError('conflict', refusal, { max: this.#limits.perCitizen });
      }
      if (refusal !== null) throw new AppError('conflict', refusal);
      const at = now.toISOString();
      const r = {
        id,
        accountId: account.id,
        householdId: found.householdId,
        provinceCode: found.provinceCode,
        regencyCode: found.regencyCode,
        districtCode: found.districtCode,
        villageCode: found.villageCode,
        targetNameMasked: maskName(found.name),
        recipientPeriod: found.period,
        reason: input.reason,
        state: 'submitted' as const,
        evidenceCount: 0,
        visitId: null,
        decisionReason: null,
        decidedAt: null,
        decidedBy: null,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      await repo.insert(trx, r);
      await audit.record(trx, sessionActor(citizen), {
        action: 'sanggah.submit',
        entityType: 'sanggah',
        entityId: id,
        regionCode: found.villageCode,
        details: { householdId: found.householdId, period: found.period },
      });
      return r;
    });
    return citizenView(row);
  }

  /** The citizen's own objections, newest first. */
  async mine(citizen: CitizenSession): Promise<SanggahForCitizen[]> {
    const rows = await this.#d.repo.ofAccount(this.#d.db, citizen.accountId);
    return rows.map(citizenView);
  }

  async #own(citizen: CitizenSession, id: string): Promise<SanggahRow> {
    const row = await findRecord(id, (id) => this.#d.repo.findById(this.#d.db, id));
    if (!row || row.accountId !== citizen.accountId) throw notFound(SANGGAH);
    return row;
  }

  /** An evidence photo (validated like every upload), at most MAX_EVIDENCE, while the objection is open. */
  async addEvidence(
    citizen: CitizenSession,
    id: string,
    name: string,
    body: Readable | Buffer,
  ): Promise<SanggahForCitizen> {
    const { db, repo, attachments } = this.#d;
    const row = await this.#own(citizen, id);
    if (!OPEN_SANGGAH_STATES.includes(row.state) || row.evidenceCount >= MAX_EVIDENCE) {
      throw new AppError('conflict', 'sanggah.evidence_limit', { max: MAX_EVIDENCE });
    }
    const file = await attachments.ingest(body, 'sanggah_evidence', name);
    const updated = await db.transaction().execute(async (trx) => {
      const current = (await repo.findById(trx, id))!;
      if (!OPEN_SANGGAH_STATES.includes(current.state) || current.evidenceCount >= MAX_EVIDENCE) {
        throw new AppError('conflict', 'sanggah.evidence_limit', { max: MAX_EVIDENCE });
      }
      await attachments.record(trx, sessionActor(citizen), file, {
        ownerType: 'sanggah',
        ownerId: id,
        kind: 'sanggah_evidence',
        regionCode: current.villageCode,
      });
      const set = { evidenceCount: current.evidenceCount + 1, updatedAt: this.#d.config.now().toISOString() };
      if (!(await repo.update(trx, id, current.version, set))) throw versionConflict(current.version);
      return { ...current, ...set, version: current.version + 1 };
    });
    return citizenView(updated);
  }

  /** The objector withdraws an open objection. */
  async withdraw(citizen: CitizenSession, id: string): Promise<SanggahForCitizen> {
    const row = await this.#own(citizen, id);
    const state = sanggahStep(row.state, 'withdraw', 'citizen');
    const set = { state, updatedAt: this.#d.config.now().toISOString() };
    const updated = await this.#d.db.transaction().execute(async (trx) => {
      if (!(await this.#d.repo.update(trx, id, row.version, set))) throw versionConflict(row.version);
      await this.#d.audit.record(trx, sessionActor(citizen), {
        action: 'sanggah.withdraw',
        entityType: 'sanggah',
        entityId: id,
        regionCode: row.villageCode,
      });
      return { ...row, ...set, version: row.version + 1 };
    });
    return citizenView(updated);
  }

  // ——— Staff ———

  async list(
    actor: Actor,
    q: { state?: SanggahState | 'open'; region?: string },
  ): Promise<SanggahForStaff[]> {
    requirePermission(actor, 'sanggah.read');
    const scope = regionScope(actor, q.region);
    if (scope === 'empty') return [];
    const states = !q.state || q.state === 'open' ? OPEN_SANGGAH_STATES : [q.state];
    const rows = await this.#d.repo.list(this.#d.db, scope, states, 500);
    await this.#d.audit.recordRead(actor, {
      action: 'sanggah.list',
      entityType: 'household',
      regionCode: scope?.value ?? null,
      details: { households: rows.map((r) => r.householdId) },
    });
    return Promise.all(rows.map((r) => this.#staffView(actor, r, r)));
  }

  async #visible(actor: Actor, id: string) {
    const row = await findRecord(id, (id) => this.#d.repo.findById(this.#d.db, id));
    if (!row || !isWithin(actor, row.villageCode)) throw notFound(SANGGAH);
    return row;
  }

  async get(actor: Actor, id: string): Promise<SanggahForStaff> {
    requirePermission(actor, 'sanggah.read');
    const row = await this.#visible(actor, id);
    const h = await this.#d.householdsRepo.findById(this.#d.db, row.householdId);
    await this.#d.audit.recordRead(actor, {
      action: 'sanggah.read',
      entityType: 'household',
      entityId: row.householdId,
      regionCode: row.villageCode,
      details: { sanggahId: id },
    });
    return this.#staffView(actor, row, { kkNumber: h?.kkNumber ?? '', headName: h?.headName ?? '' });
  }

  /**
   * A Dinas Sosial step: `investigate` (optionally asking for a verivali visit), `uphold` (declares the
   * household ineligible in the same transaction) or `reject` (with the reason the objector reads).
   */
  async decide(
    actor: Actor,
    id: string,
    body: {
      step: 'investigate' | 'uphold' | 'reject';
      version: number;
      reason?: string;
      /** With investigate: the field officer (petugas) a verivali visit to the household goes to. */
      visitOfficer?: string;
    },
  ): Promise<SanggahForStaff> {
    if (!can(actor.role, 'sanggah.decide')) throw new AppError('forbidden', 'sanggah.dinsos_only');
    const row = await this.#visible(actor, id);
    if (row.version !== body.version) throw versionConflict(row.version);
    const state = sanggahStep(row.state, body.step, 'dinsos');
    if (body.step !== 'investigate' && !body.reason) {
      throw validationError([issue('reason', 'sanggah.reason_required')]);
    }
    // The visit is the verivali module's, in its own transaction (its checks: an officer of the village,
    // no second open visit). A step that then loses the race leaves the visit, which is still useful.
    const visitId =
      body.step === 'investigate' && body.visitOfficer
        ? (
            await this.#d.verivali.assign(actor, {
              householdId: row.householdId,
              assignedTo: body.visitOfficer,
            })
          ).id
        : null;
    await this.#d.regions.lookup(); // before the transaction: SQLite has one connection
    const at = this.#d.config.now().toISOString();
    const updated = await this.#d.db.transaction().execute(async (trx) => {
      const set =
        body.step === 'investigate'
          ? { state, visitId, updatedAt: at }
          : { state, decisionReason: body.reason!, decidedAt: at, decidedBy: actor.userId, updatedAt: at };
      if (!(await this.#d.repo.update(trx, id, row.version, set))) throw versionConflict(row.version);
      if (body.step === 'uphold') {
        const h = await this.#d.householdsRepo.findById(trx, row.householdId);
        // Already out of DTKS (another objection, a removal): nothing more to declare.
        if (h && h.status === 'active') {
          await this.#d.eligibility.declareIneligible(
            actor,
            h.id,
            { version: h.version, reason: body.reason!, evidence: `sanggah ${id}` },
            { trx },
          );
        }
      }
      await this.#d.audit.record(trx, actor, {
        action: `sanggah.${body.step}`,
        entityType: 'sanggah',
        entityId: id,
        regionCode: row.villageCode,
        details: { householdId: row.householdId, reason: body.reason ?? null, visitId },
      });
      return { ...row, ...set, version: row.version + 1 };
    });
    return this.get(actor, updated.id);
  }

  async #staffView(
    actor: Actor,
    r: SanggahRow,
    h: { kkNumber: string; headName: string },
  ): Promise<SanggahForStaff> {
    const account = await this.#d.citizens.findById(this.#d.db, r.accountId);
    const evidence = await this.#d.repo.evidence(this.#d.db, r.id);
    return {
      ...citizenView(r),
      version: r.version,
      householdId: r.householdId,
      kkNumber: h.kkNumber,
      headName: h.headName,
      villageCode: r.villageCode,
      visitId: r.visitId,
      objector: account?.username ?? '',
      evidence: evidence.map((e) => ({ id: e.id, mime: e.mime, size: Number(e.size) })),
      allowed: can(actor.role, 'sanggah.decide') ? sanggahSteps(r.state, 'dinsos') : [],
    };
  }
}

function citizenView(r: SanggahRow): SanggahForCitizen {
  return {
    id: r.id,
    state: r.state,
    stateText: SANGGAH_STATE_TEXT[r.state],
    targetName: r.targetNameMasked,
    recipientPeriod: r.recipientPeriod,
    reason: r.reason,
    evidenceCount: Number(r.evidenceCount),
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
  };
}

export { SANGGAH_STATES };
