/**
 * Matching other aid and subsidy sources (pemadanan sumber bansos dan subsidi, seed 004). A Dinas Sosial or
 * Pusdatin imports another programme's beneficiary list (NIK and/or KK number per line, named by its source)
 * for its territory; the file is streamed through the one CSV reader, each well-formed line is matched in
 * batches by KK number, then by the NIK of any active member, and stored with what it found; malformed lines
 * are stored with their line and reasons. The worklists: households named by several lists (overlaps) and
 * lines DTKS does not know, each limited to the reader's territory — a regency sees its part of a national
 * list, a province its regencies', Pusdatin everything.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { AidSourceEntryTable, AidSourceRow, DB } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
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
import {
  type AidSourceLine,
  ENTRY_RESULT_CODES,
  type EntryResult,
  type FoundHousehold,
  lineKey,
  matchLine,
  readAidSourceHeader,
  readAidSourceLine,
} from '../../domain/targeting/aid-source-file.ts';
import { type ByteSource, readCsvRecords, salvageFields } from '../../lib/csv-records.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, assertWithin, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import { recordListRead } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { type AidSourcesRepository, KPM_PREFIX, type OverlapFilter } from './aid-sources.repository.ts';

const SOURCE: Text = label('record.aid_source');
/** Lines looked up (and stored) per batch. */
export const MATCH_BATCH = 1000;
/** Lists shown at once (newest first). */
const LIST_LIMIT = 200;

export interface RejectedLine {
  line: number;
  issues: FieldIssue[];
}

export interface SourceSummary {
  id: string;
  name: string;
  regionCode: string;
  fileName: string;
  status: string;
  /** Lines of the file (all of them, for the importer's territory). */
  rows: number;
  rejected: number;
  /** Lines per result, counting only those within the reader's territory. */
  counts: Record<EntryResult, number>;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportOptions {
  name: string;
  /** The territory the list is for (any level, dotted or not; '' national); default the actor's own. */
  region?: string;
  fileName: string;
  onRejected?: (r: RejectedLine) => void;
  /** After each batch is stored: the lines read so far (a job's progress; it may throw to stop). */
  onProgress?: (lines: number) => Promise<void>;
  batchSize?: number;
}

export interface EntryView {
  line: number;
  nik: string | null;
  kkNumber: string | null;
  result: string;
  householdId: string | null;
  regionCode: string;
  issues: FieldIssue[];
}

export interface OverlapItem {
  householdId: string;
  kkNumber: string;
  headName: string;
  villageCode: string;
  sources: { id: string; name: string }[];
}

export interface OverlapQuery {
  source?: string;
  region?: string;
  minSources: number;
  cursor?: string;
  limit: number;
}

interface AidSourcesDeps {
  db: Kysely<DB>;
  repo: AidSourcesRepository;
  regions: RegionsService;
  audit: AuditService;
  config: Config;
}

export class AidSourcesService {
  readonly #deps: AidSourcesDeps;

  constructor(deps: AidSourcesDeps) {
    this.#deps = deps;
  }

  // ---------------------------------------------------------------- import and match

  async importList(actor: Actor, source: ByteSource, opts: ImportOptions): Promise<SourceSummary> {
    requirePermission(actor, 'aid_source.import');
    const { db, repo, regions, audit, config } = this.#deps;
    const name = opts.name.trim();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (!name || name.length > 120 || /[\u0000-\u001f\u007f]/.test(name)) {
      throw validationError([issue('name', 'aid_source.invalid_name')]);
    }
    const territory = await this.#territory(actor, opts.region);
    const lookup = await regions.lookup();
    const ctx = { today: config.now(), isKnownRegion: (c: string) => lookup(c) !== undefined, territory };
    const batchSize = opts.batchSize ?? MATCH_BATCH;

    const records = readCsvRecords(source);
    const first = await records.next();
    if (first.done) throw fileError(coded('aid_source.empty'));
    if (first.value.fields === null) {
      throw fileError(coded('aid_source.header_unreadable', { reason: first.value.error.message }));
    }
    const header = readAidSourceHeader(first.value.fields);
    if (!header.ok) throw fileError(coded('aid_source.no_identifier_column'));

    const row: AidSourceRow = {
      id: newId(),
      name,
      regionCode: territory,
      fileName: opts.fileName,
      status: 'running',
      rows: 0,
      rejected: 0,
      counts: '{}',
      createdAt: config.now().toISOString(),
      createdBy: actor.userId,
      finishedAt: null,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertSource(trx, row);
      await audit.record(trx, actor, {
        action: 'aid_source.import_start',
        entityType: 'aid_source',
        entityId: row.id,
        regionCode: territory || null,
        details: { name, fileName: opts.fileName },
      });
    });

    const counts = Object.fromEntries(ENTRY_RESULT_CODES.map((r) => [r, 0])) as Record<EntryResult, number>;
    // The first line of each NIK (or KK number without NIK): a repeat is refused, naming it.
    const seen = new Map<string, number>();
    let rows = 0;
    let pending: AidSourceLine[] = [];
    let rejects: AidSourceEntryTable[] = [];
    const reject = (line: number, issues: FieldIssue[], nik: string | null, kk: string | null) => {
      rejects.push({
        sourceId: row.id,
        line,
        nik: nik?.slice(0, 32) ?? null,
        kkNumber: kk?.slice(0, 32) ?? null,
        result: 'rejected',
        householdId: null,
        regionCode: territory,
        issues: JSON.stringify(issues),
      });
      counts.rejected++;
      opts.onRejected?.({ line, issues });
    };
    const flush = async () => {
      const batch = pending;
      const rejected = rejects;
      pending = [];
      rejects = [];
      const matched = await this.#matchBatch(row.id, territory, batch);
      for (const m of matched) counts[m.result as EntryResult]++;
      await db.transaction().execute(async (trx) => {
        await repo.insertEntries(trx, [...matched, ...rejected]);
      });
      await opts.onProgress?.(rows);
    };

    const cell = (fields: string[], i: number | undefined) =>
      i === undefined ? null : fields[i]?.trim() || null;
    try {
      for await (const rec of records) {
        rows++;
        if (rec.fields === null) {
          const fields = salvageFields(rec.raw);
          reject(
            rec.line,
            [issueFrom('(line)', rec.error)],
            cell(fields, header.index.nik),
            cell(fields, header.index.kk_number),
          );
        } else {
          const read = readAidSourceLine(rec.line, rec.fields, header.index, ctx);
          if (!read.ok) {
            reject(
              rec.line,
              read.issues,
              cell(rec.fields, header.index.nik),
              cell(rec.fields, header.index.kk_number),
            );
          } else {
            const key = lineKey(read.row);
            const firstLine = seen.get(key);
            if (firstLine !== undefined) {
              reject(
                rec.line,
                [issue(read.row.nik ? 'nik' : 'kk_number', 'aid_source.duplicate_line', { firstLine })],
                read.row.nik,
                read.row.kkNumber,
              );
            } else {
              seen.set(key, rec.line);
              pending.push(read.row);
            }
          }
        }
        if (pending.length >= batchSize || rejects.length >= batchSize) await flush();
      }
      await flush();
    } catch (err) {
      await repo.updateSource(db, row.id, {
        status: 'failed',
        rows,
        rejected: counts.rejected,
        counts: JSON.stringify(counts),
        finishedAt: config.now().toISOString(),
      });
      throw err;
    }
    const finished: Partial<AidSourceRow> = {
      status: 'complete',
      rows,
      rejected: counts.rejected,
      counts: JSON.stringify(counts),
      finishedAt: config.now().toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      await repo.updateSource(trx, row.id, finished);
      await audit.record(trx, actor, {
        action: 'aid_source.import',
        entityType: 'aid_source',
        entityId: row.id,
        regionCode: territory || null,
        details: { name, fileName: opts.fileName, rows, counts },
      });
    });
    return summaryOf({ ...row, ...finished } as AidSourceRow, counts);
  }

  /** One batch: the KK numbers and NIKs looked up in two queries, within the list's territory. */
  async #matchBatch(
    sourceId: string,
    territory: string,
    batch: AidSourceLine[],
  ): Promise<AidSourceEntryTable[]> {
    if (!batch.length) return [];
    const { db, repo } = this.#deps;
    const kks = [...new Set(batch.flatMap((r) => (r.kkNumber ? [r.kkNumber] : [])))];
    const niks = [...new Set(batch.flatMap((r) => (r.nik ? [r.nik] : [])))];
    const byKk = new Map<string, FoundHousehold>();
    for (const h of await repo.householdsByKk(db, kks, territory)) {
      if (!byKk.has(h.kkNumber))
        byKk.set(h.kkNumber, { householdId: h.householdId, villageCode: h.villageCode });
    }
    const byNik = new Map<string, FoundHousehold>(
      (await repo.householdsByNik(db, niks, territory)).map((p) => [
        p.nik,
        { householdId: p.householdId, villageCode: p.villageCode },
      ]),
    );
    return batch.map((r) => {
      const m = matchLine(r, byKk, byNik);
      return {
        sourceId,
        line: r.line,
        nik: r.nik,
        kkNumber: r.kkNumber,
        result: m.result,
        householdId: m.household?.householdId ?? null,
        regionCode: m.household?.villageCode ?? r.regionCode ?? territory,
        issues: null,
      };
    });
  }

  // ---------------------------------------------------------------- reads

  /** Lists the actor may see, newest first, with the counts of their part of each. */
  async list(actor: Actor): Promise<SourceSummary[]> {
    requirePermission(actor, 'targeting.read');
    const { db, repo } = this.#deps;
    const rows = await repo.visibleSources(db, actor.regionCode, LIST_LIMIT);
    const counts = await this.#countsOf(
      rows.map((r) => r.id),
      actor.regionCode,
    );
    return rows.map((r) => summaryOf(r, counts.get(r.id)));
  }

  async get(actor: Actor, id: string): Promise<SourceSummary> {
    requirePermission(actor, 'targeting.read');
    const src = await this.#visible(actor, id);
    return summaryOf(src, (await this.#countsOf([src.id], actor.regionCode)).get(src.id));
  }

  /**
   * The lines of one list within the actor's territory (and `region`), in file order: by default the ones DTKS
   * does not know — the worklist of a Dinas Sosial checking whether they should be registered. Audited: they
   * carry NIKs.
   */
  async entries(
    actor: Actor,
    id: string,
    q: { result?: EntryResult; region?: string; cursor?: string; limit: number },
  ): Promise<{ items: EntryView[]; nextCursor: string | null }> {
    requirePermission(actor, 'targeting.read');
    const { db, repo, audit } = this.#deps;
    const src = await this.#visible(actor, id);
    if (src.status !== 'complete') throw incomplete(src);
    const scope = this.#scope(actor, q.region);
    if (scope === null) return { items: [], nextCursor: null };
    const rows = await repo.entries(db, {
      sourceId: src.id,
      territory: actor.regionCode,
      region: scope,
      result: q.result,
      afterLine: cursorLine(q.cursor),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    await recordListRead(audit, actor, page, {
      action: 'aid_source.entries',
      entityType: 'aid_source',
      entityId: src.id,
      regionCode: scope || actor.regionCode || null,
      details: { result: q.result ?? null, lines: page.map((r) => r.line) },
    });
    return {
      items: page.map((r) => ({
        line: r.line,
        nik: r.nik,
        kkNumber: r.kkNumber,
        result: r.result,
        householdId: r.householdId,
        regionCode: r.regionCode,
        issues: r.issues ? (JSON.parse(r.issues) as FieldIssue[]) : [],
      })),
      nextCursor: rows.length > q.limit ? String(page.at(-1)!.line) : null,
    };
  }

  /**
   * The overlap worklist: DTKS households of the actor's territory named by at least `minSources` (≥ 2) of the
   * lists it may see (with `source`: only households in that list), in household id order, with the lists that
   * name each; and how many households are in 2, 3, … lists. Audited: it names households.
   */
  async overlaps(
    actor: Actor,
    q: OverlapQuery,
  ): Promise<{
    items: OverlapItem[];
    nextCursor: string | null;
    total: number;
    distribution: { sources: number; households: number }[];
  }> {
    requirePermission(actor, 'targeting.read');
    const { db, repo, audit } = this.#deps;
    const visible = (await repo.visibleSources(db, actor.regionCode, LIST_LIMIT)).filter(
      (s) => s.status === 'complete',
    );
    if (q.source !== undefined) await this.#visible(actor, q.source);
    const scope = this.#scope(actor, q.region);
    const empty = { items: [], nextCursor: null, total: 0, distribution: [] };
    if (scope === null) return empty;
    const names = new Map(visible.map((s) => [s.id, s.name]));
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    const recipientsPeriod = await repo.latestRecipientsPeriod(db);
    const filter: OverlapFilter = {
      recipientsPeriod,
      sourceIds: visible.map((s) => s.id),
      territory: actor.regionCode,
      region: scope,
      sourceId: q.source,
      minSources: Math.max(2, q.minSources),
    };
    const groups = await repo.overlapPage(db, { ...filter, afterHouseholdId: after, limit: q.limit + 1 });
    const page = groups.slice(0, q.limit);
    const ids = page.map((g) => g.householdId);
    const households = new Map((await repo.households(db, ids)).map((h) => [h.id, h]));
    const sourcesOf = new Map<string, { id: string; name: string }[]>();
    for (const s of await repo.sourcesOf(db, ids, filter)) {
      const list = sourcesOf.get(s.householdId) ?? [];
      const kpm = s.sourceId.startsWith(KPM_PREFIX) ? s.sourceId.slice(KPM_PREFIX.length) : null;
      list.push({
        id: s.sourceId,
        name: kpm ? `${kpm} (KPM ${recipientsPeriod})` : (names.get(s.sourceId) ?? s.sourceId),
      });
      sourcesOf.set(s.householdId, list);
    }
    const distribution = await repo.overlapDistribution(db, filter);
    const items = page.flatMap((g) => {
      const h = households.get(g.householdId);
      if (!h) return [];
      const sources = (sourcesOf.get(g.householdId) ?? []).sort((a, b) => a.name.localeCompare(b.name));
      return [
        {
          householdId: h.id,
          kkNumber: h.kkNumber,
          headName: h.headName,
          villageCode: h.villageCode,
          sources,
        },
      ];
    });
    await recordListRead(audit, actor, items, {
      action: 'aid_source.overlaps',
      entityType: 'aid_source',
      entityId: q.source ?? null,
      regionCode: scope || actor.regionCode || null,
      details: { minSources: filter.minSources, recipientsPeriod, households: ids },
    });
    return {
      items,
      nextCursor: groups.length > q.limit ? encodeCursor(page.at(-1)!.householdId) : null,
      total: distribution.reduce((a, d) => a + d.households, 0),
      distribution,
    };
  }

  // ---------------------------------------------------------------- internals

  /** The territory a list is for: the actor's own unless a region within it is asked for. */
  async #territory(actor: Actor, input: string | undefined): Promise<string> {
    const { regions } = this.#deps;
    if (input === undefined || input.trim() === '') return actor.regionCode;
    const code = regions.normalize(input, 'region');
    const what = label('record.region_code', { code });
    if (!(await regions.find(code))) throw notFound(what);
    assertWithin(actor, code, what);
    return code;
  }

  /** The region a read narrows to ('' none), or null when it lies outside the actor's territory. */
  #scope(actor: Actor, input: string | undefined): string | null {
    if (input === undefined || input.trim() === '') return '';
    const code = this.#deps.regions.normalize(input, 'region');
    const s = regionScope(actor, code);
    if (s === 'empty') return null;
    return s === null ? '' : s.value;
  }

  async #visible(actor: Actor, id: string): Promise<AidSourceRow> {
    if (!isRecordId(id)) throw notFound(SOURCE);
    const src = await this.#deps.repo.findSource(this.#deps.db, id);
    // Visible when imported within the territory, or when its territory contains the actor's.
    if (!src || !(isWithin(actor, src.regionCode) || isWithinCode(actor.regionCode, src.regionCode))) {
      throw notFound(SOURCE);
    }
    return src;
  }

  async #countsOf(ids: string[], territory: string): Promise<Map<string, Record<EntryResult, number>>> {
    const out = new Map<string, Record<EntryResult, number>>();
    for (const r of await this.#deps.repo.countsWithin(this.#deps.db, ids, territory)) {
      const c = out.get(r.sourceId) ?? emptyCounts();
      if ((ENTRY_RESULT_CODES as readonly string[]).includes(r.result)) c[r.result as EntryResult] = r.n;
      out.set(r.sourceId, c);
    }
    return out;
  }
}

function isWithinCode(code: string, territory: string): boolean {
  return territory === '' || code === territory || code.startsWith(`${territory}.`);
}

function emptyCounts(): Record<EntryResult, number> {
  return Object.fromEntries(ENTRY_RESULT_CODES.map((r) => [r, 0])) as Record<EntryResult, number>;
}

function summaryOf(r: AidSourceRow, counts: Record<EntryResult, number> | undefined): SourceSummary {
  return {
    id: r.id,
    name: r.name,
    regionCode: r.regionCode,
    fileName: r.fileName,
    status: r.status,
    rows: r.rows,
    rejected: r.rejected,
    counts: counts ?? emptyCounts(),
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

function cursorLine(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d{1,9}$/.test(cursor)) throw validationError([issue('cursor', 'list.invalid_cursor')]);
  return Number(cursor);
}

function incomplete(src: AidSourceRow): AppError {
  return new AppError('state', 'aid_source.import_incomplete', undefined, {
    extra: { currentState: src.status, allowed: [] },
  });
}
