/**
 * Contact details of PSKS workers and institutions. Phone numbers are Indonesian (country code 62): typed as
 * `0812-3456-7890`, `(0286) 321234`, `62812…` or `+62 812…`, stored in one form, `+62` and the national
 * significant number (8–12 digits, never starting with 0), so the same number always looks the same.
 */
import { type FieldIssue, issue } from '../errors.ts';

export type ContactResult = { ok: true; value: string } | { ok: false; issue: FieldIssue };

const SEPARATORS = /[\s().-]/g;
const NATIONAL_NUMBER = /^[1-9][0-9]{7,11}$/;

export function normalizeIndonesianPhone(input: string, field = 'phone'): ContactResult {
  const compact = input.replace(SEPARATORS, '');
  let national: string | null = null;
  if (compact.startsWith('+62')) national = compact.slice(3);
  else if (compact.startsWith('62')) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  if (national === null || !NATIONAL_NUMBER.test(national)) {
    return {
      ok: false,
      issue: issue(field, 'phone.invalid', { input }),
    };
  }
  return { ok: true, value: `+62${national}` };
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A deliverable-looking address (no quoted local parts, no IP literals); the domain is lowercased. */
export function normalizeEmail(input: string, field = 'email'): ContactResult {
  const value = input.trim();
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  const valid =
    at > 0 &&
    value.length <= 254 &&
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => DOMAIN_LABEL.test(l)) &&
    /^[a-z]{2,}$/.test(labels.at(-1)!);
  if (!valid) {
    return {
      ok: false,
      issue: issue(field, 'email.invalid', { input }),
    };
  }
  return { ok: true, value: `${local}@${domain}` };
}
