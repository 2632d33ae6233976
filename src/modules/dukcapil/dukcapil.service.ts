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
  readDukcapilHeader,
  readDukcapilRow,
  resolutionsFor,
} from '../../domain/dukcapil/dukcapil.ts';
import {
  AppError,
  coded,
  type FieldIssue,
  fileError,
  issue,
  issueFrom,
  notFound,
  type Text,
  validationError,
} from '../../domain/errors.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import { type ByteSource, readCsvRecords, salvageFields } from '../../lib/csv-records.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, assertWithin, isWithin, requirePermission } from '../access/actor.ts';
import { recordListRead } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { searchForm } from '../households/households.mapper.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { DukcapilRepository } from './dukcapil.repository.ts';

const IMPORT: Text = label('record.dukcapil_import');
const MATCH: Text = label('record.dukcapil_match');

/** NIKs looked up (and rows stored) per batch. */
export const MATCH_BATCH = 1000;

export interface RejectedRow {
  line: number;
  nik: string | null;
  issues: FieldIssue[];
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

export interface ImportOptions {
  /** The regency (dotted or not); default the actor's own. */
  region?: string;
  /** The file's name as the user gave it: recorded, never used as a path. */
  fileName: string;
  onRejected?: (r: RejectedRow) => void;
  batchSize?: number;
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
  dukcapil: Identity & { status: string };
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
  dukcapil: Identity & { status: string };
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

  async importExtract(actor: Actor, source: ByteSource, opts: ImportOptions): Promise<ImportSummary> {
    requirePermission(actor, 'registry.import');
    const regency = await this.#regency(actor, opts.region);
    const lookup = await this.#regions.lookup();
    const today = this.#config.now();
    const ctx = { isKnownVillage: (c: string) => lookup(c)?.level === 4, today };
    const batchSize = opts.batchSize ?? MATCH_BATCH;

    const records = readCsvRecords(source);
    const first = await records.next();
    if (first.done) throw fileError(coded('dukcapil.empty'));
    if (first.value.fields === null) {
      throw fileError(coded('dukcapil.header_unreadable', { reason: first.value.error.message }));
    }
    const header = readDukcapilHeader(first.value.fields);
    if (!header.ok) {
      throw fileError(coded('dukcapil.missing_columns', { columns: header.missing.join(', ') }));
    }

    const now = this.#config.now().toISOString();
    const imp: DukcapilImportRow = {
      id: newId(),
      regencyCode: regency,
      provinceCode: regency.slice(0, 2),
      fileName: opts.fileName,
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
        details: { fileName: opts.fileName },
      });
    });

    const counts = Object.fromEntries(MATCH_RESULT_CODES.map((r) => [r, 0])) as Record<MatchResult, number>;
    let rows = 0;
    let rejectedCount = 0;
    let pending: DukcapilRow[] = [];
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
    };

    try {
      for await (const rec of records) {
        rows++;
        if (rec.fields === null) {
          const nik = salvageFields(rec.raw)[header.index.nik]?.trim() || null;
          reject({ line: rec.line, nik, issues: [issueFrom('(line)', rec.error)] });
        } else {
          const read = readDukcapilRow(rec.line, rec.fields, header.index, ctx);
          if (!read.ok) {
            reject({
              line: rec.line,
              nik: rec.fields[header.index.nik]?.trim() || null,
              issues: read.issues,
            });
          } else if (pendingNiks.has(read.row.nik)) {
            reject(duplicate(read.row, pendingNiks.get(read.row.nik)!));
          } else {
            pending.push(read.row);
            pendingNiks.set(read.row.nik, read.row.line);
          }
        }
        if (pending.length >= batchSize || rejects.length >= batchSize) await flush();
      }
      await flush();
    } catch (err) {
      await this.#repo.updateImport(this.#db, imp.id, {
        status: 'failed',
        rows,
        rejected: rejectedCount,
        counts: JSON.stringify(counts),
        finishedAt: this.#config.now().toISOString(),
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
        details: { fileName: opts.fileName, rows, rejected: rejectedCount, counts },
      });
    });
    const open = rows - rejectedCount - counts.matched;
    return summaryOf({ ...imp, ...finished } as DukcapilImportRow, open);
  }

  /**
   * Matches one batch of well-formed lines: a NIK already stored by an earlier batch of the same file is
   * rejected as a duplicate; the rest are looked up in one query and compared with the DTKS person.
   * A person registered outside the regency counts as not found (territory: absent and hidden look alike).
   */
  async #matchBatch(
    imp: DukcapilImportRow,
    regency: string,
    batch: DukcapilRow[],
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
    for (const row of batch) {
      const firstLine = earlier.get(row.nik);
      if (firstLine !== undefined) {
        reject(duplicate(row, firstLine));
        continue;
      }
      const p = persons.get(row.nik);
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
      const outcome = matchPerson(row, dtks, searchForm);
      const detail: MatchDetail = {
        dukcapil: {
          nik: row.nik,
          kkNumber: row.kkNumber,
          name: row.name,
          birthDate: row.birthDate,
          sex: row.sex,
          villageCode: row.villageCode,
          status: row.status,
        },
        dtks,
        differences: outcome.differences,
      };
      out.push({
        id: newId(),
        importId: imp.id,
        provinceCode: imp.provinceCode,
        // Where the work is: the DTKS village when DTKS has the person, else the village Dukcapil names.
        villageCode: p?.villageCode ?? row.villageCode,
        line: row.line,
        nik: row.nik,
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
          if (person.name !== detail.dukcapil.name) patch.name = detail.dukcapil.name;
          if (person.birthDate !== detail.dukcapil.birthDate) patch.birthDate = detail.dukcapil.birthDate;
          if (person.sex !== detail.dukcapil.sex) patch.sex = detail.dukcapil.sex;
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
            name: detail.dtks?.name ?? detail.dukcapil.name,
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

function duplicate(row: DukcapilRow, firstLine: number): RejectedRow {
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
