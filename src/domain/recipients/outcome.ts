/**
 * How one household's evaluation against a programme ends in a proposal (src/domain/programmes/evaluate.ts
 * says why, line by line): it receives (a candidate), would receive but an exclusion holds, its decile is
 * outside the programme's target deciles, or the programme's rules do not hold for it.
 */
import type { ProgrammeDocument } from '../programmes/document.ts';
import type { Evaluation } from '../programmes/evaluate.ts';
import type { HouseholdFacts } from '../programmes/facts.ts';
import type { Outcome } from './diff.ts';

export function outcomeOf(doc: ProgrammeDocument, facts: HouseholdFacts, evaluation: Evaluation): Outcome {
  if (evaluation.receives) return 'candidate';
  if (evaluation.candidate && evaluation.excluded) return 'excluded';
  const target = doc.targetDeciles;
  const decile = facts.deciles?.[target.scope] ?? null;
  if (decile === null || decile > target.max || decile < (target.min ?? 1)) return 'out_of_target';
  return 'not_eligible';
}

/** The decile a programme targets by (its scope), as shown beside the household. */
export function targetDecile(doc: ProgrammeDocument, facts: HouseholdFacts): number | null {
  return facts.deciles?.[doc.targetDeciles.scope] ?? null;
}

/** The distinct exclusion codes of an evaluation, in the order the programme lists them. */
export function exclusionCodes(evaluation: Evaluation): string[] {
  return [...new Set(evaluation.exclusions.map((e) => e.code))];
}
