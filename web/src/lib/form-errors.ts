/** Maps the API's field issues (`members.2.nik`) onto the inputs of a form. */
import { ApiError, type ProblemIssue } from '../api/client.ts';

export type FieldErrors = Record<string, string[]>;

function collect(issues: ProblemIssue[], prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    if (prefix && !i.field.startsWith(prefix)) continue;
    const key = i.field.slice(prefix.length);
    out[key] = [...(out[key] ?? []), i.message];
  }
  return out;
}

/** Errors per field path, relative to `prefix` (e.g. `member.` for the add-member request). */
export function fieldErrors(err: unknown, prefix = ''): FieldErrors {
  if (!(err instanceof ApiError) || err.onlyWarnings) return {};
  return collect(
    err.issues.filter((i) => i.severity === 'error'),
    prefix,
  );
}

/** Warnings per field path, for the confirmation step. */
export function fieldWarnings(err: unknown, prefix = ''): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  return collect(
    err.issues.filter((i) => i.severity === 'warning'),
    prefix,
  );
}

/** Restricts a map to the fields under `prefix` (e.g. one member row), with the prefix removed. */
export function under(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, list] of Object.entries(errors)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = list;
  }
  return out;
}

/** Merges client-side checks with the server's answer. */
export function mergeErrors(...maps: FieldErrors[]): FieldErrors {
  const out: FieldErrors = {};
  for (const map of maps) {
    for (const [key, list] of Object.entries(map)) out[key] = [...(out[key] ?? []), ...list];
  }
  return out;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((list) => list.length > 0);
}

/** Client-side problems as an ApiError, so the summary and the inline messages treat both alike. */
export function clientError(errors: FieldErrors, detail: string): ApiError {
  return new ApiError(400, {
    code: 'client.invalid',
    detail,
    errors: Object.entries(errors).flatMap(([field, messages]) =>
      messages.map((message) => ({ field, code: 'client.invalid', message, severity: 'error' })),
    ),
  });
}
