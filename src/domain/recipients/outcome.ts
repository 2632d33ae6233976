/**
 * How one household's evaluation against a programme ends in a proposal (src/domain/programmes/evaluate.ts
 * says why, line by line): it receives (a candidate), would receive but an exclusion holds, its decile is
 * outside the programme's target deciles, or the programme's rules do not hold for it.
 *
 * Outside the target deciles nothing else can make a household a candidate (`evaluateProgramme` makes none
 * there a candidate, whatever the benefit kind or door, so it can neither receive nor be `excluded`): a
 * proposal records such a household as `out_of_target` without evaluating the programme (`outOfTarget`),
 * unless the programme's review declared it ineligible (then it is evaluated as any other).
 */
import type { ProgrammeDocument } from '../programmes/document.ts';
import { type Evaluation, type Reason, targetDecileLine } from '../programmes/evaluate.ts';
import type { HouseholdFacts } from '../programmes/facts.ts';
import type { Outcome } from './diff.ts';

export type Deciles = HouseholdFacts['deciles'];

export function outcomeOf(doc: ProgrammeDocument, facts: HouseholdFacts, evaluation: Evaluation): Outcome {
  if (evaluation.receives) return 'candidate';
  if (evaluation.candidate && evaluation.excluded) return 'excluded';
  if (!targetDecileLine(doc, facts.deciles).inTarget) return 'out_of_target';
  return 'not_eligible';
}

/**
 * A household outside the programme's target deciles (its decile in the programme's scope outside them, or
 * none): the reasons its `out_of_target` row holds — the target-decile line alone, the line the full
 * evaluation gives for it; null when it must be evaluated: in the target, or (never in a proposal: a
 * provincial programme applies only in its province) outside a provincial programme's province, whose full
 * evaluation says so first.
 */
export function outOfTarget(
  doc: ProgrammeDocument,
  household: { provinceCode: string; deciles: Deciles },
): Reason[] | null {
  if (doc.door === 'province' && household.provinceCode !== doc.provinceCode) return null;
  const line = targetDecileLine(doc, household.deciles);
  return line.inTarget ? null : [line.reason];
}

/** The decile a programme targets by (its scope), as shown beside the household. */
export function targetDecile(doc: ProgrammeDocument, deciles: Deciles): number | null {
  return deciles?.[doc.targetDeciles.scope] ?? null;
}

/** The distinct exclusion codes of an evaluation, in the order the programme lists them. */
export function exclusionCodes(evaluation: Evaluation): string[] {
  return [...new Set(evaluation.exclusions.map((e) => e.code))];
}
