/**
 * Pengesahan (DOMAIN.md §5.5): the regency's Dinas Sosial assembles its period result — the signed Berita
 * Acara of its villages' Musdes/Muskel sessions (where the regency uses the kecamatan step: those its
 * kecamatan acknowledged) plus the Bupati/Walikota's approval letter — and submits it. It goes to Pusdatin
 * through the provincial Dinas Sosial (seeds 002, 004), which comments, forwards or returns it; a province
 * that does not review forwards it at once, one with a deadline forwards it automatically when the deadline
 * passes — checked at read time (`forwardDue`, before every list, view, step and determination), so the
 * result depends only on the clock. Only forwarded (`submitted`) regencies contribute their current records
 * to the Minister's penetapan (see penetapan.service.ts); Pusdatin may return a submission with a note.
 */

import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { DB, SubmissionRow } from '../../db/schema/index.ts';
import { label, message } from '../../domain/catalogue.ts';
import { forwardDueAt, submitSteps } from '../../domain/cycle/chain.ts';
import { checkPeriod, latestOpenedPeriod } from '../../domain/cycle/period.ts';
import {
  needsConfirmation,
  OPEN_SESSION_STATES,
  UNRESOLVED_USULAN_STATES,
  type Unresolved,
} from '../../domain/cycle/unresolved.ts';
import {
  AppError,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import {
  type SubmissionAction,
  type SubmissionState,
  submissionMachine,
} from '../../domain/lifecycle/machines.ts';
import {
  allowedActions,
  alreadyTaken,
  automaticTransition,
  transition,
} from '../../domain/lifecycle/state-machine.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import { afterIdOf, pageOf } from '../../lib/cursor.ts';
import { newId } from '../../lib/ids.ts';
import {
  type Actor,
  assertWithin,
  isWithin,
  regionScope,
  requirePermission,
  systemActor,
} from '../access/actor.ts';
import { findRecord, requestedScope } from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChainService } from '../chain/chain.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { SubmissionsRepository } from './pengesahan.repository.ts';
import type {
  Overview,
  SubmissionCreate,
  SubmissionListItem,
  SubmissionListQuery,
  SubmissionView,
} from './pengesahan.schemas.ts';

const SUBMISSION: Text = label('record.submission');
/** Pending proposals a refused submit lists by name (the total is always given). */
const PENDING_LISTED = 200;

/** Why a submission cannot be submitted yet: codes shown to the Dinas Sosial (and in `missing`). */
const REQUIREMENTS = {
  approval_letter: 'submission.missing_approval_letter',
  berita_acara: 'submission.missing_berita_acara',
  acknowledged_berita_acara: 'submission.missing_acknowledged_berita_acara',
} as const;
type Requirement = keyof typeof REQUIREMENTS;

export class SubmissionsService {
  readonly #db: Kysely<DB>;
  readonly #repo: SubmissionsRepository;
  readonly #chain: ChainService;
  readonly #regions: RegionsService;
  readonly #attachments: AttachmentsService;
  readonly #notifications: NotificationsService;
  readonly #audit: AuditService;
  readonly #config: Config;

  constructor(deps: {
    db: Kysely<DB>;
    repo: SubmissionsRepository;
    chain: ChainService;
    regions: RegionsService;
    attachments: AttachmentsService;
    notifications: NotificationsService;
    audit: AuditService;
    config: Config;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#chain = deps.chain;
    this.#regions = deps.regions;
    this.#attachments = deps.attachments;
    this.#notifications = deps.notifications;
    this.#audit = deps.audit;
    this.#config = deps.config;
  }

  /**
   * Opens the regency's submission for a period (a draft), or answers the existing one: there is one
   * submission per regency and period. `created` tells which.
   */
  async create(actor: Actor, input: SubmissionCreate): Promise<{ created: boolean; view: SubmissionView }> {
    requirePermission(actor, 'registry.read');
    assertPreparer(actor);
    const periodIssues = checkPeriod(input.period);
    if (periodIssues.length) throw validationError(periodIssues);
    const regencyCode = input.regencyCode
      ? this.#regions.normalize(input.regencyCode, 'regencyCode')
      : actor.regionCode;
    if (regionLevel(regencyCode) !== 2 || !(await this.#regions.find(regencyCode))) {
      throw validationError([issue('regencyCode', 'submission.not_a_regency')]);
    }
    assertWithin(actor, regencyCode, label('record.regency'));
    const existing = await this.#repo.findFor(this.#db, input.period, regencyCode);
    if (existing) return { created: false, view: await this.#view(this.#db, existing, actor) };
    const now = this.#config.now().toISOString();
    const row: SubmissionRow = {
      id: newId(),
      period: input.period,
      provinceCode: regencyCode.slice(0, 2),
      regencyCode,
      state: submissionMachine.initial,
      approvalLetterId: null,
      beritaAcaraIds: '[]',
      submittedAt: null,
      note: null,
      forwardDueAt: null,
      version: 1,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    try {
      await this.#db.transaction().execute(async (trx) => {
        await this.#repo.insert(trx, row);
        await this.#audit.record(trx, actor, {
          action: 'submission.create',
          entityType: 'submission',
          entityId: row.id,
          regionCode: regencyCode,
          details: { period: row.period },
        });
      });
    } catch (err) {
      // Two requests opened the same regency's submission at once: answer the one that won.
      if (!isUniqueViolation(err)) throw err;
      const winner = (await this.#repo.findFor(this.#db, input.period, regencyCode))!;
      return { created: false, view: await this.#view(this.#db, winner, actor) };
    }
    return { created: true, view: await this.#view(this.#db, row, actor) };
  }

  async get(actor: Actor, id: string): Promise<SubmissionView> {
    requirePermission(actor, 'registry.read');
    await this.forwardOverdue();
    const row = await this.#visible(this.#db, actor, id);
    return this.#view(this.#db, row, actor);
  }

  /**
   * Submissions in the territory (newest period first): of one period, or of every period — the history of
   * what was submitted and how far each went. `workPeriod` is the period the screens open on: the newest with
   * work in the territory — a submission, or signed Berita Acara waiting for one — else the period the
   * to-do list works on.
   */
  async list(
    actor: Actor,
    q: SubmissionListQuery,
  ): Promise<{ workPeriod: string; items: SubmissionListItem[]; nextCursor: string | null }> {
    requirePermission(actor, 'registry.read');
    if (q.period) this.#checkPeriod(q.period);
    // The cursor is the last submission shown (a garbage cursor is a 400 before any query): the next page
    // starts after its period and regency, the list's order. (Its id names the position: a cursor of
    // (period, regency) would let anyone page from a place no answer gave them.)
    const afterId = afterIdOf(q.cursor);
    const scope = requestedScope(actor, this.#regions, q.region);
    const opened = latestOpenedPeriod(this.#config.now(), this.#config.proposalWindow);
    if (scope === 'empty') return { workPeriod: opened, items: [], nextCursor: null };
    await this.forwardOverdue();
    // Submissions are per regency: a territory below the regency sees its regency's submission.
    const prefix = scope ? scope.value.split('.').slice(0, 2).join('.') : undefined;
    // A cursor naming no submission the actor may see, absent or outside alike, is the end of the list.
    const last =
      afterId === undefined ? undefined : await this.#visible(this.#db, actor, afterId).catch(() => null);
    const [rows, newest, signed] = await Promise.all([
      last === null
        ? []
        : this.#repo.list(this.#db, {
            period: q.period,
            state: q.state,
            regionPrefix: prefix,
            ...(last ? { after: { period: last.period, regencyCode: last.regencyCode } } : {}),
            limit: q.limit + 1,
          }),
      this.#repo.list(this.#db, { regionPrefix: prefix, limit: 1 }),
      this.#chain.newestSignedPeriod(prefix),
    ]);
    const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.id);
    const withWork = [newest[0]?.period, signed].filter((p): p is string => p !== undefined).sort();
    const names = await this.#regions.names(page.map((r) => r.regencyCode));
    return {
      workPeriod: withWork.at(-1) ?? opened,
      items: page.map((r) => listItem(r, names.get(r.regencyCode) ?? r.regencyCode)),
      nextCursor,
    };
  }

  /** Per province and regency: how far the submissions of a period are (Pusdatin's national view). */
  async overview(actor: Actor, period: string, provinceInput?: string): Promise<Overview> {
    requirePermission(actor, 'registry.read');
    this.#checkPeriod(period);
    const requested = provinceInput ? this.#regions.normalize(provinceInput, 'province') : null;
    const scope = regionScope(actor, requested);
    if (scope === 'empty') return { period, totals: {}, provinces: [], regencies: [] };
    await this.forwardOverdue();
    const province = scope?.value.slice(0, 2);
    const regencyFilter = scope && regionLevel(scope.value) >= 2 ? scope.value.slice(0, 5) : null;
    const regencies = (await this.#repo.regencies(this.#db, province)).filter(
      (r) => regencyFilter === null || r.code === regencyFilter,
    );
    const subs = new Map(
      (await this.#repo.list(this.#db, { period, regionPrefix: province, limit: 100_000 })).map((s) => [
        s.regencyCode,
        s,
      ]),
    );
    const provinceNames = await this.#regions.names([...new Set(regencies.map((r) => r.provinceCode))]);
    const totals: Record<string, number> = {};
    const provinces = new Map<string, Overview['provinces'][number]>();
    const items = regencies.map((r) => {
      const s = subs.get(r.code);
      const state = (s?.state ?? 'none') as SubmissionState | 'none';
      totals[state] = (totals[state] ?? 0) + 1;
      let p = provinces.get(r.provinceCode);
      if (!p) {
        p = {
          code: r.provinceCode,
          name: provinceNames.get(r.provinceCode) ?? r.provinceCode,
          regencies: 0,
          states: {},
        };
        provinces.set(r.provinceCode, p);
      }
      p.regencies++;
      p.states[state] = (p.states[state] ?? 0) + 1;
      return {
        code: r.code,
        name: r.name,
        provinceCode: r.provinceCode,
        state,
        submissionId: s?.id ?? null,
        submittedAt: s?.submittedAt ?? null,
      };
    });
    return { period, totals, provinces: [...provinces.values()], regencies: items };
  }

  /** The Bupati/Walikota's approval letter, uploaded as the raw request body (PDF or a scan). */
  async uploadLetter(
    actor: Actor,
    id: string,
    fileName: string,
    body: Readable | Buffer,
  ): Promise<SubmissionView> {
    requirePermission(actor, 'registry.read');
    assertPreparer(actor);
    const s = await this.#visible(this.#db, actor, id);
    this.#assertEditable(s, actor);
    const file = await this.#attachments.ingest(body, 'approval_letter', fileName);
    const row = await this.#db.transaction().execute(async (trx) => {
      const current = (await this.#repo.findById(trx, id))!;
      this.#assertEditable(current, actor);
      const att = await this.#attachments.record(trx, actor, file, {
        ownerType: 'submission',
        ownerId: id,
        kind: 'approval_letter',
        regionCode: current.regencyCode,
      });
      const patch = { approvalLetterId: att.id, ...this.#stamp(actor) };
      if (!(await this.#repo.update(trx, id, current.version, patch)))
        throw versionConflict(current.version + 1);
      return { ...current, ...patch, version: current.version + 1 };
    });
    return this.#view(this.#db, row, actor);
  }

  /**
   * Submits the regency's result: needs the approval letter and at least one signed Berita Acara (where the
   * regency uses the kecamatan step: one its kecamatan acknowledged). The set of counted Berita Acara is
   * frozen into the submission. It goes to the province, or straight on to Pusdatin when the province does
   * not review. Villages still deliberating (or without a session) and proposals still moving are not part
   * of it: they are listed in a 409 until the Dinas Sosial sends again with `confirm`
   * (src/domain/cycle/unresolved.ts); what was confirmed is in the audit entry.
   */
  async submit(actor: Actor, id: string, version: number, confirm = false): Promise<SubmissionView> {
    let acknowledged: Unresolved | null = null;
    return this.#step(
      actor,
      id,
      version,
      'submit',
      async (trx, s) => {
        const { settings, counted } = await this.#chain.countingSessions(trx, s.regencyCode, s.period);
        const missing = requirementsMissing(s, counted, settings.kecamatanAcknowledgement);
        if (missing.length) {
          throw validationError(
            missing.map((m) =>
              issue(m === 'approval_letter' ? 'approvalLetter' : 'beritaAcara', REQUIREMENTS[m]),
            ),
          );
        }
        const unresolved = await this.#unresolved(trx, s);
        if (needsConfirmation(unresolved)) {
          if (!confirm) {
            throw new AppError(
              'conflict',
              'submission.unresolved',
              {
                villages: unresolved.openSessions.length,
                without: unresolved.villagesWithoutSession,
                usulan: unresolved.pendingTotal,
              },
              { extra: { ...unresolved } },
            );
          }
          acknowledged = unresolved;
        }
        const submittedAt = this.#config.now().toISOString();
        return {
          patch: {
            beritaAcaraIds: JSON.stringify(counted.map((x) => x.id)),
            submittedAt,
            forwardDueAt: forwardDueAt(settings, submittedAt),
            note: null,
          },
          andThen: submitSteps(settings).slice(1),
        };
      },
      () =>
        acknowledged
          ? {
              confirmedUnresolved: {
                openSessions: acknowledged.openSessions.map((o) => o.sessionId),
                pendingUsulan: acknowledged.pendingUsulan.map((u) => u.id),
                pendingTotal: acknowledged.pendingTotal,
                villagesWithoutSession: acknowledged.villagesWithoutSession,
              },
            }
          : {},
    );
  }

  /** What sending the submission now would leave behind. */
  async #unresolved(db: Kysely<DB>, s: SubmissionRow): Promise<Unresolved> {
    const villages = await this.#repo.villagesOf(db, s.regencyCode);
    const names = new Map(villages.map((v) => [v.code, v.name]));
    const open = await this.#repo.openSessions(db, s.regencyCode, s.period, OPEN_SESSION_STATES);
    const withSession = await this.#repo.villagesWithSession(db, s.regencyCode, s.period);
    const pending = await this.#repo.pendingUsulan(
      db,
      s.regencyCode,
      s.period,
      UNRESOLVED_USULAN_STATES,
      PENDING_LISTED,
    );
    return {
      openSessions: open.map((o) => ({
        sessionId: o.id,
        villageCode: o.villageCode,
        villageName: names.get(o.villageCode) ?? o.villageCode,
        state: o.state,
      })),
      pendingUsulan: pending.items.map((u) => ({
        ...u,
        villageName: names.get(u.villageCode) ?? u.villageCode,
      })),
      pendingTotal: pending.total,
      villagesWithoutSession: Math.max(0, villages.length - withSession),
    };
  }

  /** The provincial Dinas Sosial forwards a submission to Pusdatin, optionally with a comment. */
  async forward(actor: Actor, id: string, version: number, comment?: string): Promise<SubmissionView> {
    return this.#step(actor, id, version, 'forward', async (trx, s) => {
      if (comment) await this.#comment(trx, actor, s, comment);
      return { patch: { forwardDueAt: null } };
    });
  }

  /** The provincial Dinas Sosial returns a submission to the regency with a note. */
  async provinceReturn(actor: Actor, id: string, version: number, note: string): Promise<SubmissionView> {
    return this.#step(actor, id, version, 'province_return', async () => ({
      patch: { note, forwardDueAt: null },
    }));
  }

  /** Pusdatin sends a submission back to the regency with a note (the regency is notified). */
  async returnToRegency(actor: Actor, id: string, version: number, note: string): Promise<SubmissionView> {
    return this.#step(actor, id, version, 'return', async () => ({ patch: { note } }));
  }

  /**
   * A comment on a submission (the province while it reviews; the regency and Pusdatin may answer). Kept
   * with the submission and audited; it changes nothing else.
   */
  async addComment(actor: Actor, id: string, body: string): Promise<SubmissionView> {
    requirePermission(actor, 'cycle.comment');
    await this.forwardOverdue();
    const s = await this.#visible(this.#db, actor, id);
    await this.#db.transaction().execute((trx) => this.#comment(trx, actor, s, body));
    return this.#view(this.#db, s, actor);
  }

  /**
   * Forwards every submission whose province let its deadline pass (`forwardDueAt` ≤ now), each audited as
   * an automatic step. Called inside the caller's transaction (penetapan) or by `#forwardDueNow`.
   */
  async forwardDue(trx: Kysely<DB>): Promise<number> {
    const due = await this.#repo.dueForForward(trx, this.#config.now().toISOString());
    const clock = systemActor('auto-forward');
    for (const s of due) {
      const next = automaticTransition(submissionMachine, s.state as SubmissionState, 'forward');
      const patch = { state: next, updatedAt: this.#config.now().toISOString(), updatedBy: null };
      if (!(await this.#repo.update(trx, s.id, s.version, patch))) continue;
      await this.#audit.record(trx, clock, {
        action: 'submission.forward',
        entityType: 'submission',
        entityId: s.id,
        regionCode: s.regencyCode,
        details: { period: s.period, state: next, automatic: true, forwardDueAt: s.forwardDueAt },
      });
      await this.#notifyForwarded(trx, s);
    }
    return due.length;
  }

  // ---------------------------------------------------------------- internals

  async #step(
    actor: Actor,
    id: string,
    version: number,
    action: SubmissionAction,
    effect: (
      trx: Kysely<DB>,
      s: SubmissionRow,
    ) => Promise<{ patch: Partial<SubmissionRow>; andThen?: SubmissionAction[] }>,
    auditDetails: () => Record<string, unknown> = () => ({}),
  ): Promise<SubmissionView> {
    requirePermission(actor, 'registry.read');
    await this.forwardOverdue();
    const s0 = await this.#visible(this.#db, actor, id);
    // A submit's automatic follow-up (a province that does not review forwards at once) also counts as its end.
    const repeated = (s: SubmissionRow) =>
      alreadyTaken(submissionMachine, action, s, version, action === 'submit' ? ['submitted'] : []);
    if (repeated(s0)) return this.#view(this.#db, s0, actor);
    if (s0.version !== version) throw versionConflict(s0.version);
    // Region names are read inside the transaction: load them first (SQLite has one connection).
    await this.#regions.lookup();
    const run = this.#db.transaction().execute(async (trx) => {
      const s = (await this.#repo.findById(trx, id))!;
      if (repeated(s)) return s;
      if (s.version !== version) throw versionConflict(s.version);
      let next = transition(submissionMachine, s.state as SubmissionState, action, actor.role);
      const done = await effect(trx, s);
      // Steps the settings take at once (a province that does not review forwards what it receives).
      for (const step of done.andThen ?? []) next = automaticTransition(submissionMachine, next, step);
      const patch: Partial<SubmissionRow> = { ...done.patch, state: next, ...this.#stamp(actor) };
      if (!(await this.#repo.update(trx, id, version, patch))) throw versionConflict(version + 1);
      const updated = { ...s, ...patch, version: version + 1 } as SubmissionRow;
      await this.#audit.record(trx, actor, {
        action: `submission.${action}`,
        entityType: 'submission',
        entityId: id,
        regionCode: s.regencyCode,
        details: {
          period: s.period,
          state: next,
          note: patch.note ?? null,
          beritaAcaraIds: action === 'submit' ? JSON.parse(updated.beritaAcaraIds) : undefined,
          forwardDueAt: action === 'submit' ? updated.forwardDueAt : undefined,
          ...auditDetails(),
        },
      });
      await this.#notifyStep(trx, action, updated);
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

  async #notifyStep(trx: Kysely<DB>, action: SubmissionAction, s: SubmissionRow): Promise<void> {
    const name = (await this.#regions.names([s.regencyCode])).get(s.regencyCode) ?? s.regencyCode;
    const note = s.note ?? '';
    if (action === 'return') {
      await this.#notifications.notify(trx, {
        regionCode: s.regencyCode,
        kind: 'submission.return',
        message: message('notice.submission_returned', { period: s.period, note }),
        link: `/cycle/pengesahan?period=${s.period}`,
      });
    } else if (action === 'province_return') {
      await this.#notifications.notify(trx, {
        regionCode: s.regencyCode,
        kind: 'submission.province_return',
        message: message('notice.submission_returned_by_province', { period: s.period, note }),
        link: `/cycle/pengesahan/${s.id}`,
      });
    } else if (action === 'forward') {
      await this.#notifyForwarded(trx, s);
    } else if (s.state === 'at_province') {
      await this.#notifications.notify(trx, {
        regionCode: s.provinceCode,
        kind: 'submission.at_province',
        message: message('notice.submission_at_province', { name, period: s.period }),
        link: `/cycle/pengesahan/${s.id}`,
      });
    } else {
      await this.#notifications.notify(trx, {
        regionCode: '',
        kind: 'submission.submit',
        message: message('notice.submission_submitted', { name, period: s.period }),
        link: `/cycle/pengesahan/${s.id}`,
      });
    }
  }

  async #notifyForwarded(trx: Kysely<DB>, s: SubmissionRow): Promise<void> {
    const name = (await this.#regions.names([s.regencyCode])).get(s.regencyCode) ?? s.regencyCode;
    const msg = message('notice.submission_forwarded', { name, period: s.period });
    for (const regionCode of ['', s.regencyCode]) {
      await this.#notifications.notify(trx, {
        regionCode,
        kind: 'submission.forward',
        message: msg,
        link: `/cycle/pengesahan/${s.id}`,
      });
    }
  }

  /**
   * A submission's comments as people read them: the author's full name (the username only when the account
   * is gone) and office — the role, and the region it serves.
   */
  async #comments(db: Kysely<DB>, submissionId: string) {
    const rows = await this.#repo.comments(db, submissionId);
    const regionNames = await this.#regions.names([
      ...new Set(rows.map((c) => c.authorRegion).filter(Boolean)),
    ]);
    return rows.map((c) => ({
      id: c.id,
      authorName: c.authorDisplayName || c.authorName,
      authorRole: c.authorRole,
      authorRegion: c.authorRegion,
      authorRegionName: c.authorRegion ? (regionNames.get(c.authorRegion) ?? c.authorRegion) : null,
      body: c.body,
      createdAt: c.createdAt,
    }));
  }

  async #comment(trx: Kysely<DB>, actor: Actor, s: SubmissionRow, body: string): Promise<void> {
    const row = {
      id: newId(),
      submissionId: s.id,
      authorId: actor.userId,
      authorName: actor.username,
      authorRole: actor.role,
      authorRegion: actor.regionCode,
      body,
      createdAt: this.#config.now().toISOString(),
    };
    await this.#repo.insertComment(trx, row);
    await this.#audit.record(trx, actor, {
      action: 'submission.comment',
      entityType: 'submission',
      entityId: s.id,
      regionCode: s.regencyCode,
      details: { period: s.period, state: s.state, commentId: row.id, body },
    });
  }

  /**
   * The read-time check of automatic forwarding (also `dtks chain forward-due`): a transaction only when
   * something is due. Answers how many submissions it forwarded.
   */
  async forwardOverdue(): Promise<number> {
    const due = await this.#repo.dueForForward(this.#db, this.#config.now().toISOString());
    if (!due.length) return 0;
    await this.#regions.lookup();
    return this.#db.transaction().execute((trx) => this.forwardDue(trx));
  }

  #stamp(actor: Actor) {
    return { updatedAt: this.#config.now().toISOString(), updatedBy: actor.userId };
  }

  #assertEditable(s: SubmissionRow, actor: Actor): void {
    if (s.state !== 'draft' && s.state !== 'returned') {
      throw new AppError('state', 'submission.locked', undefined, {
        extra: {
          currentState: s.state,
          allowed: allowedActions(submissionMachine, s.state as SubmissionState, actor.role),
        },
      });
    }
  }

  #checkPeriod(period: string): void {
    const issues = checkPeriod(period);
    if (issues.length) throw validationError(issues);
  }

  async #visible(db: Kysely<DB>, actor: Actor, id: string): Promise<SubmissionRow> {
    const s = await findRecord(id, (id) => this.#repo.findById(db, id));
    // A village or district officer may follow its regency's submission; others outside see nothing.
    if (!s || !(isWithin(actor, s.regencyCode) || actor.regionCode.startsWith(`${s.regencyCode}.`))) {
      throw notFound(SUBMISSION);
    }
    return s;
  }

  async #view(db: Kysely<DB>, s: SubmissionRow, actor: Actor): Promise<SubmissionView> {
    const live = s.state === 'draft' || s.state === 'returned';
    const counting = await this.#chain.countingSessions(db, s.regencyCode, s.period);
    const sessions = live
      ? counting.counted
      : await this.#repo.sessionsByIds(db, JSON.parse(s.beritaAcaraIds) as string[]);
    const villages = await this.#repo.villagesOf(db, s.regencyCode);
    const awaitingVillages = new Set(counting.awaiting.map((a) => a.villageCode));
    const signedVillages = new Set([...sessions.map((x) => x.villageCode)]);
    const villageNames = new Map(villages.map((v) => [v.code, v.name]));
    const letter = s.approvalLetterId
      ? (await this.#attachments.listFor(db, s.id)).find((a) => a.id === s.approvalLetterId)
      : undefined;
    const name = (await this.#regions.names([s.regencyCode])).get(s.regencyCode) ?? s.regencyCode;
    const { settings } = counting;
    return {
      ...listItem(s, name),
      beritaAcaraCount: sessions.length,
      allowedActions: allowedActions(submissionMachine, s.state as SubmissionState, actor.role),
      approvalLetter: letter
        ? {
            id: letter.id,
            mime: letter.mime,
            size: letter.size,
            originalName: letter.originalName,
            createdAt: letter.createdAt,
          }
        : null,
      beritaAcara: sessions.map((x) => ({
        sessionId: x.id,
        villageCode: x.villageCode,
        villageName: villageNames.get(x.villageCode) ?? x.villageCode,
        heldOn: x.heldOn,
        beritaAcaraId: x.beritaAcaraId,
        signedScanId: x.signedScanId,
        signedAt: x.updatedAt,
      })),
      villages: {
        total: villages.length,
        signed: signedVillages.size,
        withoutSigned: villages.filter((v) => !signedVillages.has(v.code) && !awaitingVillages.has(v.code)),
      },
      chain: {
        kecamatanAcknowledgement: settings.kecamatanAcknowledgement,
        provinceReview: settings.provinceReview,
        autoForwardDays: settings.autoForwardDays,
      },
      awaitingAcknowledgement: live
        ? counting.awaiting.map((a) => ({
            sessionId: a.sessionId,
            villageCode: a.villageCode,
            villageName: villageNames.get(a.villageCode) ?? a.villageCode,
            state: a.state,
          }))
        : [],
      comments: await this.#comments(db, s.id),
      usulan: (await this.#repo.usulanCounts(db, s.regencyCode, s.period)).map((u) => ({
        state: u.state,
        count: Number(u.count),
      })),
      missing: live ? requirementsMissing(s, sessions, settings.kecamatanAcknowledgement) : [],
      unresolved: live ? await this.#unresolved(db, s) : null,
    };
  }
}

function assertPreparer(actor: Actor): void {
  if (!submissionMachine.transitions.submit.roles.includes(actor.role)) {
    throw new AppError('forbidden', 'submission.dinsos_only');
  }
}

function requirementsMissing(s: SubmissionRow, counted: unknown[], acknowledgement: boolean): Requirement[] {
  const missing: Requirement[] = [];
  if (!s.approvalLetterId) missing.push('approval_letter');
  if (counted.length === 0) missing.push(acknowledgement ? 'acknowledged_berita_acara' : 'berita_acara');
  return missing;
}

function listItem(s: SubmissionRow, regencyName: string): SubmissionListItem {
  return {
    id: s.id,
    period: s.period,
    provinceCode: s.provinceCode,
    regencyCode: s.regencyCode,
    regencyName,
    state: s.state as SubmissionState, // the column holds submissionMachine's states only
    hasApprovalLetter: s.approvalLetterId !== null,
    beritaAcaraCount: (JSON.parse(s.beritaAcaraIds) as string[]).length,
    submittedAt: s.submittedAt,
    forwardDueAt: s.forwardDueAt,
    note: s.note,
    version: s.version,
    updatedAt: s.updatedAt,
  };
}
