/**
 * Evaluating a page of a regency's households for one or several programmes (one pass of
 * `RecipientsService.computePass`): decode each household's version snapshot once, build its facts once
 * (only when a programme has it in its target deciles or declared it ineligible in its review), evaluate those
 * and shape one candidate row per programme — a short `out_of_target` row for the others, unevaluated
 * (src/domain/recipients/outcome.ts). A household no programme of the pass evaluates is named by the KK
 * number and head's name its ranking result stored (src/domain/recipients/identity.ts): its snapshot is
 * neither read nor decoded (`needsSnapshot`), unless its result predates them (null). Nearly all of a computation's CPU outside SQL, so
 * larger computations hand pages to a pool of worker threads (recipients.evaluate-worker.ts,
 * src/lib/worker-pool.ts) while the job's thread reads the next page and writes the last; small ones
 * evaluate in-thread. Either way every row comes from this one function of the page and the settings, so
 * the candidates and the checksum do not depend on where a page was evaluated.
 */

import { copyText } from '../../db/pg-copy.ts';
import type { RecipientCandidateTable } from '../../db/schema/index.ts';
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import type { ProgrammeDocument } from '../../domain/programmes/document.ts';
import { amountForPeriod, evaluateProgramme } from '../../domain/programmes/evaluate.ts';
import {
  buildHouseholdFacts,
  decilesOf,
  type FactsSource,
  type HouseholdFacts,
  type SnapshotHousehold,
} from '../../domain/programmes/facts.ts';
import type { Outcome } from '../../domain/recipients/diff.ts';
import { identityOf } from '../../domain/recipients/identity.ts';
import { exclusionCodes, outcomeOf, outOfTarget, targetDecile } from '../../domain/recipients/outcome.ts';
import { storeReasons } from '../../domain/recipients/stored-reasons.ts';
import { WorkerPool } from '../../lib/worker-pool.ts';

/**
 * What one pass evaluates against: the programme versions (one proposal each, in this order), the period,
 * the regency's minimum wage.
 */
export interface EvaluationSettings {
  docs: ProgrammeDocument[];
  period: string;
  minimumWage: number | null;
  /**
   * PostgreSQL (a handle that can COPY): each programme's run id (the docs' order). Its rows are then packed
   * as COPY text lines beginning with that id (`RowBatch.copy`), where they are evaluated — on the pool's
   * threads —, not as values the job's thread encodes.
   */
  copyRunIds?: readonly string[];
}

/** A household of the page as read (snapshot and ranks) with the look-ups made for it. */
export interface PageHousehold {
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  villageCode: string;
  /** The household's version the period determined (whose snapshot is `snapshot`). */
  version: number;
  /** That version's snapshot; null when `needsSnapshot` says no programme of the pass needs it. */
  snapshot: Uint8Array | null;
  /** The KK number and head's name its ranking result stored (`identityOf` of the snapshot); null before 075. */
  kkNumber: string | null;
  headName: string | null;
  decileNational: number | null;
  decileProvince: number | null;
  decileRegency: number | null;
  criteria14: number | null;
  /** Under a standing declaration of ineligibility (the eligibility module). */
  ineligible: boolean;
  /** Opted out of each programme (the settings' order). */
  optedOut: boolean[];
  /** Declared ineligible in the review of each programme's proposal (the settings' order). */
  decided: boolean[];
}

export type EvaluatedRow = Omit<RecipientCandidateTable, 'runId'>;

/** A household of a page as the job's thread reads it: ranks and look-ups, not yet its version snapshot. */
export type PageEntry = Omit<PageHousehold, 'snapshot'>;

/**
 * Whether evaluating the household for the pass needs its version snapshot: when a programme evaluates it
 * (in its target deciles, or declared ineligible in its review) or when its ranking result does not name it.
 */
export function needsSnapshot(settings: EvaluationSettings, h: PageEntry): boolean {
  if (h.kkNumber === null || h.headName === null) return true;
  const deciles = decilesOf(rankingOf(h));
  return settings.docs.some(
    (doc, i) => h.decided[i] || !outOfTarget(doc, { provinceCode: h.provinceCode, deciles }),
  );
}

/**
 * The page with the version snapshot of each household that `needsSnapshot`, as `read` finds it (one missing
 * is an error); the others' stay null.
 */
export async function withSnapshots(
  settings: EvaluationSettings,
  page: readonly PageEntry[],
  read: (keys: readonly PageEntry[]) => Promise<Map<string, Uint8Array>>,
): Promise<PageHousehold[]> {
  const needed = page.map((h) => needsSnapshot(settings, h));
  const keys = page.filter((_, j) => needed[j]);
  const found = keys.length ? await read(keys) : new Map<string, Uint8Array>();
  return page.map((h, j) => {
    if (!needed[j]) return { ...h, snapshot: null };
    const snapshot = found.get(h.householdId);
    if (!snapshot) throw new Error(`recipients: household ${h.householdId} has no snapshot in the period`);
    return { ...h, snapshot };
  });
}

/** The household's ranking result as the facts take it: null when it was not ranked. */
export function rankingOf(s: PageEntry): FactsSource['ranking'] {
  return s.decileNational === null && s.criteria14 === null
    ? null
    : {
        decileNational: s.decileNational,
        decileProvince: s.decileProvince,
        decileRegency: s.decileRegency,
        criteria14: s.criteria14,
      };
}

/**
 * The page's rows of each programme (the settings' order), each list in page order. A household outside a
 * programme's target deciles gets that programme's short `out_of_target` row without the programme being
 * evaluated (`outOfTarget`: the target-decile line as its only reason, no codes, components or amounts) —
 * unless the programme's review declared it ineligible, which keeps its full evaluation; one outside the
 * target of every programme of the pass has no facts built at all, and is named by its ranking result's KK
 * number and head's name (its snapshot null, not decoded: `needsSnapshot`).
 */
export function evaluatePage(settings: EvaluationSettings, page: readonly PageHousehold[]): EvaluatedRow[][] {
  const { docs, period, minimumWage } = settings;
  const out: EvaluatedRow[][] = docs.map(() => []);
  // A short row's reasons depend only on the programme and the decile: stored once per decile.
  const shortReasons = docs.map(() => new Map<number | null, string>());
  for (const s of page) {
    const household = s.snapshot ? decodeSnapshot<SnapshotHousehold>(s.snapshot) : null;
    const ranking = rankingOf(s);
    const deciles = decilesOf(ranking);
    let facts: HouseholdFacts | null = null;
    const { kkNumber, headName } = household
      ? identityOf(household)
      : { kkNumber: s.kkNumber ?? '', headName: s.headName ?? '' };
    docs.forEach((doc, i) => {
      const who = {
        householdId: s.householdId,
        villageCode: s.villageCode,
        kkNumber,
        headName,
        decile: targetDecile(doc, deciles),
      };
      const outside = s.decided[i] ? null : outOfTarget(doc, { provinceCode: s.provinceCode, deciles });
      if (outside) {
        const cached = shortReasons[i]!;
        let reasons = cached.get(who.decile);
        if (reasons === undefined) {
          reasons = storeReasons(outside);
          cached.set(who.decile, reasons);
        }
        out[i]!.push({
          ...who,
          outcome: 'out_of_target',
          codes: '[]',
          components: '[]',
          yearlyAmount: 0,
          amount: 0,
          reasons,
        });
        return;
      }
      if (!household)
        throw new Error(`recipients: household ${s.householdId} evaluated without its snapshot`);
      facts ??= buildHouseholdFacts(
        {
          householdId: s.householdId,
          provinceCode: s.provinceCode,
          regencyCode: s.regencyCode,
          villageCode: s.villageCode,
          household,
          ranking,
          ineligible: s.ineligible,
          optedOut: false,
        },
        period,
      );
      // Opting out is per programme; everything else of the facts is the household's.
      const own = s.optedOut[i] ? { ...facts, optedOut: true } : facts;
      const ev = evaluateProgramme(doc, own, { period, minimumWage });
      const outcome: Outcome = s.decided[i] ? 'ineligible' : outcomeOf(doc, own, ev);
      out[i]!.push({
        ...who,
        outcome,
        codes: JSON.stringify(exclusionCodes(ev)),
        components: JSON.stringify(ev.components),
        yearlyAmount: outcome === 'candidate' ? ev.yearlyAmount : 0,
        amount: outcome === 'candidate' ? amountForPeriod(doc, ev, period) : 0,
        reasons: storeReasons(ev.reasons),
      });
    });
  }
  return out;
}

/** `recipient_candidates`' columns after `run_id`, in the order a packed batch holds each row's values. */
export const ROW_COLUMNS = [
  'householdId',
  'villageCode',
  'kkNumber',
  'headName',
  'decile',
  'outcome',
  'codes',
  'components',
  'yearlyAmount',
  'amount',
  'reasons',
] as const satisfies readonly (keyof EvaluatedRow)[];

/**
 * One programme's rows of a page (or of a thread's slice of it), packed where they were evaluated: their
 * values in one flat array (ROW_COLUMNS per row, in page order), their checksum lines joined, and their
 * counts as `RecipientsRepository.runCounts` gives them. A flat array of primitives crosses threads far more
 * cheaply than row objects, and the job's thread — the one writer, the bottleneck of a pass — then only
 * binds the values (`insertValues`) and adds up lines and counts, building no row of its own.
 */
export interface RowBatch {
  /** The rows' values, ROW_COLUMNS per row; empty when they are packed as `copy`. */
  values: (string | number | null)[];
  /**
   * The rows as COPY text lines (`recipient_candidates`' run id, then ROW_COLUMNS, tab-separated), when the
   * settings name the run ids (`copyRunIds`): one string crosses threads as one copy, where a flat array is
   * serialized value by value, and the job's thread writes it as it is (`insertCopyText`).
   */
  copy: string | null;
  checksum: string;
  evaluated: number;
  candidates: number;
  excluded: number;
  amount: number;
}

/** What a run's checksum covers of each row, in household order. */
export function checksumLine(
  c: Pick<EvaluatedRow, 'householdId' | 'outcome' | 'amount' | 'codes' | 'components'>,
): string {
  return `${c.householdId}:${c.outcome}:${c.amount}:${c.codes}:${c.components}\n`;
}

export function packRows(rows: readonly EvaluatedRow[], copyRunId?: string): RowBatch {
  const batch: RowBatch = {
    values: [],
    copy: null,
    checksum: '',
    evaluated: 0,
    candidates: 0,
    excluded: 0,
    amount: 0,
  };
  const lines: string[] = [];
  const copyLines: string[] = [];
  const prefix = copyRunId === undefined ? null : `${copyField(copyRunId)}\t`;
  for (const r of rows) {
    if (prefix === null) for (const c of ROW_COLUMNS) batch.values.push(r[c]);
    else copyLines.push(`${prefix}${ROW_COLUMNS.map((c) => copyField(r[c])).join('\t')}\n`);
    lines.push(checksumLine(r));
    batch.evaluated++;
    if (r.outcome === 'candidate') {
      batch.candidates++;
      batch.amount += r.amount;
    } else if (r.outcome === 'excluded') batch.excluded++;
  }
  batch.checksum = lines.join('');
  if (prefix !== null) batch.copy = copyLines.join('');
  return batch;
}

/** A value as COPY's text format reads it (`copyText`); every value of a candidate row has one. */
function copyField(v: string | number | null): string {
  const text = copyText(v);
  if (text === undefined) throw new Error(`recipients: a candidate value COPY cannot carry: ${typeof v}`);
  return text;
}

/** A page's rows of each programme (the settings' order), packed. */
export function evaluatePacked(settings: EvaluationSettings, page: readonly PageHousehold[]): RowBatch[] {
  return evaluatePage(settings, page).map((rows, i) => packRows(rows, settings.copyRunIds?.[i]));
}

/**
 * A slice of a page for a thread: with its snapshots, or without them and the database the thread reads
 * them from (`source`, `Database.readerUrl`) on a connection of its own.
 */
export type EvaluationInput =
  | { settings: EvaluationSettings; page: readonly PageHousehold[] }
  | { settings: EvaluationSettings; page: readonly PageEntry[]; source: string };

/** Threads evaluating pages; the settings travel with each slice, so one pool serves every computation. */
export function evaluationPool(size: number): WorkerPool {
  return new WorkerPool(new URL('./recipients.evaluate-worker.ts', import.meta.url), {
    size,
    name: 'recipients evaluation',
  });
}

/**
 * A page evaluated on the pool (one slice per thread; each thread reads its slice's snapshots when given the
 * `source` to read them from): each programme's packed batches (the settings' order), one per slice in page
 * order.
 */
export async function evaluateOnPool(
  pool: WorkerPool,
  settings: EvaluationSettings,
  input: { page: readonly PageHousehold[] } | { page: readonly PageEntry[]; source: string },
): Promise<RowBatch[][]> {
  const source = 'source' in input ? input.source : undefined;
  const parts = await pool.map<PageEntry, RowBatch[]>(input.page, (slice) => ({
    msg: (source === undefined
      ? { settings, page: slice as PageHousehold[] }
      : { settings, page: slice, source }) satisfies EvaluationInput,
  }));
  return settings.docs.map((_, i) => parts.map((p) => p[i]!));
}
