/**
 * Usulan (proposals): the only way DTKS changes (DOMAIN.md §5). A village operator drafts a proposal —
 * a new household (baru), a correction (perbaikan) or a removal (dikeluarkan) — attaches the documents,
 * and submits it inside the monthly window. Later steps (Musdes, verivali, Dinas Sosial) move it through
 * `usulanMachine`; the Dinas Sosial's approval applies it to the registry in the same transaction.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { AttachmentRow, DB, UsulanRow } from '../../db/schema/index.ts';
import { concealedOrder } from '../../domain/access/identity.ts';
import { can } from '../../domain/access/roles.ts';
import { label, message } from '../../domain/catalogue.ts';
import { seesOwnRecord } from '../../domain/citizen/account-state.ts';
import {
  CITIZEN_REQUIRED_FILES,
  CITIZEN_USULAN_FILES,
  type CitizenUsulanFile,
  citizenMayAttach,
  MANDIRI_LIMITS,
  MANDIRI_SOURCE,
  MAX_CITIZEN_FILES,
  type MandiriLimits,
  mandiriRefusal,
  outcomeOf,
  statusText,
  timelineOf,
} from '../../domain/citizen/self-proposal.ts';
import {
  ATTACHMENT_KINDS,
  attachableIn,
  REQUIRED_ATTACHMENTS,
  USULAN_ATTACHMENT_KINDS,
  type UsulanAttachmentKind,
} from '../../domain/cycle/attachments.ts';
import { windowStatus } from '../../domain/cycle/period.ts';
import type { Placement } from '../../domain/cycle/placement.ts';
import {
  AppError,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { type UsulanAction, type UsulanState, usulanMachine } from '../../domain/lifecycle/machines.ts';
import { allowedActions, alreadyTaken, transition } from '../../domain/lifecycle/state-machine.ts';
import { removalReason } from '../../domain/registry/removal-reasons.ts';
import { decodeCursor, decodeSortCursor, encodeCursor, encodeSortCursor } from '../../lib/cursor.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, assertWithin, requirePermission } from '../access/actor.ts';
import type { IdentityCheck, IdentityGuard } from '../access/identity-guard.ts';
import { findRecord, findWithin, recordListRead, requestedScope } from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CitizenRepository } from '../citizen/citizen.repository.ts';
import { type CitizenSession, sessionActor } from '../citizen/citizen.service.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { regionOf, UsulanKindRules } from './usulan.kinds.ts';
import type { UsulanRepository } from './usulan.repository.ts';
import type {
  AttachmentView,
  CitizenUsulanView,
  MandiriCorrection,
  MandiriCreate,
  UsulanCreate,
  UsulanListQuery,
  UsulanView,
} from './usulan.schemas.ts';

const USULAN: Text = label('record.usulan');
const HOUSEHOLD: Text = label('record.household');

/** What happened to a proposal that the village operator must hear about. */
const RETURN_NOTICES: Partial<Record<UsulanAction, Text>> = {
  musdes_reject: label('usulan.notice.musdes_reject'),
  verify_not_eligible: label('usulan.notice.verify_not_eligible'),
  return: label('usulan.notice.return'),
};

/**
 * Where a submitted proposal goes in its village's deliberation (implemented by MusdesService, which is
 * built after this service and registered with `placeWith`).
 */
export interface DeliberationPlacement {
  placeSubmitted(trx: Kysely<DB>, actor: Actor, u: UsulanRow, period: string): Promise<Placement>;
}

/** Where a proposal comes from: an operator's own, or a citizen's (usulan mandiri) with its limits. */
interface Origin {
  source: string;
  citizenAccountId: string | null;
  /** Runs in the write's transaction before the insert (the citizen's limits). */
  admit?: (trx: Kysely<DB>) => Promise<void>;
}
const OPERATOR: Origin = { source: 'operator', citizenAccountId: null };

export class UsulanService {
  #placement: DeliberationPlacement | null = null;
  readonly #db: Kysely<DB>;
  readonly #repo: UsulanRepository;
  readonly #householdsRepo: HouseholdsRepository;
  readonly #households: HouseholdsService;
  readonly #regions: RegionsService;
  readonly #attachments: AttachmentsService;
  readonly #notifications: NotificationsService;
  readonly #audit: AuditService;
  readonly #identity: IdentityGuard;
  readonly #config: Config;
  readonly #citizens: CitizenRepository | null;
  readonly #mandiriLimits: MandiriLimits;
  readonly #kinds: UsulanKindRules;

  constructor(deps: {
    db: Kysely<DB>;
    repo: UsulanRepository;
    householdsRepo: HouseholdsRepository;
    households: HouseholdsService;
    regions: RegionsService;
    attachments: AttachmentsService;
    notifications: NotificationsService;
    audit: AuditService;
    identity: IdentityGuard;
    config: Config;
    /** Citizens' accounts, for usulan mandiri. */
    citizens?: CitizenRepository;
    mandiriLimits?: MandiriLimits;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#householdsRepo = deps.householdsRepo;
    this.#households = deps.households;
    this.#regions = deps.regions;
    this.#attachments = deps.attachments;
    this.#notifications = deps.notifications;
    this.#audit = deps.audit;
    this.#identity = deps.identity;
    this.#config = deps.config;
    this.#citizens = deps.citizens ?? null;
    this.#mandiriLimits = deps.mandiriLimits ?? MANDIRI_LIMITS;
    this.#kinds = new UsulanKindRules({
      repo: deps.repo,
      householdsRepo: deps.householdsRepo,
      now: () => deps.config.now(),
    });
  }

  /** The Musdes service places submitted proposals (src/domain/cycle/placement.ts); see the container. */
  placeWith(placement: DeliberationPlacement): void {
    this.#placement = placement;
  }

  /** The proposal window now: open or not, and the current or next window's dates. */
  window() {
    return windowStatus(this.#config.now(), this.#config.proposalWindow);
  }

  // ---------------------------------------------------------------- drafting

  /**
   * A proposal naming a NIK or KK number that DTKS, another open proposal or an ineligibility holds is
   * refused: in detail when the holder lies in the operator's territory, with the one neutral issue
   * (`identity.unavailable`) when it does not — the person is handled where they are registered, and that
   * village is notified (IdentityGuard). Nothing of the other record reaches the operator.
   */
  async create(actor: Actor, input: UsulanCreate, opts: { id?: string } = {}): Promise<UsulanView> {
    return this.#write(actor, input, { id: opts.id });
  }

  /**
   * A draft edited by its village (the edit screen, `PUT /usulan/{id}`, `dtks usulan edit`, the offline
   * app's changes — docs/offline.md): the whole proposal again, checked like a new one, replacing the
   * draft's content while it is still a draft of the same kind. A citizen's draft (usulan mandiri) is
   * completed this way by the village operator under the operator's rules; it stays the citizen's
   * (source and account kept), and the citizen's timeline reads "dilengkapi operator desa", without who.
   */
  async updateDraft(actor: Actor, id: string, version: number, input: UsulanCreate): Promise<UsulanView> {
    return this.#write(actor, input, { existing: { id, version } });
  }

  async #write(
    actor: Actor,
    input: UsulanCreate,
    target: { id?: string; existing?: { id: string; version: number } },
  ): Promise<UsulanView> {
    requirePermission(actor, 'registry.write');
    if (!can(actor.role, 'usulan.draft')) {
      throw new AppError('forbidden', 'usulan.operator_only');
    }
    const names =
      input.kind === 'baru' ||
      (input.kind === 'perbaikan' &&
        (input.changes.kkNumber !== undefined || input.memberChanges.some((mc) => mc.nik !== undefined)));
    if (!names) return this.#create(actor, input, null, target);
    return this.#identity.run(
      actor,
      { action: target.existing ? 'usulan.update' : 'usulan.create' },
      (check) => this.#create(actor, input, check, target),
    );
  }

  async #create(
    actor: Actor,
    input: UsulanCreate,
    check: IdentityCheck | null,
    target: { id?: string; existing?: { id: string; version: number } } = {},
    origin: Origin = OPERATOR,
  ): Promise<UsulanView> {
    const period = input.period ?? this.window().period;
    const now = this.#config.now().toISOString();
    const region = await this.#regions.lookup();
    const selfId = target.existing?.id;
    const row = await this.#db.transaction().execute(async (trx) => {
      const previous = target.existing ? await this.#editableDraft(trx, actor, target.existing, input) : null;
      // An edited draft keeps where it came from (a citizen's stays theirs and keeps counting as theirs).
      const kept = previous
        ? { source: previous.source, citizenAccountId: previous.citizenAccountId }
        : { source: origin.source, citizenAccountId: origin.citizenAccountId };
      const { base, payload, niks, errors, warnings } = await this.#kinds.check(trx, actor, input, check!, {
        selfId,
        kept,
        source: origin.source,
        region,
        now,
      });
      if (errors.length) throw validationError(concealedOrder(errors));
      const confirmed = 'confirmWarnings' in input && input.confirmWarnings === true;
      if (warnings.length && !confirmed) throw validationError(warnings);
      await origin.admit?.(trx);
      const row: UsulanRow = {
        ...base,
        id: previous?.id ?? target.id ?? newId(),
        period,
        kind: input.kind,
        state: usulanMachine.initial,
        payload: JSON.stringify(payload),
        reason:
          input.kind === 'dikeluarkan'
            ? (input.reason ?? removalReason(input.reasonCode)?.label.id ?? null)
            : input.reason,
        version: previous ? previous.version + 1 : 1,
        createdAt: previous?.createdAt ?? now,
        createdBy: previous?.createdBy ?? actor.userId,
        updatedAt: now,
      };
      if (previous) {
        const { id: _id, version: _v, createdAt: _c, createdBy: _b, ...patch } = row;
        if (!(await this.#repo.update(trx, row.id, previous.version, patch))) {
          throw versionConflict(previous.version + 1);
        }
        await this.#repo.replaceNiks(trx, row, niks);
      } else {
        await this.#repo.insert(trx, row, niks);
      }
      await this.#audit.record(trx, actor, {
        action: previous ? 'usulan.update' : 'usulan.create',
        entityType: 'usulan',
        entityId: row.id,
        regionCode: row.villageCode,
        details: {
          kind: row.kind,
          period,
          householdId: row.householdId,
          warningsConfirmed: warnings.map((w) => w.code),
          ...(kept.citizenAccountId ? kept : {}),
        },
      });
      return row;
    });
    return this.#view(this.#db, row);
  }

  /** The draft an edit replaces: in the territory, still a draft, of the same kind, at the version edited. */
  async #editableDraft(
    trx: Kysely<DB>,
    actor: Actor,
    target: { id: string; version: number },
    input: UsulanCreate,
  ): Promise<UsulanRow> {
    const u = await this.#visible(trx, actor, target.id);
    if (u.version !== target.version) throw versionConflict(u.version);
    if (u.state !== 'draft') {
      throw new AppError('state', 'usulan.not_a_draft', undefined, {
        extra: {
          currentState: u.state,
          allowed: allowedActions(usulanMachine, u.state as UsulanState, actor.role),
        },
      });
    }
    if (u.kind !== input.kind) throw validationError([issue('kind', 'usulan.kind_fixed', { kind: u.kind })]);
    if ('householdId' in input && input.householdId !== u.householdId) {
      throw validationError([issue('householdId', 'usulan.household_fixed')]);
    }
    return u;
  }

  async attach(
    actor: Actor,
    id: string,
    kind: string,
    fileName: string,
    body: Readable | Buffer,
  ): Promise<UsulanView> {
    requirePermission(actor, 'registry.write');
    if (!(USULAN_ATTACHMENT_KINDS as readonly string[]).includes(kind)) {
      throw validationError([
        issue('kind', 'attachment.invalid_kind', { kind, allowed: USULAN_ATTACHMENT_KINDS.join(', ') }),
      ]);
    }
    const u = await this.#visible(this.#db, actor, id);
    if (!attachableIn(kind as UsulanAttachmentKind, u.state)) {
      throw new AppError('state', 'usulan.locked', undefined, {
        extra: {
          currentState: u.state,
          allowed: allowedActions(usulanMachine, u.state as UsulanState, actor.role),
        },
      });
    }
    const usulanKind = kind as UsulanAttachmentKind;
    const file = await this.#attachments.ingest(body, usulanKind, fileName);
    await this.#db.transaction().execute((trx) =>
      this.#attachments.record(trx, actor, file, {
        ownerType: 'usulan',
        ownerId: id,
        kind: usulanKind,
        regionCode: u.villageCode,
      }),
    );
    return this.get(actor, id);
  }

  // ---------------------------------------------------------------- steps

  /**
   * Submits inside the window, for the window's period. Where it goes then is answered in `placement`:
   * waiting for the village's Musdes, joined to the open one's prelist, or carried over to the next period
   * when that deliberation is already over (src/domain/cycle/placement.ts).
   */
  async submit(actor: Actor, id: string, version: number): Promise<UsulanView> {
    this.#onlineOnly();
    const w = this.window();
    if (!w.open) {
      throw new AppError(
        'validation',
        'usulan.window_closed',
        { opens: w.opens.slice(8), closes: w.closes.slice(8), opens2: w.opens, closes2: w.closes },
        { extra: { opens: w.opens, closes: w.closes } },
      );
    }
    let placement: Placement | undefined;
    const view = await this.#step(actor, id, version, 'submit', undefined, async (trx, u) => {
      const present = new Set((await this.#attachments.listFor(trx, u.id)).map((a) => a.kind));
      const missing = REQUIRED_ATTACHMENTS[u.kind].filter((k) => !present.has(k));
      if (missing.length) {
        throw validationError(
          missing.map((k) =>
            issue(`attachments.${k}`, 'usulan.missing_attachment', { label: ATTACHMENT_KINDS[k].label }),
          ),
        );
      }
      placement = this.#placement
        ? await this.#placement.placeSubmitted(trx, actor, u, w.period)
        : { period: w.period, carriedFrom: null, joinsSession: null };
      return {
        period: placement.period,
        carriedFrom: placement.carriedFrom,
        musdesSessionId: placement.joinsSession,
      };
    });
    return placement ? { ...view, placement } : view;
  }

  /** The operator withdraws a proposal, saying why (kept on the proposal and in the audit trail). */
  async withdraw(actor: Actor, id: string, version: number, note: string | undefined) {
    this.#onlineOnly();
    if (!note || note.trim().length < 3) throw validationError([issue('note', 'usulan.withdrawal_note')]);
    return this.#step(actor, id, version, 'withdraw', note, async () => ({ withdrawalNote: note.trim() }));
  }

  /**
   * Submission and withdrawal are acts of the online registry (docs/offline.md, "Submission stays online"):
   * an offline installation drafts and edits, and its drafts travel in a field-changes bundle; a proposal
   * submitted there would join the laptop's Musdes prelist with a row the online session never has, in a
   * period placed by an untrusted clock, and neither state would reach the online registry.
   */
  #onlineOnly(): void {
    if (this.#config.installationMode === 'offline') throw new AppError('state', 'usulan.submit_online');
  }

  /** Reopening a returned proposal as a draft is an online step too: its state would not reach the registry. */
  async revise(actor: Actor, id: string, version: number, note?: string) {
    if (this.#config.installationMode === 'offline') throw new AppError('state', 'usulan.revise_online');
    return this.#step(actor, id, version, 'revise', note);
  }

  async returnToVillage(actor: Actor, id: string, version: number, note: string) {
    return this.#step(actor, id, version, 'return', note);
  }

  /**
   * The Dinas Sosial approves a verified proposal: the registry changes (new household, correction or
   * removal) and the proposal moves to `approved`, in one transaction.
   */
  async approve(actor: Actor, id: string, version: number, note?: string): Promise<UsulanView> {
    return this.#identity.run(actor, { action: 'usulan.approve' }, (identity) =>
      this.#step(actor, id, version, 'approve', note, async (trx, u) => {
        const payload = JSON.parse(u.payload) as Record<string, unknown>;
        const reason = `usulan ${u.kind} ${u.period} (${u.id})`;
        if (u.kind === 'baru') {
          const household = payload.household as Parameters<HouseholdsService['create']>[1];
          const created = await this.#households.create(
            actor,
            { ...household, reason, confirmWarnings: true },
            { trx, identity },
          );
          return { householdId: created.id };
        }
        const h = await this.#householdsRepo.findById(trx, u.householdId!);
        if (!h) throw notFound(HOUSEHOLD);
        if (u.kind === 'dikeluarkan') {
          const p = payload as { reasonCode: string; note: string | null };
          await this.#households.remove(
            actor,
            h.id,
            { version: h.version, reasonCode: p.reasonCode, note: p.note ?? undefined },
            { trx, identity },
          );
          return {};
        }
        const { changes, memberChanges } = payload as {
          changes: Record<string, unknown>;
          memberChanges: { personId: string }[];
        };
        let version = h.version;
        if (Object.keys(changes).length) {
          version = (
            await this.#households.update(
              actor,
              h.id,
              { ...changes, version, reason, confirmWarnings: true },
              { trx, identity },
            )
          ).version;
        }
        for (const { personId, ...fields } of memberChanges) {
          version = (
            await this.#households.updateMember(
              actor,
              h.id,
              personId,
              { ...fields, version, reason, confirmWarnings: true },
              { trx, identity },
            )
          ).version;
        }
        // Members found at a verivali visit (the proposal's payload is then the recorded instrument).
        const memberAdds = (payload.memberAdds ?? []) as Parameters<
          HouseholdsService['addMember']
        >[2]['member'][];
        for (const member of memberAdds) {
          version = (
            await this.#households.addMember(
              actor,
              h.id,
              { member, version, reason, confirmWarnings: true },
              { trx, identity },
            )
          ).version;
        }
        return {};
      }),
    );
  }

  /**
   * Moves a proposal from another service's step (Musdes, verivali, penetapan) inside that step's
   * transaction. Proposals that come back to the village notify its operators.
   */
  async advance(
    trx: Kysely<DB>,
    actor: Actor,
    id: string,
    action: UsulanAction,
    opts: { note?: string; musdesSessionId?: string; payload?: Record<string, unknown> } = {},
  ) {
    const u = await this.#repo.findById(trx, id);
    if (!u) throw notFound(USULAN);
    assertWithin(actor, u.villageCode, USULAN);
    const next = transition(usulanMachine, u.state as UsulanState, action, actor.role);
    const patch: Partial<UsulanRow> = {
      state: next,
      updatedAt: this.#config.now().toISOString(),
      updatedBy: actor.userId,
      ...(opts.musdesSessionId ? { musdesSessionId: opts.musdesSessionId } : {}),
      ...(opts.note !== undefined && RETURN_NOTICES[action] ? { returnNote: opts.note } : {}),
      // Verivali: what the visit recorded becomes what approval applies (`payload` has the create shape).
      ...(opts.payload ? { payload: JSON.stringify(opts.payload), ...verifiedHead(u, opts.payload) } : {}),
    };
    if (!(await this.#repo.update(trx, id, u.version, patch))) throw versionConflict(u.version + 1);
    if (opts.payload && u.kind === 'baru') {
      const members = (opts.payload.household as { members: { nik: string }[] }).members;
      await this.#repo.replaceNiks(
        trx,
        { ...u, ...patch } as UsulanRow,
        members.map((m) => m.nik),
      );
    }
    await this.#afterTransition(trx, actor, { ...u, ...patch }, action, opts.note);
    return { ...u, ...patch, version: u.version + 1 } as UsulanRow;
  }

  /** A proposal the Musdes decided on an existing record (perbaikan or dikeluarkan), already accepted. */
  async createFromMusdes(
    trx: Kysely<DB>,
    actor: Actor,
    input: {
      householdId: string;
      kind: 'perbaikan' | 'dikeluarkan';
      period: string;
      sessionId: string;
      note: string | null;
    },
  ): Promise<UsulanRow> {
    const h = await this.#householdsRepo.findById(trx, input.householdId);
    if (!h) throw notFound(HOUSEHOLD);
    assertWithin(actor, h.villageCode, HOUSEHOLD);
    const now = this.#config.now().toISOString();
    const row: UsulanRow = {
      ...regionOf(h.villageCode),
      id: newId(),
      period: input.period,
      kind: input.kind,
      state: 'musdes_accepted',
      householdId: h.id,
      kkNumber: h.kkNumber,
      headName: h.headName,
      payload: JSON.stringify(
        input.kind === 'dikeluarkan'
          ? { reasonCode: 'left_dtks', note: input.note }
          : { changes: {}, memberChanges: [] },
      ),
      reason: input.note,
      returnNote: null,
      source: 'musdes',
      musdesSessionId: input.sessionId,
      carriedFrom: null,
      withdrawalNote: null,
      citizenAccountId: null,
      version: 1,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    await this.#repo.insert(trx, row, []);
    await this.#audit.record(trx, actor, {
      action: 'usulan.create_from_musdes',
      entityType: 'usulan',
      entityId: row.id,
      regionCode: row.villageCode,
      details: { kind: row.kind, householdId: h.id, sessionId: input.sessionId },
    });
    return row;
  }

  /** Submitted proposals of a village for a period (the Musdes prelist), read inside the caller's transaction. */
  submittedFor(trx: Kysely<DB>, villageCode: string, period: string): Promise<UsulanRow[]> {
    return this.#repo.list(trx, {
      scope: { column: 'villageCode', value: villageCode },
      period,
      state: 'submitted',
      limit: 100_000,
    });
  }

  // ---------------------------------------------------------------- usulan mandiri (citizens)

  /**
   * A verified citizen proposes a new household — their own or another family, in any village — through
   * the same checks as an operator's proposal: a draft with `source = 'mandiri'` in that village
   * operator's queue. Every NIK or KK number another record holds is answered with the one neutral issue
   * (a citizen sees no record in detail; the holding village is notified, and the refusals count against the
   * hourly identity limit). Limits per account: MANDIRI_LIMITS.
   */
  async createMandiri(citizen: CitizenSession, input: MandiriCreate): Promise<CitizenUsulanView> {
    const account = await this.#citizenAccount(citizen);
    const region = await this.#regions.lookup();
    const code = input.household.regionCode.trim();
    const village = region(code)?.level === 4 ? code : account.villageCode;
    const actor: Actor = { ...sessionActor(citizen), regionCode: village };
    const { relation: _r, consent: _c, reason, confirmWarnings, household } = input;
    const created = await this.#identity.run(actor, { action: 'usulan.create' }, (check) =>
      this.#create(
        actor,
        {
          kind: 'baru',
          household,
          reason,
          ...(confirmWarnings !== undefined ? { confirmWarnings } : {}),
        },
        check,
        {},
        this.#mandiriOrigin(account.id),
      ),
    );
    return this.#forCitizen(this.#db, (await this.#repo.findById(this.#db, created.id))!);
  }

  /**
   * A verified citizen asks for a correction of their own DTKS record: a perbaikan draft in their
   * household's village queue — never applied by itself. What they change (address, RT/RW, their own
   * name, birth date or sex) is checked like an operator's correction; the reason may alone describe it
   * (a NIK or KK number is corrected at the village office, with the documents).
   */
  async requestCorrection(citizen: CitizenSession, input: MandiriCorrection): Promise<CitizenUsulanView> {
    const account = await this.#citizenAccount(citizen);
    const found = await this.#householdsRepo.personByNik(this.#db, account.nik);
    if (found?.household.status !== 'active' || found.person.status !== 'active') {
      throw new AppError('conflict', 'usulan.mandiri_no_record');
    }
    const actor: Actor = { ...sessionActor(citizen), regionCode: found.household.villageCode };
    const me = input.me && Object.keys(input.me).length ? [{ personId: found.person.id, ...input.me }] : [];
    const perbaikan: UsulanCreate = {
      kind: 'perbaikan',
      householdId: found.household.id,
      changes: input.changes ?? {},
      memberChanges: me,
      reason: input.reason,
      ...(input.confirmWarnings !== undefined ? { confirmWarnings: input.confirmWarnings } : {}),
    };
    // No NIK or KK number changes here (those go through the village with the documents): no identity check.
    const created = await this.#create(actor, perbaikan, null, {}, this.#mandiriOrigin(account.id));
    return this.#forCitizen(this.#db, (await this.#repo.findById(this.#db, created.id))!);
  }

  /** The citizen's proposals and correction requests, newest first, each with its status and outcome. */
  async mineForCitizen(citizen: CitizenSession): Promise<CitizenUsulanView[]> {
    const account = await this.#citizenAccount(citizen, false);
    const rows = await this.#repo.ofCitizen(this.#db, account.id);
    if (rows.length) {
      await this.#audit.recordRead(sessionActor(citizen), {
        action: 'usulan.mandiri_list',
        entityType: 'usulan',
        regionCode: account.villageCode,
        details: { ids: rows.map((r) => r.id) },
      });
    }
    return Promise.all(rows.map((r) => this.#forCitizen(this.#db, r)));
  }

  /** One of the citizen's proposals with its timeline (steps and when; never who). */
  async getForCitizen(citizen: CitizenSession, id: string): Promise<CitizenUsulanView> {
    const u = await this.#ownMandiri(citizen, id);
    await this.#audit.recordRead(sessionActor(citizen), {
      action: 'usulan.mandiri_read',
      entityType: 'usulan',
      entityId: u.id,
      regionCode: u.villageCode,
    });
    return this.#forCitizen(this.#db, u, true);
  }

  /** The KTP, KK or a house photo for the citizen's proposal while the village has not submitted it. */
  async attachForCitizen(
    citizen: CitizenSession,
    id: string,
    kind: string,
    fileName: string,
    body: Readable | Buffer,
  ): Promise<CitizenUsulanView> {
    if (!(CITIZEN_USULAN_FILES as readonly string[]).includes(kind)) {
      throw validationError([
        issue('kind', 'attachment.invalid_kind', { kind, allowed: CITIZEN_USULAN_FILES.join(', ') }),
      ]);
    }
    const u = await this.#ownMandiri(citizen, id);
    if (!citizenMayAttach(u.state)) throw new AppError('conflict', 'usulan.mandiri_locked');
    const full = () => new AppError('conflict', 'usulan.mandiri_file_limit', { max: MAX_CITIZEN_FILES });
    if ((await this.#attachments.listFor(this.#db, u.id)).length >= MAX_CITIZEN_FILES) throw full();
    const file = await this.#attachments.ingest(body, kind as CitizenUsulanFile, fileName);
    await this.#db.transaction().execute(async (trx) => {
      if ((await this.#attachments.listFor(trx, u.id)).length >= MAX_CITIZEN_FILES) throw full();
      await this.#attachments.record(trx, { ...sessionActor(citizen), regionCode: u.villageCode }, file, {
        ownerType: 'usulan',
        ownerId: u.id,
        kind: kind as CitizenUsulanFile,
        regionCode: u.villageCode,
      });
    });
    return this.#forCitizen(this.#db, (await this.#repo.findById(this.#db, u.id))!);
  }

  async #citizenAccount(citizen: CitizenSession, verified = true) {
    const account = this.#citizens ? await this.#citizens.findById(this.#db, citizen.accountId) : undefined;
    if (!account) throw new AppError('unauthorized', 'citizen.session_required');
    if (verified && !seesOwnRecord(account.state)) throw new AppError('forbidden', 'citizen.not_verified');
    return account;
  }

  /** The limits, counted in the write's transaction. */
  #mandiriOrigin(accountId: string): Origin {
    return {
      source: MANDIRI_SOURCE,
      citizenAccountId: accountId,
      admit: async (trx) => {
        const limits = this.#mandiriLimits;
        const since = new Date(this.#config.now().getTime() - limits.days * 86_400_000).toISOString();
        await this.#repo.lockCitizenAccount(trx, accountId);
        const counts = await this.#repo.citizenCounts(trx, accountId, since);
        const refusal = mandiriRefusal(counts, limits);
        if (refusal === 'usulan.mandiri_limit_open') {
          throw new AppError('conflict', refusal, { max: limits.open });
        }
        if (refusal) throw new AppError('conflict', refusal, { max: limits.recent, days: limits.days });
      },
    };
  }

  /** The citizen's own proposal, else the same 404 as an absent one. */
  async #ownMandiri(citizen: CitizenSession, id: string): Promise<UsulanRow> {
    const u = await findRecord(id, (id) => this.#repo.findById(this.#db, id));
    if (!u || u.citizenAccountId !== citizen.accountId) throw notFound(USULAN);
    return u;
  }

  async #forCitizen(db: Kysely<DB>, u: UsulanRow, withTimeline = false): Promise<CitizenUsulanView> {
    const files = await this.#attachments.listFor(db, u.id);
    const present = new Set(files.map((a) => a.kind));
    const required = u.kind === 'dikeluarkan' ? [] : CITIZEN_REQUIRED_FILES[u.kind];
    return {
      id: u.id,
      kind: u.kind,
      period: u.period,
      state: u.state,
      status: statusText(u.state),
      outcome: outcomeOf(u.state),
      headName: u.headName,
      villageCode: u.villageCode,
      reason: u.reason,
      returnNote: u.returnNote,
      withdrawalNote: u.withdrawalNote,
      files: files.map((a) => ({ kind: a.kind, createdAt: a.createdAt })),
      missingFiles: citizenMayAttach(u.state) ? required.filter((k) => !present.has(k)) : [],
      canAttach: citizenMayAttach(u.state),
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
      ...(withTimeline ? { timeline: timelineOf(await this.#repo.steps(db, u.id)) } : {}),
    };
  }

  // ---------------------------------------------------------------- reads

  async get(actor: Actor, id: string): Promise<UsulanView> {
    requirePermission(actor, 'registry.read');
    const u = await this.#visible(this.#db, actor, id);
    await this.#audit.recordRead(actor, {
      action: 'usulan.read',
      entityType: 'usulan',
      entityId: id,
      regionCode: u.villageCode,
    });
    return this.#view(this.#db, u, actor);
  }

  async list(actor: Actor, q: UsulanListQuery) {
    requirePermission(actor, 'registry.read');
    const first = q.cursor === undefined;
    const byName = q.sort === 'name';
    const after = q.cursor
      ? byName
        ? decodeSortCursor(q.cursor)
        : { value: undefined, id: decodeCursor(q.cursor) }
      : undefined;
    const scope = requestedScope(actor, this.#regions, q.region);
    if (scope === 'empty') return { items: [], nextCursor: null, total: first ? 0 : null };
    const filter = { scope, period: q.period, state: q.state, kind: q.kind, source: q.source };
    const [rows, total] = await Promise.all([
      this.#repo.list(this.#db, {
        ...filter,
        sort: q.sort,
        afterId: after?.id,
        afterName: after?.value,
        limit: q.limit + 1,
      }),
      first ? this.#repo.count(this.#db, filter) : null,
    ]);
    const page = rows.slice(0, q.limit);
    await recordListRead(this.#audit, actor, page, {
      action: 'usulan.list',
      entityType: 'usulan',
      regionCode: scope?.value ?? null,
      details: { ids: page.map((r) => r.id) },
    });
    const last = page.at(-1);
    const nextCursor =
      rows.length > q.limit && last
        ? byName
          ? encodeSortCursor(last.headName, last.id)
          : encodeCursor(last.id)
        : null;
    return { items: page.map(listView), nextCursor, total };
  }

  async progress(actor: Actor, regionInput: string | undefined, period: string) {
    requirePermission(actor, 'registry.read');
    const scope = requestedScope(actor, this.#regions, regionInput);
    if (scope === 'empty') return [];
    return this.#repo.progress(this.#db, scope, period);
  }

  // ---------------------------------------------------------------- internals

  async #step(
    actor: Actor,
    id: string,
    version: number,
    action: UsulanAction,
    note: string | undefined,
    effect?: (trx: Kysely<DB>, u: UsulanRow) => Promise<Partial<UsulanRow>>,
  ): Promise<UsulanView> {
    const u0 = await this.#visible(this.#db, actor, id);
    const repeated = (u: UsulanRow) => alreadyTaken(usulanMachine, action, u, version);
    if (repeated(u0)) return this.#view(this.#db, u0, actor);
    if (u0.version !== version) throw versionConflict(u0.version);
    const run = this.#db.transaction().execute(async (trx) => {
      const u = (await this.#repo.findById(trx, id))!;
      if (repeated(u)) return u;
      if (u.version !== version) throw versionConflict(u.version);
      const next = transition(usulanMachine, u.state as UsulanState, action, actor.role);
      const extra = effect ? await effect(trx, u) : {};
      const patch: Partial<UsulanRow> = {
        ...extra,
        state: next,
        updatedAt: this.#config.now().toISOString(),
        updatedBy: actor.userId,
        ...(note !== undefined && RETURN_NOTICES[action] ? { returnNote: note } : {}),
      };
      if (!(await this.#repo.update(trx, id, version, patch))) throw versionConflict(version + 1);
      const updated = { ...u, ...patch, version: version + 1 } as UsulanRow;
      await this.#afterTransition(trx, actor, updated, action, note);
      return updated;
    });
    // Two requests for the same step at once: the one that lost answers what the winner made.
    const row = await run.catch(async (err: unknown) => {
      const now = await this.#repo.findById(this.#db, id);
      if (now && repeated(now)) return now;
      throw err;
    });
    return this.#view(this.#db, row, actor);
  }

  async #afterTransition(trx: Kysely<DB>, actor: Actor, u: UsulanRow, action: UsulanAction, note?: string) {
    await this.#audit.record(trx, actor, {
      action: `usulan.${action}`,
      entityType: 'usulan',
      entityId: u.id,
      regionCode: u.villageCode,
      details: { state: u.state, note: note ?? null },
    });
    const notice = RETURN_NOTICES[action];
    if (notice) {
      await this.#notifications.notify(trx, {
        regionCode: u.villageCode,
        kind: `usulan.${action}`,
        message: message('notice.usulan_returned', {
          kind: label(`usulan.kind.${u.kind}`),
          headName: u.headName,
          kkNumber: u.kkNumber,
          what: notice,
          note: note ? `: ${note}` : '',
        }),
        link: `/usulan/${u.id}`,
      });
    }
  }

  #visible(db: Kysely<DB>, actor: Actor, id: string): Promise<UsulanRow> {
    return findWithin(actor, id, USULAN, (id) => this.#repo.findById(db, id));
  }

  async #view(db: Kysely<DB>, u: UsulanRow, actor?: Actor): Promise<UsulanView> {
    const atts = await this.#attachments.listFor(db, u.id);
    const present = new Set(atts.map((a) => a.kind));
    return {
      ...listView(u),
      payload: JSON.parse(u.payload) as Record<string, unknown>,
      allowedActions: allowedActions(usulanMachine, u.state as UsulanState, actor?.role).filter(
        (a) => this.#config.installationMode !== 'offline' || !ONLINE_STEPS.has(a),
      ),
      attachments: atts.map(attachmentView),
      missingAttachments: REQUIRED_ATTACHMENTS[u.kind].filter((k) => !present.has(k)),
    };
  }
}

/** The steps an offline installation refuses (`#onlineOnly`, `revise`): its proposals do not offer them. */
const ONLINE_STEPS = new Set<string>(['submit', 'withdraw', 'revise']);

/** An attached document as a proposal or a visit shows it (`AttachmentView`). */
export function attachmentView(a: AttachmentRow): AttachmentView {
  return {
    id: a.id,
    kind: a.kind,
    mime: a.mime,
    size: a.size,
    originalName: a.originalName,
    hasThumbnail: a.thumbSha256 !== null,
    createdAt: a.createdAt,
  };
}

function listView(u: UsulanRow) {
  return {
    id: u.id,
    period: u.period,
    kind: u.kind,
    state: u.state,
    regionCode: u.villageCode,
    householdId: u.householdId,
    kkNumber: u.kkNumber,
    headName: u.headName,
    reason: u.reason,
    returnNote: u.returnNote,
    source: u.source,
    musdesSessionId: u.musdesSessionId,
    carriedFrom: u.carriedFrom,
    withdrawalNote: u.withdrawalNote,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/** A new-household proposal's KK number and head name follow its verified payload. */
function verifiedHead(u: UsulanRow, payload: Record<string, unknown>): Partial<UsulanRow> {
  if (u.kind !== 'baru') return {};
  const h = payload.household as { kkNumber: string; members: { name: string; relationship: number }[] };
  const head = h.members.find((m) => m.relationship === 1) ?? h.members[0];
  return { kkNumber: h.kkNumber, headName: head?.name ?? u.headName };
}
