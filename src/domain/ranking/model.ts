/**
 * A proxy-means test (PMT) as data: a versioned JSON document naming variables (instrument answers and
 * household composition), a transform for each and a weight. The score is `intercept + Σ weight × value`,
 * read as a proxy of (log) consumption per person: the lower, the poorer. The schema refuses anything the
 * scorer could not read, with the exact path of the problem in the document (docs/ranking.md).
 */
import { z } from 'zod';
import { type FieldIssue, issue } from '../errors.ts';
import { codebook, codedField } from '../instrument/codebook.ts';

/** Household measures computed from the members (and the floor area), as of the period ranked. */
export const COMPOSITION_MEASURES = [
  'memberCount',
  'childrenUnder6',
  'schoolAgeChildren',
  'elderly',
  'disabledMembers',
  'dependencyRatio',
  'workingMembers',
  'excludedEmployerMembers',
  'headFemale',
  'headAge',
  'headDiploma',
  'incomePerCapita',
  'floorAreaPerCapita',
] as const;
export type CompositionMeasure = (typeof COMPOSITION_MEASURES)[number];

/** Instrument answers of the household a model may read, by kind. */
export const HOUSEHOLD_VARIABLES = {
  coded: [...codebook.housingFields, ...codebook.consumptionFields].map((f) => f.field),
  numeric: [...codebook.numericFields, ...codebook.livestockFields].map((f) => f.field),
  flag: [...codebook.assetFlags, ...codebook.meansFlags].map((f) => f.field),
} as const;
const HOUSEHOLD_FIELDS = [
  ...HOUSEHOLD_VARIABLES.coded,
  ...HOUSEHOLD_VARIABLES.numeric,
  ...HOUSEHOLD_VARIABLES.flag,
] as readonly string[];

/** Composition measures whose value is a code of the codebook (so `oneOf` can name codes). */
export const CODED_MEASURES: Partial<Record<CompositionMeasure, string>> = { headDiploma: 'highestDiploma' };

const finite = z.number().refine(Number.isFinite, 'a finite number');

const Source = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('household'), field: z.string().min(1).max(60) }),
  z.strictObject({ kind: z.literal('composition'), measure: z.enum(COMPOSITION_MEASURES) }),
]);

const Transform = z.discriminatedUnion('type', [
  /** The value itself (a yes/no answer is 1 or 0). */
  z.strictObject({ type: z.literal('linear') }),
  /** ln(1 + value), for amounts and counts whose effect flattens out. */
  z.strictObject({ type: z.literal('log1p') }),
  /** 1 when the answer is one of these codes, else 0. */
  z.strictObject({ type: z.literal('oneOf'), codes: z.array(z.number().int().min(0)).min(1).max(50) }),
  /** 1 when the value is at most / at least the threshold, else 0. */
  z.strictObject({ type: z.literal('atMost'), value: finite }),
  z.strictObject({ type: z.literal('atLeast'), value: finite }),
]);

const Variable = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,59}$/)
    .describe('snake_case name shown in explanations'),
  /** How explanations name it, in both languages (default: the name). */
  label: z.strictObject({ id: z.string().min(1).max(120), en: z.string().min(1).max(120) }).optional(),
  source: Source,
  transform: Transform,
  weight: finite,
  /** The transformed value used when the answer is unknown (default 0: no contribution). */
  missing: finite.optional(),
});

export const RankingModelDocument = z.strictObject({
  version: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/),
  /** Free text, or the same text in both languages (`{ "id": …, "en": … }`) so each UI shows its own. */
  description: z
    .union([
      z.string().max(2000),
      z.strictObject({ id: z.string().min(1).max(2000), en: z.string().min(1).max(2000) }),
    ])
    .optional(),
  intercept: finite,
  variables: z.array(Variable).min(1).max(200),
});
export type RankingModel = z.infer<typeof RankingModelDocument>;
export type ModelVariable = RankingModel['variables'][number];

/**
 * The rules the schema cannot say: known instrument fields, codes that exist for the field, a transform
 * that fits the answer (codes for `oneOf`), unique names. Paths are the document's (`variables.3.source.field`).
 */
export function checkModel(model: RankingModel): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const firstOfName = new Map<string, number>();
  model.variables.forEach((v, i) => {
    const at = `variables.${i}`;
    const seen = firstOfName.get(v.name);
    if (seen !== undefined) {
      issues.push(issue(`${at}.name`, 'ranking.duplicate_variable', { name: v.name, first: seen }));
    } else firstOfName.set(v.name, i);

    let codedAs: string | undefined;
    if (v.source.kind === 'household') {
      if (!HOUSEHOLD_FIELDS.includes(v.source.field)) {
        issues.push(issue(`${at}.source.field`, 'ranking.unknown_variable', { field: v.source.field }));
        return;
      }
      if (HOUSEHOLD_VARIABLES.coded.includes(v.source.field)) codedAs = v.source.field;
    } else codedAs = CODED_MEASURES[v.source.measure];

    if (v.transform.type === 'oneOf') {
      if (!codedAs) {
        const what = v.source.kind === 'household' ? v.source.field : v.source.measure;
        issues.push(issue(`${at}.transform.type`, 'ranking.codes_on_uncoded', { field: what }));
        return;
      }
      const def = codedField(codedAs)!;
      v.transform.codes.forEach((code, k) => {
        if (!def.options.some((o) => o.code === code)) {
          issues.push(issue(`${at}.transform.codes.${k}`, 'ranking.unknown_code', { code, field: codedAs }));
        }
      });
    } else if (codedAs && (v.transform.type === 'linear' || v.transform.type === 'log1p')) {
      // A code is a label, not a quantity: ordering or scaling it would score the codebook's numbering.
      issues.push(issue(`${at}.transform.type`, 'ranking.coded_as_number', { field: codedAs }));
    }
  });
  return issues;
}
