/**
 * Matching DTKS with a civil-registry (Dukcapil) extract, DOMAIN.md §5.5. The regency Dinas Sosial imports
 * a CSV extract for its regency; the file is streamed (the one CSV reader, src/lib/csv-records.ts), every
 * well-formed line is matched against DTKS persons in batches (one `nik in (…)` query per batch) and
 * stored with its finding, and malformed lines are rejected with their line number and reasons — memory
 * stays flat whatever the file's size. Each finding that is not a plain match is then resolved by hand:
 * the DTKS record is corrected from Dukcapil, kept, noted for a removal proposal, or the person removed
 * as deceased — through HouseholdsService, in one audited transaction.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, DukcapilImportRow, DukcapilMatchRow, DukcapilRejectTable } from '../../db/schema/index.ts';
import { label, message } from '../../domain/catalogue.ts';
import {
  type Difference,
  type DukcapilRow,
  describeDifferences,
  MATCH_RESULT_CODES,
  type MatchResult,
  matchPerson,
  type Resolution,
  resolutionsFor,
} from '../../domain/dukcapil/dukcapil.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  notFound,
  type Text,
  validationError,
} from '../../domain/errors.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import type { ByteSource } from '../../lib/csv-records.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, assertWithin, isWithin, requirePermission } from '../access/actor.ts';
import { recordListRead } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { searchForm } from '../households/households.mapper.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import {
  type AdapterContext,
  type DukcapilAdapter,
  fileAdapter,
  type RejectedRow,
} from './dukcapil.adapter.ts';
import { httpAdapter } from './dukcapil.http-adapter.ts';
import type { DukcapilRepository } from './dukcapil.repository.ts';

const IMPORT: Text = label('record.dukcapil_import');
const MATCH: Text = label('record.dukcapil_match');

/** NIKs looked up (and rows stored) per batch. */
export /** NIKs read per page of a regency's list (10,000 NIKs: ~0.5 MB held while its batches are looked up). */
const DTKS_NIK_READ = 10_000;
const MATCH_BATCH = 1000;

export type { RejectedRow };

/** A NIK waiting in a batch: its Dukcapil record, or null when the civil registry does not know it. */
interface Pending {
  line: number;
  nik: string;
  row: DukcapilRow | null;
}

export interface ImportSummary {
  id: string;
  regencyCode: string;
  fileName: string;
  status: string;
  /** Data lines read (header not counted), rejected ones included. */
  rows: number;
  rejected: number;
  counts: Record<MatchResult, number>;
  open: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface MatchOptions {
  /** The regency (dotted or not); default the actor's own. */
  region?: string;
  onRejected?: (r: RejectedRow) => void;
  batchSize?: number;
  /** After each stored batch: entries read so far, and how many are expected when the adapter knows. */
  onProgress?: (done: number, total: number | null) => Promise<void> | void;
  /** Stops an adapter that asks a service between its requests. */
  signal?: AbortSignal;
}

export interface ImportOptions extends MatchOptions {
  /** The file's name as the user gave it: recorded, never used as a path. */
  fileName: string;
}

interface Identity {
  nik: string;
  kkNumber: string;
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  villageCode: string;
}

/** What a match row stores in `detail`. */
interface MatchDetail {
  /** Null when the civil registry does not know the NIK (`not_in_dukcapil`). */
  dukcapil: (Identity & { status: string }) | null;
  dtks: Identity | null;
  differences: Difference[];
}

export interface MatchRecord {
  id: string;
  importId: string;
  line: number;
  nik: string;
  result: string;
  regionCode: string | null;
  personId: string | null;
  householdId: string | null;
  dukcapil: (Identity & { status: string }) | null;
  dtks: Identity | null;
  differences: Difference[];
  summary: Text;
  resolution: string | null;
  note: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  allowedActions: Resolution[];
}

export class DukcapilService {
  readonly #db: Kysely<DB>;
  readonly #repo: DukcapilRepository;
  readonly #households: HouseholdsService;
  readonly #regions: RegionsService;
  readonly #notifications: NotificationsService;
  readonly #audit: AuditService;
  readonly #config: Config;

  constructor(deps: {
    db: Kysely<DB>;
    repo: DukcapilRepository;
    households: HouseholdsService;
    regions: RegionsService;
    notifications: NotificationsService;
    audit: AuditService;
    config: Config;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#households = deps.households;
    this.#regions = deps.regions;
    this.#notifications = deps.notifications;
    this.#audit = deps.audit;
    this.#config = deps.config;
  }

  // ---------------------------------------------------------------- import and match

  /** Matches a CSV extract (the file adapter). */
  importExtract(actor: Actor, source: ByteSource, opts: ImportOptions): Promise<ImportSummary> {
    return this.match(actor, fileAdapter(source, opts.fileName), opts);
  }

  /** Matches the regency's DTKS NIKs against the civil registry's HTTP service (DUKCAPIL_URL). */
  matchService(actor: Actor, opts: MatchOptions = {}): Promise<ImportSummary> {
    requirePermission(actor, 'registry.import');
    return this.match(actor, this.httpAdapter(), opts);
  }

  /** The HTTP adapter as configured; 409 `dukcapil.adapter_not_configured` without DUKCAPIL_URL. */
  httpAdapter(): DukcapilAdapter {
    if (!this.#config.dukcapilHttp) throw new AppError('state', 'dukcapil.adapter_not_configured');
    return httpAdapter(this.#config.dukcapilHttp);
  }

  /** What a service match would refuse before it starts: the permission, the regency, the configuration. */
  async checkServiceMatch(actor: Actor, region: string | undefined): Promise<void> {
    requirePermission(actor, 'registry.import');
    await this.#regency(actor, region);
    this.httpAdapter();
  }

  /** Which adapters this installation can use. */
  sources(actor: Actor): { file: true; http: boolean } {
    requirePermission(actor, 'registry.read');
    return { file: true, http: this.#config.dukcapilHttp !== undefined };
  }

  /**
   * Matches what an adapter gives against DTKS, batch by batch. Nothing of a run that fails is kept but
   * the import's row, marked failed with the reason: its findings and rejected lines are removed in the
   * same transaction, so a worklist only ever comes from a complete run.
   */
  async match(actor: Actor, adapter: DukcapilAdapter, opts: MatchOptions): Promise<ImportSummary> {
    requirePermission(actor, 'registry.import');
    const regency = await this.#regency(actor, opts.region);
    const lookup = await this.#regions.lookup();
    const ctx: AdapterContext = {
      regency,
      isKnownVillage: (c: string) => lookup(c)?.level === 4,
      today: this.#config.now(),
      dtksNiks: (size) => this.#dtksNiks(regency, size),
      dtksCount: () => this.#repo.countNiks(this.#db, regency),
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    const batchSize = opts.batchSize ?? MATCH_BATCH;
    const { entries, total } = await adapter.open(ctx);

    const now = this.#config.now().toISOString();
    const imp: DukcapilImportRow = {
      id: newId(),
      regencyCode: regency,
      provinceCode: regency.slice(0, 2),
      fileName: adapter.sourceName,
      rows: 0,
      rejected: 0,
      counts: '{}',
      status: 'running',
      createdAt: now,
      createdBy: actor.userId,
      finishedAt: null,
    };
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.insertImport(trx, imp);
      await this.#audit.record(trx, actor, {
        action: 'dukcapil.import_start',
        entityType: 'dukcapil_import',
        entityId: imp.id,
        regionCode: regency,
        details: { fileName: imp.fileName, adapter: adapter.kind },
      });
    });

    const counts = Object.fromEntries(MATCH_RESULT_CODES.map((r) => [r, 0])) as Record<MatchResult, number>;
    let rows = 0;
    let rejectedCount = 0;
    let pending: Pending[] = [];
    let pendingNiks = new Map<string, number>();
    let rejects: RejectedRow[] = [];
    const reject = (r: RejectedRow) => {
      rejects.push(r);
      rejectedCount++;
      opts.onRejected?.(r);
    };

    const flush = async () => {
      const batch = pending;
      const batchRejects = rejects;
      pending = [];
      pendingNiks = new Map();
      rejects = [];
      const matches = await this.#matchBatch(imp, regency, batch, (r) => {
        batchRejects.push(r);
        rejectedCount++;
        opts.onRejected?.(r);
      });
      for (const m of matches) counts[m.result as MatchResult]++;
      await this.#db.transaction().execute(async (trx) => {
        await this.#repo.insertMatches(trx, matches);
        await this.#repo.insertRejects(
          trx,
          batchRejects.map((r) => rejectRow(imp, r)),
        );
      });
      await opts.onProgress?.(rows, total);
    };

    try {
      for await (const entry of entries) {
        rows++;
        if (entry.kind === 'rejected') reject(entry.rejected);
        else {
          const p: Pending =
            entry.kind === 'record'
              ? { line: entry.row.line, nik: entry.row.nik, row: entry.row }
              : { line: entry.line, nik: entry.nik, row: null };
          const first = pendingNiks.get(p.nik);
          if (first !== undefined) reject(duplicate(p, first));
          else {
            pending.push(p);
            pendingNiks.set(p.nik, p.line);
          }
        }
        if (pending.length >= batchSize || rejects.length >= batchSize) await flush();
      }
      await flush();
    } catch (err) {
      await this.#db.transaction().execute(async (trx) => {
        await this.#repo.deleteFindings(trx, imp.id);
        await this.#repo.updateImport(trx, imp.id, {
          status: 'failed',
          rows,
          rejected: rejectedCount,
          counts: '{}',
          finishedAt: this.#config.now().toISOString(),
        });
        await this.#audit.record(trx, actor, {
          action: 'dukcapil.import_failed',
          entityType: 'dukcapil_import',
          entityId: imp.id,
          regionCode: regency,
          details: {
            fileName: imp.fileName,
            adapter: adapter.kind,
            rows,
            error:
              err instanceof AppError ? err.code : err instanceof Error ? err.message.slice(0, 200) : null,
          },
        });
      });
      throw err;
    }

    const finished: Partial<DukcapilImportRow> = {
      status: 'complete',
      rows,
      rejected: rejectedCount,
      counts: JSON.stringify(counts),
      finishedAt: this.#config.now().toISOString(),
    };
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.updateImport(trx, imp.id, finished);
      await this.#audit.record(trx, actor, {
        action: 'dukcapil.import',
        entityType: 'dukcapil_import',
        entityId: imp.id,
        regionCode: regency,
        details: { fileName: imp.fileName, adapter: adapter.kind, rows, rejected: rejectedCount, counts },
      });
    });
    const open = rows - rejectedCount - counts.matched;
    return summaryOf({ ...imp, ...finished } as DukcapilImportRow, open);
  }

  /**
   * The regency's DTKS NIKs in NIK order, `size` at a time, read in keyset pages of at least
   * DTKS_NIK_READ: each page reads the whole regency's active persons by their regency index and sorts
   * them (there is no index of a regency's NIKs since migration 082), so a page per web-service batch
   * (100 by default) would read a large regency once per hundred NIKs.
   */
  async *#dtksNiks(regency: string, size: number): AsyncGenerator<string[]> {
    // A whole number of batches per read, so the batches are the ones a page per batch gave.
    const read = size * Math.max(1, Math.floor(DTKS_NIK_READ / size));
    let after: string | undefined;
    for (;;) {
      const page = await this.#repo.niksOf(this.#db, regency, after, read);
      for (let i = 0; i < page.length; i += size) yield page.slice(i, i + size);
      if (page.length < read) return;
      after = page.at(-1)!;
    }
  }

  /**
   * Matches one batch: a NIK already stored by an earlier batch of the same run is rejected as a
   * duplicate; the rest are looked up in one query and compared with the DTKS person (a NIK the civil
   * registry does not know is `not_in_dukcapil`). A person registered outside the regency counts as not
   * found (territory: absent and hidden look alike).
   */
  async #matchBatch(
    imp: DukcapilImportRow,
    regency: string,
    batch: Pending[],
    reject: (r: RejectedRow) => void,
  ): Promise<DukcapilMatchRow[]> {
    if (!batch.length) return [];
    const niks = batch.map((r) => r.nik);
    const earlier = new Map(
      (await this.#repo.storedNiks(this.#db, imp.id, niks)).map((s) => [s.nik, s.line]),
    );
    const persons = new Map(
      (await this.#repo.personsByNik(this.#db, niks))
        .filter((p) => p.villageCode.startsWith(`${regency}.`))
        .map((p) => [p.nik, p]),
    );
    const out: DukcapilMatchRow[] = [];
    for (const item of batch) {
      const firstLine = earlier.get(item.nik);
      if (firstLine !== undefined) {
        reject(duplicate(item, firstLine));
        continue;
      }
      const p = persons.get(item.nik);
      const dtks: Identity | null = p
        ? {
            nik: p.nik,
            kkNumber: p.kkNumber,
            name: p.name,
            birthDate: p.birthDate,
            sex: p.sex,
            villageCode: p.villageCode,
          }
        : null;
      const row = item.row;
      const outcome: { result: MatchResult; differences: Difference[] } = row
        ? matchPerson(row, dtks, searchForm)
        : { result: 'not_in_dukcapil', differences: [] };
      const detail: MatchDetail = {
        dukcapil: row
          ? {
              nik: row.nik,
              kkNumber: row.kkNumber,
              name: row.name,
              birthDate: row.birthDate,
              sex: row.sex,
              villageCode: row.villageCode,
              status: row.status,
            }
          : null,
        dtks,
        differences: outcome.differences,
      };
      const villageCode = p?.villageCode ?? row?.villageCode;
      if (!villageCode) continue; // unreachable: a NIK asked by NIK comes from DTKS (the regency's person)
      out.push({
        id: newId(),
        importId: imp.id,
        provinceCode: imp.provinceCode,
        // Where the work is: the DTKS village when DTKS has the person, else the village Dukcapil names.
        villageCode,
        line: item.line,
        nik: item.nik,
        personId: p?.personId ?? null,
        householdId: p?.householdId ?? null,
        result: outcome.result,
        detail: JSON.stringify(detail),
        resolution: null,
        note: null,
        resolvedBy: null,
        resolvedAt: null,
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- reads

  async listImports(actor: Actor): Promise<ImportSummary[]> {
    requirePermission(actor, 'registry.read');
    const rows = await this.#repo.listImports(this.#db, actor.regionCode, 100);
    const open = await this.#repo.openCounts(
      this.#db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => summaryOf(r, open.get(r.id) ?? 0));
  }

  async getImport(actor: Actor, id: string): Promise<ImportSummary> {
    requirePermission(actor, 'registry.read');
    const imp = await this.#visibleImport(actor, id);
    const open = await this.#repo.openCounts(this.#db, [imp.id]);
    return summaryOf(imp, open.get(imp.id) ?? 0);
  }

  async rejectedLines(actor: Actor, id: string, cursor: string | undefined, limit: number) {
    requirePermission(actor, 'registry.read');
    const imp = await this.#visibleImport(actor, id);
    const rows = await this.#repo.rejects(this.#db, imp.id, cursorLine(cursor), limit + 1);
    const page = rows.slice(0, limit);
    await recordListRead(this.#audit, actor, page, {
      action: 'dukcapil.rejected_lines',
      entityType: 'dukcapil_import',
      entityId: imp.id,
      regionCode: imp.regencyCode,
      details: { lines: page.map((r) => r.line) },
    });
    return {
      items: page.map((r) => ({ line: r.line, nik: r.nik, issues: JSON.parse(r.issues) as FieldIssue[] })),
      nextCursor: rows.length > limit ? String(page.at(-1)!.line) : null,
    };
  }

  /** The worklist: findings of an import, open ones by default, in file order. */
  async matches(
    actor: Actor,
    id: string,
    q: { result?: string; resolution: string; cursor?: string; limit: number },
  ): Promise<{ items: MatchRecord[]; nextCursor: string | null }> {
    requirePermission(actor, 'registry.read');
    const imp = await this.#visibleImport(actor, id);
    if (imp.status !== 'complete') throw incomplete(imp);
    const rows = await this.#repo.matches(this.#db, {
      importId: imp.id,
      result: q.result,
      resolution: q.resolution,
      afterLine: cursorLine(q.cursor),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    await recordListRead(this.#audit, actor, page, {
      action: 'dukcapil.matches',
      entityType: 'dukcapil_import',
      entityId: imp.id,
      regionCode: imp.regencyCode,
      details: { result: q.result ?? null, resolution: q.resolution, lines: page.map((r) => r.line) },
    });
    return {
      items: page.map(matchRecord),
      nextCursor: rows.length > q.limit ? String(page.at(-1)!.line) : null,
    };
  }

  // ---------------------------------------------------------------- resolution

  /**
   * Resolves one finding, once. accept_dukcapil corrects the person's name, birth date and sex from
   * Dukcapil; mark_deceased removes the person (the household when they were its last member) with reason
   * `deceased`; propose_removal changes nothing but tells the village to propose the removal; keep_dtks
   * records the decision.
   */
  async resolve(actor: Actor, matchId: string, action: Resolution, note?: string): Promise<MatchRecord> {
    requirePermission(actor, 'registry.import');
    if (!isRecordId(matchId)) throw notFound(MATCH);
    const m0 = await this.#repo.findMatch(this.#db, matchId);
    if (!m0) throw notFound(MATCH);
    const imp = await this.#visibleImport(actor, m0.importId, MATCH);
    const allowed = resolutionsFor(m0.result);
    if (m0.resolution !== null) throw alreadyResolved(m0);
    if (!allowed.includes(action)) {
      throw new AppError(
        'state',
        'dukcapil.action_not_allowed',
        { action, result: m0.result, allowed: allowed.join(', ') || label('none') },
        { extra: { currentState: m0.result, allowed } },
      );
    }
    await this.#regions.lookup(); // before the transaction: SQLite has one connection
    const detail = JSON.parse(m0.detail) as MatchDetail;
    const reason = `Dukcapil ${imp.fileName}, baris ${m0.line}`;
    const now = this.#config.now().toISOString();
    const updated = await this.#db.transaction().execute(async (trx) => {
      if (action === 'accept_dukcapil' || action === 'mark_deceased') {
        const h = await this.#households.get(actor, m0.householdId!, { trx });
        const person = h.members.find((p) => p.id === m0.personId && p.status === 'active');
        if (h.status !== 'active' || !person) throw recordChanged(m0);
        if (action === 'accept_dukcapil') {
          const patch: Record<string, string> = {};
          const from = detail.dukcapil!; // accept_dukcapil applies only to findings with a Dukcapil record
          if (person.name !== from.name) patch.name = from.name;
          if (person.birthDate !== from.birthDate) patch.birthDate = from.birthDate;
          if (person.sex !== from.sex) patch.sex = from.sex;
          if (Object.keys(patch).length) {
            await this.#households.updateMember(
              actor,
              h.id,
              person.id,
              { ...patch, version: h.version, reason, confirmWarnings: true },
              { trx },
            );
          }
        } else if (h.members.filter((p) => p.status === 'active').length === 1) {
          await this.#households.remove(
            actor,
            h.id,
            { version: h.version, reasonCode: 'deceased', note: note ?? reason },
            { trx },
          );
        } else {
          await this.#households.removeMember(
            actor,
            h.id,
            person.id,
            { version: h.version, reasonCode: 'deceased', note: note ?? reason },
            { trx },
          );
        }
      }
      if (action === 'propose_removal' && m0.villageCode) {
        await this.#notifications.notify(trx, {
          regionCode: m0.villageCode,
          kind: 'dukcapil.propose_removal',
          message: message('notice.dukcapil_propose_removal', {
            nik: m0.nik,
            name: detail.dtks?.name ?? detail.dukcapil?.name ?? m0.nik,
            differences: describeDifferences(detail.differences),
            note: note ? `. ${note}` : '',
          }),
          link: m0.householdId ? `/households/${m0.householdId}` : undefined,
        });
      }
      const patch = { resolution: action, note: note ?? null, resolvedBy: actor.userId, resolvedAt: now };
      if (!(await this.#repo.resolve(trx, m0.id, patch))) {
        throw alreadyResolved((await this.#repo.findMatch(trx, m0.id))!);
      }
      await this.#audit.record(trx, actor, {
        action: 'dukcapil.resolve',
        entityType: 'dukcapil_match',
        entityId: m0.id,
        regionCode: m0.villageCode ?? imp.regencyCode,
        details: {
          importId: imp.id,
          line: m0.line,
          nik: m0.nik,
          result: m0.result,
          resolution: action,
          householdId: m0.householdId,
          note: note ?? null,
        },
      });
      return { ...m0, ...patch };
    });
    return matchRecord(updated);
  }

  // ---------------------------------------------------------------- internals

  /** The regency an import is for: a regency (level 2) inside the actor's territory. */
  async #regency(actor: Actor, input: string | undefined): Promise<string> {
    const code = this.#regions.normalize(input ?? actor.regionCode, 'region');
    if (regionLevel(code) !== 2) {
      throw validationError([issue('region', 'dukcapil.region_not_regency', { code })]);
    }
    const what = label('record.regency_code', { code });
    if (!(await this.#regions.find(code))) throw notFound(what);
    assertWithin(actor, code, what);
    return code;
  }

  async #visibleImport(actor: Actor, id: string, what: Text = IMPORT): Promise<DukcapilImportRow> {
    if (!isRecordId(id)) throw notFound(what);
    const imp = await this.#repo.findImport(this.#db, id);
    if (!imp || !isWithin(actor, imp.regencyCode)) throw notFound(what);
    return imp;
  }
}

function duplicate(row: Pending, firstLine: number): RejectedRow {
  return {
    line: row.line,
    nik: row.nik,
    issues: [issue('nik', 'dukcapil.duplicate_nik', { firstLine })],
  };
}

function rejectRow(imp: DukcapilImportRow, r: RejectedRow): DukcapilRejectTable {
  return {
    importId: imp.id,
    line: r.line,
    provinceCode: imp.provinceCode,
    nik: r.nik?.slice(0, 32) ?? null,
    issues: JSON.stringify(r.issues),
  };
}

function summaryOf(r: DukcapilImportRow, open: number): ImportSummary {
  return {
    id: r.id,
    regencyCode: r.regencyCode,
    fileName: r.fileName,
    status: r.status,
    rows: r.rows,
    rejected: r.rejected,
    counts: {
      ...(Object.fromEntries(MATCH_RESULT_CODES.map((c) => [c, 0])) as Record<MatchResult, number>),
      ...(JSON.parse(r.counts) as Record<MatchResult, number>),
    },
    open,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

function matchRecord(m: DukcapilMatchRow): MatchRecord {
  const d = JSON.parse(m.detail) as MatchDetail;
  return {
    id: m.id,
    importId: m.importId,
    line: m.line,
    nik: m.nik,
    result: m.result,
    regionCode: m.villageCode,
    personId: m.personId,
    householdId: m.householdId,
    dukcapil: d.dukcapil,
    dtks: d.dtks,
    differences: d.differences,
    summary: describeDifferences(d.differences),
    resolution: m.resolution,
    note: m.note,
    resolvedBy: m.resolvedBy,
    resolvedAt: m.resolvedAt,
    allowedActions: m.resolution === null ? [...resolutionsFor(m.result)] : [],
  };
}

function cursorLine(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d{1,9}$/.test(cursor)) {
    throw validationError([issue('cursor', 'list.invalid_cursor')]);
  }
  return Number(cursor);
}

function alreadyResolved(m: DukcapilMatchRow): AppError {
  return new AppError(
    'state',
    'dukcapil.already_resolved',
    { resolution: m.resolution ?? '' },
    { extra: { currentState: m.resolution, allowed: [] } },
  );
}

function recordChanged(m: DukcapilMatchRow): AppError {
  return new AppError(
    'state',
    'dukcapil.record_changed',
    { nik: m.nik },
    { extra: { currentState: m.result, allowed: ['keep_dtks'] } },
  );
}

function incomplete(imp: DukcapilImportRow): AppError {
  return new AppError('state', 'dukcapil.import_incomplete', undefined, {
    extra: { currentState: imp.status, allowed: [] },
  });
}
