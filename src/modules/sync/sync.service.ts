/**
 * Offline sync (issue 16, docs/offline.md). A field device (or a .siks bundle from an offline installation)
 * sends the changes it recorded: new or edited proposal drafts, verivali visits, Musdes outcomes. Each is
 * applied through the service that owns the record — the same role, territory, window and validation rules
 * as online — and answered on its own: created, updated, unchanged (already applied: the change's id is
 * kept), conflict (the record changed on the server since the version the device started from: the server's
 * version is sent back to show beside the device's) or rejected (with the reason and field problems).
 *
 * The working set is what a device downloads to work without a connection: the territory's regions, the
 * code lists, its active households with their members, open proposals, the visits given to the user and
 * open Musdes sessions with their rows, streamed record by record and read page by page (never all at once).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema/index.ts';
import { label, message } from '../../domain/catalogue.ts';
import { type Outcome as MusdesOutcome, OUTCOME_LABELS, OUTCOMES } from '../../domain/cycle/musdes.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  type Lang,
  notFound,
  type Text,
  validationError,
} from '../../domain/errors.ts';
import { codebook } from '../../domain/instrument/codebook.ts';
import { REMOVAL_REASONS } from '../../domain/registry/removal-reasons.ts';
import { VISIT_RESULTS } from '../../domain/verivali/visit-results.ts';
import { issuesFromZod } from '../../http/problem.ts';
import { type Actor, assertWithin, regionScope, requirePermission } from '../access/actor.ts';
import type { AttachmentKind, AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { householdFromRows } from '../households/households.mapper.ts';
import type { MusdesRepository } from '../musdes/musdes.repository.ts';
import type { MusdesService } from '../musdes/musdes.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UsulanService } from '../usulan/usulan.service.ts';
import type { VerivaliService } from '../verivali/verivali.service.ts';
import type { SyncRepository } from './sync.repository.ts';
import {
  type ChangeChain,
  MAX_PHOTO_BYTES,
  type MusdesOutcomeChange,
  type PhotoRef,
  SyncChange,
  type SyncResult,
  type UsulanDraftChange,
  type VisitChange,
  type WorkingSetRecord,
} from './sync.schemas.ts';

/** The bytes of a photo a change names by `ref`, or undefined when it was not sent. */
export type PhotoSource = (ref: string) => Promise<Buffer | undefined>;

export interface ApplyOptions {
  photos?: PhotoSource;
  /** The language of the reasons in the answer (default Indonesian). */
  lang?: Lang;
  /** Where the changes came from, for the audit trail (e.g. `http`, `cli`, `bundle <id>`). */
  source?: string;
}

/** Households (with members) read per page of the working set. */
const HOUSEHOLD_PAGE = 500;
/** Proposal states a device may still act on or needs to see. */
const OPEN_USULAN_STATES = ['draft', 'returned', 'submitted', 'musdes_accepted', 'verified'] as const;
const EDITABLE_USULAN_STATES = new Set<string>(['draft', 'returned']);

const REGION: Text = label('record.region');

type Answer = Omit<SyncResult, 'id' | 'kind' | 'targetId'>;

export class SyncService {
  readonly #db: Kysely<DB>;
  readonly #repo: SyncRepository;
  readonly #usulan: UsulanService;
  readonly #verivali: VerivaliService;
  readonly #musdes: MusdesService;
  readonly #musdesRepo: MusdesRepository;
  readonly #attachments: AttachmentsService;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;
  readonly #config: Config;

  constructor(deps: {
    db: Kysely<DB>;
    repo: SyncRepository;
    usulan: UsulanService;
    verivali: VerivaliService;
    musdes: MusdesService;
    musdesRepo: MusdesRepository;
    attachments: AttachmentsService;
    regions: RegionsService;
    audit: AuditService;
    config: Config;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#usulan = deps.usulan;
    this.#verivali = deps.verivali;
    this.#musdes = deps.musdes;
    this.#musdesRepo = deps.musdesRepo;
    this.#attachments = deps.attachments;
    this.#regions = deps.regions;
    this.#audit = deps.audit;
    this.#config = deps.config;
  }

  // ---------------------------------------------------------------- applying changes

  /**
   * Applies each change in order and answers each on its own (one refused change does not stop the
   * others). `changes` may be unchecked input (a bundle's lines): a malformed change is rejected with its
   * field problems. A change whose id was already applied answers `unchanged` and writes nothing.
   */
  async apply(actor: Actor, changes: readonly unknown[], opts: ApplyOptions = {}): Promise<SyncResult[]> {
    // Each change's own service checks who may make it (a Kepala Desa decides Musdes rows, but writes no registry).
    requirePermission(actor, 'registry.read');
    const lang = opts.lang ?? 'id';
    const parsed = changes.map((c) => SyncChange.safeParse(c));
    const ids = parsed.flatMap((p) => (p.success ? [p.data.id] : []));
    const applied = new Map((await this.#repo.applied(this.#db, ids)).map((r) => [r.id, r]));
    const seen = new Map<string, SyncResult>();
    const results: SyncResult[] = [];
    for (const [n, p] of parsed.entries()) {
      if (!p.success) {
        results.push(malformed(changes[n], p.error.issues, lang));
        continue;
      }
      const c = p.data;
      const head = { id: c.id, kind: c.kind, targetId: c.targetId };
      const before = seen.get(c.id) ?? applied.get(c.id);
      if (before) {
        results.push(
          before.kind === c.kind && before.targetId === c.targetId
            ? { ...head, status: 'unchanged', ...(before.version ? { version: before.version } : {}) }
            : { ...head, ...reasonOf(new AppError('validation', 'sync.change_exists', { id: c.id }), lang) },
        );
        continue;
      }
      const outcome = await this.#applyOne(actor, c, opts.photos, lang);
      const result: SyncResult = { ...head, ...outcome };
      if (result.status === 'created' || result.status === 'updated') {
        await this.#repo.recordApplied(this.#db, {
          id: c.id,
          kind: c.kind,
          targetId: c.targetId,
          status: result.status,
          version: result.version ?? 0,
          villageCode: (result.current?.regionCode as string | undefined) ?? actor.regionCode,
          recordedAt: c.recordedAt,
          recordedBy: c.recordedBy ?? null,
          appliedAt: this.#config.now().toISOString(),
          appliedBy: actor.userId,
        });
        delete result.current;
      }
      seen.set(c.id, result);
      results.push(result);
    }
    await this.#db.transaction().execute((trx) =>
      this.#audit.record(trx, actor, {
        action: 'sync.apply',
        entityType: 'sync',
        regionCode: actor.regionCode || null,
        details: {
          source: opts.source ?? 'http',
          changes: results.map((r, n) => {
            const c = parsed[n]!;
            return {
              id: r.id,
              kind: r.kind,
              targetId: r.targetId,
              status: r.status,
              reason: r.reason?.code ?? null,
              recordedAt: c.success ? c.data.recordedAt : null,
              recordedBy: c.success ? (c.data.recordedBy ?? null) : null,
            };
          }),
        },
      }),
    );
    return results;
  }

  async #applyOne(actor: Actor, c: SyncChange, photos: PhotoSource | undefined, lang: Lang): Promise<Answer> {
    try {
      switch (c.kind) {
        case 'usulan.draft':
          return await this.#usulanDraft(actor, c, photos, lang);
        case 'verivali.visit':
          return await this.#visit(actor, c, photos, lang);
        case 'musdes.outcome':
          return await this.#musdesOutcome(actor, c, lang);
      }
    } catch (err) {
      if (err instanceof AppError) {
        // A version conflict raised by the owning service: someone changed it between our read and write.
        if (err.code === 'record.version_conflict') {
          return {
            status: 'conflict',
            reason: render('sync.conflict', err.text, lang),
          };
        }
        return reasonOf(err, lang);
      }
      throw err;
    }
  }

  async #usulanDraft(
    actor: Actor,
    c: UsulanDraftChange,
    photos: PhotoSource | undefined,
    lang: Lang,
  ): Promise<Answer> {
    const files = await this.#photos(c.payload.photos, photos, (p) => p.kind ?? 'house_front');
    const proposal = c.payload.proposal;
    const base = c.after
      ? await this.#chainBase(c, c.after, c.after.baseVersion ?? c.baseVersion)
      : c.baseVersion;
    let status: 'created' | 'updated';
    let view: Awaited<ReturnType<UsulanService['get']>>;
    if (base === 0) {
      // The id exists already: created by this very change in an earlier attempt that failed before the
      // change was recorded (between the create, an attach and the record). Finish it when the stored
      // draft is still exactly what that attempt wrote; otherwise the device is shown the server's version.
      const existing = await this.#usulan.get(actor, c.targetId).catch((err: unknown) => {
        if (err instanceof AppError && err.kind === 'not_found') return null;
        throw err;
      });
      if (existing && !sameCreation(existing, proposal)) return conflict(0, existing, lang);
      view = existing ?? (await this.#usulan.create(actor, proposal, { id: c.targetId }));
      status = 'created';
    } else {
      const current = await this.#usulan.get(actor, c.targetId);
      if (current.version !== base) return conflict(base, current, lang);
      view = await this.#usulan.updateDraft(actor, c.targetId, base, proposal);
      status = 'updated';
    }
    // A photo attached already — by an earlier attempt of this change, or by an earlier change of an offline
    // installation, which sends every photo of the proposal each time — is not attached twice.
    const present = new Set(
      (await this.#attachments.listFor(this.#db, view.id)).map((a) => `${a.kind}:${a.sha256}`),
    );
    for (const f of files) {
      if (present.has(`${f.kind}:${f.sha256}`)) continue;
      view = await this.#usulan.attach(actor, view.id, f.kind, f.name, f.bytes);
    }
    return { status, version: view.version, current: { regionCode: view.regionCode } };
  }

  async #visit(actor: Actor, c: VisitChange, photos: PhotoSource | undefined, lang: Lang): Promise<Answer> {
    const current = await this.#verivali.get(actor, c.targetId);
    if (current.version !== c.baseVersion) return conflict(c.baseVersion, current, lang);
    const files = await this.#photos(c.payload.photos, photos, () => 'visit_photo');
    const { photos: _p, ...record } = c.payload;
    let view = await this.#verivali.record(actor, c.targetId, { ...record, version: c.baseVersion });
    for (const f of files) view = await this.#verivali.attachPhoto(actor, c.targetId, f.name, f.bytes);
    return { status: 'updated', version: view.version, current: { regionCode: view.regionCode } };
  }

  async #musdesOutcome(actor: Actor, c: MusdesOutcomeChange, lang: Lang): Promise<Answer> {
    const session = await this.#musdes.get(actor, c.payload.sessionId);
    const row = await this.#musdesRepo.findRow(this.#db, session.id, c.targetId);
    if (!row) throw notFound(label('record.prelist_row'));
    const note = c.payload.note ?? null;
    if (row.outcome === c.payload.outcome && (row.note ?? null) === note) {
      return { status: 'unchanged', version: session.version };
    }
    const base = c.after
      ? await this.#chainBase(
          c,
          c.after,
          // Without the first one's base, only what the last leaves is accepted (never more than without a chain).
          c.after.baseOutcome === undefined ? c.payload.baseOutcome : c.after.baseOutcome,
        )
      : c.payload.baseOutcome;
    if (row.outcome !== base) {
      return {
        status: 'conflict',
        reason: render(
          'sync.musdes_decided',
          message('sync.musdes_decided', {
            outcome: row.outcome ? OUTCOME_LABELS[row.outcome as MusdesOutcome] : label('sync.undecided'),
          }),
          lang,
        ),
        current: {
          id: row.id,
          sessionId: session.id,
          rowNo: row.rowNo,
          headName: row.headName,
          kkNumber: row.kkNumber,
          outcome: row.outcome,
          note: row.note,
          decidedAt: row.decidedAt,
          decidedBy: row.decidedBy,
        },
      };
    }
    await this.#musdes.decide(actor, session.id, row.id, {
      outcome: c.payload.outcome,
      note: c.payload.note,
    });
    return { status: 'updated', version: session.version, current: { regionCode: session.regionCode } };
  }

  /**
   * What a change that follows earlier changes of the same installation (`after`) is applied on: what the
   * last of them that was applied here left — a proposal's version, a Musdes row's outcome — or, when none of
   * them arrived (a bundle lost or not imported yet), what the first was made on (`origin`). The target's
   * state then differs from it only when someone changed it here in between: a real conflict.
   */
  async #chainBase<T extends number | string | null>(
    c: { kind: string; targetId: string },
    after: ChangeChain,
    origin: T,
  ): Promise<T> {
    const applied = new Map(
      (
        await this.#repo.applied(
          this.#db,
          after.changes.map((p) => p.id),
        )
      )
        .filter((r) => r.kind === c.kind && r.targetId === c.targetId)
        .map((r) => [r.id, r]),
    );
    for (const prior of after.changes.toReversed()) {
      const r = applied.get(prior.id);
      if (!r) continue;
      return (typeof origin === 'number' ? r.version : (prior.outcome ?? null)) as T;
    }
    return origin;
  }

  /**
   * The photos a change attaches, every one present, small enough and of a type its kind accepts — checked
   * before the change writes anything (a checked file's bytes are kept by content; attaching it later
   * finds them), so a refused photo leaves the change unapplied rather than half-written.
   */
  async #photos(
    refs: PhotoRef[],
    source: PhotoSource | undefined,
    kindOf: (p: PhotoRef) => AttachmentKind,
  ): Promise<{ kind: AttachmentKind; name: string; bytes: Buffer; sha256: string }[]> {
    const out: { kind: AttachmentKind; name: string; bytes: Buffer; sha256: string }[] = [];
    const problems: FieldIssue[] = [];
    for (const [n, p] of refs.entries()) {
      const bytes = source ? await source(p.ref) : undefined;
      if (!bytes) problems.push(issue(`payload.photos.${n}.ref`, 'sync.photo_missing', { ref: p.ref }));
      else if (bytes.length > MAX_PHOTO_BYTES) {
        problems.push(
          issue(`payload.photos.${n}.ref`, 'sync.photo_too_large', {
            ref: p.ref,
            size: bytes.length,
            max: MAX_PHOTO_BYTES,
          }),
        );
      } else out.push({ kind: kindOf(p), name: p.name, bytes, sha256: '' });
    }
    if (problems.length) throw validationError(problems);
    for (const f of out) f.sha256 = (await this.#attachments.ingest(f.bytes, f.kind, f.name)).sha256;
    return out;
  }

  // ---------------------------------------------------------------- the working set

  /**
   * The working set of `regionInput` (inside the actor's territory; a region above it is narrowed to it),
   * record by record. Territory and region are checked on the first `next()`, before any record. Every
   * page of personal data read is audited as one read naming its records. `installation`: an offline
   * installation's working set (docs/bundles.md) — every visit of the territory the actor sees, not only
   * their own, and every open proposal whole (a device gets the payload of the ones it edits only).
   */
  async *workingSet(
    actor: Actor,
    regionInput: string,
    opts: { installation?: boolean } = {},
  ): AsyncGenerator<WorkingSetRecord> {
    requirePermission(actor, 'registry.read');
    const requested = this.#regions.normalize(regionInput, 'region');
    const region = await this.#regions.find(requested);
    if (!region) throw notFound(REGION);
    const scope = regionScope(actor, requested);
    if (scope === 'empty') {
      assertWithin(actor, requested, REGION);
      return;
    }
    const code = scope?.value ?? requested;
    const counts: Record<string, number> = {};
    const count = (type: string) => {
      counts[type] = (counts[type] ?? 0) + 1;
    };
    yield {
      type: 'meta',
      data: {
        format: 1,
        region: code,
        generatedAt: this.#config.now().toISOString(),
        userId: actor.userId,
        role: actor.role,
      },
    };

    for (const r of [...(await this.#regions.path(code)), ...(await this.#regions.villagesUnder(code))]) {
      count('region');
      yield { type: 'region', data: { ...r } };
    }
    yield { type: 'codes', data: codeLists() };

    let after: string | undefined;
    for (;;) {
      const page = await this.#repo.householdsPage(this.#db, scope, after, HOUSEHOLD_PAGE);
      if (!page.length) break;
      const members = await this.#repo.members(
        this.#db,
        page.map((h) => h.id),
      );
      const byHousehold = Map.groupBy(members, (m) => m.householdId);
      await this.#audit.recordRead(actor, {
        action: 'sync.working_set',
        entityType: 'household',
        regionCode: code,
        details: { ids: page.map((h) => h.id) },
      });
      for (const h of page) {
        count('household');
        yield { type: 'household', data: { ...householdFromRows(h, byHousehold.get(h.id) ?? []) } };
      }
      if (page.length < HOUSEHOLD_PAGE) break;
      after = page.at(-1)!.id;
    }

    for (const state of OPEN_USULAN_STATES) {
      let cursor: string | undefined;
      do {
        const list = await this.#usulan.list(actor, { region: code, state, cursor, limit: 200 });
        for (const item of list.items) {
          count('usulan');
          // Drafts and returned proposals are edited offline: they travel whole, with their payload (one
          // audited read each); the others as listed. An offline installation mirrors them all whole.
          const data =
            opts.installation || EDITABLE_USULAN_STATES.has(item.state)
              ? await this.#usulan.get(actor, item.id)
              : item;
          yield { type: 'usulan', data: { ...data } };
        }
        cursor = list.nextCursor ?? undefined;
      } while (cursor);
    }

    for (const state of ['assigned', 'visited'] as const) {
      let cursor: string | undefined;
      do {
        const list = await this.#verivali.list(actor, {
          region: code,
          state,
          ...(opts.installation ? {} : { mine: 'true' as const }),
          cursor,
          limit: 200,
        });
        for (const item of list.items) {
          count('visit');
          yield { type: 'visit', data: { ...(await this.#verivali.get(actor, item.id)) } };
        }
        cursor = list.nextCursor ?? undefined;
      } while (cursor);
    }

    let sessionCursor: string | undefined;
    do {
      const sessions = await this.#musdes.list(actor, {
        region: code,
        state: 'open',
        cursor: sessionCursor,
        limit: 100,
      });
      for (const s of sessions.items) {
        count('musdes');
        yield { type: 'musdes', data: { ...s } };
        let rowCursor: string | undefined;
        do {
          const rows = await this.#musdes.rows(actor, s.id, { cursor: rowCursor, limit: 500 });
          // An offline installation is told which of the changes it sent arrived (cycle.mirror.ts: a row
          // decided here after the last of them arrived is taken over there).
          const applied = opts.installation
            ? await this.#repo.appliedTo(
                this.#db,
                'musdes.outcome',
                rows.items.map((r) => r.id),
              )
            : undefined;
          for (const r of rows.items) {
            count('musdes_row');
            yield {
              type: 'musdes_row',
              data: { ...r, sessionId: s.id, ...(applied ? { syncChanges: applied.get(r.id) ?? [] } : {}) },
            };
          }
          rowCursor = rows.nextCursor ?? undefined;
        } while (rowCursor);
      }
      sessionCursor = sessions.nextCursor ?? undefined;
    } while (sessionCursor);

    yield { type: 'end', data: { counts } };
  }
}

/** The code lists a device needs to fill the forms offline (labels in both languages). */
function codeLists(): Record<string, unknown> {
  return {
    codebook,
    visitResults: VISIT_RESULTS,
    removalReasons: REMOVAL_REASONS,
    musdesOutcomes: OUTCOMES.map((code) => ({ code, label: OUTCOME_LABELS[code] })),
  };
}

function render(code: string, text: Text, lang: Lang) {
  return { code, message: text[lang] };
}

function reasonOf(err: AppError, lang: Lang): Answer {
  return {
    status: 'rejected',
    reason: render(err.code, err.text, lang),
    ...(err.issues.length
      ? {
          errors: err.issues.map((i) => ({
            field: i.field,
            code: i.code,
            message: i.message[lang],
            severity: i.severity,
          })),
        }
      : {}),
  };
}

/**
 * Whether a stored proposal is the draft a change creating it wrote: never edited since (version 1, still a
 * draft) and of the same kind and reason. Attaching a file does not change the version.
 */
function sameCreation(
  stored: { version: number; state: string; kind: string; reason: string | null },
  proposal: UsulanDraftChange['payload']['proposal'],
): boolean {
  if (stored.version !== 1 || stored.state !== 'draft' || stored.kind !== proposal.kind) return false;
  return proposal.kind === 'dikeluarkan' || (stored.reason ?? null) === (proposal.reason ?? null);
}

function conflict(baseVersion: number, current: { version: number }, lang: Lang): Answer {
  return {
    status: 'conflict',
    reason: render(
      'sync.conflict',
      message('sync.conflict', { baseVersion, currentVersion: current.version }),
      lang,
    ),
    version: current.version,
    current: { ...current },
  };
}

function malformed(raw: unknown, issues: readonly z.core.$ZodIssue[], lang: Lang): SyncResult {
  const r = (raw ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 64) : '');
  const err = validationError(issuesFromZod(issues).slice(0, 20));
  return { id: str(r.id), kind: str(r.kind), targetId: str(r.targetId), ...reasonOf(err, lang) };
}
