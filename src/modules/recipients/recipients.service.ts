/**
 * Bansos proposals and recipients per period (issue 13, docs/recipients.md). For a determined and ranked
 * period, the regency's Dinas Sosial computes each programme's candidates (every household of the regency
 * evaluated against the programme's current published version), reviews them (declares ineligible ones,
 * through the eligibility module, so later periods keep them out until lifted), and submits; the programme's
 * door approves or returns. Approval copies the candidates into `recipients`, never changed afterwards.
 * Every read of a recipient list is audited; a proposal outside the actor's territory is absent (404).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, RecipientRow, RecipientRunRow } from '../../db/schema/index.ts';
import { isWithinTerritory, levelOfTerritory } from '../../domain/access/roles.ts';
import { label, perLang, type Text } from '../../domain/catalogue.ts';
import { checkPeriod } from '../../domain/cycle/period.ts';
import { AppError, issue, notFound, validationError } from '../../domain/errors.ts';
import { allowedActions } from '../../domain/lifecycle/state-machine.ts';
import type { ProgrammeDocument } from '../../domain/programmes/document.ts';
import { minimumWageForPeriod } from '../../domain/programmes/facts.ts';
import { commonPayment, type Payment, paymentOf } from '../../domain/programmes/payment.ts';
import { type Evaluated, type Outcome, stopReason } from '../../domain/recipients/diff.ts';
import {
  appliesIn,
  type ProposalAction,
  type ProposalState,
  proposalMachine,
  proposalStep,
} from '../../domain/recipients/proposal.ts';
import { readReasons } from '../../domain/recipients/stored-reasons.ts';
import { type TotalLevel, totalsByRegion } from '../../domain/recipients/totals.ts';
import { afterIdOf, pageOf } from '../../lib/cursor.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { poolSize, type WorkerPool } from '../../lib/worker-pool.ts';
import { type Actor, isWithin } from '../access/actor.ts';
import {
  auditedExportPages,
  exportPageEvent,
  findRecord,
  findWithin,
  recordListRead,
  requestedScope,
} from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { JobContext } from '../jobs/jobs.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { WagesService } from '../wages/wages.service.ts';
import {
  checksumLine,
  type EvaluationSettings,
  evaluateOnPool,
  evaluatePacked,
  evaluationPool,
  type PageEntry,
  type RowBatch,
  withSnapshots,
} from './recipients.evaluate.ts';
import { XLSX_MAX_RECIPIENTS, xlsxTooMany } from './recipients.export.ts';
import type { RecipientsRepository, Scope } from './recipients.repository.ts';
import type { DiffQuery, RecipientDiff } from './recipients.schemas.ts';

const PROPOSAL = label('record.recipient_proposal');
const HOUSEHOLD = label('record.household');
/** Households read and evaluated per page. */
const PAGE = 500;
/**
 * Candidate rows (of every programme of a pass) written per transaction with its checkpoint: pages are
 * gathered until this many rows wait, so a commit's fixed cost (the WAL sync, the touched index pages) is
 * paid every ~8 pages of four programmes rather than every page of each.
 */
const COMMIT_ROWS = 16_000;
/** Approved recipients read per page of an export. */
const EXPORT_PAGE = 5000;
const OPEN: readonly ProposalState[] = ['computed', 'returned'];
/** Computations of fewer households evaluate on the job's thread (a tiny regency needs no threads). */
const PARALLEL_MIN = 1000;
/** Evaluation threads end after this long without a computation. */
const IDLE_MS = 30_000;
/** A computation whose pages stopped coming this long ago (a killed process) may be started again. */
const STALE_MS = 10 * 60_000;

/**
 * What recipients need of the programmes module: current published documents, marking one used, and the
 * document of a version computed with (to render the reasons stored as codes).
 */
export interface ProgrammeSource {
  current(code: string): Promise<ProgrammeDocument | null>;
  currentAll(): Promise<ProgrammeDocument[]>;
  markUsed(code: string, version: string): Promise<void>;
  version(code: string, version: string): Promise<ProgrammeDocument | null>;
}

export type RunContext = Pick<JobContext<unknown>, 'resume' | 'checkpoint'>;

export interface ProposalKey {
  period: string;
  programme: string;
  regency: string;
}

/** A pass over one regency: the programmes named, or (omitted) every current programme applying there. */
export interface PassKey {
  period: string;
  regency: string;
  programmes?: readonly string[];
}

/** A programme a pass did not compute, with the refusal computing it alone would have given. */
export interface SkippedProgramme {
  programme: string;
  code: string;
  text: Text;
}

export interface PassView {
  period: string;
  regency: string;
  proposals: ProposalView[];
  skipped: SkippedProgramme[];
}

/**
 * What a pass's job resumes from: its runs by programme, each run's version as this job started it (a run
 * another computation took over since, idle 10 minutes, has a later one), the last household committed, how
 * many. States saved before versions were recorded have none (the run's id and state then decide).
 */
interface PassResume {
  runs: Record<string, string>;
  versions?: Record<string, number>;
  after: string | null;
  done: number;
}

/** Whether a run is this job's own computation under way (see PassResume). */
type OwnRun = (run: RecipientRunRow) => boolean;

export interface ProposalView {
  id: string;
  period: string;
  programme: string;
  programmeVersion: string;
  door: 'pusdatin' | 'province';
  regencyCode: string;
  state: ProposalState;
  version: number;
  evaluated: number;
  candidates: number;
  excluded: number;
  amount: number;
  /** How the version it was computed with pays (what an amount of 0 means). */
  payment: Payment;
  checksum: string | null;
  note: string | null;
  computedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  /** The steps the asking actor may take now. */
  allowed: ProposalAction[];
}

/** Who may take a step at all (the machine's roles), before any run exists. */
export function assertMayCompute(actor: Actor): void {
  if (!proposalMachine.transitions.compute.roles.includes(actor.role)) {
    throw new AppError('forbidden', 'recipients.role_not_allowed', { role: actor.role, action: 'compute' });
  }
}

export interface RecipientsDeps {
  db: Kysely<DB>;
  repo: RecipientsRepository;
  programmes: ProgrammeSource;
  eligibility: EligibilityService;
  wages: WagesService;
  regions: RegionsService;
  audit: AuditService;
  config: Config;
  /**
   * Evaluation threads (default one per CPU, at most 4; 0: always on the job's thread), the smallest
   * computation that uses them (households still to evaluate; default PARALLEL_MIN), and how many candidate
   * rows (all programmes of a pass together) are written per transaction and checkpoint (default
   * COMMIT_ROWS; whole pages of PAGE households, so at least one page). `source`: the database the threads
   * read the households' version snapshots from on connections of their own (`Database.readerUrl`);
   * without it the job's thread reads them and sends them along.
   */
  evaluation?: { threads?: number; parallelMin?: number; commitRows?: number; source?: string };
}

export class RecipientsService {
  readonly #deps: RecipientsDeps;
  readonly #evaluation: { threads: number; parallelMin: number; commitRows: number; source?: string };
  #evaluators: WorkerPool | null = null;
  /** Programme versions read to render reasons: a version computed with never changes (it is marked used). */
  readonly #versions = new Map<string, Promise<ProgrammeDocument>>();
  #busy = 0;
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(deps: RecipientsDeps) {
    this.#deps = deps;
    this.#evaluation = {
      threads: deps.evaluation?.threads ?? poolSize(),
      parallelMin: deps.evaluation?.parallelMin ?? PARALLEL_MIN,
      commitRows: deps.evaluation?.commitRows ?? COMMIT_ROWS,
      source: deps.evaluation?.source,
    };
  }

  /** Ends the evaluation threads (the container's close). */
  async close(): Promise<void> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    const pool = this.#evaluators;
    this.#evaluators = null;
    await pool?.close();
  }

  /**
   * The evaluation threads, started by the first computation large enough and kept while computations
   * follow each other (a national programme is one job per regency), ended after IDLE_MS without one.
   */
  #pool(): WorkerPool | null {
    if (this.#evaluation.threads < 1) return null;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    if (this.#evaluators?.failed) {
      // A thread died (its computation failed and is retried as a job): later computations get new threads.
      void this.#evaluators.close();
      this.#evaluators = null;
    }
    this.#evaluators ??= evaluationPool(this.#evaluation.threads);
    return this.#evaluators;
  }

  #idle(): void {
    if (--this.#busy > 0 || !this.#evaluators || this.#idleTimer) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#busy === 0) void this.close();
    }, IDLE_MS);
    this.#idleTimer.unref();
  }

  // ---- proposals ---------------------------------------------------------------------------------------

  /** The current programmes that apply in a regency (national ones and its province's own), by code. */
  async programmesFor(regency: string): Promise<ProgrammeDocument[]> {
    const docs = await this.#deps.programmes.currentAll();
    return docs.filter((d) => appliesIn(d, regency)).sort((a, b) => (a.code < b.code ? -1 : 1));
  }

  /** The checks of a computation, before it is queued: the same refusals the job would give. */
  async checkCompute(actor: Actor, key: ProposalKey): Promise<void> {
    await this.#select(actor, single(key), null, true);
  }

  /**
   * The checks of a pass, before it is queued: the same refusals the job would give, and the programmes it
   * would skip (with why). A pass that would compute nothing is refused (`recipients.nothing_to_compute`).
   */
  async checkPass(
    actor: Actor,
    key: PassKey,
  ): Promise<{ programmes: string[]; skipped: SkippedProgramme[] }> {
    const { selected, skipped } = await this.#select(actor, key, null, false);
    if (selected.length === 0) throw nothingToCompute(key, skipped);
    return { programmes: selected.map((s) => s.doc.code), skipped };
  }

  /**
   * Computing again: the machine's step, and not while another computation of the run is under way (its
   * pages keep `updatedAt` fresh); one that stopped without finishing (a killed CLI) may be redone after
   * STALE_MS. A job resuming its own run does not come here.
   */
  #mayComputeAgain(actor: Actor, run: RecipientRunRow, doc: ProgrammeDocument, regency: string): void {
    proposalStep(run.state, 'compute', actor, doc, regency);
    const idle = this.#deps.config.now().getTime() - Date.parse(run.updatedAt);
    if (run.state === 'computing' && idle < STALE_MS) throw stateConflict(run.state, 'compute');
  }

  /**
   * The period, regency and ranking of a pass, and the programmes it computes in code order: those named
   * (an unknown one is refused; one that does not apply in the regency is skipped), or every current
   * programme applying there. A programme whose proposal this actor may not compute again now is skipped with the refusal's
   * code and text; `strict` (a single programme's computation) throws these refusals instead. Runs this
   * pass started (`ours`, from a job's resume state) are taken back whatever their `updatedAt`.
   */
  async #select(actor: Actor, key: PassKey, ours: OwnRun | null, strict: boolean) {
    assertMayCompute(actor);
    const { db, repo, programmes } = this.#deps;
    const { period, regency } = await this.#checkKey(actor, key);
    if ((await repo.periodState(db, period))?.state !== 'determined') {
      throw validationError([issue('period', 'recipients.not_determined', { period })]);
    }
    const ranking = await repo.latestRanking(db, period);
    if (!ranking) throw validationError([issue('period', 'recipients.not_ranked', { period })]);
    const skipped: SkippedProgramme[] = [];
    const skip = (programme: string, e: unknown) => {
      if (strict || !(e instanceof AppError)) throw e;
      skipped.push(skipOf(programme, e));
    };
    const docs: ProgrammeDocument[] = [];
    if (key.programmes) {
      const named = [...new Set(key.programmes)];
      for (const [i, code] of named.entries()) {
        const field = strict ? 'programme' : `programmes.${i}`;
        const doc = await programmes.current(code);
        if (!doc) throw validationError([issue(field, 'recipients.unknown_programme', { programme: code })]);
        if (appliesIn(doc, regency)) docs.push(doc);
        else {
          skip(
            doc.code,
            validationError([issue(field, 'recipients.programme_elsewhere', { programme: doc.code })]),
          );
        }
      }
    } else docs.push(...(await this.programmesFor(regency)));
    docs.sort((a, b) => (a.code < b.code ? -1 : 1));
    const selected: { doc: ProgrammeDocument; run: RecipientRunRow | undefined }[] = [];
    for (const doc of docs) {
      const run = await repo.findRun(db, { period, programmeCode: doc.code, regencyCode: regency });
      try {
        if (run && !ours?.(run)) {
          this.#mayComputeAgain(actor, run, doc, regency);
        }
        selected.push({ doc, run });
      } catch (e) {
        skip(doc.code, e);
      }
    }
    return { period, regency, ranking, selected, skipped };
  }

  /**
   * A run made ready to compute from its first household, in the pass's start transaction `trx`: created,
   * or its candidates deleted and its state moved to `computing` (from the state and version it was read
   * in; when another step came first, it is read again and checked again); throws the refusal when it may
   * no longer be computed — before any write of that run, so the transaction goes on with the pass's other
   * runs.
   */
  async #start(
    trx: Kysely<DB>,
    actor: Actor,
    target: { doc: ProgrammeDocument; run: RecipientRunRow | undefined },
    at: { period: string; regency: string; now: string },
    ours: OwnRun,
  ): Promise<RecipientRunRow> {
    const { repo } = this.#deps;
    const { doc } = target;
    const { period, regency, now } = at;
    let run = target.run;
    if (!run) {
      const id = newId();
      await repo.insertRun(trx, {
        id,
        period,
        programmeCode: doc.code,
        programmeVersion: doc.version,
        door: doc.door,
        provinceCode: regency.slice(0, 2),
        regencyCode: regency,
        state: 'computing',
        version: 1,
        evaluated: 0,
        candidates: 0,
        excluded: 0,
        amount: 0,
        checksum: null,
        note: null,
        computedAt: now,
        computedBy: actor.userId,
        submittedAt: null,
        submittedBy: null,
        decidedAt: null,
        decidedBy: null,
        updatedAt: now,
      });
      return (await repo.findRunById(trx, id))!;
    }
    for (;;) {
      const from: RecipientRunRow = run;
      // The run moved on first, its rows deleted only then: when another step came first nothing is
      // deleted, and a computation committing rows into the run meanwhile (a pass resumed after 10
      // minutes idle) holds the run's row until its commit, whose rows are then deleted too.
      const ok = await repo.updateRun(
        trx,
        from.id,
        from,
        {
          state: 'computing',
          programmeVersion: doc.version,
          computedAt: now,
          computedBy: actor.userId,
          checksum: null,
          updatedAt: now,
        },
        // Taken over as idle: only if no commit of the computing pass showed life since it was read.
        from.updatedAt,
      );
      if (ok) {
        await repo.deleteCandidates(trx, from.id);
        return (await repo.findRunById(trx, from.id))!;
      }
      run = (await repo.findRunById(trx, from.id))!;
      if (!ours(run)) this.#mayComputeAgain(actor, run, doc, regency);
    }
  }

  /**
   * Computes (or computes again) the proposal of one programme in one regency: the one-programme case of
   * `computePass`, with today's refusals (a programme that does not apply, a proposal that may not be
   * computed again) thrown rather than skipped.
   */
  async compute(actor: Actor, key: ProposalKey, ctx?: RunContext): Promise<ProposalView> {
    const pass = await this.#pass(actor, single(key), ctx, true);
    return pass.proposals[0]!;
  }

  /**
   * Computes the proposals of several programmes (default: every current programme applying in the regency)
   * in one pass over the regency: every household of the regency in the period's snapshot, with its ranking,
   * read and decoded once and evaluated against each programme's current published version. Each programme
   * keeps its own proposal (state, counts, checksum, audit entry `recipients.compute`), identical to what
   * computing it alone gives. The rows of every programme are written together, ~`commitRows` at a time,
   * with one checkpoint in the same transaction (a job resumes every run of the pass after the last
   * commit); households declared ineligible in a proposal's review stay so. Programmes that may not be
   * computed now are skipped, with why, and so is a run that may not be finished at the end (moved on
   * meanwhile): the pass's other runs are finished all the same. The versions used are marked used.
   */
  computePass(actor: Actor, key: PassKey, ctx?: RunContext): Promise<PassView> {
    return this.#pass(actor, key, ctx, false);
  }

  async #pass(actor: Actor, key: PassKey, ctx: RunContext | undefined, strict: boolean): Promise<PassView> {
    const { db, repo, wages, eligibility, config } = this.#deps;
    const resume = resumeOf(ctx?.resume, strict ? key.programmes?.[0] : undefined);
    const mine = new Set(resume ? Object.values(resume.runs) : []);
    const ours: OwnRun = (run) =>
      run.state === 'computing' &&
      mine.has(run.id) &&
      (resume?.versions?.[run.id] ?? run.version) === run.version;
    const { period, regency, ranking, selected, skipped } = await this.#select(actor, key, ours, strict);
    const now = config.now().toISOString();
    // A job taken over resumes only when every run it computes is still its own, at the same version.
    const resuming =
      resume !== null &&
      selected.length === Object.keys(resume.runs).length &&
      selected.every(
        ({ doc, run }) =>
          run !== undefined &&
          resume.runs[doc.code] === run.id &&
          ours(run) &&
          run.programmeVersion === doc.version,
      );
    const targets: { doc: ProgrammeDocument; run: RecipientRunRow }[] = [];
    const total = selected.length ? await repo.countSnapshot(db, period, regency) : 0;
    const job = ctx ?? { resume: null, checkpoint: async () => {} };
    let created = false;
    if (resuming) {
      for (const s of selected) targets.push({ doc: s.doc, run: s.run! });
    } else if (selected.length) {
      // Every run of the pass started in one transaction with one checkpoint naming them all (nothing
      // written yet): a job retried before its first commit of rows takes them back instead of finding them
      // `computing` and skipping them; one that failed before this commit started none. A run that may no
      // longer be computed is skipped (refused before any write of it) and the others start all the same.
      const started = await db.transaction().execute(async (trx) => {
        const out: { doc: ProgrammeDocument; run: RecipientRunRow; created: boolean }[] = [];
        const refused: SkippedProgramme[] = [];
        for (const s of selected) {
          try {
            const run = await this.#start(trx, actor, s, { period, regency, now }, ours);
            out.push({ doc: s.doc, run, created: !s.run });
          } catch (e) {
            if (strict || !(e instanceof AppError)) throw e;
            refused.push(skipOf(s.doc.code, e));
          }
        }
        if (out.length) {
          const state: PassResume = {
            runs: Object.fromEntries(out.map((t) => [t.doc.code, t.run.id])),
            versions: Object.fromEntries(out.map((t) => [t.run.id, t.run.version])),
            after: null,
            done: 0,
          };
          await job.checkpoint({ phase: 'evaluate', done: 0, total }, state, trx);
        }
        return { out, refused };
      });
      skipped.push(...started.refused);
      for (const t of started.out) {
        targets.push({ doc: t.doc, run: t.run });
        if (t.created) created = true;
      }
    }
    const runIds = targets.map((t) => t.run.id);
    const decided: Set<string>[] = [];
    for (const id of runIds) decided.push(await repo.decidedIneligible(db, id));
    const minimumWage = minimumWageForPeriod(await wages.all(), regency, period);
    let after = resuming ? resume.after : null;
    let done = resuming ? resume.done : 0;
    const runs = Object.fromEntries(targets.map((t) => [t.doc.code, t.run.id]));
    const versions = Object.fromEntries(targets.map((t) => [t.run.id, t.run.version]));
    const codes = targets.map((t) => t.doc.code);
    const settings: EvaluationSettings = {
      docs: targets.map((t) => t.doc),
      period,
      minimumWage,
      ...(repo.copiesCandidates(db) ? { copyRunIds: runIds } : {}),
    };
    const pool = total - done >= this.#evaluation.parallelMin ? this.#pool() : null;
    const { source } = this.#evaluation;
    const evaluate = async (entries: PageEntry[]): Promise<RowBatch[][]> => {
      if (pool && source) return evaluateOnPool(pool, settings, { page: entries, source });
      const page = await withSnapshots(settings, entries, (keys) => repo.snapshotsOf(db, keys));
      if (pool) return evaluateOnPool(pool, settings, { page });
      return evaluatePacked(settings, page).map((b) => [b]);
    };
    const pageKey = { period, regencyCode: regency, modelVersion: ranking.modelVersion };
    /** A page read with its look-ups, its evaluation started (on the pool, while the next page is read). */
    const readPage = async (from: string | null) => {
      const rows = await repo.snapshotPage(db, pageKey, from, PAGE);
      if (rows.length === 0) return null;
      const ids = rows.map((p) => p.householdId);
      const standing = await eligibility.standing(db, ids);
      const byProgramme = await eligibility.optedOut(db, ids, codes);
      const optedOut = codes.map((c) => byProgramme.get(c)!);
      const page = rows.map(
        (r): PageEntry => ({
          ...r,
          ineligible: standing.has(r.householdId),
          optedOut: optedOut.map((s) => s.has(r.householdId)),
          decided: decided.map((s) => s.has(r.householdId)),
        }),
      );
      const evaluated = evaluate(page);
      evaluated.catch(() => {}); // awaited below; a failure with a read in between is not unhandled
      return { size: rows.length, last: rows.at(-1)!.householdId, evaluated };
    };
    let tallies: RunTally[] | null = null;
    /** Rows this pass wrote (committed or about to be), for the candidates' statistics. */
    let written = 0;
    /** Runs another computation took over while this pass ran: no longer written, not finished. */
    const lost = new Set<string>();
    this.#busy++;
    try {
      // Each run's rows kept apart until the commit, so each run's are inserted in household order.
      let pending: RowBatch[][] = targets.map(() => []);
      let held = 0;
      let current = targets.length ? await readPage(after) : null;
      // From the first household, each run's counts and checksum are taken from its rows as they are
      // written (in household order, as the checksum reads them); a resumed pass reads them back instead.
      tallies = after === null ? targets.map(() => new RunTally()) : null;
      while (current) {
        const next = current.size === PAGE ? await readPage(current.last) : null;
        const perRun = await current.evaluated;
        perRun.forEach((batches, i) => {
          for (const b of batches) {
            pending[i]!.push(b);
            tallies?.[i]?.add(b);
            held += b.evaluated;
          }
        });
        after = current.last;
        done += current.size;
        current = next;
        if (held < this.#evaluation.commitRows && current) continue;
        const batches = pending;
        const progress: PassResume = { runs, versions, after, done };
        await db.transaction().execute(async (trx) => {
          // Rows only into the runs still this pass's (not taken over meanwhile: see #finish).
          const live = targets.filter((t) => !lost.has(t.run.id)).map((t) => t.run);
          const touched = await repo.touchRuns(trx, live, config.now().toISOString());
          const writes: { runId: string; batches: RowBatch[] }[] = [];
          for (const [i, id] of runIds.entries()) {
            if (!touched.has(id)) {
              lost.add(id);
              continue;
            }
            writes.push({ runId: id, batches: batches[i]! });
            written += batches[i]!.reduce((n, b) => n + b.evaluated, 0);
          }
          await repo.insertBatches(trx, writes);
          await job.checkpoint({ phase: 'evaluate', done, total }, progress, trx);
        });
        pending = targets.map(() => []);
        held = 0;
      }
    } finally {
      this.#idle();
    }
    const proposals = await this.#finish(
      actor,
      targets.map((t, i) => ({ ...t, tally: tallies?.[i] })),
      { regency, period },
      (doc, e) => {
        // A run moved on meanwhile (taken over, finished elsewhere) is reported; the pass's others finish.
        if (strict || !(e instanceof AppError)) throw e;
        skipped.push(skipOf(doc.code, e));
      },
    );
    if (created) await repo.refreshRunStatistics(db);
    if (written > 0) await repo.refreshCandidateStatistics(db, written);
    return { period, regency, proposals, skipped };
  }

  /**
   * The runs of a pass finished, in one transaction (one commit per pass, not one per run): each its counts
   * and checksum, `computed`, audited; its programme version used — only from the state and version the pass
   * started it in: a run another computation took over meanwhile (still `computing`, at a later version) is
   * refused with `recipients.taken_over`, one finished or moved on elsewhere with
   * `recipients.invalid_transition`, and nothing of it changes. A refusal is handed to `refused` (which
   * rethrows it to fail the pass, or records it); it comes before any write of that run, so the transaction
   * goes on with the others.
   */
  async #finish(
    actor: Actor,
    runs: readonly { doc: ProgrammeDocument; run: RecipientRunRow; tally: RunTally | undefined }[],
    where: { regency: string; period: string },
    refused: (doc: ProgrammeDocument, e: unknown) => void,
  ): Promise<ProposalView[]> {
    const { db, repo, programmes, audit, config } = this.#deps;
    const { regency, period } = where;
    const totals: { counts: Awaited<ReturnType<RecipientsRepository['runCounts']>>; checksum: string }[] = [];
    for (const { run, tally } of runs) {
      totals.push({
        counts: tally ? tally.counts() : await repo.runCounts(db, run.id),
        checksum: tally ? tally.checksum() : await this.#checksum(run.id),
      });
    }
    const finished = await db.transaction().execute(async (trx) => {
      const out: { doc: ProgrammeDocument; row: RecipientRunRow }[] = [];
      for (const [i, { doc, run }] of runs.entries()) {
        const { counts, checksum } = totals[i]!;
        try {
          const current = (await repo.findRunById(trx, run.id))!;
          const state = proposalStep(current.state, 'finish', actor, doc, regency);
          if (current.version !== run.version) throw takenOver(doc.code);
          const ok = await repo.updateRun(trx, run.id, run, {
            state,
            ...counts,
            checksum,
            updatedAt: config.now().toISOString(),
          });
          if (!ok) throw takenOver(doc.code);
        } catch (e) {
          refused(doc, e);
          continue;
        }
        await audit.record(trx, actor, {
          action: 'recipients.compute',
          entityType: 'recipient_proposal',
          entityId: run.id,
          regionCode: regency,
          details: { period, programme: doc.code, version: doc.version, ...counts, checksum },
        });
        out.push({ doc, row: (await repo.findRunById(trx, run.id))! });
      }
      return out;
    });
    const views: ProposalView[] = [];
    for (const { doc, row } of finished) {
      await programmes.markUsed(doc.code, doc.version);
      views.push(await this.#view(actor, row));
    }
    return views;
  }

  /** Proposals in the actor's territory (a regency's own; a province's regencies; Pusdatin all). */
  async proposals(
    actor: Actor,
    q: { period?: string; programme?: string; state?: ProposalState; region?: string },
  ): Promise<{ items: ProposalView[] }> {
    const { db, repo, regions } = this.#deps;
    if (q.period) this.#period(q.period);
    const scope = requestedScope(actor, regions, q.region);
    if (scope === 'empty') return { items: [] };
    const rows = await repo.listRuns(db, scope, {
      period: q.period,
      programmeCode: q.programme,
      states: q.state ? [q.state] : undefined,
    });
    return { items: await Promise.all(rows.map((r) => this.#view(actor, r))) };
  }

  async proposal(actor: Actor, id: string): Promise<ProposalView> {
    return this.#view(actor, await this.#run(actor, id));
  }

  /** The evaluated households of a proposal, filtered by outcome and region, one keyset page at a time. */
  async candidates(
    actor: Actor,
    id: string,
    q: { outcome?: Outcome; region?: string; cursor?: string; limit: number },
  ) {
    const { db, repo, regions, audit } = this.#deps;
    const run = await this.#run(actor, id);
    const prefix = q.region ? regions.normalize(q.region, 'region') : undefined;
    const rows = await repo.candidates(
      db,
      [run.id],
      { outcomes: q.outcome ? [q.outcome] : undefined, villagePrefix: prefix },
      afterIdOf(q.cursor),
      q.limit + 1,
    );
    const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.householdId);
    const doc = await this.#document(run.programmeCode, run.programmeVersion);
    await recordListRead(audit, actor, page, {
      action: 'recipients.candidates',
      entityType: 'recipient_proposal',
      entityId: run.id,
      regionCode: run.regencyCode,
      details: { households: page.map((r) => r.householdId) },
    });
    return {
      items: page.map((c) => ({
        householdId: c.householdId,
        kkNumber: c.kkNumber,
        regionCode: c.villageCode,
        headName: c.headName,
        decile: c.decile,
        outcome: c.outcome,
        codes: JSON.parse(c.codes) as string[],
        components: JSON.parse(c.components) as ComponentView[],
        amount: c.amount,
        yearlyAmount: c.yearlyAmount,
        reasons: readReasons(c.reasons, doc),
      })),
      nextCursor,
    };
  }

  /**
   * Declares a household of an open proposal ineligible (ditidaklayakkan) with reason and evidence: through
   * the eligibility module (removed from DTKS, its NIKs barred until lifted), and out of every open proposal
   * of its regency in the period. 409 with the current state when none of its proposals is open.
   */
  async declareIneligible(
    actor: Actor,
    proposalId: string,
    body: { householdId: string; reason: string; evidence?: string },
  ) {
    const { db, repo, eligibility, regions, audit, config } = this.#deps;
    const proposal = await this.#run(actor, proposalId);
    const period = proposal.period;
    const candidate = isRecordId(body.householdId)
      ? await repo.findCandidate(db, proposal.id, body.householdId)
      : undefined;
    if (!candidate) throw validationError([issue('householdId', 'recipients.not_candidate')]);
    const runs = (
      await repo.listRuns(db, { column: 'regencyCode', value: proposal.regencyCode }, { period })
    ).filter((r) => r.state !== 'computing');
    const open = runs.filter((r) => OPEN.includes(r.state));
    // This proposal decides: not open (submitted or approved) is a 409 naming its state.
    proposalStep(proposal.state, 'review', actor, proposal, proposal.regencyCode);
    await regions.lookup(); // before the transaction: SQLite has one connection
    const now = config.now().toISOString();
    return db.transaction().execute(async (trx) => {
      const h = await trx
        .selectFrom('households')
        .select(['version'])
        .where('id', '=', body.householdId)
        .executeTakeFirstOrThrow();
      const declared = await eligibility.declareIneligible(
        actor,
        body.householdId,
        { version: h.version, reason: body.reason, evidence: body.evidence },
        { trx },
      );
      const touched: string[] = [];
      for (const r of open) {
        const current = (await repo.findRunById(trx, r.id))!;
        const next = proposalStep(current.state, 'review', actor, current, current.regencyCode);
        await repo.insertDecision(trx, {
          id: newId(),
          runId: r.id,
          householdId: body.householdId,
          decision: 'ineligible',
          reason: body.reason,
          evidence: body.evidence ?? null,
          decidedBy: actor.userId,
          decidedAt: now,
        });
        await repo.setOutcome(trx, r.id, body.householdId, 'ineligible');
        const counts = await repo.runCounts(trx, r.id);
        if (!(await repo.updateRun(trx, r.id, current, { state: next, ...counts, updatedAt: now }))) {
          throw stateConflict(current.state);
        }
        touched.push(`${r.programmeCode}:${r.id}`);
      }
      await audit.record(trx, actor, {
        action: 'recipients.declare_ineligible',
        entityType: 'household',
        entityId: body.householdId,
        regionCode: open[0]?.regencyCode ?? null,
        details: { period, reason: body.reason, evidence: body.evidence ?? null, proposals: touched },
      });
      return {
        householdId: body.householdId,
        period,
        proposals: open.map((r) => r.programmeCode),
        niks: declared.niks,
      };
    });
  }

  submit(actor: Actor, id: string): Promise<ProposalView> {
    return this.#step(actor, id, 'submit');
  }

  approve(actor: Actor, id: string): Promise<ProposalView> {
    return this.#step(actor, id, 'approve');
  }

  return(actor: Actor, id: string, note: string): Promise<ProposalView> {
    if (note.trim().length < 3) throw validationError([issue('note', 'recipients.return_note')]);
    return this.#step(actor, id, 'return', note.trim());
  }

  /** The proposal of a period, programme and regency (the CLI's way to name one). */
  async proposalOf(actor: Actor, key: ProposalKey): Promise<ProposalView> {
    const { db, repo, regions } = this.#deps;
    this.#period(key.period);
    const regency = regions.normalize(key.regency, 'regency');
    const run = await repo.findRun(db, {
      period: key.period,
      programmeCode: key.programme,
      regencyCode: regency,
    });
    if (!run || !isWithin(actor, run.regencyCode)) throw notFound(PROPOSAL);
    return this.#view(actor, run);
  }

  async #step(actor: Actor, id: string, action: 'submit' | 'approve' | 'return', note?: string) {
    const { db, repo, audit, config } = this.#deps;
    const run = await this.#run(actor, id);
    const next = proposalStep(run.state, action, actor, run, run.regencyCode);
    const at = config.now().toISOString();
    const done = await db.transaction().execute(async (trx) => {
      const decision = action === 'submit' ? {} : { decidedAt: at, decidedBy: actor.userId };
      const set = {
        state: next,
        updatedAt: at,
        ...(action === 'submit' ? { submittedAt: at, submittedBy: actor.userId, note: null } : decision),
        ...(action === 'return' ? { note: note ?? null } : {}),
      };
      if (!(await repo.updateRun(trx, run.id, run, set))) {
        const now = (await repo.findRunById(trx, run.id))!;
        // Approving twice, or a step racing another: the refusal carries the state it now stands in.
        proposalStep(now.state, action, actor, now, now.regencyCode);
        throw stateConflict(now.state);
      }
      const recipients = action === 'approve' ? await repo.approve(trx, run, at) : undefined;
      await audit.record(trx, actor, {
        action: `recipients.${action}`,
        entityType: 'recipient_proposal',
        entityId: run.id,
        regionCode: run.regencyCode,
        details: {
          period: run.period,
          programme: run.programmeCode,
          version: run.programmeVersion,
          ...(recipients !== undefined ? { recipients, checksum: run.checksum } : {}),
          ...(note ? { note } : {}),
        },
      });
      return (await repo.findRunById(trx, run.id))!;
    });
    return this.#view(actor, done);
  }

  // ---- approved recipients -----------------------------------------------------------------------------

  /** The approved recipients (KPM) of a period and programme in the actor's territory, paginated, audited. */
  async recipients(
    actor: Actor,
    period: string,
    q: { programme: string; region?: string; cursor?: string; limit: number },
  ) {
    const { db, repo, regions, audit } = this.#deps;
    this.#period(period);
    const scope = requestedScope(actor, regions, q.region);
    if (scope === 'empty') return { items: [], nextCursor: null };
    const rows = await repo.recipients(
      db,
      { period, programmeCode: q.programme },
      scope,
      afterIdOf(q.cursor),
      q.limit + 1,
    );
    const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.householdId);
    await recordListRead(audit, actor, page, {
      action: 'recipients.list',
      entityType: 'household',
      regionCode: scope?.value ?? null,
      details: { period, programme: q.programme, households: page.map((r) => r.householdId) },
      subjects: page.map((r) => r.householdId),
    });
    const items = [];
    for (const r of page) {
      items.push({ ...recipientItem(r), payment: await this.#payment(r.programmeCode, r.programmeVersion) });
    }
    return { items, nextCursor };
  }

  /**
   * Every approved recipient of a period and programme in the territory (exports) as keyset pages of
   * `pageSize`, never the whole list at once; audited once, before the first page, with how many there are
   * (nothing is audited when there are none), and each page with its households as subjects. For an Excel
   * file (`format: 'xlsx'`) a list longer than one sheet holds is refused before anything is read (and by the
   * writer, `recipientsXlsx`, should it grow past that while written).
   */
  async recipientPages(
    actor: Actor,
    period: string,
    q: { programme: string; region?: string; format?: 'csv' | 'xlsx' },
    pageSize = EXPORT_PAGE,
  ): Promise<{ households: number; pages: AsyncGenerator<RecipientItem[]> }> {
    const { db, repo, regions, audit } = this.#deps;
    this.#period(period);
    const scope = requestedScope(actor, regions, q.region);
    const key = { period, programmeCode: q.programme };
    const households = scope === 'empty' ? 0 : await repo.countRecipients(db, key, scope);
    if (q.format === 'xlsx' && households > XLSX_MAX_RECIPIENTS) throw xlsxTooMany(households);
    if (households > 0) {
      await audit.recordRead(actor, {
        action: 'recipients.export',
        entityType: 'household',
        regionCode: scope === 'empty' ? null : (scope?.value ?? null),
        details: { period, programme: q.programme, households },
      });
    }
    async function* pages(): AsyncGenerator<RecipientItem[]> {
      if (scope === 'empty' || households === 0) return;
      // Each page's households audited as read (audit_subjects) before its rows leave.
      yield* auditedExportPages(audit, actor, {
        read: (after) => repo.recipients(db, key, scope, after, pageSize),
        pageSize,
        event: (ids) => exportPageEvent('recipients.export_page', scope?.value ?? null, ids),
        view: recipientItem,
      });
    }
    return { households, pages: pages() };
  }

  /** Excluded households of a period and programme (every proposal in the territory) with their codes. */
  async exclusions(
    actor: Actor,
    period: string,
    q: { programme: string; region?: string; cursor?: string; limit: number },
  ) {
    const { db, repo, regions, audit } = this.#deps;
    this.#period(period);
    const scope = requestedScope(actor, regions, q.region);
    if (scope === 'empty') return { items: [], nextCursor: null };
    const runs = await repo.listRuns(db, runScope(scope), { period, programmeCode: q.programme });
    const rows = await repo.candidates(
      db,
      runs.map((r) => r.id),
      { outcomes: ['excluded', 'ineligible'], villagePrefix: scope?.value },
      afterIdOf(q.cursor),
      q.limit + 1,
    );
    const { page, nextCursor } = pageOf(rows, q.limit, (r) => r.householdId);
    await recordListRead(audit, actor, page, {
      action: 'recipients.exclusions',
      entityType: 'household',
      regionCode: scope?.value ?? null,
      details: {
        period,
        programme: q.programme,
        count: page.length,
        households: page.map((r) => r.householdId),
      },
      // The page's households, for "who read my data" (audit_subjects), before the rows leave.
      subjects: page.map((r) => r.householdId),
    });
    return {
      items: page.map((c) => ({
        householdId: c.householdId,
        kkNumber: c.kkNumber,
        regionCode: c.villageCode,
        headName: c.headName,
        codes: c.outcome === 'ineligible' ? ['INELIGIBLE'] : (JSON.parse(c.codes) as string[]),
      })),
      nextCursor,
    };
  }

  /** New, continuing and stopped recipients against the previous approved period, with why they stopped. */
  async diff(actor: Actor, period: string, q: DiffQuery): Promise<RecipientDiff> {
    const { db, repo, regions, audit } = this.#deps;
    this.#period(period);
    const scope = requestedScope(actor, regions, q.region);
    const empty: RecipientDiff = {
      period,
      previousPeriod: null,
      counts: { new: 0, continuing: 0, stopped: 0 },
      items: [],
      nextCursor: null,
    };
    if (scope === 'empty') return empty;
    const previousPeriod = await repo.previousPeriod(db, { period, programmeCode: q.programme }, scope);
    const key = { period, previousPeriod, programmeCode: q.programme };
    // Keyset on both lists: this period's (new, continuing) and the previous one's absent now (stopped),
    // each read from the cursor for one page at most, merged in household id order.
    const after = afterIdOf(q.cursor);
    const take = q.limit + 1;
    const current =
      q.change === 'stopped' ? [] : await repo.diffCurrent(db, key, scope, q.change, after, take);
    const stoppedRows =
      previousPeriod === null || (q.change && q.change !== 'stopped')
        ? []
        : await repo.diffStopped(db, { ...key, previousPeriod }, scope, after, take);
    const merged = [...current, ...stoppedRows]
      .sort((x, y) => (x.householdId < y.householdId ? -1 : x.householdId > y.householdId ? 1 : 0))
      .slice(0, take);
    const { page: rows, nextCursor } = pageOf(merged, q.limit, (r) => r.householdId);
    const onCurrent = new Set(current);
    const why = await this.#whyStopped(
      period,
      q.programme,
      scope,
      rows.filter((r) => !onCurrent.has(r)).map((r) => r.householdId),
    );
    const page: RecipientDiff['items'] = rows.map((r) => {
      const who = {
        householdId: r.householdId,
        kkNumber: r.kkNumber,
        regionCode: r.villageCode,
        headName: r.headName,
      };
      if (onCurrent.has(r)) {
        return r.previousAmount === null
          ? {
              ...who,
              change: 'new' as const,
              amount: r.amount,
              previousAmount: null,
              reason: null,
              codes: [],
            }
          : {
              ...who,
              change: 'continuing' as const,
              amount: r.amount,
              previousAmount: r.previousAmount,
              reason: null,
              codes: [],
            };
      }
      const e = why.get(r.householdId);
      return {
        ...who,
        change: 'stopped' as const,
        amount: 0,
        previousAmount: r.previousAmount,
        reason: stopReason(e),
        codes: e?.outcome === 'excluded' ? [...e.codes] : [],
      };
    });
    const counts = await repo.diffCounts(db, key, scope);
    await recordListRead(audit, actor, page, {
      action: 'recipients.diff',
      entityType: 'household',
      regionCode: scope?.value ?? null,
      details: {
        period,
        previousPeriod,
        programme: q.programme,
        change: q.change ?? null,
        count: page.length,
        households: page.map((r) => r.householdId),
      },
      // New, continuing and stopped alike: each names a household (audit_subjects, "who read my data").
      subjects: page.map((r) => r.householdId),
    });
    return {
      period,
      previousPeriod,
      counts,
      items: page,
      nextCursor,
    };
  }

  /** Households and amounts per programme and per region one level below the territory (or the region asked). */
  async totals(actor: Actor, period: string, q: { region?: string }) {
    const { db, repo, regions } = this.#deps;
    this.#period(period);
    const scope = requestedScope(actor, regions, q.region);
    const base = q.region ? regions.normalize(q.region, 'region') : actor.regionCode;
    const level = Math.min(
      4,
      levelOfTerritory(isWithinTerritory(base, actor.regionCode) ? base : actor.regionCode) + 1,
    ) as TotalLevel;
    if (scope === 'empty') return { period, level, programmes: [] };
    const rows = await repo.approvedTotals(db, period, scope);
    const byProgramme = new Map<string, { regionCode: string; households: number; amount: number }[]>();
    const versions = new Map<string, Set<string>>();
    for (const r of rows) {
      versions.set(r.programmeCode, (versions.get(r.programmeCode) ?? new Set()).add(r.programmeVersion));
      const list = byProgramme.get(r.programmeCode) ?? [];
      list.push({
        regionCode: r.villageCode,
        households: Number(r.households),
        amount: Number(r.amount ?? 0),
      });
      byProgramme.set(r.programmeCode, list);
    }
    const names = await regions.names([
      ...new Set(rows.map((r) => r.villageCode.split('.').slice(0, level).join('.'))),
    ]);
    const programmes = [];
    for (const [programme, villages] of [...byProgramme.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const t = totalsByRegion(villages, level);
      const payments = [];
      for (const v of versions.get(programme)!) payments.push(await this.#payment(programme, v));
      programmes.push({
        programme,
        households: t.total.households,
        amount: t.total.amount,
        // The regencies' lists may come from versions that pay differently: then none is named.
        payment: commonPayment(payments),
        regions: t.regions.map((r) => ({ ...r, name: names.get(r.regionCode) ?? r.regionCode })),
      });
    }
    return { period, level, programmes };
  }

  // ---- a household's programmes ------------------------------------------------------------------------

  /** A household's programme history period by period, and why (not) in each programme's latest evaluation. */
  async householdProgrammes(actor: Actor, householdId: string) {
    const { db, repo, audit } = this.#deps;
    // The household's village now decides, as for every read of one household: the lists it was on keep
    // the villages of their periods, its history follows it.
    const h = await findWithin(actor, householdId, HOUSEHOLD, (id) => repo.householdPlace(db, id));
    const approved = await repo.householdRecipients(db, householdId);
    const evaluations = await repo.householdEvaluations(db, householdId);
    const periods = new Map<string, { period: string; programmes: HistoryEntry[] }>();
    const entry = (p: string) => {
      const e = periods.get(p) ?? { period: p, programmes: [] };
      periods.set(p, e);
      return e;
    };
    for (const r of approved) {
      entry(r.period).programmes.push({
        programme: r.programmeCode,
        programmeVersion: r.programmeVersion,
        status: 'recipient',
        amount: r.amount,
        payment: await this.#payment(r.programmeCode, r.programmeVersion),
        components: JSON.parse(r.components) as ComponentView[],
        codes: [],
      });
    }
    for (const e of evaluations) {
      const list = entry(e.period).programmes;
      if (list.some((x) => x.programme === e.programmeCode)) continue;
      list.push({
        programme: e.programmeCode,
        programmeVersion: e.programmeVersion,
        status: e.state === 'approved' ? e.outcome : `proposed:${e.outcome}`,
        amount: e.state === 'approved' ? 0 : e.amount,
        payment: await this.#payment(e.programmeCode, e.programmeVersion),
        components: JSON.parse(e.components) as ComponentView[],
        codes: e.outcome === 'ineligible' ? ['INELIGIBLE'] : (JSON.parse(e.codes) as string[]),
      });
    }
    const latestPeriod = evaluations[0]?.period ?? null;
    const inLatest = evaluations.filter((e) => e.period === latestPeriod);
    const docs = new Map<string, ProgrammeDocument>();
    for (const e of inLatest) {
      const key = `${e.programmeCode}@${e.programmeVersion}`;
      if (!docs.has(key)) docs.set(key, await this.#document(e.programmeCode, e.programmeVersion));
    }
    const latest = inLatest.map((e) => ({
      programme: e.programmeCode,
      programmeVersion: e.programmeVersion,
      proposalState: e.state,
      outcome: e.outcome,
      decile: e.decile,
      amount: e.amount,
      yearlyAmount: e.yearlyAmount,
      codes: e.outcome === 'ineligible' ? ['INELIGIBLE'] : (JSON.parse(e.codes) as string[]),
      reasons: readReasons(e.reasons, docs.get(`${e.programmeCode}@${e.programmeVersion}`)!),
    }));
    await audit.recordRead(actor, {
      action: 'household.programmes',
      entityType: 'household',
      entityId: householdId,
      regionCode: h.villageCode,
      details: { periods: periods.size },
    });
    return {
      householdId,
      history: [...periods.values()].sort((a, b) => (a.period < b.period ? 1 : -1)),
      latest: latestPeriod ? { period: latestPeriod, evaluations: latest } : null,
    };
  }

  // ---- the public portal (no actor: aggregates, or programme codes of households the check found) --------

  /**
   * For the public check: per household, the programmes whose newest approved list in its regency includes
   * it, with that list's period. Programme names in Indonesian (the check's proper names).
   */
  async receivingNow(
    householdIds: string[],
  ): Promise<Map<string, { code: string; name: string; period: string }[]>> {
    const out = new Map<string, { code: string; name: string; period: string }[]>();
    if (householdIds.length === 0) return out;
    const { db, repo } = this.#deps;
    const rows = await repo.receivingNow(db, householdIds);
    if (rows.length === 0) return out;
    const names = await this.#programmeNames();
    for (const r of rows) {
      const list = out.get(r.householdId) ?? [];
      list.push({
        code: r.programmeCode,
        name: names.get(r.programmeCode) ?? r.programmeCode,
        period: r.period,
      });
      out.set(r.householdId, list);
    }
    for (const list of out.values()) list.sort((a, b) => (a.code < b.code ? -1 : 1));
    return out;
  }

  /** Per programme, households and rupiah per regency (nation-wide) or per village of one regency. */
  async programmeCells(
    period: string | null,
    regency: string | null,
  ): Promise<
    { code: string; name: string; unit: string; period: string; households: number; amount: number }[]
  > {
    const { db, repo } = this.#deps;
    const rows = await repo.programmeCells(db, period, regency);
    const names = await this.#programmeNames();
    return rows.map((r) => ({
      code: r.programmeCode,
      name: names.get(r.programmeCode) ?? r.programmeCode,
      unit: r.unit,
      period: r.period,
      households: Number(r.households),
      amount: Number(r.amount ?? 0),
    }));
  }

  /**
   * Per programme, regency and kecamatan of the nation, its recipients and its largest village's, and the
   * regency's list period, on the newest approved lists (`period` null) or on one period's.
   */
  async programmeKecamatans(period: string | null): Promise<
    {
      code: string;
      regency: string;
      kecamatan: string;
      period: string;
      households: number;
      largestVillage: number;
    }[]
  > {
    const { db, repo } = this.#deps;
    return (await repo.programmeKecamatanCells(db, period)).map((r) => ({
      code: r.programmeCode,
      regency: r.regencyCode,
      kecamatan: r.kecamatanCode,
      period: r.period,
      households: Number(r.households),
      largestVillage: Number(r.largestVillage),
    }));
  }

  async #programmeNames(): Promise<Map<string, string>> {
    return new Map((await this.#deps.programmes.currentAll()).map((d) => [d.code, d.name.id]));
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  /** How the programme version an amount was computed with pays. */
  async #payment(code: string, version: string): Promise<Payment> {
    return paymentOf((await this.#document(code, version)).benefit);
  }

  /** The programme version a run was computed with (kept: a version computed with never changes). */
  #document(code: string, version: string): Promise<ProgrammeDocument> {
    const key = `${code}@${version}`;
    let doc = this.#versions.get(key);
    if (!doc) {
      doc = this.#deps.programmes.version(code, version).then((d) => {
        if (!d) throw new Error(`programme version ${key} of a proposal is missing`);
        return d;
      });
      doc.catch(() => this.#versions.delete(key));
      this.#versions.set(key, doc);
    }
    return doc;
  }

  /**
   * This period's evaluation of households stopped since the previous list (the proposals of the
   * programme in the territory's regencies); one evaluated nowhere but under a standing declaration of
   * ineligibility was removed from DTKS for it: say so, not just "not in DTKS".
   */
  async #whyStopped(
    period: string,
    programme: string,
    scope: Scope,
    ids: string[],
  ): Promise<Map<string, Evaluated>> {
    const { db, repo, eligibility } = this.#deps;
    const out = new Map<string, Evaluated>();
    if (!ids.length) return out;
    for (const c of await repo.evaluationsIn(
      db,
      { period, programmeCode: programme },
      runScope(scope),
      ids,
    )) {
      out.set(c.householdId, { outcome: c.outcome, codes: JSON.parse(c.codes) as string[] });
    }
    const absent = ids.filter((id) => !out.has(id));
    for (const id of await eligibility.standing(db, absent))
      out.set(id, { outcome: 'ineligible', codes: [] });
    return out;
  }

  #period(period: string): void {
    const issues = checkPeriod(period);
    if (issues.length) throw validationError(issues);
  }

  /** A proposal's key checked: period, a regency (PP.RR) that exists and lies in the actor's territory. */
  async #checkKey(
    actor: Actor,
    key: { period: string; regency: string },
  ): Promise<{ period: string; regency: string }> {
    const { regions } = this.#deps;
    this.#period(key.period);
    const regency = regions.normalize(key.regency, 'regency');
    if (levelOfTerritory(regency) !== 2)
      throw validationError([issue('regency', 'recipients.regency_required')]);
    if (!(await regions.find(regency)) || !isWithin(actor, regency)) {
      throw notFound(label('record.regency_code', { code: regency }));
    }
    return { period: key.period, regency };
  }

  /** A proposal within the actor's territory; malformed, absent and hidden ids alike answer 404. */
  async #run(actor: Actor, id: string): Promise<RecipientRunRow> {
    const { db, repo } = this.#deps;
    const run = await findRecord(id, (id) => repo.findRunById(db, id));
    if (!run || !isWithin(actor, run.regencyCode)) throw notFound(PROPOSAL);
    return run;
  }

  async #checksum(runId: string): Promise<string> {
    const { db, repo } = this.#deps;
    const hash = createHash('sha256');
    let after: string | undefined;
    for (;;) {
      const page = await repo.checksumPage(db, runId, after, 5000);
      for (const c of page) hash.update(checksumLine(c));
      if (page.length < 5000) break;
      after = page.at(-1)!.householdId;
    }
    return hash.digest('hex');
  }

  async #view(actor: Actor, r: RecipientRunRow): Promise<ProposalView> {
    return {
      id: r.id,
      period: r.period,
      programme: r.programmeCode,
      programmeVersion: r.programmeVersion,
      door: r.door,
      regencyCode: r.regencyCode,
      state: r.state,
      version: r.version,
      evaluated: r.evaluated,
      candidates: r.candidates,
      excluded: r.excluded,
      amount: Number(r.amount),
      payment: await this.#payment(r.programmeCode, r.programmeVersion),
      checksum: r.checksum,
      note: r.note,
      computedAt: r.computedAt,
      submittedAt: r.submittedAt,
      decidedAt: r.decidedAt,
      allowed: allowedActions(proposalMachine, r.state, actor.role).filter(
        (a) => a !== 'finish' && (!(a === 'approve' || a === 'return') || doorFits(actor, r)),
      ),
    };
  }
}

interface ComponentView {
  code: string;
  count: number;
  yearlyAmount: number;
}
interface HistoryEntry {
  programme: string;
  programmeVersion: string;
  status: string;
  payment: Payment;
  amount: number;
  components: ComponentView[];
  codes: string[];
}

function doorFits(actor: Actor, r: RecipientRunRow): boolean {
  try {
    proposalStep('submitted', 'approve', actor, r, r.regencyCode);
    return true;
  } catch {
    return false;
  }
}

/** A run's counts (as `runCounts` gives them) and checksum, from its rows' batches as they are written. */
class RunTally {
  readonly #hash = createHash('sha256');
  #evaluated = 0;
  #candidates = 0;
  #excluded = 0;
  #amount = 0;

  add(b: RowBatch): void {
    this.#hash.update(b.checksum);
    this.#evaluated += b.evaluated;
    this.#candidates += b.candidates;
    this.#excluded += b.excluded;
    this.#amount += b.amount;
  }

  counts() {
    return {
      evaluated: this.#evaluated,
      candidates: this.#candidates,
      excluded: this.#excluded,
      amount: this.#amount,
    };
  }

  checksum(): string {
    return this.#hash.digest('hex');
  }
}

function single(key: ProposalKey): PassKey {
  return { period: key.period, regency: key.regency, programmes: [key.programme] };
}

/**
 * The resume state of a pass; a one-programme job checkpointed before passes existed saved `{runId, after,
 * done}`, which is the pass of that programme.
 */
function resumeOf(state: unknown, programme: string | undefined): PassResume | null {
  if (!state || typeof state !== 'object') return null;
  const s = state as Partial<PassResume> & { runId?: string };
  const runs = s.runs ?? (s.runId && programme ? { [programme]: s.runId } : null);
  if (!runs) return null;
  return { runs, ...(s.versions ? { versions: s.versions } : {}), after: s.after ?? null, done: s.done ?? 0 };
}

/** A refusal as a skipped programme's reason: the field issue of a validation error, else the error. */
function skipOf(programme: string, e: AppError): SkippedProgramme {
  const first = e.issues[0];
  return first
    ? { programme, code: first.code, text: first.message }
    : { programme, code: e.code, text: e.text };
}

function nothingToCompute(key: PassKey, skipped: readonly SkippedProgramme[]): AppError {
  const reasons = perLang((lang) =>
    skipped.length ? skipped.map((s) => `${s.programme}: ${s.text[lang]}`).join('; ') : '-',
  );
  return new AppError(
    'state',
    'recipients.nothing_to_compute',
    { period: key.period, regency: key.regency, reasons },
    { extra: { skipped } },
  );
}

function stateConflict(state: ProposalState, action = '-'): AppError {
  return new AppError(
    'state',
    'recipients.invalid_transition',
    { action, state, allowed: label('none') },
    { extra: { currentState: state, allowed: [] } },
  );
}

/** A run this pass started that another computation took over (idle 10 minutes) before the pass finished it. */
function takenOver(programme: string): AppError {
  return new AppError(
    'state',
    'recipients.taken_over',
    { programme },
    { extra: { currentState: 'computing', allowed: [] } },
  );
}

/** Runs belong to regencies: a narrower scope reads its regency's runs and filters the villages itself. */
function runScope(scope: Scope): Scope {
  if (!scope || scope.column === 'provinceCode' || scope.column === 'regencyCode') return scope;
  return { column: 'regencyCode', value: scope.value.slice(0, 5) };
}

type RecipientItem = ReturnType<typeof recipientItem>;

function recipientItem(r: RecipientRow) {
  return {
    householdId: r.householdId,
    kkNumber: r.kkNumber,
    regionCode: r.villageCode,
    headName: r.headName,
    decile: r.decile,
    amount: r.amount,
    components: JSON.parse(r.components) as ComponentView[],
  };
}
