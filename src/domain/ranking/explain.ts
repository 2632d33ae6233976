/**
 * How the "why this desil" panel reads a variable's raw value: the answer's label when the value is a code
 * of the instrument (or a yes/no answer), else the unit it is counted in ('Rp', 'm²'), from the codebook.
 * The raw value stays beside it, so an explanation can always be checked against the snapshot.
 */
import { plainLabel } from '../catalogue.ts';
import type { Text } from '../errors.ts';
import { codedField, numericField } from '../instrument/codebook.ts';
import { CODED_MEASURES, type CompositionMeasure, HOUSEHOLD_VARIABLES, type ModelVariable } from './model.ts';

export interface ValueReading {
  /** The answer's label in both languages (a code of the codebook, or yes/no), else null. */
  valueLabel: Text | null;
  /** The unit the value is counted in, e.g. 'Rp' or 'm²', else null. */
  unit: string | null;
}

const YES = plainLabel('answer.yes');
const NO = plainLabel('answer.no');

/** Measures counted in the unit of an instrument answer: per person, in that answer's unit. */
const MEASURED_AS: Partial<Record<CompositionMeasure, string>> = {
  incomePerCapita: 'monthlyIncome',
  floorAreaPerCapita: 'floorAreaM2',
};

/** Measures that are a yes (1) or a no (0). */
const YES_NO_MEASURES: readonly CompositionMeasure[] = ['headFemale'];

export function readValue(source: ModelVariable['source'], value: number | null): ValueReading {
  const none: ValueReading = { valueLabel: null, unit: null };
  if (value === null) return none;
  if (source.kind === 'household') {
    if ((HOUSEHOLD_VARIABLES.flag as readonly string[]).includes(source.field)) return yesNo(value);
    if ((HOUSEHOLD_VARIABLES.coded as readonly string[]).includes(source.field))
      return coded(source.field, value);
    return { valueLabel: null, unit: numericField(source.field)?.unit ?? null };
  }
  const codedAs = CODED_MEASURES[source.measure];
  if (codedAs) return coded(codedAs, value);
  if (YES_NO_MEASURES.includes(source.measure)) return yesNo(value);
  const measuredAs = MEASURED_AS[source.measure];
  return { valueLabel: null, unit: measuredAs ? (numericField(measuredAs)?.unit ?? null) : null };
}

function coded(field: string, code: number): ValueReading {
  const option = codedField(field)?.options.find((o) => o.code === code);
  return { valueLabel: option ? option.label : null, unit: null };
}

function yesNo(value: number): ValueReading {
  return { valueLabel: value ? YES : NO, unit: null };
}
