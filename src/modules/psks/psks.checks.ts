/**
 * The field rules of a PSKS record, synchronous and free of queries. Institutions (LKS, karang taruna,
 * businesses) have no NIK; workers may give one. Phone and email are normalised here, so the stored form
 * is always the checked one.
 */
import { type FieldIssue, issue } from '../../domain/errors.ts';
import { normalizeEmail, normalizeIndonesianPhone } from '../../domain/identifiers/contact.ts';
import { parseNik } from '../../domain/identifiers/parse-nik.ts';
import { isPsksKind, psksKind } from '../../domain/registry/ppks-psks.ts';

export interface PsksContact {
  kind: string;
  nik: string | null;
  phone: string | null;
  email: string | null;
}

export interface PsksCheckResult {
  errors: FieldIssue[];
  warnings: FieldIssue[];
  /** Normalised phone and email, and the institution flag of the kind. */
  values: { phone: string | null; email: string | null; isInstitution: boolean };
}

export function checkPsksFields(
  after: PsksContact,
  changed: { kind: boolean; nik: boolean; phone: boolean; email: boolean },
  ctx: { now: Date; isKnownDistrict: (code: string) => boolean },
): PsksCheckResult {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const kind = isPsksKind(after.kind) ? psksKind(after.kind) : undefined;
  if (!kind) {
    errors.push(issue('kind', 'psks.unknown_kind', { kind: after.kind }));
  }
  if (after.nik !== null && kind?.isInstitution && (changed.kind || changed.nik)) {
    errors.push(issue('nik', 'psks.nik_not_allowed', { kindLabel: kind.label }));
  } else if (after.nik !== null && changed.nik) {
    const parsed = parseNik(after.nik, {
      field: 'nik',
      isKnownDistrict: ctx.isKnownDistrict,
      today: ctx.now,
    });
    warnings.push(...parsed.warnings);
    if (!parsed.ok) errors.push(...parsed.errors);
  }
  let phone = after.phone;
  if (phone !== null && changed.phone) {
    const r = normalizeIndonesianPhone(phone);
    if (r.ok) phone = r.value;
    else errors.push(r.issue);
  }
  let email = after.email;
  if (email !== null && changed.email) {
    const r = normalizeEmail(email);
    if (r.ok) email = r.value;
    else errors.push(r.issue);
  }
  return { errors, warnings, values: { phone, email, isInstitution: kind?.isInstitution ?? false } };
}
