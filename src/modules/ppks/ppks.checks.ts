/**
 * The field rules of a PPKS record, synchronous and free of queries (the caller looks regions up first and
 * checks NIK conflicts after). Only fields being set are checked; a NIK is compared with the birth date and
 * sex the record will have after the change.
 */
import { parseIsoDate } from '../../domain/calendar.ts';
import { type FieldIssue, issue } from '../../domain/errors.ts';
import { compareNikWithPerson, parseNik } from '../../domain/identifiers/parse-nik.ts';
import {
  checkPpksCategoryPeriods,
  type PpksCategoryPeriod,
} from '../../domain/registry/ppks-category-periods.ts';

export interface PpksCheckContext {
  /** YYYY-MM-DD. */
  today: string;
  now: Date;
  isKnownDistrict: (code: string) => boolean;
}

export interface PpksPersonFields {
  nik: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
}

export function checkPpksFields(
  after: PpksPersonFields,
  changed: { nik: boolean; birthDate: boolean; sex: boolean },
  categories: readonly PpksCategoryPeriod[] | undefined,
  ctx: PpksCheckContext,
): { errors: FieldIssue[]; warnings: FieldIssue[] } {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  if (after.nik !== null && (changed.nik || changed.birthDate || changed.sex)) {
    const parsed = parseNik(after.nik, {
      field: 'nik',
      isKnownDistrict: ctx.isKnownDistrict,
      today: ctx.now,
    });
    if (changed.nik) {
      warnings.push(...parsed.warnings);
      if (!parsed.ok) errors.push(...parsed.errors);
    }
    if (parsed.ok) warnings.push(...compareNikWithPerson(parsed.value, after, 'nik'));
  }
  if (changed.birthDate && after.birthDate !== null) {
    const real = parseIsoDate(after.birthDate) !== null;
    if (!real || after.birthDate > ctx.today) {
      errors.push(issue('birthDate', 'ppks.invalid_birth_date', { birthDate: after.birthDate }));
    }
  }
  if (categories) errors.push(...checkPpksCategoryPeriods(categories, { today: ctx.today }));
  return { errors, warnings };
}
