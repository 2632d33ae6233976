/**
 * Scores one household with a model: each variable's raw value (an answer or a composition measure), its
 * transformed value and its contribution (weight × transformed value). Pure and deterministic: a period's
 * ranking is reproduced exactly from its snapshot and the model version.
 */
import { ageInYears } from '../calendar.ts';
import { EXCLUDED_EMPLOYERS, EXCLUSION_JOB_STATUS } from '../instrument/codebook.ts';
import { activeMembers, headOf, type RankedHousehold } from './household-input.ts';
import type { CompositionMeasure, ModelVariable, RankingModel } from './model.ts';

export interface Contribution {
  variable: string;
  /** The variable's label in both languages, when the model gives one. */
  label: { id: string; en: string } | null;
  /** The answer or measure as read (null when unknown). */
  value: number | null;
  contribution: number;
}

export interface Score {
  score: number;
  contributions: Contribution[];
}

/** Scores are kept to 6 decimals, so both database engines store, sort and tie them alike. */
export function roundScore(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** `asOf`: the date ages are counted to (YYYY-MM-DD), e.g. the last day of the period ranked. */
export function scoreHousehold(model: RankingModel, h: RankedHousehold, asOf: string): Score {
  const measures = compositionOf(h, asOf);
  let total = model.intercept;
  const contributions = model.variables.map((v) => {
    const value = v.source.kind === 'household' ? numeric(h[v.source.field]) : measures[v.source.measure];
    const x = value === null ? (v.missing ?? 0) : transform(v, value);
    const contribution = roundScore(v.weight * x);
    total += contribution;
    return { variable: v.name, label: v.label ?? null, value, contribution };
  });
  return { score: roundScore(total), contributions };
}

function numeric(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

function transform(v: ModelVariable, x: number): number {
  const t = v.transform;
  switch (t.type) {
    case 'linear':
      return x;
    case 'log1p':
      return Math.log1p(Math.max(0, x));
    case 'oneOf':
      return t.codes.includes(x) ? 1 : 0;
    case 'atMost':
      return x <= t.value ? 1 : 0;
    case 'atLeast':
      return x >= t.value ? 1 : 0;
  }
}

export function compositionOf(h: RankedHousehold, asOf: string): Record<CompositionMeasure, number | null> {
  const members = activeMembers(h);
  const ages = members.map((m) => ageInYears(m.birthDate, asOf));
  const count = (f: (age: number) => boolean) => ages.filter((a) => a !== null && f(a)).length;
  const head = headOf(members);
  const incomes = members.map((m) => m.monthlyIncome).filter((x): x is number => typeof x === 'number');
  const working = count((a) => a >= 15 && a < 65);
  const area = numeric(h.floorAreaM2);
  const n = members.length;
  return {
    memberCount: n,
    childrenUnder6: count((a) => a < 6),
    schoolAgeChildren: count((a) => a >= 6 && a <= 18),
    elderly: count((a) => a >= 60),
    disabledMembers: members.filter((m) => (m.disability ?? 0) > 0).length,
    dependencyRatio: n === 0 ? null : (count((a) => a < 15) + count((a) => a >= 65)) / Math.max(1, working),
    workingMembers: members.filter((m) => (m.occupationSector ?? 0) > 0).length,
    excludedEmployerMembers: members.filter(
      (m) =>
        (m.employerType != null && EXCLUDED_EMPLOYERS.includes(m.employerType)) ||
        m.jobStatus === EXCLUSION_JOB_STATUS,
    ).length,
    headFemale: head ? (head.sex === 'F' ? 1 : 0) : null,
    headAge: head ? ageInYears(head.birthDate, asOf) : null,
    headDiploma: head?.highestDiploma ?? null,
    incomePerCapita: incomes.length === 0 || n === 0 ? null : incomes.reduce((a, b) => a + b, 0) / n,
    floorAreaPerCapita: area === null || n === 0 ? null : area / n,
  };
}
