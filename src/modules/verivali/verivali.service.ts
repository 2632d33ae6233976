/**
 * Verivali (DOMAIN.md §5.3): the Dinas Sosial assigns household visits to field officers, an officer records
 * what they found with the full instrument, and the Dinas Sosial accepts the visit. Acceptance moves the
 * proposal the visit verifies (its payload becomes what was recorded, so approval applies what was seen) or,
 * for a visit to a registered household, writes the recorded instrument as a new version of the record —
 * in one transaction either way. States per `visitMachine`.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, UsulanRow, VisitRow } from '../../db/schema/index.ts';
import { concealedOrder } from '../../domain/access/identity.ts';
import { can, isRole, isWithinTerritory } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { latestOpenedPeriod, periodOf } from '../../domain/cycle/period.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { type VisitState, visitMachine } from '../../domain/lifecycle/machines.ts';
import { allowedActions, transition } from '../../domain/lifecycle/state-machine.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import {
  needsInstrument,
  usulanStepFor,
  type VisitResult,
  visitResult,
} from '../../domain/verivali/visit-results.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, assertWithin, requirePermission } from '../access/actor.ts';
import type { IdentityCheck, IdentityGuard } from '../access/identity-guard.ts';
import {
  findRecord,
  findWithin,
  keysetPage,
  recordListRead,
  requestedScope,
} from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { BuildContext } from '../households/households.builder.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { Household } from '../households/households.schemas.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { attachmentView, type UsulanService } from '../usulan/usulan.service.ts';
import {
  checkInstrument,
  type Gps,
  householdFromInstrument,
  instrumentChanges,
  instrumentFromHousehold,
} from './verivali.instrument.ts';
import type { VerivaliRepository, VisitListRow } from './verivali.repository.ts';
import type {
  Candidate,
  Officer,
  VisitAssign,
  VisitBulkAssign,
  VisitInstrument,
  VisitListItem,
  VisitListQuery,
  VisitRecord,
  VisitView,
} from './verivali.schemas.ts';

const VISIT: Text = label('record.visit');
const USULAN: Text = label('record.usulan');
const HOUSEHOLD: Text = label('record.household');

export class VerivaliService {
  readonly #db: Kysely<DB>;
  readonly #repo: VerivaliRepository;
  readonly #householdsRepo: HouseholdsRepository;
  readonly #households: HouseholdsService;
  readonly #usulan: UsulanService;
  readonly #regions: RegionsService;
  readonly #attachments: AttachmentsService;
  readonly #audit: AuditService;
  readonly #identity: IdentityGuard;
  readonly #config: Config;

  constructor(deps: {
    db: Kysely<DB>;
    repo: VerivaliRepository;
    householdsRepo: HouseholdsRepository;
    households: HouseholdsService;
    usulan: UsulanService;
    regions: RegionsService;
    attachments: AttachmentsService;
    audit: AuditService;
    identity: IdentityGuard;
    config: Config;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#householdsRepo = deps.householdsRepo;
    this.#households = deps.households;
    this.#usulan = deps.usulan;
    this.#regions = deps.regions;
    this.#attachments = deps.attachments;
    this.#audit = deps.audit;
    this.#identity = deps.identity;
    this.#config = deps.config;
  }

  // ---------------------------------------------------------------- assignment (Dinas Sosial)

  /** Field officers who may visit a household in `village`: role petugas, territory the village or its district. */
  async officers(actor: Actor, villageInput: string): Promise<Officer[]> {
    requirePermission(actor, 'registry.read');
    const village = this.#village(villageInput, 'village');
    assertWithin(actor, village, label('record.village'));
    return this.#repo.officersFor(this.#db, village);
  }

  /**
   * Accepted proposals of a region and period, with the visit each already has. Without a period: the newest
   * period with accepted proposals in the region (else the period the to-do list works on), so the worklist
   * opens on work rather than on an empty month.
   */
  async candidates(
    actor: Actor,
    regionInput: string | undefined,
    periodInput: string | undefined,
  ): Promise<{ period: string; items: Candidate[] }> {
    requirePermission(actor, 'registry.read');
    const scope = requestedScope(actor, this.#regions, regionInput);
    const period =
      periodInput ??
      (scope === 'empty' ? undefined : await this.#repo.newestAcceptedPeriod(this.#db, scope)) ??
      latestOpenedPeriod(this.#config.now(), this.#config.proposalWindow);
    if (scope === 'empty') return { period, items: [] };
    const rows = await this.#repo.candidates(this.#db, scope, period);
    await recordListRead(this.#audit, actor, rows, {
      action: 'visit.candidates',
      entityType: 'usulan',
      regionCode: scope?.value ?? null,
      details: { period, ids: rows.map((r) => r.id) },
    });
    const items = rows.map((r) => ({
      usulanId: r.id,
      kind: r.kind,
      state: r.state,
      period: r.period,
      regionCode: r.villageCode,
      householdId: r.householdId,
      kkNumber: r.kkNumber,
      headName: r.headName,
      visit: r.visitId
        ? {
            id: r.visitId,
            state: r.visitState!,
            assignedTo: r.assignedTo!,
            assignedName: r.assigneeName || r.assigneeUsername || r.assignedTo!,
          }
        : null,
    }));
    return { period, items };
  }

  /** One visit: to an accepted proposal (`usulanId`) or to a registered household of the regency (`householdId`). */
  async assign(actor: Actor, input: VisitAssign): Promise<VisitView> {
    this.#requireDinsos(actor);
    if ((input.usulanId === undefined) === (input.householdId === undefined)) {
      throw validationError([issue('usulanId', 'visit.target_required')]);
    }
    const now = this.#config.now().toISOString();
    const row = await this.#db.transaction().execute(async (trx) => {
      let target: Pick<VisitRow, 'householdId' | 'usulanId' | 'period' | 'villageCode'>;
      if (input.usulanId !== undefined) {
        const u = await this.#visibleProposal(trx, actor, input.usulanId);
        this.#requireAccepted(u);
        target = { usulanId: u.id, householdId: u.householdId, period: u.period, villageCode: u.villageCode };
      } else {
        const h = await this.#visibleHousehold(trx, actor, input.householdId!);
        target = {
          usulanId: null,
          householdId: h.id,
          period: input.period ?? periodOf(this.#config.now(), this.#config.proposalWindow.timeZone),
          villageCode: h.villageCode,
        };
      }
      await this.#requireOfficer(trx, input.assignedTo, target.villageCode);
      await this.#refuseSecondVisit(trx, target);
      const visit = this.#newVisit(actor, target, input.assignedTo, now);
      await this.#repo.insert(trx, [visit]);
      await this.#audit.record(trx, actor, {
        action: 'visit.assign',
        entityType: 'visit',
        entityId: visit.id,
        regionCode: visit.villageCode,
        details: { usulanId: visit.usulanId, householdId: visit.householdId, assignedTo: visit.assignedTo },
      });
      return visit;
    });
    return this.#view(actor, row);
  }

  /** Every accepted proposal of a village and period that has no open visit yet, to one officer. */
  async assignVillage(
    actor: Actor,
    input: VisitBulkAssign,
  ): Promise<{ assigned: number; alreadyAssigned: number; visitIds: string[] }> {
    this.#requireDinsos(actor);
    const village = this.#village(input.villageCode, 'villageCode');
    assertWithin(actor, village, label('record.village'));
    const now = this.#config.now().toISOString();
    return this.#db.transaction().execute(async (trx) => {
      await this.#requireOfficer(trx, input.assignedTo, village);
      const rows = await this.#repo.candidates(trx, { column: 'villageCode', value: village }, input.period);
      const open = rows.filter((r) => r.visitId === null);
      const visits = open.map((r) =>
        this.#newVisit(
          actor,
          { usulanId: r.id, householdId: r.householdId, period: r.period, villageCode: r.villageCode },
          input.assignedTo,
          now,
        ),
      );
      await this.#repo.insert(trx, visits);
      if (visits.length) {
        await this.#audit.record(trx, actor, {
          action: 'visit.assign_village',
          entityType: 'visit',
          regionCode: village,
          details: { period: input.period, assignedTo: input.assignedTo, visitIds: visits.map((v) => v.id) },
        });
      }
      return {
        assigned: visits.length,
        alreadyAssigned: rows.length - open.length,
        visitIds: visits.map((v) => v.id),
      };
    });
  }

  async cancel(actor: Actor, id: string, version: number, note?: string): Promise<VisitView> {
    return this.#step(actor, id, version, 'cancel', note, () => ({}));
  }

  /** Sends a recorded visit back to the officer, with the reason they will see. */
  async redo(actor: Actor, id: string, version: number, note: string): Promise<VisitView> {
    return this.#step(actor, id, version, 'redo', note, () => ({ reviewNote: note }));
  }

  /**
   * The Dinas Sosial accepts a recorded visit. For a proposal: it moves to verified (or not eligible) and
   * its payload becomes the recorded instrument. For a registered household found eligible: the instrument
   * is written as a new version (reason `verivali <period>`). Other findings change nothing by themselves.
   */
  async accept(actor: Actor, id: string, version: number, note?: string): Promise<VisitView> {
    await this.#regions.lookup(); // loaded before the transaction: SQLite has one connection
    return this.#identity.run(actor, { action: 'visit.accept' }, (identity) =>
      this.#accept(actor, id, version, note, identity),
    );
  }

  async #accept(
    actor: Actor,
    id: string,
    version: number,
    note: string | undefined,
    identity: IdentityCheck,
  ): Promise<VisitView> {
    return this.#step(actor, id, version, 'accept', note, async (trx, v) => {
      const result = v.result as VisitResult;
      const instrument = v.instrument ? (JSON.parse(v.instrument) as VisitInstrument) : null;
      const gps = { latitude: v.latitude!, longitude: v.longitude! };
      if (v.usulanId) {
        const u = (await this.#repo.proposal(trx, v.usulanId))!;
        const step = usulanStepFor(u.kind, result);
        const payload =
          step === 'verify' && instrument && u.kind !== 'dikeluarkan'
            ? await this.#verifiedPayload(trx, actor, u, instrument, gps)
            : undefined;
        const label = visitResult(result)!.label;
        await this.#usulan.advance(trx, actor, u.id, step, {
          note: note ?? `verivali: ${label.id}`,
          payload,
        });
      } else if (v.householdId && result === 'found_eligible' && instrument) {
        await this.#applyToHousehold(trx, actor, v.householdId, instrument, gps, {
          reason: `verivali ${v.period}`,
          identity,
        });
      }
      return { reviewNote: null };
    });
  }

  // ---------------------------------------------------------------- the officer's side

  async list(
    actor: Actor,
    q: VisitListQuery,
  ): Promise<{ items: VisitListItem[]; nextCursor: string | null }> {
    requirePermission(actor, 'registry.read');
    const scope = requestedScope(actor, this.#regions, q.region);
    if (scope === 'empty') return { items: [], nextCursor: null };
    // An officer sees the visits given to them; `mine` narrows anyone else's list the same way.
    const own = can(actor.role, 'verivali.visit') || q.mine === 'true';
    if (own && !actor.userId) return { items: [], nextCursor: null };
    const { page, nextCursor } = await keysetPage(
      q,
      (afterId, limit) =>
        this.#repo.list(this.#db, {
          scope,
          assignedTo: own ? actor.userId! : undefined,
          state: q.state,
          result: q.result,
          period: q.period,
          afterId,
          limit,
        }),
      (r) => r.id,
    );
    await recordListRead(this.#audit, actor, page, {
      action: 'visit.list',
      entityType: 'visit',
      regionCode: scope?.value ?? null,
      details: { ids: page.map((r) => r.id) },
    });
    return { items: page.map(listItem), nextCursor };
  }

  async get(actor: Actor, id: string): Promise<VisitView> {
    requirePermission(actor, 'registry.read');
    const v = await this.#visible(this.#db, actor, id);
    await this.#audit.recordRead(actor, {
      action: 'visit.read',
      entityType: 'visit',
      entityId: v.id,
      regionCode: v.villageCode,
    });
    return this.#view(actor, v);
  }

  /** The officer's record of the visit: finding, GPS, notes and (when the household was seen) the instrument. */
  async record(actor: Actor, id: string, body: VisitRecord): Promise<VisitView> {
    requirePermission(actor, 'registry.write');
    if (!body.instrument) return this.#record(actor, id, body, null);
    return this.#identity.run(actor, { action: 'visit.record' }, (check) =>
      this.#record(actor, id, body, check),
    );
  }

  async #record(
    actor: Actor,
    id: string,
    body: VisitRecord,
    check: IdentityCheck | null,
  ): Promise<VisitView> {
    const v0 = await this.#visible(this.#db, actor, id);
    if (v0.version !== body.version) throw versionConflict(v0.version);
    transition(visitMachine, v0.state as VisitState, 'record', actor.role);
    const gps = { latitude: body.latitude, longitude: body.longitude };
    const errors: FieldIssue[] = [];
    const warnings: FieldIssue[] = [];
    if (needsInstrument(body.result) && !body.instrument) {
      errors.push(issue('instrument', 'visit.instrument_required'));
    }
    if (body.instrument) {
      const existing = await this.#visitedHousehold(actor, v0);
      const ctx = await this.#buildContext(actor);
      const checked = checkInstrument(body.instrument, v0.villageCode, gps, ctx, existing);
      errors.push(...checked.errors);
      warnings.push(...checked.warnings);
      if (errors.length === 0)
        await this.#checkRegistryConflicts(check!, body.instrument, existing, errors, warnings);
    }
    if (errors.length) throw validationError(concealedOrder(errors));
    if (warnings.length && body.confirmWarnings !== true) {
      throw validationError(warnings.map((w) => ({ ...w, severity: 'warning' as const })));
    }
    const row = await this.#db.transaction().execute(async (trx) => {
      const v = (await this.#repo.findById(trx, id))!;
      if (v.version !== body.version) throw versionConflict(v.version);
      const next = transition(visitMachine, v.state as VisitState, 'record', actor.role);
      const now = this.#config.now().toISOString();
      const patch: Partial<VisitRow> = {
        state: next,
        result: body.result,
        visitedAt: now,
        latitude: body.latitude,
        longitude: body.longitude,
        instrument: body.instrument ? JSON.stringify(body.instrument) : null,
        notes: body.notes ?? null,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      if (!(await this.#repo.update(trx, id, v.version, patch))) throw versionConflict(v.version + 1);
      await this.#audit.record(trx, actor, {
        action: 'visit.record',
        entityType: 'visit',
        entityId: id,
        regionCode: v.villageCode,
        details: {
          result: body.result,
          latitude: body.latitude,
          longitude: body.longitude,
          warningsConfirmed: warnings.map((w) => w.code),
        },
      });
      return { ...v, ...patch, version: v.version + 1 } as VisitRow;
    });
    return this.#view(actor, row);
  }

  /** A photo taken at the visit (the file itself as the body), while the visit is open. */
  async attachPhoto(actor: Actor, id: string, fileName: string, body: Readable | Buffer): Promise<VisitView> {
    requirePermission(actor, 'registry.write');
    const v = await this.#visible(this.#db, actor, id);
    if (!(['assigned', 'visited'] as string[]).includes(v.state)) {
      throw new AppError('state', 'visit.locked', undefined, {
        extra: {
          currentState: v.state,
          allowed: allowedActions(visitMachine, v.state as VisitState, actor.role),
        },
      });
    }
    const file = await this.#attachments.ingest(body, 'visit_photo', fileName);
    await this.#db.transaction().execute((trx) =>
      this.#attachments.record(trx, actor, file, {
        ownerType: 'visit',
        ownerId: v.id,
        kind: 'visit_photo',
        regionCode: v.villageCode,
      }),
    );
    return this.#view(actor, v);
  }

  // ---------------------------------------------------------------- internals

  async #step(
    actor: Actor,
    id: string,
    version: number,
    action: 'accept' | 'redo' | 'cancel',
    note: string | undefined,
    effect: (trx: Kysely<DB>, v: VisitRow) => Partial<VisitRow> | Promise<Partial<VisitRow>>,
  ): Promise<VisitView> {
    requirePermission(actor, 'registry.read');
    const v0 = await this.#visible(this.#db, actor, id);
    if (v0.version !== version) throw versionConflict(v0.version);
    const row = await this.#db.transaction().execute(async (trx) => {
      const v = (await this.#repo.findById(trx, id))!;
      if (v.version !== version) throw versionConflict(v.version);
      const next = transition(visitMachine, v.state as VisitState, action, actor.role);
      const extra = await effect(trx, v);
      const patch: Partial<VisitRow> = {
        ...extra,
        state: next,
        updatedAt: this.#config.now().toISOString(),
        updatedBy: actor.userId,
      };
      if (!(await this.#repo.update(trx, id, version, patch))) throw versionConflict(version + 1);
      await this.#audit.record(trx, actor, {
        action: `visit.${action}`,
        entityType: 'visit',
        entityId: id,
        regionCode: v.villageCode,
        details: { state: next, result: v.result, note: note ?? null },
      });
      return { ...v, ...patch, version: version + 1 } as VisitRow;
    });
    return this.#view(actor, row);
  }

  /** The proposal's new payload: the household to create (baru), or the changes to make (perbaikan). */
  async #verifiedPayload(
    trx: Kysely<DB>,
    actor: Actor,
    u: UsulanRow,
    instrument: VisitInstrument,
    gps: Gps,
  ): Promise<Record<string, unknown>> {
    if (u.kind === 'baru') return { household: householdFromInstrument(instrument, u.villageCode, gps) };
    const h = await this.#households.get(actor, u.householdId!, { trx });
    const c = instrumentChanges(h, instrument, gps);
    return { changes: c.changes, memberChanges: c.memberChanges, memberAdds: c.memberAdds };
  }

  async #applyToHousehold(
    trx: Kysely<DB>,
    actor: Actor,
    householdId: string,
    instrument: VisitInstrument,
    gps: Gps,
    { reason, identity }: { reason: string; identity: IdentityCheck },
  ): Promise<void> {
    const h = await this.#households.get(actor, householdId, { trx });
    const c = instrumentChanges(h, instrument, gps);
    let version = h.version;
    const common = () => ({ version, reason, confirmWarnings: true });
    const opts = { trx, identity };
    if (Object.keys(c.changes).length) {
      version = (await this.#households.update(actor, h.id, { ...c.changes, ...common() }, opts)).version;
    }
    for (const { personId, ...fields } of c.memberChanges) {
      version = (await this.#households.updateMember(actor, h.id, personId, { ...fields, ...common() }, opts))
        .version;
    }
    for (const member of c.memberAdds) {
      version = (await this.#households.addMember(actor, h.id, { member, ...common() }, opts)).version;
    }
  }

  /**
   * NIKs and KK numbers the instrument uses that DTKS holds for another household. One outside the
   * officer's territory gets the neutral issue (an error whatever the visit), like every identity refusal.
   */
  async #checkRegistryConflicts(
    check: IdentityCheck,
    i: VisitInstrument,
    existing: Household | null,
    errors: FieldIssue[],
    warnings: FieldIssue[],
  ): Promise<void> {
    // Applied at once for a registered household, so a conflict is an error; a new household is only
    // created at approval, after the old record may have been removed, so there it is a warning.
    const severity = existing ? 'error' : 'warning';
    const add = (f: FieldIssue) => (existing ? errors : warnings).push(f);
    const niks = i.members.map((m) => m.nik);
    for (const e of await this.#householdsRepo.nikEntries(this.#db, niks)) {
      if (e.householdId === existing?.id) continue;
      const field = `instrument.members.${niks.indexOf(e.nik)}.nik`;
      const hidden = check.hidden({ kind: 'nik', value: e.nik, field }, 'household_member', {
        entityType: 'household',
        id: e.householdId,
        villageCode: e.villageCode,
      });
      if (hidden) errors.push(hidden);
      else add(issue(field, 'visit.nik_registered_elsewhere', undefined, severity));
    }
    const kk = await this.#householdsRepo.activeByKk(this.#db, i.household.kkNumber);
    if (kk && kk.id !== existing?.id) {
      const field = 'instrument.household.kkNumber';
      const hidden = check.hidden({ kind: 'kk', value: i.household.kkNumber, field }, 'household_kk', {
        entityType: 'household',
        id: kk.id,
        villageCode: kk.villageCode,
      });
      if (hidden) errors.push(hidden);
      else add(issue(field, 'visit.kk_registered_elsewhere', undefined, severity));
    }
  }

  /** The registered household a visit looks at: its own, or the one its proposal corrects or removes. */
  async #visitedHousehold(actor: Actor, v: VisitRow): Promise<Household | null> {
    if (!v.householdId) return null;
    return this.#households.get(actor, v.householdId);
  }

  async #view(actor: Actor, v: VisitRow): Promise<VisitView> {
    const [row] = await this.#repo.list(this.#db, { scope: null, id: v.id, limit: 1 });
    const base = listItem(row ?? (v as VisitListRow));
    const photos = await this.#attachments.listFor(this.#db, v.id);
    let prefill: VisitInstrument | null = null;
    if (!v.instrument && (v.state === 'assigned' || v.state === 'visited'))
      prefill = await this.#prefill(actor, v);
    return {
      ...base,
      latitude: v.latitude,
      longitude: v.longitude,
      notes: v.notes,
      instrument: v.instrument ? (JSON.parse(v.instrument) as Record<string, unknown>) : null,
      prefill: prefill as Record<string, unknown> | null,
      baseline: v.instrument && v.state === 'visited' ? await this.#baseline(actor, v) : null,
      allowedActions: allowedActions(visitMachine, v.state as VisitState, actor.role),
      photos: photos.map(attachmentView),
    };
  }

  /** What a recorded visit is reviewed against: the registered household, or the proposed new one. */
  async #baseline(actor: Actor, v: VisitRow): Promise<VisitView['baseline']> {
    if (v.householdId) {
      const i = instrumentFromHousehold(await this.#households.get(actor, v.householdId));
      return { source: 'dtks', household: i.household as Record<string, unknown>, members: i.members };
    }
    const u = v.usulanId ? await this.#repo.proposal(this.#db, v.usulanId) : undefined;
    if (u?.kind !== 'baru') return null;
    const { household } = JSON.parse(u.payload) as { household: Record<string, unknown> };
    const { regionCode: _r, members, latitude: _la, longitude: _lo, ...rest } = household;
    return { source: 'usulan', household: rest, members: members as Record<string, unknown>[] };
  }

  /** Where the officer's form starts: the proposed household (baru), or the registered one as DTKS has it. */
  async #prefill(actor: Actor, v: VisitRow): Promise<VisitInstrument | null> {
    const u = v.usulanId ? await this.#repo.proposal(this.#db, v.usulanId) : undefined;
    if (u?.kind === 'baru') {
      const { household } = JSON.parse(u.payload) as { household: Record<string, unknown> };
      const { regionCode: _r, members, latitude: _la, longitude: _lo, ...rest } = household;
      return { household: rest, members } as VisitInstrument;
    }
    if (!v.householdId) return null;
    const h = await this.#households.get(actor, v.householdId);
    const start = instrumentFromHousehold(h);
    if (u?.kind === 'perbaikan') {
      // Show the proposed corrections, for the officer to confirm or correct on the spot.
      const p = JSON.parse(u.payload) as {
        changes?: Record<string, unknown>;
        memberChanges?: { personId: string }[];
      };
      Object.assign(start.household, p.changes ?? {});
      for (const mc of p.memberChanges ?? []) {
        const m = start.members.find((x) => x.personId === mc.personId);
        if (m) Object.assign(m, mc);
      }
    }
    return start;
  }

  async #visible(db: Kysely<DB>, actor: Actor, id: string): Promise<VisitRow> {
    const v = await findWithin(actor, id, VISIT, (id) => this.#repo.findById(db, id));
    // An officer sees only the visits given to them.
    if (can(actor.role, 'verivali.visit') && v.assignedTo !== actor.userId) throw notFound(VISIT);
    return v;
  }

  #visibleProposal(trx: Kysely<DB>, actor: Actor, id: string): Promise<UsulanRow> {
    return findWithin(actor, id, USULAN, (id) => this.#repo.proposal(trx, id));
  }

  async #visibleHousehold(trx: Kysely<DB>, actor: Actor, id: string) {
    const h = await findWithin(actor, id, HOUSEHOLD, (id) => this.#householdsRepo.findById(trx, id));
    if (h.status !== 'active') {
      throw new AppError('state', 'visit.household_removed', undefined, {
        extra: { currentState: h.status, allowed: [] },
      });
    }
    return h;
  }

  #requireAccepted(u: UsulanRow): void {
    if (u.state === 'musdes_accepted') return;
    throw new AppError(
      'state',
      'visit.proposal_not_accepted',
      { state: u.state },
      { extra: { currentState: u.state, allowed: [] } },
    );
  }

  async #requireOfficer(trx: Kysely<DB>, userId: string, villageCode: string): Promise<void> {
    const u = await findRecord(userId, (userId) => this.#repo.user(trx, userId));
    if (
      u &&
      u.status === 'active' &&
      isRole(u.role) &&
      can(u.role, 'verivali.visit') &&
      isWithinTerritory(villageCode, u.regionCode)
    )
      return;
    throw validationError([issue('assignedTo', 'visit.officer_not_eligible')]);
  }

  async #refuseSecondVisit(
    trx: Kysely<DB>,
    target: Pick<VisitRow, 'householdId' | 'usulanId'>,
  ): Promise<void> {
    const open =
      (target.usulanId ? await this.#repo.openVisit(trx, { usulanId: target.usulanId }) : undefined) ??
      (target.householdId ? await this.#repo.openVisit(trx, { householdId: target.householdId }) : undefined);
    if (!open) return;
    throw new AppError('conflict', 'visit.already_assigned', undefined, {
      extra: { visitId: open.id, currentState: open.state },
    });
  }

  #requireDinsos(actor: Actor): void {
    requirePermission(actor, 'registry.write');
    if (!can(actor.role, 'verivali.manage')) {
      throw new AppError('forbidden', 'visit.dinsos_only');
    }
  }

  #village(input: string, field: string): string {
    const code = this.#regions.normalize(input, field);
    if (regionLevel(code) !== 4) {
      throw validationError([issue(field, 'region.not_a_village', { code })]);
    }
    return code;
  }

  #newVisit(
    actor: Actor,
    target: Pick<VisitRow, 'householdId' | 'usulanId' | 'period' | 'villageCode'>,
    assignedTo: string,
    now: string,
  ): VisitRow {
    const parts = target.villageCode.split('.');
    return {
      id: newId(),
      period: target.period,
      householdId: target.householdId,
      usulanId: target.usulanId,
      assignedTo,
      state: visitMachine.initial,
      result: null,
      visitedAt: null,
      latitude: null,
      longitude: null,
      instrument: null,
      notes: null,
      reviewNote: null,
      provinceCode: parts[0]!,
      regencyCode: parts.slice(0, 2).join('.'),
      districtCode: parts.slice(0, 3).join('.'),
      villageCode: target.villageCode,
      version: 1,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
    };
  }

  async #buildContext(actor: Actor): Promise<BuildContext> {
    const region = await this.#regions.lookup();
    return {
      now: this.#config.now().toISOString(),
      actorId: actor.userId,
      isKnownVillage: (c) => region(c)?.level === 4,
      isKnownDistrict: (c) => region(c)?.level === 3,
      today: this.#config.now(),
    };
  }
}

function listItem(r: VisitListRow): VisitListItem {
  return {
    id: r.id,
    period: r.period,
    state: r.state,
    regionCode: r.villageCode,
    householdId: r.householdId,
    usulanId: r.usulanId,
    usulanKind: r.usulanKind ?? null,
    kkNumber: r.kkNumber ?? null,
    headName: r.headName ?? null,
    assignedTo: {
      id: r.assignedTo,
      username: r.assigneeUsername ?? '',
      displayName: r.assigneeName ?? '',
    },
    result: r.result,
    visitedAt: r.visitedAt,
    reviewNote: r.reviewNote,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
