/**
 * The change of a programme's recipients from one approved period to the next (issue 13): who is new, who
 * continues (with the change of amount) and who stopped, with why. A stopped household's reason comes from
 * its evaluation in the new period; a household the new period did not evaluate is no longer in DTKS.
 */

/** How the evaluation of one household in a period ended (stored per candidate row). */
export const OUTCOMES = ['candidate', 'excluded', 'out_of_target', 'not_eligible', 'ineligible'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why a recipient of the previous period is not one now. */
export const STOP_REASONS = [
  /** An exclusion rule of the programme (the codes say which: EMPLOYER, MIN_WAGE, DECEASED …). */
  'excluded',
  /** Its decile is above the programme's target deciles now. */
  'out_of_target',
  /** The programme's rules no longer hold (no student, no component …). */
  'not_eligible',
  /** The Dinas Sosial declared it ineligible (ditidaklayakkan) in its review. */
  'ineligible',
  /** Not in the period's determined DTKS (removed, moved out, died). */
  'not_in_dtks',
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export interface RecipientEntry {
  householdId: string;
  amount: number;
}

export interface Evaluated {
  outcome: Outcome;
  /** Exclusion codes when the outcome is `excluded`. */
  codes: readonly string[];
}

export interface RecipientDiff {
  new: RecipientEntry[];
  continuing: (RecipientEntry & { previousAmount: number })[];
  stopped: { householdId: string; previousAmount: number; reason: StopReason; codes: string[] }[];
}

/**
 * `previous`: the last approved recipients before the period (empty when none); `current`: this period's
 * recipients; `evaluated`: this period's outcome per household evaluated. Each list is in household id order.
 */
export function diffRecipients(
  previous: readonly RecipientEntry[],
  current: readonly RecipientEntry[],
  evaluated: ReadonlyMap<string, Evaluated>,
): RecipientDiff {
  const before = new Map(previous.map((r) => [r.householdId, r.amount]));
  const now = new Set(current.map((r) => r.householdId));
  const out: RecipientDiff = { new: [], continuing: [], stopped: [] };
  for (const r of current) {
    const prev = before.get(r.householdId);
    if (prev === undefined) out.new.push({ householdId: r.householdId, amount: r.amount });
    else out.continuing.push({ householdId: r.householdId, amount: r.amount, previousAmount: prev });
  }
  for (const r of previous) {
    if (now.has(r.householdId)) continue;
    const e = evaluated.get(r.householdId);
    out.stopped.push({
      householdId: r.householdId,
      previousAmount: r.amount,
      reason: stopReason(e),
      codes: e?.outcome === 'excluded' ? [...e.codes] : [],
    });
  }
  const byId = (a: { householdId: string }, b: { householdId: string }) =>
    a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0;
  out.new.sort(byId);
  out.continuing.sort(byId);
  out.stopped.sort(byId);
  return out;
}

/** Why a household of the previous list stopped, from its evaluation this period (none: not in DTKS). */
export function stopReason(e: Evaluated | undefined): StopReason {
  if (!e) return 'not_in_dtks';
  // A household still a candidate but not among the recipients was left out of the approved proposal.
  if (e.outcome === 'candidate') return 'not_eligible';
  return e.outcome;
}
