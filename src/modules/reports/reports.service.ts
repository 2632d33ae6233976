/**
 * Laporan / pengaduan (issue 14). Anyone files a report (web or WALIM) and follows it by its tracking number;
 * staff of the report's territory triage, assign, answer, escalate and close it. Rules:
 * - the report's village decides the territory; staff see reports within their territory (anything else is
 *   404 like an absent report), and act only while the report's handling level is theirs or below
 *   (src/domain/reports/reports.ts `mayAct`);
 * - the tracking page shows the status and the public steps only — never the reporter, notes, assignees;
 * - a staff read of one report (the reporter's identity, the text) is audited as a personal read;
 * - filing and tracking are limited per client and per village with the public portal's counters, and a
 *   web client filing repeatedly must solve the portal's proof of work (PUBLIC_CHALLENGE).
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import type { ReportEventKind } from '../../db/schema/reports.table.ts';
import { levelOfTerritory, can as roleCan, rolesWith } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError, issue, notFound, validationError } from '../../domain/errors.ts';
import { PUBLIC_WINDOW_SECONDS } from '../../domain/public/abuse.ts';
import { normalizeRegionCode } from '../../domain/regions/region-code.ts';
import { type IndonesianTimeZone, timeZoneOfRegion } from '../../domain/regions/time-zone.ts';
import {
  LAPOR_USAGE,
  laporReply,
  parseLapor,
  parseStatus,
  STATUS_NOT_FOUND,
  STATUS_USAGE,
  statusReply,
} from '../../domain/reports/chat.ts';
import { LEVEL_LABELS } from '../../domain/reports/labels.ts';
import {
  DEFAULT_REPORT_SLA,
  mayAct,
  newReport,
  nextState,
  normalizeTrackingNumber,
  overdue,
  type ReportAction,
  type ReportCategory,
  type ReportLevel,
  type ReportOutcome,
  type ReportSla,
  type ReportState,
  type ReportStatus,
  trackingNumber,
} from '../../domain/reports/reports.ts';
import { DEFAULT_REPORT_LIMITS, type ReportLimits } from '../../domain/reports/settings.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import { findRecord } from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CounterStore } from '../public/public.counters.ts';
import type { PublicKeys } from '../public/public.keys.ts';
import type { PublicService } from '../public/public.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { ReportEventRow, ReportRow, ReportsRepository } from './reports.repository.ts';

const WHAT = label('record.report');

export interface NewReportInput {
  reporter: {
    name: string;
    phone?: string | undefined;
    email?: string | undefined;
    nik?: string | undefined;
  };
  villageCode: string;
  address: string;
  rt?: string | undefined;
  rw?: string | undefined;
  category: ReportCategory;
  text: string;
  altcha?: string | undefined;
}

export interface ReportClient {
  channel: 'web' | 'chat';
  /** Web: the client address (IPv6 by /64); chat: the sender's number. */
  key: string;
  citizenAccountId?: string | null;
}

export interface PublicTrack {
  trackingNumber: string;
  category: ReportCategory;
  status: ReportStatus;
  level: ReportLevel;
  createdAt: string;
  closedAt: string | null;
  outcome: ReportOutcome | null;
  village: { name: string; district: string; regency: string };
  timeZone: IndonesianTimeZone;
  steps: {
    kind: ReportEventKind;
    at: string;
    level: ReportLevel | null;
    outcome: ReportOutcome | null;
    text: string | null;
  }[];
}

export class ReportsService {
  readonly #db: Kysely<DB>;
  readonly #repo: ReportsRepository;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;
  readonly #counters: CounterStore;
  readonly #keys: PublicKeys;
  readonly #portal: PublicService;
  readonly #sla: ReportSla;
  readonly #limits: ReportLimits;
  readonly #now: () => Date;
  readonly #attachments: AttachmentsService;

  constructor(deps: {
    db: Kysely<DB>;
    repo: ReportsRepository;
    regions: RegionsService;
    audit: AuditService;
    counters: CounterStore;
    keys: PublicKeys;
    portal: PublicService;
    attachments: AttachmentsService;
    sla?: ReportSla | undefined;
    limits?: ReportLimits | undefined;
    now: () => Date;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#regions = deps.regions;
    this.#audit = deps.audit;
    this.#counters = deps.counters;
    this.#keys = deps.keys;
    this.#portal = deps.portal;
    this.#attachments = deps.attachments;
    this.#sla = deps.sla ?? DEFAULT_REPORT_SLA;
    this.#limits = deps.limits ?? DEFAULT_REPORT_LIMITS;
    this.#now = deps.now;
    deps.portal.registerChatCommand('LAPOR', (from, rest) => this.#chatLapor(from, rest));
    deps.portal.registerChatCommand('STATUS', (from, rest) => this.#chatStatus(from, rest));
  }

  get sla(): Readonly<ReportSla> {
    return this.#sla;
  }

  /** Files a report; answers its tracking number. 400 bad input, 403 challenge, 429 limits. */
  async create(
    input: NewReportInput,
    client: ReportClient,
  ): Promise<{ trackingNumber: string; createdAt: string }> {
    const village = await this.#village(input.villageCode);
    const phone = input.reporter.phone?.trim() || null;
    const email = input.reporter.email?.trim() || null;
    if (phone === null && email === null) {
      throw validationError([issue('reporter.phone', 'reports.contact_required')]);
    }
    const clientHash = this.#keys.hash(`client:${client.channel}`, client.key);
    const byClient = await this.#counters.hit(`report:client:${clientHash}`, PUBLIC_WINDOW_SECONDS);
    const byVillage = await this.#counters.hit(`report:village:${village}`, PUBLIC_WINDOW_SECONDS);
    if (byClient.count > this.#limits.client) throw limited(byClient.ttl);
    if (byVillage.count > this.#limits.village) throw limited(byVillage.ttl);
    const mode = this.#portal.settings.challenge;
    const challenged =
      client.channel === 'web' &&
      (mode === 'always' || (mode === 'adaptive' && byClient.count > this.#limits.challengeAfter));
    if (challenged) {
      if (!input.altcha) {
        throw new AppError('forbidden', 'public.challenge_required', undefined, {
          extra: { challenge: '/api/v1/public/challenge' },
        });
      }
      if (!(await this.#portal.verifyChallenge(input.altcha))) {
        throw new AppError('forbidden', 'public.challenge_invalid', undefined, {
          extra: { challenge: '/api/v1/public/challenge' },
        });
      }
    }

    const at = this.#now().toISOString();
    const state = newReport(at, this.#sla);
    const [p, r, d] = village.split('.');
    const row: ReportRow = {
      id: newId(),
      trackingNumber: trackingNumber(randomBytes(5)),
      createdAt: at,
      channel: client.channel,
      citizenAccountId: client.citizenAccountId ?? null,
      reporterName: input.reporter.name.trim(),
      reporterPhone: phone,
      reporterEmail: email,
      reporterNik: input.reporter.nik?.trim() || null,
      provinceCode: p!,
      regencyCode: `${p}.${r}`,
      districtCode: `${p}.${r}.${d}`,
      villageCode: village,
      address: input.address.trim(),
      rt: input.rt?.trim() || null,
      rw: input.rw?.trim() || null,
      category: input.category,
      text: input.text.trim(),
      ...stateColumns(state),
      assignedTo: null,
      closedAt: null,
      outcome: null,
      updatedAt: at,
    };
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.insert(trx, row);
      await this.#repo.insertEvent(trx, event(row.id, at, 'received', true, null, { level: 'village' }));
    });
    return { trackingNumber: row.trackingNumber, createdAt: at };
  }

  /** The public tracking page: status and public steps only. A wrong number is 404 like any absent one. */
  async track(input: string, client: ReportClient): Promise<PublicTrack> {
    const clientHash = this.#keys.hash(`client:${client.channel}`, client.key);
    const hit = await this.#counters.hit(`report:track:${clientHash}`, PUBLIC_WINDOW_SECONDS);
    if (hit.count > this.#limits.track) throw limited(hit.ttl);
    const tracking = normalizeTrackingNumber(input);
    const row = tracking === null ? undefined : await this.#repo.byTrackingNumber(this.#db, tracking);
    if (!row) throw notFound(WHAT);
    const events = await this.#repo.events(this.#db, row.id, true);
    const [, regency, district, village] = await this.#regions.path(row.villageCode);
    return {
      trackingNumber: row.trackingNumber,
      category: row.category,
      status: row.status,
      level: row.level,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
      outcome: row.outcome,
      village: {
        name: village?.name ?? row.villageCode,
        district: district?.name ?? '',
        regency: regency?.name ?? '',
      },
      timeZone: timeZoneOfRegion(row.villageCode),
      steps: events.map((e) => ({
        kind: e.kind,
        at: e.at,
        level: e.level,
        outcome: e.outcome,
        text: e.text,
      })),
    };
  }

  /** Staff: reports of the territory, filtered, with totals per status and the overdue count. */
  async list(
    actor: Actor,
    q: {
      region?: string | undefined;
      status?: ReportStatus | undefined;
      level?: ReportLevel | undefined;
      category?: ReportCategory | undefined;
      overdue?: boolean | undefined;
      mine?: boolean | undefined;
      limit?: number | undefined;
      offset?: number | undefined;
    },
  ) {
    requirePermission(actor, 'reports.read');
    const now = this.#now().toISOString();
    const scope = regionScope(actor, q.region);
    const empty = { received: 0, in_progress: 0, closed: 0, overdue: 0, all: 0 };
    if (scope === 'empty') return { items: [], totals: empty, total: 0 };
    const filter = {
      scope,
      status: q.status,
      level: q.level,
      category: q.category,
      assignedTo: q.mine ? (actor.userId ?? '-') : undefined,
      overdueAt: q.overdue ? now : undefined,
    };
    const [rows, totals] = await Promise.all([
      this.#repo.list(this.#db, filter, { limit: q.limit ?? 50, offset: q.offset ?? 0 }),
      this.#repo.totals(this.#db, { ...filter, status: undefined }, now),
    ]);
    const names = await this.#regions.names([...new Set(rows.map((r) => r.villageCode))]);
    const assignees = await this.#repo.userNames(this.#db, [
      ...new Set(rows.flatMap((r) => (r.assignedTo ? [r.assignedTo] : []))),
    ]);
    const total = q.status ? totals[q.status] : totals.all;
    return {
      items: rows.map((r) => ({
        ...summary(r, now),
        villageName: names.get(r.villageCode) ?? r.villageCode,
        assigneeName: r.assignedTo ? (assignees.get(r.assignedTo) ?? null) : null,
      })),
      totals,
      total: q.overdue ? totals.overdue : total,
    };
  }

  /** Overdue open reports per village, district or regency below the actor's territory (or `region`). */
  async overdueByTerritory(
    actor: Actor,
    q: { region?: string | undefined; by: 'village' | 'district' | 'regency' },
  ) {
    requirePermission(actor, 'reports.read');
    const scope = regionScope(actor, q.region);
    if (scope === 'empty') return { items: [] };
    const column = ({ village: 'villageCode', district: 'districtCode', regency: 'regencyCode' } as const)[
      q.by
    ];
    const rows = await this.#repo.overdueCounts(this.#db, { scope }, column, this.#now().toISOString());
    const names = await this.#regions.names(rows.map((r) => r.code));
    return {
      items: rows
        .map((r) => ({ ...r, name: names.get(r.code) ?? r.code }))
        .sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code)),
    };
  }

  /** The id of a report by its tracking number (null when none); the caller's read applies territory. */
  async idOf(tracking: string): Promise<string | null> {
    const n = normalizeTrackingNumber(tracking);
    return n === null ? null : ((await this.#repo.byTrackingNumber(this.#db, n))?.id ?? null);
  }

  /** One report with the reporter's identity and every step (audited: personal data). */
  async get(actor: Actor, id: string) {
    requirePermission(actor, 'reports.read');
    const row = await this.#visible(actor, id);
    const events = await this.#repo.events(this.#db, row.id, false);
    const users = await this.#repo.userNames(this.#db, [
      ...new Set(
        [row.assignedTo, ...events.flatMap((e) => [e.actorUserId, e.assignedTo])].filter(
          (x): x is string => x !== null,
        ),
      ),
    ]);
    const path = await this.#regions.path(row.villageCode);
    await this.#audit.recordRead(actor, {
      action: 'report.read',
      entityType: 'report',
      entityId: row.id,
      regionCode: row.villageCode,
    });
    const now = this.#now().toISOString();
    return {
      ...summary(row, now),
      villageName: path[3]?.name ?? row.villageCode,
      districtName: path[2]?.name ?? '',
      regencyName: path[1]?.name ?? '',
      assigneeName: row.assignedTo ? (users.get(row.assignedTo) ?? null) : null,
      reporter: {
        name: row.reporterName,
        phone: row.reporterPhone,
        email: row.reporterEmail,
        nik: row.reporterNik,
        citizenAccount: row.citizenAccountId !== null,
      },
      address: row.address,
      rt: row.rt,
      rw: row.rw,
      text: row.text,
      mayAct: can(actor, row.level),
      photos: (await this.#attachments.listFor(this.#db, row.id)).map((a) => ({
        id: a.id,
        mime: a.mime,
        size: a.size,
      })),
      steps: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        at: e.at,
        public: e.public === 1,
        actorName: e.actorUserId ? (users.get(e.actorUserId) ?? null) : null,
        actorRole: e.actorRole,
        level: e.level,
        assigneeName: e.assignedTo ? (users.get(e.assignedTo) ?? null) : null,
        outcome: e.outcome,
        text: e.text,
      })),
    };
  }

  async triage(
    actor: Actor,
    id: string,
    input: { assignTo?: string | undefined; note?: string | undefined },
  ) {
    return this.#step(actor, id, 'triage', async (trx, row, at) => {
      await this.#repo.insertEvent(trx, event(row.id, at, 'triaged', true, actor, { level: row.level }));
      if (input.assignTo) await this.#assign(trx, actor, row, input.assignTo, at);
      if (input.note?.trim()) {
        await this.#repo.insertEvent(
          trx,
          event(row.id, at, 'note', false, actor, { text: input.note.trim() }),
        );
      }
    });
  }

  /**
   * Whom the actor may assign the report to: active staff who handle reports, of the report's village or
   * a territory above it, inside the actor's own territory (what `assign` accepts), by name.
   */
  async assignees(actor: Actor, id: string) {
    requirePermission(actor, 'reports.handle');
    const row = await this.#visible(actor, id);
    const parts = row.villageCode.split('.');
    const codes = ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('.'))].filter((code) =>
      code === '' ? actor.regionCode === '' : isWithin(actor, code),
    );
    const users = await this.#repo.assignable(this.#db, codes, rolesWith('reports.handle'));
    return { items: users };
  }

  async assign(actor: Actor, id: string, userId: string) {
    return this.#step(actor, id, 'assign', (trx, row, at) => this.#assign(trx, actor, row, userId, at));
  }

  /** A public reply (the reporter sees it) or an internal note. */
  async respond(actor: Actor, id: string, input: { text: string; public: boolean }) {
    return this.#step(actor, id, input.public ? 'reply' : 'note', async (trx, row, at) => {
      await this.#repo.insertEvent(
        trx,
        event(row.id, at, input.public ? 'reply' : 'note', input.public, actor, { text: input.text.trim() }),
      );
    });
  }

  /** Up one level (village → kecamatan → Dinas Sosial kab); the reason stays internal. */
  async escalate(actor: Actor, id: string, input: { reason?: string | undefined }) {
    return this.#step(actor, id, 'escalate', async (trx, row, at, next) => {
      await this.#repo.insertEvent(trx, event(row.id, at, 'escalated', true, actor, { level: next.level }));
      if (input.reason?.trim()) {
        await this.#repo.insertEvent(
          trx,
          event(row.id, at, 'note', false, actor, { text: input.reason.trim() }),
        );
      }
      await this.#repo.update(trx, row.id, { assignedTo: null });
    });
  }

  /** Closes with an outcome and, optionally, a last public reply. */
  async close(actor: Actor, id: string, input: { outcome: ReportOutcome; reply?: string | undefined }) {
    return this.#step(actor, id, 'close', async (trx, row, at) => {
      if (input.reply?.trim()) {
        await this.#repo.insertEvent(
          trx,
          event(row.id, at, 'reply', true, actor, { text: input.reply.trim() }),
        );
        if (row.firstReplyAt === null) await this.#repo.update(trx, row.id, { firstReplyAt: at });
      }
      await this.#repo.insertEvent(trx, event(row.id, at, 'closed', true, actor, { outcome: input.outcome }));
      await this.#repo.update(trx, row.id, { closedAt: at, outcome: input.outcome });
    });
  }

  /**
   * Adds an evidence photo to a report filed within the last hour, by its tracking number (the reporter's
   * page sends them right after filing). At most MAX_EVIDENCE per report; checked like every upload (a real
   * JPEG, PNG or WebP that decodes, size limit); counted against the client's report limit.
   */
  async addEvidence(tracking: string, name: string, body: Readable | Buffer, client: ReportClient) {
    const clientHash = this.#keys.hash(`client:${client.channel}`, client.key);
    const hit = await this.#counters.hit(`report:photo:${clientHash}`, PUBLIC_WINDOW_SECONDS);
    if (hit.count > this.#limits.client * MAX_EVIDENCE) throw limited(hit.ttl);
    const n = normalizeTrackingNumber(tracking);
    const row = n === null ? undefined : await this.#repo.byTrackingNumber(this.#db, n);
    const fresh = row && this.#now().getTime() - new Date(row.createdAt).getTime() < EVIDENCE_WINDOW_MS;
    if (!row || !fresh) throw notFound(WHAT);
    if ((await this.#attachments.listFor(this.#db, row.id)).length >= MAX_EVIDENCE) {
      throw new AppError('state', 'reports.evidence_full', { max: MAX_EVIDENCE });
    }
    const file = await this.#attachments.ingest(body, 'report_evidence', name);
    const actor = publicActor(client);
    await this.#db.transaction().execute(async (trx) => {
      await this.#attachments.record(trx, actor, file, {
        ownerType: 'report',
        ownerId: row.id,
        kind: 'report_evidence',
        regionCode: row.villageCode,
      });
    });
    return { photos: (await this.#attachments.listFor(this.#db, row.id)).length };
  }

  /** WALIM `LAPOR <kode desa> <teks>`: a report from the sender's number (category `other`, staff re-read it). */
  async #chatLapor(from: string, rest: string): Promise<string> {
    const command = parseLapor(rest);
    if (command.kind === 'usage') return LAPOR_USAGE;
    try {
      const { trackingNumber } = await this.create(
        {
          reporter: { name: 'Pelapor WALIM', phone: from },
          villageCode: command.villageCode,
          address: '-',
          category: 'other',
          text: command.text,
        },
        { channel: 'chat', key: from },
      );
      return laporReply(trackingNumber);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'rate_limited') return chatLimited(err);
      if (err instanceof AppError && err.kind === 'validation') return LAPOR_USAGE;
      throw err;
    }
  }

  /** WALIM `STATUS <nomor laporan>`: the status and the last public reply. */
  async #chatStatus(from: string, rest: string): Promise<string> {
    if (parseStatus(rest) === null) return STATUS_USAGE;
    try {
      const t = await this.track(rest, { channel: 'chat', key: from });
      const lastReply = t.steps.filter((s) => s.kind === 'reply').at(-1)?.text ?? null;
      return statusReply({ ...t, lastReply });
    } catch (err) {
      if (err instanceof AppError && err.kind === 'rate_limited') return chatLimited(err);
      if (err instanceof AppError && err.kind === 'not_found') return STATUS_NOT_FOUND;
      throw err;
    }
  }

  async #assign(trx: Kysely<DB>, actor: Actor, row: ReportRow, userId: string, at: string) {
    // Not a user id at all: the same refusal as an unknown user (PostgreSQL would reject the uuid cast).
    const user = await findRecord(userId, (userId) => this.#repo.user(trx, userId));
    const fits =
      user !== undefined &&
      user.status === 'active' &&
      (user.regionCode === '' ||
        row.villageCode === user.regionCode ||
        row.villageCode.startsWith(`${user.regionCode}.`)) &&
      isWithin(actor, user.regionCode || row.villageCode);
    if (!fits) throw validationError([issue('assignTo', 'reports.assignee')]);
    await this.#repo.update(trx, row.id, { assignedTo: userId });
    await this.#repo.insertEvent(trx, event(row.id, at, 'assigned', false, actor, { assignedTo: userId }));
  }

  async #visible(actor: Actor, id: string): Promise<ReportRow> {
    const row = await findRecord(id, (id) => this.#repo.byId(this.#db, id));
    if (!row || !isWithin(actor, row.villageCode)) throw notFound(WHAT);
    return row;
  }

  async #step(
    actor: Actor,
    id: string,
    action: ReportAction,
    apply: (trx: Kysely<DB>, row: ReportRow, at: string, next: ReportState) => Promise<void>,
  ) {
    requirePermission(actor, 'reports.handle');
    const row = await this.#visible(actor, id);
    if (!can(actor, row.level)) {
      throw new AppError('forbidden', 'reports.not_handling_level', { level: LEVEL_LABELS[row.level] });
    }
    const at = this.#now().toISOString();
    const result = nextState(stateOf(row), action, at, this.#sla);
    if (!result.ok) {
      const code = {
        closed: 'reports.closed',
        already_triaged: 'reports.already_triaged',
        top_level: 'reports.top_level',
      } as const;
      throw new AppError('state', code[result.reason], undefined, { extra: { currentState: row.status } });
    }
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.update(trx, row.id, { ...stateColumns(result.state), updatedAt: at });
      await apply(trx, row, at, result.state);
      await this.#audit.record(trx, actor, {
        action: `report.${action}`,
        entityType: 'report',
        entityId: row.id,
        regionCode: row.villageCode,
      });
    });
    return this.get(actor, id);
  }

  async #village(input: string): Promise<string> {
    const n = normalizeRegionCode(input);
    const region = n.ok && n.level === 4 ? await this.#regions.find(n.code) : undefined;
    if (!region) {
      throw validationError([
        issue('villageCode', 'public.region_not_village', { code: input.slice(0, 20) }),
      ]);
    }
    return region.code;
  }
}

/** Whether the actor's office handles reports (a reading role such as the auditor does not) at this level. */
function can(actor: Actor, level: ReportLevel): boolean {
  return roleCan(actor.role, 'reports.handle') && mayAct(levelOfTerritory(actor.regionCode), level);
}

const MAX_EVIDENCE = 3;
const EVIDENCE_WINDOW_MS = 3_600_000;

/** The anonymous reporter, as the audit log records an upload. */
function publicActor(client: ReportClient): Actor {
  return {
    userId: null,
    username: 'public:report',
    role: 'auditor',
    regionCode: '',
    ip: client.channel === 'web' ? client.key : null,
    userAgent: null,
    anonymous: true,
  };
}

function chatLimited(err: AppError): string {
  const minutes = Math.max(1, Math.ceil((Number(err.extra.retryAfter) || PUBLIC_WINDOW_SECONDS) / 60));
  return `Terlalu banyak permintaan. Silakan coba lagi dalam ${minutes} menit.`;
}

function limited(ttl: number): AppError {
  const retryAfter = Math.max(1, ttl);
  return new AppError('rate_limited', 'rate.limited', { retryAfter }, { extra: { retryAfter } });
}

function stateOf(r: ReportRow): ReportState {
  return {
    status: r.status,
    level: r.level,
    createdAt: r.createdAt,
    triagedAt: r.triagedAt,
    firstReplyAt: r.firstReplyAt,
    triageDueAt: r.triageDueAt,
    responseDueAt: r.responseDueAt,
  };
}

function stateColumns(s: ReportState) {
  return {
    status: s.status,
    level: s.level,
    triagedAt: s.triagedAt,
    firstReplyAt: s.firstReplyAt,
    triageDueAt: s.triageDueAt,
    responseDueAt: s.responseDueAt,
  };
}

function summary(r: ReportRow, now: string) {
  const late = overdue(stateOf(r), now);
  return {
    id: r.id,
    trackingNumber: r.trackingNumber,
    createdAt: r.createdAt,
    channel: r.channel,
    category: r.category,
    status: r.status,
    level: r.level,
    villageCode: r.villageCode,
    triageDueAt: r.triageDueAt,
    responseDueAt: r.responseDueAt,
    closedAt: r.closedAt,
    outcome: r.outcome,
    overdue: late,
  };
}

function event(
  reportId: string,
  at: string,
  kind: ReportEventKind,
  isPublic: boolean,
  actor: Actor | null,
  more: Partial<Pick<ReportEventRow, 'level' | 'assignedTo' | 'outcome' | 'text'>>,
): ReportEventRow {
  return {
    id: newId(),
    reportId,
    at,
    kind,
    public: isPublic ? 1 : 0,
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    level: more.level ?? null,
    assignedTo: more.assignedTo ?? null,
    outcome: more.outcome ?? null,
    text: more.text ?? null,
  };
}
