/**
 * Evaluating a page of a regency's households for one or several programmes (one pass of
 * `RecipientsService.computePass`): decode each household's version snapshot once, build its facts once,
 * evaluate every programme and shape one candidate row per programme. Nearly all of a computation's CPU outside SQL, so
 * larger computations hand pages to a pool of worker threads (recipients.evaluate-worker.ts,
 * src/lib/worker-pool.ts) while the job's thread reads the next page and writes the last; small ones
 * evaluate in-thread. Either way every row comes from this one function of the page and the settings, so
 * the candidates and the checksum do not depend on where a page was evaluated.
 */
import type { RecipientCandidateTable } from '../../db/schema/index.ts';
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import type { ProgrammeDocument } from '../../domain/programmes/document.ts';
import { amountForPeriod, evaluateProgramme } from '../../domain/programmes/evaluate.ts';
import {
  buildHouseholdFacts,
  type SnapshotHousehold,
  type SnapshotMember,
} from '../../domain/programmes/facts.ts';
import type { Outcome } from '../../domain/recipients/diff.ts';
import { exclusionCodes, outcomeOf, targetDecile } from '../../domain/recipients/outcome.ts';
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
}

/** A household of the page as read (snapshot and ranks) with the look-ups made for it. */
export interface PageHousehold {
  householdId: string;
  provinceCode: string;
  regencyCode: string;
  villageCode: string;
  snapshot: Uint8Array;
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

/** The page's rows of each programme (the settings' order), each list in page order. */
export function evaluatePage(settings: EvaluationSettings, page: readonly PageHousehold[]): EvaluatedRow[][] {
  const { docs, period, minimumWage } = settings;
  const out: EvaluatedRow[][] = docs.map(() => []);
  for (const s of page) {
    const household = decodeSnapshot<SnapshotHousehold>(s.snapshot);
    const facts = buildHouseholdFacts(
      {
        householdId: s.householdId,
        provinceCode: s.provinceCode,
        regencyCode: s.regencyCode,
        villageCode: s.villageCode,
        household,
        ranking:
          s.decileNational === null && s.criteria14 === null
            ? null
            : {
                decileNational: s.decileNational,
                decileProvince: s.decileProvince,
                decileRegency: s.decileRegency,
                criteria14: s.criteria14,
              },
        ineligible: s.ineligible,
        optedOut: false,
      },
      period,
    );
    const head = household.members.find((m: SnapshotMember) => m.relationship === 1) ?? household.members[0];
    docs.forEach((doc, i) => {
      // Opting out is per programme; everything else of the facts is the household's.
      const own = s.optedOut[i] ? { ...facts, optedOut: true } : facts;
      const ev = evaluateProgramme(doc, own, { period, minimumWage });
      const outcome: Outcome = s.decided[i] ? 'ineligible' : outcomeOf(doc, own, ev);
      out[i]!.push({
        householdId: s.householdId,
        villageCode: s.villageCode,
        kkNumber: household.kkNumber ?? '',
        headName: head?.name ?? '',
        decile: targetDecile(doc, own),
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

export interface EvaluationInput {
  settings: EvaluationSettings;
  page: readonly PageHousehold[];
}

/** Threads evaluating pages; the settings travel with each slice, so one pool serves every computation. */
export function evaluationPool(size: number): WorkerPool {
  return new WorkerPool(new URL('./recipients.evaluate-worker.ts', import.meta.url), {
    size,
    name: 'recipients evaluation',
  });
}

/** A page evaluated on the pool (one slice per thread, each programme's rows rejoined in page order). */
export async function evaluateOnPool(
  pool: WorkerPool,
  settings: EvaluationSettings,
  page: readonly PageHousehold[],
): Promise<EvaluatedRow[][]> {
  const parts = await pool.map<PageHousehold, EvaluatedRow[][]>(page, (slice) => ({
    msg: { settings, page: slice } satisfies EvaluationInput,
  }));
  return settings.docs.map((_, i) => parts.flatMap((p) => p[i]!));
}
