/**
 * Every error a user can cause carries a stable code (`nik.invalid_date`), an Indonesian and an English
 * message, and, for validation, the field it concerns. HTTP renders these as RFC 9457 problem+json, the CLI
 * prints them, the web app shows them inline. Pure: no I/O, runs in the browser too.
 */
export type Lang = 'id' | 'en';

export interface Text {
  id: string;
  en: string;
}

export type Severity = 'error' | 'warning';

/** One problem with one field. `field` is a dotted path in the request (`members.2.nik`). */
export interface FieldIssue {
  field: string;
  code: string;
  message: Text;
  severity: Severity;
}

export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'state'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited';

export const statusOfKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  state: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly text: Text;
  readonly issues: FieldIssue[];
  /** Extra members of the problem document (e.g. `currentState`, `allowed`, `currentVersion`). */
  readonly extra: Record<string, unknown>;

  constructor(
    kind: ErrorKind,
    code: string,
    text: Text,
    opts: { issues?: FieldIssue[]; extra?: Record<string, unknown> } = {},
  ) {
    super(text.en);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.text = text;
    this.issues = opts.issues ?? [];
    this.extra = opts.extra ?? {};
  }

  get status(): number {
    return statusOfKind[this.kind];
  }
}

export function issue(field: string, code: string, message: Text, severity: Severity = 'error'): FieldIssue {
  return { field, code, message, severity };
}

/** A request that broke one or more field rules. */
export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  return new AppError(
    'validation',
    first?.code ?? 'request.invalid',
    {
      id: `Data tidak valid: ${issues.map((i) => `${i.field}: ${i.message.id}`).join('; ')}`,
      en: `Invalid data: ${issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`,
    },
    { issues },
  );
}

/** Outside the caller's territory and absent look the same on purpose. */
export function notFound(what: Text): AppError {
  return new AppError('not_found', 'record.not_found', {
    id: `${what.id} tidak ditemukan`,
    en: `${what.en} not found`,
  });
}

export function forbidden(code: string, text: Text): AppError {
  return new AppError('forbidden', code, text);
}

/** Optimistic concurrency: the client edited an old version. */
export function versionConflict(currentVersion: number): AppError {
  return new AppError(
    'conflict',
    'record.version_conflict',
    {
      id: `Data telah diubah orang lain (versi sekarang ${currentVersion}). Muat ulang lalu ulangi perubahan.`,
      en: `The record was changed by someone else (current version ${currentVersion}). Reload and retry.`,
    },
    { extra: { currentVersion } },
  );
}

/** A deployment setting (environment variable) that cannot be used: the process refuses to start. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
