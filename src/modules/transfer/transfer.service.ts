/**
 * Household CSV import and export (format in docs/csv-format.md), for the CLI and the API alike.
 *
 * Import streams the file, groups its rows into households, checks each row's shape and hands chunks of
 * households to HouseholdsService.importBatch, which owns every registry rule (NIK/KK, codes, village,
 * territory, conflicts, idempotency, the transaction and the audit). Every rejected line is reported
 * through `onRejected` as soon as its chunk is decided, so memory does not grow with the file.
 *
 * Export pages through the registry by household id (exportPages, the one code path for its rows): streamed
 * at once to the CLI or a GET (audited once, when it ends), or written by a job to a file the owner downloads
 * (transfer.export-job.ts; audited at each download).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import { PROBE_LIMIT, probeLimitIssue } from '../../domain/access/identity.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError, coded, type FieldIssue, fileError, issue } from '../../domain/errors.ts';
import { type ByteSource, type CsvRecord, readCsvRecords } from '../../lib/csv-records.ts';
import { type Actor, regionScope, requirePermission } from '../access/actor.ts';
import type { IdentityGuard } from '../access/identity-guard.ts';
import { exportPageEvent } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { householdFromRows } from '../households/households.mapper.ts';
import type { HouseholdCreate } from '../households/households.schemas.ts';
import type { HouseholdsService, ImportRowResult } from '../households/households.service.ts';
import type { JobsService, JobView } from '../jobs/jobs.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import {
  type CsvHeader,
  columnOfKey,
  csvRowsOf,
  EXPORT_COLUMNS,
  householdFromCsvRows,
  type LineIssue,
  readHeader,
} from './households.csv.ts';
import { type HouseholdGroup, householdGroups } from './households.groups.ts';
import { KkLineIndex } from './kk-index.ts';
import { HOUSEHOLD_EXPORT, HOUSEHOLD_IMPORT } from './transfer.jobs.ts';
import type { TransferRepository } from './transfer.repository.ts';

/**
 * One line of an import file that was not imported: rejected, with everything wrong with it (field = CSV
 * column), or not processed at all because the user reached the identity probe limit before it.
 */
export interface RejectedLine {
  line: number;
  kkNumber: string | null;
  status: 'rejected' | 'not_processed';
  issues: FieldIssue[];
}

export interface ImportSummary {
  /** Data lines read (the header not counted). */
  lines: number;
  households: number;
  created: number;
  unchanged: number;
  /** Households rejected. */
  rejected: number;
  rejectedLines: number;
  /**
   * Households left unchecked because the user reached the identity probe limit (IDENTITY_PROBE_LIMIT)
   * during the import: the import stopped there; re-running the file later adds only what is missing.
   */
  notProcessed: number;
  notProcessedLines: number;
  seconds: number;
}

export interface ImportOptions {
  acceptWarnings: boolean;
  /** The file's name as the user gave it: recorded in the audit trail, never used as a path. */
  source: string;
  onRejected?: (row: RejectedLine) => void;
  /** Households per importBatch call (one transaction each). */
  chunkSize?: number;
  /**
   * A job's resume point: the counts after the households already decided by an earlier run of the same
   * file. Those households are read again (grouping needs every line) but neither checked nor written.
   */
  resume?: ImportCounts;
  /**
   * Called once per chunk with the counts so far and the chunk's rejected lines: inside the chunk's own
   * transaction (`trx`) when it wrote, alone (`trx` undefined) when nothing in it reached the database.
   * A throw rolls the chunk back and ends the import.
   */
  onChunk?: (counts: ImportCounts, rows: RejectedLine[], trx?: Kysely<DB>) => Promise<void>;
}

/** The running totals of an import, without its duration. */
export type ImportCounts = Omit<ImportSummary, 'seconds'>;

export interface ExportQuery {
  region?: string;
  status: 'active' | 'removed' | 'all';
}

/** An export's checked scope (TransferService.exportPlan). */
export interface ExportPlan {
  /** Who exports: each page's households are audited as read by them (audit_subjects). */
  actor: Actor;
  scope: ReturnType<typeof regionScope>;
  status: ExportQuery['status'];
  /** The region exported, after the actor's territory narrowed the request; null: everywhere. */
  region: string | null;
  /** A safe download name, derived from the region code. */
  filename: string;
}

/** One keyset page of an export: its CSV rows (read once, as they are built) and where the next page starts. */
export interface ExportPage {
  rows: Iterable<string[]>;
  lastId: string;
  households: number;
  persons: number;
}

export interface ExportResult {
  /** A safe download name, derived from the region code. */
  filename: string;
  /** UTF-8 CSV, header row first. */
  csv: Readable;
  /** Running totals; final once `csv` has ended. */
  counts: { households: number; persons: number };
}

const EXPORT_PAGE = 1000;

export class TransferService {
  readonly #db: Kysely<DB>;
  readonly #repo: TransferRepository;
  readonly #households: HouseholdsService;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;
  readonly #identity: IdentityGuard;
  readonly #jobs: JobsService;

  constructor(
    db: Kysely<DB>,
    repo: TransferRepository,
    households: HouseholdsService,
    regions: RegionsService,
    audit: AuditService,
    identity: IdentityGuard,
    jobs: JobsService,
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#households = households;
    this.#regions = regions;
    this.#audit = audit;
    this.#identity = identity;
    this.#jobs = jobs;
  }

  // ---------------------------------------------------------------- import

  /**
   * Starts an import as a job (household.import): the same checks as a direct import refuse a user without
   * the permission or at the identity probe limit, an empty file or a bad header, before anything is
   * queued; the file is stored with the job, which any worker then runs (transfer.jobs.ts).
   */
  async startImport(
    actor: Actor,
    source: ByteSource,
    params: { acceptWarnings: boolean; source: string },
  ): Promise<JobView> {
    requirePermission(actor, 'registry.import');
    await this.#identity.allowance(actor, 'household.import');
    const chunks: Uint8Array[] = [];
    for await (const chunk of source) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const content = Buffer.concat(chunks);
    const records = readCsvRecords([content]);
    try {
      await headerOf(records);
    } finally {
      await records.return(undefined);
    }
    return this.#jobs.enqueue(actor, HOUSEHOLD_IMPORT, params, { name: params.source, content });
  }

  /**
   * A user at the identity probe limit gets 429 before the file is read. A user who reaches it during the
   * import gets every household from there on reported as not processed (`not_processed`), unchecked.
   */
  async importHouseholdsCsv(actor: Actor, source: ByteSource, opts: ImportOptions): Promise<ImportSummary> {
    requirePermission(actor, 'registry.import');
    await this.#identity.allowance(actor, 'household.import');
    const started = performance.now();
    const summary: ImportSummary = {
      lines: 0,
      households: 0,
      created: 0,
      unchanged: 0,
      rejected: 0,
      rejectedLines: 0,
      notProcessed: 0,
      notProcessedLines: 0,
      ...opts.resume,
      seconds: 0,
    };
    const records = readCsvRecords(source);
    try {
      const header = await headerOf(records);
      await this.#importRecords(actor, records, header, opts, summary);
    } finally {
      await records.return(undefined); // on an early exit, stop reading the source (closes a file stream)
    }
    summary.seconds = Math.round(performance.now() - started) / 1000;
    return summary;
  }

  async #importRecords(
    actor: Actor,
    records: AsyncIterable<CsvRecord>,
    header: CsvHeader,
    opts: ImportOptions,
    summary: ImportSummary,
  ): Promise<void> {
    const chunkSize = opts.chunkSize ?? 500;
    let ready: { group: HouseholdGroup; input: HouseholdCreate }[] = [];
    /** Households decided before the chunk's database work (shape errors, probe limit), with their lines. */
    let early: { group: HouseholdGroup; outcome: 'rejected' | 'not_processed'; issues: LineIssue[] }[] = [];
    let decided = 0;
    /** Set once the user reaches the probe limit: nothing after that is checked. */
    let stopped = false;
    const flush = async () => {
      const batch = ready;
      const before = early;
      ready = [];
      early = [];
      decided = 0;
      // The chunk's totals and lines are settled from importBatch's results before it commits, so a job
      // records them in the same transaction (onChunk) as the households they count.
      const settle = (results: ImportRowResult[]) => {
        const next = { ...summary };
        const reported: RejectedLine[] = [];
        for (const e of before) {
          if (e.outcome === 'rejected') {
            next.rejected++;
            reported.push(...rejectedLines(e.group, e.issues));
          } else {
            next.notProcessed++;
            reported.push(...notProcessedLines(e.group));
          }
        }
        let stops = false;
        for (const [n, { group }] of batch.entries()) {
          const r = results[n];
          if (!r || r.status === 'not_processed') {
            stops = true;
            next.notProcessed++;
            reported.push(...notProcessedLines(group));
          } else if (r.status === 'created') next.created++;
          else if (r.status === 'unchanged') next.unchanged++;
          else {
            next.rejected++;
            reported.push(
              ...rejectedLines(
                group,
                r.issues.map((i) => lineOfIssue(group, i)),
              ),
            );
          }
        }
        reported.sort((a, b) => a.line - b.line);
        for (const row of reported) {
          if (row.status === 'rejected') next.rejectedLines++;
          else next.notProcessedLines++;
        }
        return { next, reported, stops };
      };
      let settled: ReturnType<typeof settle> | null = null;
      if (batch.length && !stopped) {
        await this.#importChunk(actor, batch, opts, async (results, trx) => {
          settled = settle(results);
          await opts.onChunk?.(countsOf(settled.next), settled.reported, trx);
        });
      }
      if (!settled) {
        settled = settle([]);
        if (before.length || batch.length) await opts.onChunk?.(countsOf(settled.next), settled.reported);
      }
      const { next, reported, stops } = settled as ReturnType<typeof settle>;
      if (stops) stopped = true;
      Object.assign(summary, next);
      for (const row of reported) opts.onRejected?.(row);
    };

    let skip = opts.resume?.households ?? 0;
    for await (const group of householdGroups(records, header, new KkLineIndex())) {
      if (skip > 0) {
        skip--;
        continue;
      }
      summary.households++;
      summary.lines += group.lines.length;
      if (stopped) early.push({ group, outcome: 'not_processed', issues: [] });
      else {
        const shaped = group.rows.length ? householdFromCsvRows(group.rows, header) : null;
        if (shaped?.input && group.issues.length === 0) ready.push({ group, input: shaped.input });
        else
          early.push({
            group,
            outcome: 'rejected',
            issues: [...group.issues, ...(shaped?.issues ?? [])],
          });
      }
      if (++decided >= chunkSize) await flush();
    }
    await flush();
  }

  /**
   * One chunk through importBatch; `beforeCommit` runs inside its transaction with the results. At the
   * probe limit (429 before the chunk is checked) nothing is written and `beforeCommit` is not called.
   */
  async #importChunk(
    actor: Actor,
    batch: { group: HouseholdGroup; input: HouseholdCreate }[],
    opts: ImportOptions,
    beforeCommit: (results: ImportRowResult[], trx: Kysely<DB>) => Promise<void>,
  ): Promise<void> {
    try {
      await this.#households.importBatch(
        actor,
        batch.map((b) => ({ ref: String(b.group.firstLine), input: b.input })),
        {
          acceptWarnings: opts.acceptWarnings,
          action: 'household.import',
          reason: `Import ${opts.source}`,
          source: opts.source,
          beforeCommit,
        },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === PROBE_LIMIT) return;
      throw err;
    }
  }

  // ---------------------------------------------------------------- export

  /**
   * What an export of `query` covers for `actor`: checks the permission and the region code now (so an HTTP
   * caller gets a proper error before anything starts) and narrows the region to the actor's territory. A
   * region outside the territory gives an export with only the header row, exactly like an empty region.
   */
  exportPlan(actor: Actor, query: ExportQuery): ExportPlan {
    requirePermission(actor, 'registry.export');
    const requested = query.region ? this.#regions.normalize(query.region, 'region') : null;
    const scope = regionScope(actor, requested);
    // The region actually exported (the actor's territory narrows a wider request), for the name and the audit.
    const region = scope === 'empty' ? requested : (scope?.value ?? null);
    return {
      actor,
      scope,
      status: query.status,
      region,
      filename: safeFileName(`dtks-households-${region ?? 'nasional'}-${query.status}.csv`, 'export.csv'),
    };
  }

  /** Households the export writes: the total of a progress bar. */
  exportTotal(plan: ExportPlan): Promise<number> {
    if (plan.scope === 'empty') return Promise.resolve(0);
    return this.#repo.householdCount(this.#db, { scope: plan.scope, status: plan.status });
  }

  /**
   * The export's CSV rows (header excluded), one keyset page of households at a time, starting after the
   * household `afterId` (null: from the start). The one code path for the rows of every export: the
   * direct stream (CLI, GET) and the job (a file to download later). Never holds more than one page.
   */
  async *exportPages(
    plan: ExportPlan,
    afterId: string | null,
    pageSize = EXPORT_PAGE,
  ): AsyncGenerator<ExportPage> {
    if (plan.scope === 'empty') return;
    let after = afterId;
    for (;;) {
      const page = await this.#repo.householdPage(this.#db, {
        scope: plan.scope,
        status: plan.status,
        afterId: after,
        limit: pageSize,
      });
      if (page.length === 0) return;
      const ids = page.map((h) => h.id);
      // The page's households are audited as read before any of its rows leaves (audit_subjects: the
      // citizen's "who read my data"), one entry per page, never the whole export's list at once.
      await this.#audit.recordRead(plan.actor, exportPageEvent('household.export_page', plan.region, ids));
      const members = await this.#repo.members(this.#db, ids, plan.status === 'active');
      // Rows are built as they are read: a page's cells never all live at once (they would outlive the
      // young generation and cost full garbage collections).
      function* rows(): Generator<string[]> {
        let m = 0;
        for (const h of page) {
          const start = m;
          while (m < members.length && members[m]!.householdId === h.id) m++;
          yield* csvRowsOf(householdFromRows(h, members.slice(start, m)));
        }
      }
      after = page.at(-1)!.id;
      yield { rows: rows(), lastId: after, households: page.length, persons: members.length };
      if (page.length < pageSize) return;
    }
  }

  /**
   * Starts an export as a job (household.export): permission and region are checked before it is queued;
   * the job writes the file under the data directory for its owner to download (transfer.export-job.ts).
   */
  startExport(actor: Actor, query: ExportQuery): Promise<JobView> {
    const plan = this.exportPlan(actor, query);
    const region = query.region ? this.#regions.normalize(query.region, 'region') : undefined;
    return this.#jobs.enqueue(actor, HOUSEHOLD_EXPORT, {
      status: plan.status,
      ...(region ? { region } : {}),
    });
  }

  /** The export streamed at once (CLI, GET): audited once, when it ends or its reader stops. */
  async exportHouseholdsCsv(
    actor: Actor,
    query: ExportQuery,
    opts: { onPage?: (counts: { households: number; persons: number }) => void } = {},
  ): Promise<ExportResult> {
    const plan = this.exportPlan(actor, query);
    const counts = { households: 0, persons: 0 };
    const rows = this.#exportRows(actor, plan, counts, opts.onPage);
    const csv = stringify();
    pipeline(Readable.from(rows), csv).catch(() => {
      // pipeline has already destroyed `csv` with the error; its reader sees it there
    });
    return { filename: plan.filename, csv, counts };
  }

  async *#exportRows(
    actor: Actor,
    plan: ExportPlan,
    counts: { households: number; persons: number },
    onPage?: (counts: { households: number; persons: number }) => void,
  ): AsyncGenerator<string[]> {
    let complete = false;
    try {
      yield [...EXPORT_COLUMNS];
      for await (const page of this.exportPages(plan, null)) {
        counts.households += page.households;
        counts.persons += page.persons;
        yield* page.rows;
        onPage?.(counts);
      }
      complete = true;
    } finally {
      // Once per export, also when the reader stopped early: personal data left the system.
      await this.#audit.recordRead(actor, {
        action: 'household.export',
        entityType: 'household',
        regionCode: plan.region,
        details: {
          status: plan.status,
          households: counts.households,
          persons: counts.persons,
          complete,
        },
      });
    }
  }
}

function countsOf(s: ImportSummary): ImportCounts {
  const { seconds: _, ...counts } = s;
  return counts;
}

/** Reads and checks the header row (the first non-blank record). */
async function headerOf(records: AsyncIterator<CsvRecord>): Promise<CsvHeader> {
  const first = await records.next();
  if (first.done) throw fileError(coded('csv.empty'));
  if (first.value.fields === null) {
    throw fileError(
      coded('csv.header_unreadable', { line: first.value.line, message: first.value.error.message }),
    );
  }
  return readHeader(first.value.fields);
}

/** Where an importBatch issue (`members.2.nik`, `regionCode`, `members`) sits in the file. */
function lineOfIssue(group: HouseholdGroup, i: FieldIssue): LineIssue {
  const m = /^members\.(\d+)\.(.+)$/.exec(i.field);
  const row = m ? group.rows[Number(m[1])] : undefined;
  if (row) return { line: row.line, issue: { ...i, field: columnOfKey(m![2]!) } };
  const field = i.field === 'members' ? 'relationship' : columnOfKey(i.field);
  return { line: group.firstLine, issue: { ...i, field } };
}

/** Every line of a rejected household: its own issues, or a pointer to the lines that have them. */
function rejectedLines(group: HouseholdGroup, issues: LineIssue[]): RejectedLine[] {
  const byLine = new Map<number, FieldIssue[]>();
  for (const { line, issue } of issues) byLine.set(line, [...(byLine.get(line) ?? []), issue]);
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  const culprits = lines.length > 5 ? `${lines.slice(0, 5).join(', ')} …` : lines.join(', ');
  const kk = group.kk || null;
  return group.lines.map((line) => ({
    line,
    kkNumber: kk,
    status: 'rejected' as const,
    issues: byLine.get(line) ?? [
      issue('kk_number', 'import.household_rejected', {
        kk: kk ? label('import.kk', { kk }) : '',
        lines: culprits,
      }),
    ],
  }));
}

/** Every line of a household left unchecked once the user reached the identity probe limit. */
function notProcessedLines(group: HouseholdGroup): RejectedLine[] {
  return group.lines.map((line) => ({
    line,
    kkNumber: group.kk || null,
    status: 'not_processed' as const,
    issues: [probeLimitIssue('kk_number')],
  }));
}

/**
 * A file name that is only a name: no directories, no control or quote characters, bounded length.
 * Used for download names and for recording an uploaded file's name; never to open or write a file.
 */
export function safeFileName(name: string | undefined | null, fallback: string): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return clean || fallback;
}
