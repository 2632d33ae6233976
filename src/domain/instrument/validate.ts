/**
 * Checks instrument answers against the codebook and the few rules that tie answers together.
 * Absent answers (undefined or null) are not errors here: completeness is decided by the workflow step.
 */
import { ageInYears, localIsoDate } from '../calendar.ts';
import { label, perLang } from '../catalogue.ts';
import { type FieldIssue, issue, type Text } from '../errors.ts';
import { groupDigits } from '../group-digits.ts';
import {
  type CodedField,
  codebook,
  HEAD_OF_HOUSEHOLD,
  NOT_WORKING_SECTOR,
  type NumericField,
} from './codebook.ts';

/** Youngest and oldest plausible age of a pregnant member; outside it the answer is probably a typo. */
export const PREGNANCY_AGE = { min: 10, max: 55 } as const;

export interface ValidateMemberOptions {
  /** Date the answers describe (the visit), YYYY-MM-DD or a Date; defaults to today. */
  asOf?: string | Date;
}

export function validateHousehold(input: Record<string, unknown>, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const def of codebook.housingFields) checkCoded(issues, input, def, prefix);
  for (const def of [...codebook.numericFields, ...codebook.livestockFields]) {
    checkNumeric(issues, input, def, prefix);
  }
  for (const def of codebook.consumptionFields) checkCoded(issues, input, def, prefix);
  for (const def of [...codebook.assetFlags, ...codebook.meansFlags]) {
    checkBoolean(issues, input, def.field, def.labels, prefix);
  }
  const kks = input.kksNumber;
  if (kks != null && kks !== '' && !(typeof kks === 'string' && KKS_NUMBER.test(kks.trim()))) {
    issues.push(issue(fieldPath(prefix, 'kksNumber'), 'kks.invalid', { value: show(kks) }));
  }
  return issues;
}

/** Kartu Keluarga Sejahtera: the card's 16-digit number. */
export const KKS_NUMBER = /^\d{16}$/;

export function validateMember(
  input: Record<string, unknown>,
  prefix = '',
  opts: ValidateMemberOptions = {},
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const def of codebook.individualFields) checkCoded(issues, input, def, prefix);
  for (const def of codebook.individualNumericFields) checkNumeric(issues, input, def, prefix);

  const sex = input.sex;
  if (sex != null && sex !== 'M' && sex !== 'F') {
    issues.push(
      issue(fieldPath(prefix, 'sex'), 'instrument.invalid_code', {
        value: show(sex),
        question: label('sex'),
        allowed: label('allowed.sex'),
      }),
    );
  }
  checkBoolean(issues, input, 'pregnant', label('pregnancy'), prefix);

  if (input.pregnant === true) {
    if (sex === 'M') {
      issues.push(issue(fieldPath(prefix, 'pregnant'), 'member.pregnant_male'));
    }
    const age = ageOn(input.birthDate, opts.asOf ?? new Date());
    if (age !== null && (age < PREGNANCY_AGE.min || age > PREGNANCY_AGE.max)) {
      issues.push(
        issue(
          fieldPath(prefix, 'pregnant'),
          'member.pregnancy_age',
          { age, min: PREGNANCY_AGE.min, max: PREGNANCY_AGE.max },
          'warning',
        ),
      );
    }
  }

  if (input.jobStatus != null && input.occupationSector === NOT_WORKING_SECTOR) {
    issues.push(
      issue(fieldPath(prefix, 'jobStatus'), 'member.job_without_sector', {
        jobStatus: show(input.jobStatus),
      }),
    );
  }
  return issues;
}

/** Rules across the members of one household. Per-member answers are checked by `validateMember`. */
export function validateMembers(members: Record<string, unknown>[], path = 'members'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const heads = members.filter((m) => m.relationship === HEAD_OF_HOUSEHOLD).length;
  if (heads !== 1) {
    issues.push(issue(path, 'household.head_count'));
  }

  const firstIndexOfNik = new Map<string, number>();
  members.forEach((member, index) => {
    if (typeof member.nik !== 'string') return;
    const nik = member.nik.trim();
    if (nik === '') return;
    const first = firstIndexOfNik.get(nik);
    if (first === undefined) {
      firstIndexOfNik.set(nik, index);
      return;
    }
    issues.push(
      issue(`${path}.${index}.nik`, 'household.duplicate_nik', { nik, index: index + 1, first: first + 1 }),
    );
  });
  return issues;
}

function fieldPath(prefix: string, field: string): string {
  if (prefix === '') return field;
  return prefix.endsWith('.') ? `${prefix}${field}` : `${prefix}.${field}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** Lists codes compactly: `1–10`, or `0, 1, 2, 5` when there are gaps. */
function allowedCodes(def: CodedField): string {
  const codes = def.options.map((o) => o.code).sort((a, b) => a - b);
  const first = codes[0]!;
  const last = codes[codes.length - 1]!;
  return last - first + 1 === codes.length ? `${first}–${last}` : codes.join(', ');
}

function checkCoded(
  issues: FieldIssue[],
  input: Record<string, unknown>,
  def: CodedField,
  prefix: string,
): void {
  const value = input[def.field];
  if (value == null) return;
  if (typeof value === 'number' && def.options.some((o) => o.code === value)) return;
  const allowed = allowedCodes(def);
  issues.push(
    issue(fieldPath(prefix, def.field), 'instrument.invalid_code', {
      value: show(value),
      question: def.labels,
      allowed,
    }),
  );
}

function checkNumeric(
  issues: FieldIssue[],
  input: Record<string, unknown>,
  def: NumericField,
  prefix: string,
): void {
  const value = input[def.field];
  if (value == null) return;
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  if (isNumber && value >= def.min && value <= def.max && (!def.integer || Number.isInteger(value))) return;
  const unit = def.unit ? ` ${def.unit}` : '';
  const kind = label(def.integer ? 'number.whole' : 'number.any');
  const grouped = (n: number) => perLang((lang) => groupDigits(n, lang));
  issues.push(
    issue(fieldPath(prefix, def.field), 'instrument.out_of_range', {
      question: def.labels,
      value: show(value),
      kind,
      min: grouped(def.min),
      max: grouped(def.max),
      unit,
    }),
  );
}

function checkBoolean(
  issues: FieldIssue[],
  input: Record<string, unknown>,
  field: string,
  labels: Text,
  prefix: string,
): void {
  const value = input[field];
  if (value == null || typeof value === 'boolean') return;
  issues.push(
    issue(fieldPath(prefix, field), 'instrument.invalid_code', {
      value: show(value),
      question: labels,
      allowed: label('allowed.yes_no'),
    }),
  );
}

/** Completed years between a YYYY-MM-DD birth date and `asOf`, or null when either is unusable. */
function ageOn(birthDate: unknown, asOf: string | Date): number | null {
  if (typeof birthDate !== 'string') return null;
  return ageInYears(birthDate, typeof asOf === 'string' ? asOf : localIsoDate(asOf));
}
