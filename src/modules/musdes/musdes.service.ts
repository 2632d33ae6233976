/**
 * Musdes/Muskel (DOMAIN.md §5.2): one session per village and period. The village operator or the Kepala
 * Desa/Lurah sets it up, opens it (the prelist awal is generated: the village's active DTKS households plus
 * the period's submitted proposals), gives every row one outcome, and closes it: in one transaction the
 * proposals move on (accepted / not accepted), decisions on existing records become accepted proposals,
 * and the Berita Acara is produced. The signed scan uploaded back locks the session.
 * This service holds the session's life and its reads; the prelist (musdes.prelist.ts) and the outcomes with
 * their effects on proposals (musdes.decisions.ts) are parts of their own.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { AttachmentRow, DB, MusdesSessionRow, UsulanRow } from '../../db/schema/index.ts';
import { label, message } from '../../domain/catalogue.ts';
import {
  checkHeldOn,
  checkParticipants,
  deliberationName,
  emptyCounts,
  type Outcome,
  type OutcomeCounts,
  type Participant,
  VALID_OUTCOMES,
} from '../../domain/cycle/musdes.ts';
import type { Placement } from '../../domain/cycle/placement.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { type MusdesState, musdesMachine } from '../../domain/lifecycle/machines.ts';
import { allowedActions, alreadyTaken, transition } from '../../domain/lifecycle/state-machine.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import {
  exportPageEvent,
  findRecord,
  findWithin,
  keysetPage,
  recordListRead,
  requestedScope,
} from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChainRepository } from '../chain/chain.repository.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UsulanRepository } from '../usulan/usulan.repository.ts';
import type { UsulanService } from '../usulan/usulan.service.ts';
import { MusdesDecisions } from './musdes.decisions.ts';
import {
  beritaAcaraPdf,
  documentFileName,
  type PrelistStage,
  prelistPdf,
  prelistXlsx,
  type SessionHeader,
} from './musdes.documents.ts';
import { MusdesPrelist } from './musdes.prelist.ts';
import type { MusdesRepository, PrelistRow } from './musdes.repository.ts';
import type {
  BulkDecision,
  MusdesCreate,
  MusdesListQuery,
  MusdesUpdate,
  MusdesView,
  RowDecision,
  RowsQuery,
  RowView,
} from './musdes.schemas.ts';

const SESSION: Text = label('record.musdes');
const ROW: Text = label('record.prelist_row');

/** How many undecided row numbers a refused close names. */
const UNDECIDED_LISTED = 200;
/** Printed prelist rows audited per entry (their households as subjects). */
const PRELIST_AUDIT_BATCH = 500;

export class MusdesService {
  readonly #db: Kysely<DB>;
  readonly #repo: MusdesRepository;
  readonly #usulan: UsulanService;
  readonly #usulanRepo: UsulanRepository;
  readonly #regions: RegionsService;
  readonly #attachments: AttachmentsService;
  readonly #notifications: NotificationsService;
  readonly #audit: AuditService;
  readonly #config: Config;
  readonly #chainRepo: ChainRepository;
  readonly #prelist: MusdesPrelist;
  readonly #decisions: MusdesDecisions;

  constructor(deps: {
    db: Kysely<DB>;
    repo: MusdesRepository;
    /** The kecamatan's decisions on signed Berita Acara (a returned one is shown with its note). */
    chainRepo: ChainRepository;
    usulan: UsulanService;
    usulanRepo: UsulanRepository;
    regions: RegionsService;
    attachments: AttachmentsService;
    notifications: NotificationsService;
    audit: AuditService;
    config: Config;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#usulan = deps.usulan;
    this.#usulanRepo = deps.usulanRepo;
    this.#regions = deps.regions;
    this.#attachments = deps.attachments;
    this.#notifications = deps.notifications;
    this.#audit = deps.audit;
    this.#config = deps.config;
    this.#chainRepo = deps.chainRepo;
    this.#prelist = new MusdesPrelist({ repo: deps.repo, usulan: deps.usulan, audit: deps.audit });
    this.#decisions = new MusdesDecisions({
      repo: deps.repo,
      usulan: deps.usulan,
      usulanRepo: deps.usulanRepo,
      audit: deps.audit,
      now: () => deps.config.now(),
    });
  }

  // ---------------------------------------------------------------- the session

  async create(actor: Actor, input: MusdesCreate): Promise<MusdesView> {
    assertRunsSessions(actor);
    const villageCode = this.#regions.normalize(input.villageCode, 'villageCode');
    const errors: FieldIssue[] = [...checkHeldOn(input.heldOn), ...checkParticipants(input.participants)];
    const village = await this.#regions.find(villageCode);
    if (village?.level !== 4) {
      errors.push(issue('villageCode', 'musdes.not_a_village'));
    } else if (!isWithin(actor, villageCode)) {
      errors.push(issue('villageCode', 'territory.outside'));
    }
    if (errors.length) throw validationError(errors);
    await this.#regions.get(villageCode); // loads the region index before the transaction (one SQLite connection)
    const now = this.#config.now().toISOString();
    const [province, regency, district] = ancestors(villageCode);
    const row: MusdesSessionRow = {
      id: newId(),
      period: input.period,
      state: musdesMachine.initial,
      heldOn: input.heldOn,
      place: input.place,
      participants: JSON.stringify(input.participants),
      counts: null,
      beritaAcaraId: null,
      signedScanId: null,
      provinceCode: province,
      regencyCode: regency,
      districtCode: district,
      villageCode,
      version: 1,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    await this.#db
      .transaction()
      .execute(async (trx) => {
        const determined = await trx
          .selectFrom('periods')
          .select('state')
          .where('period', '=', input.period)
          .executeTakeFirst();
        if (determined?.state === 'determined') {
          throw new AppError('state', 'musdes.period_determined', { period: input.period });
        }
        const existing = await this.#repo.findByVillagePeriod(trx, villageCode, input.period);
        if (existing) throw alreadyExists(existing);
        await this.#repo.insertSession(trx, row);
        await this.#audit.record(trx, actor, {
          action: 'musdes.create',
          entityType: 'musdes',
          entityId: row.id,
          regionCode: villageCode,
          details: { period: row.period, heldOn: row.heldOn, place: row.place },
        });
      })
      .catch(async (err: unknown) => {
        // Two people creating the same village's session at once: the unique index decides.
        if (!isUniqueViolation(err)) throw err;
        const existing = await this.#repo.findByVillagePeriod(this.#db, villageCode, input.period);
        throw existing ? alreadyExists(existing) : err;
      });
    return this.#view(this.#db, actor, row);
  }

  /** The header (date, place, participants) can change until the session is closed. */
  async update(actor: Actor, id: string, input: MusdesUpdate): Promise<MusdesView> {
    assertRunsSessions(actor);
    const errors = [...checkHeldOn(input.heldOn), ...checkParticipants(input.participants)];
    if (errors.length) throw validationError(errors);
    const s0 = await this.#visible(this.#db, actor, id);
    const row = await this.#db.transaction().execute(async (trx) => {
      const s = (await this.#repo.findSession(trx, s0.id))!;
      if (s.version !== input.version) throw versionConflict(s.version);
      if (s.state !== 'draft' && s.state !== 'open') throw locked(s, actor);
      const patch: Partial<MusdesSessionRow> = {
        heldOn: input.heldOn,
        place: input.place,
        participants: JSON.stringify(input.participants),
        updatedAt: this.#config.now().toISOString(),
        updatedBy: actor.userId,
      };
      if (!(await this.#repo.updateSession(trx, s.id, s.version, patch)))
        throw versionConflict(s.version + 1);
      await this.#audit.record(trx, actor, {
        action: 'musdes.update',
        entityType: 'musdes',
        entityId: s.id,
        regionCode: s.villageCode,
        details: { heldOn: input.heldOn, place: input.place, participants: input.participants.length },
      });
      return { ...s, ...patch, version: s.version + 1 };
    });
    return this.#view(this.#db, actor, row);
  }

  /** Opens the deliberation and generates the prelist awal, in one transaction. */
  async open(actor: Actor, id: string, version: number): Promise<MusdesView> {
    const row = await this.#step(actor, id, version, 'open', async (trx, s) => {
      const generated = await this.#prelist.generate(trx, s);
      return { patch: {}, details: generated };
    });
    return this.#view(this.#db, actor, row);
  }

  /**
   * Closes the deliberation (every row decided), in one transaction: counts per outcome, proposals moved
   * (accepted / not accepted), accepted proposals created for decisions on existing records, and the
   * Berita Acara stored on the session.
   */
  async close(actor: Actor, id: string, version: number): Promise<MusdesView> {
    const s0 = await this.#visible(this.#db, actor, id);
    const header = await this.#header(s0);
    const row = await this.#step(actor, id, version, 'close', async (trx, s) => {
      const undecided = await this.#repo.undecidedRowNos(trx, s.id, UNDECIDED_LISTED);
      if (undecided.total > 0) {
        throw new AppError(
          'validation',
          'musdes.undecided_rows',
          { total: undecided.total, rowNos: listNumbers(undecided.rowNos, undecided.total) },
          { extra: { undecidedRows: undecided.rowNos, undecidedCount: undecided.total } },
        );
      }
      const counts = emptyCounts();
      for (const t of await this.#repo.tally(trx, s.id)) if (t.outcome) counts[t.outcome] += t.count;
      const applied = await this.#decisions.apply(trx, actor, s);
      const pdf = await beritaAcaraPdf(
        { ...header, ...sessionHeaderFields(s) },
        counts,
        this.#prelist.rows(trx, s.id),
      );
      const file = await this.#attachments.ingestGenerated(
        pdf,
        'application/pdf',
        documentFileName('berita_acara', header, 'pdf'),
      );
      const attachment = await this.#attachments.record(trx, actor, file, {
        ownerType: 'musdes',
        ownerId: s.id,
        kind: 'berita_acara',
        regionCode: s.villageCode,
      });
      await this.#notifications.notify(trx, {
        regionCode: s.regencyCode,
        kind: 'musdes.closed',
        message: message('notice.musdes_closed', {
          deliberation: deliberationName(s.villageCode),
          village: header.village,
          period: s.period,
          baru: counts.usulan_baru,
          perbaikan: counts.perbaikan,
          dikeluarkan: counts.dikeluarkan,
          tetap: counts.tetap,
        }),
        link: `/cycle/musdes/${s.id}`,
      });
      return {
        patch: { counts: JSON.stringify(counts), beritaAcaraId: attachment.id },
        details: { counts, ...applied, beritaAcaraId: attachment.id, sha256: file.sha256 },
      };
    });
    return this.#view(this.#db, actor, row);
  }

  /**
   * The Kepala Desa/Lurah reopens a closed session before it is signed: what closing did is undone
   * (proposals back to submitted, proposals created from decisions withdrawn); the Berita Acara is void.
   */
  async reopen(actor: Actor, id: string, version: number): Promise<MusdesView> {
    const row = await this.#step(actor, id, version, 'reopen', async (trx, s) => {
      const { reopened, cancelled } = await this.#decisions.undo(trx, actor, s);
      // Submitted proposals of the period the prelist does not hold yet (left out before they could join).
      const added = await this.#prelist.appendMissing(trx, actor, s);
      return {
        patch: { counts: null, beritaAcaraId: null },
        details: { reopened, cancelled, added, voidBeritaAcaraId: s.beritaAcaraId },
      };
    });
    return this.#view(this.#db, actor, row);
  }

  /** The Berita Acara signed by the Kepala Desa/Lurah, scanned (PDF or image): the session is locked. */
  async uploadSignedScan(
    actor: Actor,
    id: string,
    fileName: string,
    body: Readable | Buffer,
    version?: number,
  ): Promise<MusdesView> {
    const s0 = await this.#visible(this.#db, actor, id);
    // Refuse before storing anything when the step is impossible anyway.
    transition(musdesMachine, s0.state as MusdesState, 'upload_signed', actor.role);
    if (version !== undefined && version !== s0.version) throw versionConflict(s0.version);
    const file = await this.#attachments.ingest(body, 'signed_scan', fileName);
    const row = await this.#step(actor, id, version ?? s0.version, 'upload_signed', async (trx, s) => {
      const attachment = await this.#attachments.record(trx, actor, file, {
        ownerType: 'musdes',
        ownerId: s.id,
        kind: 'signed_scan',
        regionCode: s.villageCode,
      });
      await this.#notifications.notify(trx, {
        regionCode: s.regencyCode,
        kind: 'musdes.signed',
        message: message('notice.musdes_signed', { village: s.villageCode, period: s.period }),
        link: `/cycle/musdes/${s.id}`,
      });
      return {
        patch: { signedScanId: attachment.id },
        details: { attachmentId: attachment.id, sha256: file.sha256 },
      };
    });
    return this.#view(this.#db, actor, row);
  }

  // ---------------------------------------------------------------- outcomes

  async decide(actor: Actor, id: string, rowId: string, input: RowDecision): Promise<RowView> {
    assertRunsSessions(actor);
    const s0 = await this.#visible(this.#db, actor, id);
    const decided = await this.#db.transaction().execute(async (trx) => {
      const s = (await this.#repo.findSession(trx, s0.id))!;
      if (s.state !== 'open') throw locked(s, actor);
      const r = await findRecord(rowId, (rowId) => this.#repo.findRow(trx, s.id, rowId));
      if (!r) throw notFound(ROW);
      return this.#decisions.decide(trx, actor, s, r, input);
    });
    return rowView(decided);
  }

  /** One outcome for every undecided existing record (the "all remaining → tetap" button). */
  async decideBulk(
    actor: Actor,
    id: string,
    input: BulkDecision,
  ): Promise<{ updated: number; session: MusdesView }> {
    assertRunsSessions(actor);
    if (input.outcome !== 'tetap') {
      throw validationError([issue('outcome', 'musdes.bulk_outcome')]);
    }
    const s0 = await this.#visible(this.#db, actor, id);
    const updated = await this.#db.transaction().execute(async (trx) => {
      const s = (await this.#repo.findSession(trx, s0.id))!;
      if (s.state !== 'open') throw locked(s, actor);
      return this.#decisions.decideUndecided(trx, actor, s, input);
    });
    return {
      updated,
      session: await this.#view(this.#db, actor, (await this.#repo.findSession(this.#db, s0.id))!),
    };
  }

  // ---------------------------------------------------------------- reads

  async get(actor: Actor, id: string): Promise<MusdesView> {
    requirePermission(actor, 'registry.read');
    const s = await this.#visible(this.#db, actor, id);
    return this.#view(this.#db, actor, s);
  }

  /** The session of a village and period (for the CLI and links by village). */
  async findFor(actor: Actor, villageInput: string, period: string): Promise<MusdesView> {
    requirePermission(actor, 'registry.read');
    const villageCode = this.#regions.normalize(villageInput, 'village');
    if (!isWithin(actor, villageCode)) throw notFound(SESSION);
    const s = await this.#repo.findByVillagePeriod(this.#db, villageCode, period);
    if (!s) throw notFound(SESSION);
    return this.#view(this.#db, actor, s);
  }

  async list(actor: Actor, q: MusdesListQuery) {
    requirePermission(actor, 'registry.read');
    const scope = requestedScope(actor, this.#regions, q.region);
    if (scope === 'empty') return { items: [], nextCursor: null };
    // A session list shows dates and counts, no household or person: not an audited read.
    const { page, nextCursor } = await keysetPage(
      q,
      (afterId, limit) =>
        this.#repo.listSessions(this.#db, { scope, period: q.period, state: q.state, afterId, limit }),
      (r) => r.id,
    );
    const names = await this.#regions.names(page.map((s) => s.villageCode));
    return {
      items: page.map((s) => listItem(s, names.get(s.villageCode) ?? s.villageCode)),
      nextCursor,
    };
  }

  /** Every village of a region (default: the actor's territory) with its session for the period, if any. */
  async progress(actor: Actor, regionInput: string | undefined, period: string) {
    requirePermission(actor, 'registry.read');
    const requested = regionInput ? this.#regions.normalize(regionInput, 'region') : actor.regionCode;
    const scope = regionScope(actor, requested || null);
    if (scope === 'empty') return [];
    const code = scope?.value ?? '';
    if (code === '' || code.split('.').length < 2) {
      throw validationError([issue('region', 'musdes.progress_region')]);
    }
    const villages = (await this.#villagesUnder(code)).sort((a, b) => a.code.localeCompare(b.code));
    const sessions = new Map(
      (await this.#repo.progress(this.#db, scope, period)).map((s) => [s.villageCode, s]),
    );
    return villages.map((v) => {
      const s = sessions.get(v.code);
      return {
        villageCode: v.code,
        villageName: v.name,
        sessionId: s?.id ?? null,
        state: s?.state ?? null,
        heldOn: s?.heldOn ?? null,
        rows: s?.rows ?? 0,
        decided: s?.decided ?? 0,
      };
    });
  }

  async rows(
    actor: Actor,
    id: string,
    q: RowsQuery,
  ): Promise<{ items: RowView[]; nextCursor: string | null }> {
    requirePermission(actor, 'registry.read');
    const s = await this.#visible(this.#db, actor, id);
    const after = q.cursor && /^\d+$/.test(q.cursor) ? Number(q.cursor) : undefined;
    const rows = await this.#repo.listRows(this.#db, s.id, {
      outcome: q.outcome,
      source: q.source,
      q: q.q || undefined,
      afterRowNo: after,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    await recordListRead(this.#audit, actor, page, {
      action: 'musdes.rows',
      entityType: 'musdes',
      entityId: s.id,
      regionCode: s.villageCode,
      details: { from: page[0]?.rowNo, to: page.at(-1)?.rowNo, count: page.length },
      // The rows' households (a new household's proposal has none yet), for "who read my data".
      subjects: page.flatMap((r) => (r.householdId ? [r.householdId] : [])),
    });
    return {
      items: page.map(rowView),
      nextCursor: rows.length > q.limit ? String(page.at(-1)!.rowNo) : null,
    };
  }

  /**
   * A printable prelist (awal: the list the meeting works through; akhir: the decided list), streamed.
   * Territory and state are checked before the first byte, so problems still answer as problem+json.
   */
  async prelist(
    actor: Actor,
    id: string,
    stage: PrelistStage,
    format: 'pdf' | 'xlsx',
  ): Promise<{ fileName: string; mime: string; stream: Readable }> {
    requirePermission(actor, 'registry.read');
    const s = await this.#visible(this.#db, actor, id);
    const ready = stage === 'awal' ? s.state !== 'draft' : s.state === 'closed' || s.state === 'signed';
    if (!ready) {
      throw new AppError(
        'state',
        'musdes.prelist_not_ready',
        { stage: label(stage === 'awal' ? 'musdes.prelist_awal_ready' : 'musdes.prelist_akhir_ready') },
        {
          extra: {
            currentState: s.state,
            allowed: allowedActions(musdesMachine, s.state as MusdesState, actor.role),
          },
        },
      );
    }
    const header = { ...(await this.#header(s)), ...sessionHeaderFields(s) };
    await this.#audit.recordRead(actor, {
      action: 'musdes.prelist',
      entityType: 'musdes',
      entityId: s.id,
      regionCode: s.villageCode,
      details: { stage, format },
    });
    const rows = this.#audited(actor, s, this.#prelist.rows(this.#db, s.id));
    const fileName = documentFileName(`prelist_${stage}`, header, format);
    if (format === 'xlsx') {
      return {
        fileName,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        stream: prelistXlsx(header, stage, rows),
      };
    }
    const { stream, done } = prelistPdf(header, stage, rows);
    done.catch(() => {}); // a failure destroys the stream, which the consumer sees
    return { fileName, mime: 'application/pdf', stream };
  }

  // ---------------------------------------------------------------- internals

  /**
   * A printed prelist's rows, with their households audited as read (audit_subjects) in batches as the
   * document is built — each batch before its rows are handed on, never the whole list held.
   */
  async *#audited<R extends { householdId: string | null }>(
    actor: Actor,
    s: MusdesSessionRow,
    rows: AsyncIterable<R>,
  ): AsyncGenerator<R> {
    let batch: R[] = [];
    const flush = async () => {
      const ids = batch.flatMap((r) => (r.householdId ? [r.householdId] : []));
      if (ids.length) {
        await this.#audit.recordRead(actor, {
          ...exportPageEvent('musdes.prelist_rows', s.villageCode, ids),
          entityType: 'musdes',
          entityId: s.id,
        });
      }
      const out = batch;
      batch = [];
      return out;
    };
    for await (const r of rows) {
      batch.push(r);
      if (batch.length >= PRELIST_AUDIT_BATCH) yield* await flush();
    }
    yield* await flush();
  }

  /** Where a proposal being submitted goes: see MusdesPrelist.placeSubmitted (called by UsulanService). */
  placeSubmitted(trx: Kysely<DB>, actor: Actor, u: UsulanRow, period: string): Promise<Placement> {
    return this.#prelist.placeSubmitted(trx, actor, u, period);
  }

  /** A machine step on the session, with its effect, in one transaction with optimistic concurrency. */
  async #step(
    actor: Actor,
    id: string,
    version: number,
    action: keyof typeof musdesMachine.transitions,
    effect: (
      trx: Kysely<DB>,
      s: MusdesSessionRow,
    ) => Promise<{ patch: Partial<MusdesSessionRow>; details: Record<string, unknown> }>,
  ): Promise<MusdesSessionRow> {
    const s0 = await this.#visible(this.#db, actor, id);
    if (alreadyTaken(musdesMachine, action, s0, version)) return s0;
    if (s0.version !== version) throw versionConflict(s0.version);
    await this.#regions.get(s0.villageCode); // region index loaded outside the transaction
    const repeated = (s: MusdesSessionRow) => alreadyTaken(musdesMachine, action, s, version);
    const run = this.#db.transaction().execute(async (trx) => {
      const s = (await this.#repo.findSession(trx, s0.id))!;
      if (repeated(s)) return s;
      const next = transition(musdesMachine, s.state as MusdesState, action, actor.role);
      if (s.version !== version) throw versionConflict(s.version);
      const { patch: extra, details } = await effect(trx, s);
      const patch: Partial<MusdesSessionRow> = {
        ...extra,
        state: next,
        updatedAt: this.#config.now().toISOString(),
        updatedBy: actor.userId,
      };
      if (!(await this.#repo.updateSession(trx, s.id, version, patch))) throw versionConflict(version + 1);
      await this.#audit.record(trx, actor, {
        action: `musdes.${action}`,
        entityType: 'musdes',
        entityId: s.id,
        regionCode: s.villageCode,
        details: { from: s.state, to: next, ...details },
      });
      return { ...s, ...patch, version: version + 1 } as MusdesSessionRow;
    });
    // Two requests for the same step at once: the one that lost answers what the winner made.
    return run.catch(async (err: unknown) => {
      const now = await this.#repo.findSession(this.#db, s0.id);
      if (now && repeated(now)) return now;
      throw err;
    });
  }

  #visible(db: Kysely<DB>, actor: Actor, id: string): Promise<MusdesSessionRow> {
    return findWithin(actor, id, SESSION, (id) => this.#repo.findSession(db, id));
  }

  async #header(s: MusdesSessionRow): Promise<SessionHeader> {
    const region = await this.#regions.get(s.villageCode);
    const name = (level: number) => region.ancestors.find((a) => a.level === level)?.name ?? '';
    return {
      ...sessionHeaderFields(s),
      province: name(1),
      regency: name(2),
      district: name(3),
      village: region.name,
    };
  }

  async #villagesUnder(code: string): Promise<{ code: string; name: string }[]> {
    const region = await this.#regions.get(code);
    if (region.level === 4) return [{ code: region.code, name: region.name }];
    const out: { code: string; name: string }[] = [];
    for (const child of region.children) out.push(...(await this.#villagesUnder(child.code)));
    return out;
  }

  async #view(db: Kysely<DB>, actor: Actor, s: MusdesSessionRow): Promise<MusdesView> {
    const region = await this.#regions.get(s.villageCode);
    const tally = { rows: 0, undecided: 0, existing: 0, usulan: 0, outcomes: emptyCounts() };
    for (const t of await this.#repo.tally(db, s.id)) {
      tally.rows += t.count;
      tally[t.source] += t.count;
      if (t.outcome) tally.outcomes[t.outcome] += t.count;
      else tally.undecided += t.count;
    }
    const docs = s.beritaAcaraId || s.signedScanId ? await this.#attachments.listFor(db, s.id) : [];
    const doc = (attId: string | null) => {
      const a = docs.find((d: AttachmentRow) => d.id === attId);
      return a
        ? { id: a.id, mime: a.mime, size: a.size, originalName: a.originalName, createdAt: a.createdAt }
        : null;
    };
    const runs = runsSessions(actor);
    // The kecamatan returned this signature: the village reads why, until it signs again (a new scan).
    const decision = s.signedScanId ? await this.#chainRepo.acknowledgementOf(db, s.id) : undefined;
    const returned =
      decision?.state === 'returned' && decision.signedScanId === s.signedScanId ? decision : undefined;
    return {
      ...listItem(s, region.name),
      regionPath: [...region.ancestors, region].map((r) => ({ code: r.code, name: r.name })),
      deliberation: deliberationName(s.villageCode).id,
      participants: JSON.parse(s.participants) as Participant[],
      tally,
      beritaAcara: doc(s.beritaAcaraId),
      signedScan: doc(s.signedScanId),
      allowedActions: allowedActions(musdesMachine, s.state as MusdesState, actor.role),
      canEdit: runs && (s.state === 'draft' || s.state === 'open'),
      canDecide: runs && s.state === 'open',
      kecamatanReturn: returned ? { note: returned.note ?? '', decidedAt: returned.decidedAt } : null,
      createdAt: s.createdAt,
    };
  }
}

/** Who sets up and runs a deliberation: the roles of its machine's `open` step (operator and Kepala Desa). */
function runsSessions(actor: Actor): boolean {
  return musdesMachine.transitions.open.roles.includes(actor.role);
}

function assertRunsSessions(actor: Actor): void {
  if (!runsSessions(actor)) {
    throw new AppError('forbidden', 'musdes.role_not_allowed', {
      role: actor.role,
      action: label('musdes.run'),
    });
  }
}

function ancestors(villageCode: string): [string, string, string] {
  const p = villageCode.split('.');
  return [p[0]!, p.slice(0, 2).join('.'), p.slice(0, 3).join('.')];
}

function sessionHeaderFields(s: MusdesSessionRow) {
  return {
    villageCode: s.villageCode,
    period: s.period,
    heldOn: s.heldOn,
    place: s.place,
    participants: JSON.parse(s.participants) as Participant[],
  };
}

function listItem(s: MusdesSessionRow, villageName: string) {
  return {
    id: s.id,
    period: s.period,
    state: s.state,
    regionCode: s.villageCode,
    villageName,
    heldOn: s.heldOn,
    place: s.place,
    counts: s.counts ? (JSON.parse(s.counts) as OutcomeCounts) : null,
    version: s.version,
    updatedAt: s.updatedAt,
  };
}

function rowView(r: PrelistRow): RowView {
  return {
    id: r.id,
    rowNo: r.rowNo,
    source: r.source,
    kind: r.kind,
    householdId: r.householdId,
    usulanId: r.usulanId,
    usulanState: r.usulanState,
    kkNumber: r.kkNumber,
    headName: r.headName,
    memberCount: r.memberCount,
    outcome: r.outcome as Outcome | null,
    note: r.note,
    decidedAt: r.decidedAt,
    allowedOutcomes: [...VALID_OUTCOMES[r.kind].allowed],
  };
}

function listNumbers(rowNos: number[], total: number): string {
  return `${rowNos.join(', ')}${total > rowNos.length ? ', …' : ''}`;
}

function locked(s: MusdesSessionRow, actor: Actor): AppError {
  const allowed = allowedActions(musdesMachine, s.state as MusdesState, actor.role);
  return new AppError(
    'state',
    'musdes.locked',
    { reason: s.state === 'draft' ? label('musdes.not_open') : label('musdes.closed', { state: s.state }) },
    { extra: { currentState: s.state, allowed } },
  );
}

function alreadyExists(s: MusdesSessionRow): AppError {
  return new AppError(
    'conflict',
    'musdes.exists',
    { period: s.period },
    { extra: { id: s.id, currentState: s.state } },
  );
}
