/**
 * Checks instrument answers against the codebook and the few rules that tie answers together.
 * Absent answers (undefined or null) are not errors here: completeness is decided by the workflow step.
 */
import { ageInYears, localIsoDate } from '../calendar.ts';
import { type FieldIssue, issue, type Text } from '../errors.ts';
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
  for (const def of codebook.assetFlags) checkBoolean(issues, input, def.field, def.labels, prefix);
  return issues;
}

export function validateMember(
  input: Record<string, unknown>,
  prefix = '',
  opts: ValidateMemberOptions = {},
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const def of codebook.individualFields) checkCoded(issues, input, def, prefix);

  const sex = input.sex;
  if (sex != null && sex !== 'M' && sex !== 'F') {
    issues.push(
      issue(fieldPath(prefix, 'sex'), 'instrument.invalid_code', {
        id: `Jenis kelamin ${show(sex)} tidak valid; pilihan: M (laki-laki) atau F (perempuan).`,
        en: `Sex ${show(sex)} is not valid; allowed: M (male) or F (female).`,
      }),
    );
  }
  checkBoolean(issues, input, 'pregnant', { id: 'Status hamil', en: 'Pregnancy' }, prefix);

  if (input.pregnant === true) {
    if (sex === 'M') {
      issues.push(
        issue(fieldPath(prefix, 'pregnant'), 'member.pregnant_male', {
          id: 'Anggota berjenis kelamin laki-laki tidak dapat berstatus hamil; periksa jenis kelamin atau status hamil.',
          en: 'A male member cannot be pregnant; check the sex or the pregnancy answer.',
        }),
      );
    }
    const age = ageOn(input.birthDate, opts.asOf ?? new Date());
    if (age !== null && (age < PREGNANCY_AGE.min || age > PREGNANCY_AGE.max)) {
      issues.push(
        issue(
          fieldPath(prefix, 'pregnant'),
          'member.pregnancy_age',
          {
            id: `Anggota tercatat hamil pada umur ${age} tahun, di luar rentang wajar ${PREGNANCY_AGE.min}–${PREGNANCY_AGE.max} tahun; periksa tanggal lahir atau status hamil.`,
            en: `Member is recorded as pregnant at age ${age}, outside the plausible ${PREGNANCY_AGE.min}–${PREGNANCY_AGE.max}; check the birth date or the pregnancy answer.`,
          },
          'warning',
        ),
      );
    }
  }

  if (input.jobStatus != null && input.occupationSector === NOT_WORKING_SECTOR) {
    issues.push(
      issue(fieldPath(prefix, 'jobStatus'), 'member.job_without_sector', {
        id: `Status kedudukan dalam pekerjaan diisi (${show(input.jobStatus)}) padahal lapangan usaha 0 (tidak bekerja); isi lapangan usaha atau kosongkan status pekerjaan.`,
        en: `Job status is set (${show(input.jobStatus)}) but the sector is 0 (not working); set the sector or clear the job status.`,
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
    issues.push(
      issue(path, 'household.head_count', {
        id: `Rumah tangga harus memiliki tepat satu kepala rumah tangga (hubungan kode ${HEAD_OF_HOUSEHOLD}); saat ini ${heads}.`,
        en: `A household must have exactly one head (relationship code ${HEAD_OF_HOUSEHOLD}); found ${heads}.`,
      }),
    );
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
      issue(`${path}.${index}.nik`, 'household.duplicate_nik', {
        id: `NIK ${nik} pada anggota ke-${index + 1} sama dengan anggota ke-${first + 1}; setiap anggota harus memiliki NIK sendiri.`,
        en: `NIK ${nik} of member ${index + 1} is the same as member ${first + 1}'s; each member needs their own NIK.`,
      }),
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
      id: `Kode ${show(value)} tidak valid untuk "${def.labels.id}"; kode yang boleh: ${allowed}.`,
      en: `Code ${show(value)} is not valid for "${def.labels.en}"; allowed codes: ${allowed}.`,
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
  const kind = def.integer ? { id: 'bilangan bulat', en: 'a whole number' } : { id: 'angka', en: 'a number' };
  issues.push(
    issue(fieldPath(prefix, def.field), 'instrument.out_of_range', {
      id: `${def.labels.id} ${show(value)} tidak valid; harus ${kind.id} dari ${groupThousands(def.min, '.')} sampai ${groupThousands(def.max, '.')}${unit}.`,
      en: `${def.labels.en} ${show(value)} is not valid; it must be ${kind.en} from ${groupThousands(def.min, ',')} to ${groupThousands(def.max, ',')}${unit}.`,
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
      id: `Jawaban ${show(value)} tidak valid untuk "${labels.id}"; harus ya (true) atau tidak (false).`,
      en: `Answer ${show(value)} is not valid for "${labels.en}"; it must be yes (true) or no (false).`,
    }),
  );
}

/** Completed years between a YYYY-MM-DD birth date and `asOf`, or null when either is unusable. */
function ageOn(birthDate: unknown, asOf: string | Date): number | null {
  if (typeof birthDate !== 'string') return null;
  return ageInYears(birthDate, typeof asOf === 'string' ? asOf : localIsoDate(asOf));
}

/** 100000000 → `100.000.000` (id) / `100,000,000` (en), without depending on the runtime's ICU data. */
function groupThousands(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
