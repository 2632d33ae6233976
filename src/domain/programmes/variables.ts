/**
 * The fixed list of variables a programme's rules may read (docs/programmes.md): the household's instrument
 * answers and a few measures of the household, and each member's answers with their age at the period.
 * A variable's kind decides which comparisons make sense: numbers are ordered, codes are labels (compared
 * with `in`/`=`), flags and sex only compare for equality.
 */
import { label } from '../catalogue.ts';
import type { Text } from '../errors.ts';
import { codebook, codedField } from '../instrument/codebook.ts';

export type VariableKind = 'number' | 'coded' | 'flag' | 'sex';

export interface VariableDef {
  name: string;
  kind: VariableKind;
  label: Text;
  /** For `coded`: the codebook field whose codes it takes. */
  codedAs?: string;
}

function fromCodebook(): VariableDef[] {
  return [
    ...[...codebook.housingFields, ...codebook.consumptionFields].map(
      (f): VariableDef => ({ name: f.field, kind: 'coded', label: f.labels, codedAs: f.field }),
    ),
    ...[...codebook.numericFields, ...codebook.livestockFields].map(
      (f): VariableDef => ({ name: f.field, kind: 'number', label: f.labels }),
    ),
    ...[...codebook.assetFlags, ...codebook.meansFlags].map(
      (f): VariableDef => ({ name: f.field, kind: 'flag', label: f.labels }),
    ),
  ];
}

/** Measures of the household that are not one instrument answer. */
export const HOUSEHOLD_MEASURES = [
  'memberCount',
  'criteria14',
  'decileNational',
  'decileProvince',
  'decileRegency',
  'hasKks',
] as const;
export type HouseholdMeasure = (typeof HOUSEHOLD_MEASURES)[number];

const measureDefs: VariableDef[] = [
  { name: 'memberCount', kind: 'number', label: label('programme.var.member_count') },
  { name: 'criteria14', kind: 'number', label: label('programme.var.criteria14') },
  { name: 'decileNational', kind: 'number', label: label('programme.var.decile_national') },
  { name: 'decileProvince', kind: 'number', label: label('programme.var.decile_province') },
  { name: 'decileRegency', kind: 'number', label: label('programme.var.decile_regency') },
  { name: 'hasKks', kind: 'flag', label: label('programme.var.has_kks') },
];

export const HOUSEHOLD_VARIABLES: ReadonlyMap<string, VariableDef> = new Map(
  [...fromCodebook(), ...measureDefs].map((v) => [v.name, v]),
);

/** Coded answers of a member the rules may read (the codebook's individual fields). */
export const MEMBER_CODED_VARIABLES = [
  'relationship',
  'maritalStatus',
  'disability',
  'chronicIllness',
  'schoolParticipation',
  'educationLevel',
  'highestDiploma',
  'occupationSector',
  'jobStatus',
  'employerType',
] as const;
export type MemberCodedVariable = (typeof MEMBER_CODED_VARIABLES)[number];

export const MEMBER_VARIABLES: ReadonlyMap<string, VariableDef> = new Map(
  [
    { name: 'age', kind: 'number', label: label('programme.var.age') } as VariableDef,
    { name: 'sex', kind: 'sex', label: label('programme.var.sex') } as VariableDef,
    { name: 'pregnant', kind: 'flag', label: label('programme.var.pregnant') } as VariableDef,
    { name: 'monthlyIncome', kind: 'number', label: label('programme.var.monthly_income') } as VariableDef,
    ...MEMBER_CODED_VARIABLES.map(
      (name): VariableDef => ({ name, kind: 'coded', label: codedField(name)!.labels, codedAs: name }),
    ),
  ].map((v) => [v.name, v]),
);
