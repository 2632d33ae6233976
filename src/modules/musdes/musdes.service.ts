/**
 * Musdes/Muskel (DOMAIN.md §5.2): one session per village and period. The village operator or the Kepala
 * Desa/Lurah sets it up, opens it (the prelist awal is generated: the village's active DTKS households plus
 * the period's submitted proposals), gives every row one outcome, and closes it: in one transaction the
 * proposals move on (accepted / not accepted), decisions on existing records become accepted proposals,
 * and the Berita Acara is produced. The signed scan uploaded back locks the session.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { AttachmentRow, DB, MusdesRowRow, MusdesSessionRow, UsulanRow } from '../../db/schema/index.ts';
import { label, message } from '../../domain/catalogue.ts';
import {
  checkHeldOn,
  checkParticipants,
  deliberationName,
  emptyCounts,
  isAccepted,
  noteRequired,
  type Outcome,
  type OutcomeCounts,
  outcomeIssue,
  type Participant,
  proposalFromDecision,
  type RowKind,
  VALID_OUTCOMES,
} from '../../domain/cycle/musdes.ts';
import { type Placement, placeProposal } from '../../domain/cycle/placement.ts';
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
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import { findWithin, keysetPage, recordListRead, requestedScope } from '../access/scoped-reads.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChainRepository } from '../chain/chain.repository.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UsulanRepository } from '../usulan/usulan.repository.ts';
import type { UsulanService } from '../usulan/usulan.service.ts';
import {
  beritaAcaraPdf,
  documentFileName,
  type PrelistStage,
  prelistPdf,
  prelistXlsx,
  type SessionHeader,
} from './musdes.documents.ts';
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

/** Rows inserted per statement when generating the prelist (14 columns: far below both engines' limits). */
const INSERT_BATCH = 1000;
/** Rows read per page when walking a session's rows. */
const PAGE = 1000;
/** How many undecided row numbers a refused close names. */
const UNDECIDED_LISTED = 200;

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
      const generated = await this.#generatePrelist(trx, s);
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
      const applied = await this.#applyDecisions(trx, actor, s);
      const pdf = await beritaAcaraPdf(
        { ...header, ...sessionHeaderFields(s) },
        counts,
        this.#allRows(trx, s.id),
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
      let after = 0;
      let reopened = 0;
      let cancelled = 0;
      const blocked: string[] = [];
      for (;;) {
        const page = await this.#repo.rowsWithProposal(trx, s.id, after, PAGE);
        if (!page.length) break;
        for (const r of page) {
          after = r.rowNo;
          if (r.source === 'usulan') {
            if (r.usulanState === 'withdrawn') continue;
            if (r.usulanState !== 'musdes_accepted' && r.usulanState !== 'musdes_rejected') {
              blocked.push(`${r.rowNo} (${r.usulanState})`);
              continue;
            }
            await this.#usulan.advance(trx, actor, r.usulanId!, 'musdes_reopen', {
              note: 'Musdes dibuka kembali',
            });
            reopened++;
          } else {
            if (r.usulanState !== 'musdes_accepted') {
              blocked.push(`${r.rowNo} (${r.usulanState})`);
              continue;
            }
            await this.#usulan.advance(trx, actor, r.usulanId!, 'musdes_cancel', {
              note: 'Musdes dibuka kembali',
            });
            await this.#repo.setRowProposal(trx, r.id, null);
            cancelled++;
          }
        }
      }
      if (blocked.length) {
        throw new AppError(
          'state',
          'musdes.reopen_blocked',
          { blocked: blocked.join(', ') },
          { extra: { currentState: s.state, allowed: [] } },
        );
      }
      // Submitted proposals of the period the prelist does not hold yet (left out before they could join).
      const held = await this.#repo.usulanIdsIn(trx, s.id);
      const missing = (await this.#usulan.submittedFor(trx, s.villageCode, s.period)).filter(
        (u) => !held.has(u.id),
      );
      const added = await this.#appendProposals(trx, actor, s, missing);
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
    if (!isRecordId(rowId)) throw notFound(ROW);
    const decided = await this.#db.transaction().execute(async (trx) => {
      const s = (await this.#repo.findSession(trx, s0.id))!;
      if (s.state !== 'open') throw locked(s, actor);
      const r = await this.#repo.findRow(trx, s.id, rowId);
      if (!r) throw notFound(ROW);
      const errors = await this.#checkDecision(trx, r, input.outcome, input.note);
      if (errors.length) throw validationError(errors);
      const patch = {
        outcome: input.outcome,
        note: input.note ?? null,
        decidedBy: actor.userId,
        decidedAt: this.#config.now().toISOString(),
      };
      await this.#repo.decide(trx, r.id, patch);
      await this.#audit.record(trx, actor, {
        action: 'musdes.decide',
        entityType: 'musdes',
        entityId: s.id,
        regionCode: s.villageCode,
        details: {
          rowId: r.id,
          rowNo: r.rowNo,
          outcome: input.outcome,
          previous: r.outcome,
          note: patch.note,
        },
      });
      return { ...r, ...patch };
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
      const n = await this.#repo.decideUndecidedExisting(trx, s.id, {
        outcome: input.outcome,
        note: input.note ?? null,
        decidedBy: actor.userId,
        decidedAt: this.#config.now().toISOString(),
      });
      await this.#audit.record(trx, actor, {
        action: 'musdes.decide_bulk',
        entityType: 'musdes',
        entityId: s.id,
        regionCode: s.villageCode,
        details: { outcome: input.outcome, filter: input.filter, rows: n, note: input.note ?? null },
      });
      return n;
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
    const rows = this.#allRows(this.#db, s.id);
    const fileName = documentFileName(`prelist_${stage}`, header, format);
    if (format === 'xlsx') {
      return {
        fileName,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        stream: await prelistXlsx(header, stage, rows),
      };
    }
    const { stream, done } = prelistPdf(header, stage, rows);
    done.catch(() => {}); // a failure destroys the stream, which the consumer sees
    return { fileName, mime: 'application/pdf', stream };
  }

  // ---------------------------------------------------------------- internals

  /**
   * The prelist awal: the village's active households (RW, RT, name order), then the period's submitted
   * proposals. A household that is itself the subject of a submitted proposal appears once, as the proposal
   * row, so each record gets exactly one outcome. Read and written in pages: a village may hold thousands.
   */
  async #generatePrelist(trx: Kysely<DB>, s: MusdesSessionRow) {
    const proposals = await this.#usulan.submittedFor(trx, s.villageCode, s.period);
    const proposed = new Set(proposals.flatMap((u) => (u.householdId ? [u.householdId] : [])));
    let rowNo = 0;
    let existing = 0;
    let batch: MusdesRowRow[] = [];
    const flush = async () => {
      await this.#repo.insertRows(trx, batch);
      batch = [];
    };
    const base = (
      r: Pick<MusdesRowRow, 'source' | 'householdId' | 'usulanId' | 'kkNumber' | 'headName' | 'memberCount'>,
    ): MusdesRowRow => ({
      id: newId(),
      sessionId: s.id,
      provinceCode: s.provinceCode,
      rowNo: ++rowNo,
      outcome: null,
      note: null,
      decidedBy: null,
      decidedAt: null,
      ...r,
    });
    let after = null;
    for (;;) {
      const page = await this.#repo.existingPage(trx, s.villageCode, after, PAGE);
      if (!page.length) break;
      after = page.at(-1)!;
      for (const h of page) {
        if (proposed.has(h.id)) continue;
        batch.push(
          base({
            source: 'existing',
            householdId: h.id,
            usulanId: null,
            kkNumber: h.kkNumber,
            headName: h.headName,
            memberCount: h.memberCount,
          }),
        );
        existing++;
        if (batch.length >= INSERT_BATCH) await flush();
      }
    }
    for (const row of await this.#proposalRows(trx, s, proposals, rowNo)) {
      batch.push(row);
      if (batch.length >= INSERT_BATCH) await flush();
    }
    rowNo += proposals.length;
    await flush();
    return { rows: rowNo, existing, proposals: proposals.length };
  }

  /** Prelist rows for proposals, numbered from `after` + 1: new households, then corrections, then removals. */
  async #proposalRows(
    trx: Kysely<DB>,
    s: MusdesSessionRow,
    proposals: readonly UsulanRow[],
    after: number,
  ): Promise<MusdesRowRow[]> {
    const householdIds = proposals.flatMap((u) => (u.householdId ? [u.householdId] : []));
    const sizes = new Map(
      (await this.#repo.memberCounts(trx, householdIds)).map((h) => [h.id, h.memberCount] as const),
    );
    const ordered = [...proposals].sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.headName.localeCompare(b.headName, 'id'),
    );
    return ordered.map((u, n) => ({
      id: newId(),
      sessionId: s.id,
      provinceCode: s.provinceCode,
      rowNo: after + n + 1,
      outcome: null,
      note: null,
      decidedBy: null,
      decidedAt: null,
      source: 'usulan',
      householdId: u.householdId,
      usulanId: u.id,
      kkNumber: u.kkNumber,
      headName: u.headName,
      memberCount:
        u.kind === 'baru'
          ? ((JSON.parse(u.payload) as { household?: { members?: unknown[] } }).household?.members?.length ??
            0)
          : (sizes.get(u.householdId ?? '') ?? 0),
    }));
  }

  /**
   * Proposals that reach an open session after its prelist awal was generated (submitted late, or left out
   * before this rule existed): appended after the last row. A correction or removal of a household the
   * prelist already lists takes over that household's row, undecided again, so each record keeps exactly
   * one outcome. Audited on the session.
   */
  async #appendProposals(
    trx: Kysely<DB>,
    actor: Actor,
    s: MusdesSessionRow,
    proposals: readonly UsulanRow[],
  ) {
    if (proposals.length === 0) return 0;
    const fresh: UsulanRow[] = [];
    const tookOver: { rowNo: number; usulanId: string; previousOutcome: string | null }[] = [];
    for (const u of proposals) {
      const row = u.householdId ? await this.#repo.existingRowFor(trx, s.id, u.householdId) : undefined;
      if (row) {
        await this.#repo.rowBecomesProposal(trx, row.id, u.id);
        tookOver.push({ rowNo: row.rowNo, usulanId: u.id, previousOutcome: row.outcome });
      } else {
        fresh.push(u);
      }
    }
    const rows = await this.#proposalRows(trx, s, fresh, await this.#repo.maxRowNo(trx, s.id));
    await this.#repo.insertRows(trx, rows);
    await this.#audit.record(trx, actor, {
      action: 'musdes.add_proposals',
      entityType: 'musdes',
      entityId: s.id,
      regionCode: s.villageCode,
      details: {
        added: rows.map((r) => ({ rowNo: r.rowNo, usulanId: r.usulanId })),
        tookOver,
      },
    });
    return proposals.length;
  }

  /**
   * Where a proposal being submitted goes (src/domain/cycle/placement.ts): it waits for its village's
   * session of `period`, joins the open one's prelist now, or is carried over past a deliberation that is
   * over. Runs inside the submit's transaction (UsulanService), so the row and the proposal commit together.
   */
  async placeSubmitted(trx: Kysely<DB>, actor: Actor, u: UsulanRow, period: string): Promise<Placement> {
    const sessions = await this.#repo.villageSessionsFrom(trx, u.villageCode, period);
    const determined = new Set(await this.#repo.determinedFrom(trx, period));
    const placement = placeProposal(period, (p) => {
      const s = sessions.find((x) => x.period === p);
      return {
        sessionId: s?.id ?? null,
        sessionState: (s?.state as MusdesState | undefined) ?? null,
        determined: determined.has(p),
      };
    });
    if (placement.joinsSession) {
      const s = (await this.#repo.findSession(trx, placement.joinsSession))!;
      await this.#appendProposals(trx, actor, s, [{ ...u, period: placement.period }]);
    }
    return placement;
  }

  async #checkDecision(trx: Kysely<DB>, r: PrelistRow, outcome: Outcome, note: string | undefined) {
    const errors: FieldIssue[] = [];
    const bad = outcomeIssue(r.kind, outcome);
    if (bad) return [bad];
    if (noteRequired(r.kind, outcome) && !(note && note.length >= 3)) {
      errors.push(issue('note', 'musdes.note_required'));
    }
    if (r.source === 'existing' && proposalFromDecision(outcome) && r.householdId) {
      const open = await this.#usulanRepo.openForHousehold(trx, r.householdId);
      if (open) {
        errors.push(
          issue('outcome', 'musdes.household_already_proposed', {
            kind: open.kind,
            period: open.period,
            state: open.state,
          }),
        );
      }
    }
    return errors;
  }

  /** Closing's effects on proposals, walking only the rows that have any. */
  async #applyDecisions(trx: Kysely<DB>, actor: Actor, s: MusdesSessionRow) {
    let after = 0;
    let accepted = 0;
    let rejected = 0;
    let created = 0;
    const skippedWithdrawn: number[] = [];
    for (;;) {
      const page = await this.#repo.rowsToApply(trx, s.id, after, PAGE);
      if (!page.length) break;
      for (const r of page) {
        after = r.rowNo;
        const outcome = r.outcome as Outcome;
        const note = r.note ?? undefined;
        if (r.source === 'usulan') {
          if (r.usulanState === 'withdrawn') {
            skippedWithdrawn.push(r.rowNo);
            continue;
          }
          const ok = isAccepted(r.kind as Exclude<RowKind, 'existing'>, outcome);
          await this.#usulan.advance(trx, actor, r.usulanId!, ok ? 'musdes_accept' : 'musdes_reject', {
            note,
            musdesSessionId: s.id,
          });
          if (ok) accepted++;
          else rejected++;
          continue;
        }
        const kind = proposalFromDecision(outcome);
        if (!kind || !r.householdId) continue;
        const open = await this.#usulanRepo.openForHousehold(trx, r.householdId);
        if (open) {
          throw validationError([
            issue(`rows.${r.rowNo}`, 'musdes.household_already_proposed', {
              kind: open.kind,
              period: open.period,
              state: open.state,
            }),
          ]);
        }
        const u = await this.#usulan.createFromMusdes(trx, actor, {
          householdId: r.householdId,
          kind,
          period: s.period,
          sessionId: s.id,
          note: r.note,
        });
        await this.#repo.setRowProposal(trx, r.id, u.id);
        created++;
      }
    }
    return { accepted, rejected, created, skippedWithdrawn };
  }

  /** Every row in number order, read page by page (for documents). */
  async *#allRows(db: Kysely<DB>, sessionId: string): AsyncGenerator<PrelistRow> {
    let after = 0;
    for (;;) {
      const page = await this.#repo.listRows(db, sessionId, { afterRowNo: after, limit: PAGE });
      if (!page.length) return;
      yield* page;
      after = page.at(-1)!.rowNo;
    }
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

/** Proposal rows follow the existing records: new households, then corrections, then removals. */
const KIND_ORDER = ['baru', 'perbaikan', 'dikeluarkan'] as const;

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
