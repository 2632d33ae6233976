/**
 * Every error a user can cause carries a stable code (`nik.invalid_date`), an Indonesian and an English
 * message, and, for validation, the field it concerns. HTTP renders these as RFC 9457 problem+json, the CLI
 * prints them, the web app shows them inline. Pure: no I/O, runs in the browser too.
 */
import {
  type ArgsOf,
  type Lang,
  type MESSAGES,
  type MessageArgs,
  type MessageCode,
  message,
  type ParamValue,
  perLang,
  type Text,
} from './catalogue.ts';

export type { Lang, MessageCode, Text };

export type Severity = 'error' | 'warning';

/** One problem with one field. `field` is a dotted path in the request (`members.2.nik`). */
export interface FieldIssue {
  field: string;
  code: MessageCode;
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

export interface AppErrorOptions {
  issues?: FieldIssue[];
  /** Extra members of the problem document (e.g. `currentState`, `allowed`, `currentVersion`). */
  extra?: Record<string, unknown>;
  /** Replaces the code's own text, only with one composed of catalogue texts (validationError's list). */
  detail?: Text;
}

/** The arguments after the code: its parameters (required when its text has any), then options. */
export type AppErrorArgs<C extends MessageCode> = [...MessageArgs<C>, opts?: AppErrorOptions];

export class AppError<C extends MessageCode = MessageCode> extends Error {
  readonly kind: ErrorKind;
  readonly code: C;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The code's catalogue text with its parameters, in both languages. */
  readonly text: Text;
  readonly issues: FieldIssue[];
  readonly extra: Record<string, unknown>;

  constructor(kind: ErrorKind, code: C, ...args: AppErrorArgs<C>) {
    const [params, opts = {}] = args as unknown as [
      Record<string, ParamValue> | undefined,
      AppErrorOptions | undefined,
    ];
    const text =
      opts.detail ?? (message as (c: MessageCode, p?: Record<string, ParamValue>) => Text)(code, params);
    super(text.en);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.params = params ?? {};
    this.text = text;
    this.issues = opts.issues ?? [];
    this.extra = opts.extra ?? {};
  }

  get status(): number {
    return statusOfKind[this.kind];
  }
}

/** The arguments after an issue's code: its parameters (required when its text has any), then the severity. */
export type IssueArgs<C extends MessageCode> = [...ArgsOf<typeof MESSAGES, C>, severity?: Severity];

export function issue<C extends MessageCode>(field: string, code: C, ...args: IssueArgs<C>): FieldIssue {
  const [params, severity = 'error'] = args as unknown as [
    Record<string, ParamValue> | undefined,
    Severity | undefined,
  ];
  return {
    field,
    code,
    message: (message as (c: MessageCode, p?: Record<string, ParamValue>) => Text)(code, params),
    severity,
  };
}

/** A request that broke one or more field rules: coded as its first issue, its text lists them all. */
export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  const list = perLang((lang) => issues.map((i) => `${i.field}: ${i.message[lang]}`).join('; '));
  const opts: AppErrorOptions = { issues, detail: message('request.invalid', { issues: list }) };
  return new AppError<MessageCode>(
    'validation',
    first?.code ?? 'request.invalid',
    ...([undefined, opts] as unknown as AppErrorArgs<MessageCode>),
  );
}

/** A code with its text already filled in, for results that carry a problem before it becomes an issue or error. */
export interface CodedText {
  code: MessageCode;
  message: Text;
}

export function coded<C extends MessageCode>(code: C, ...args: MessageArgs<C>): CodedText {
  return { code, message: message(code, ...args) };
}

/** A field issue from a coded text. */
export function issueFrom(field: string, c: CodedText, severity: Severity = 'error'): FieldIssue {
  return { field, code: c.code, message: c.message, severity };
}

/** An error from a coded text, e.g. a file-level problem that is also its only issue. */
export function errorFrom(
  kind: ErrorKind,
  c: CodedText,
  opts: Omit<AppErrorOptions, 'detail'> = {},
): AppError {
  const all: AppErrorOptions = { ...opts, detail: c.message };
  return new AppError<MessageCode>(
    kind,
    c.code,
    ...([undefined, all] as unknown as AppErrorArgs<MessageCode>),
  );
}

/** A problem with an uploaded file as a whole (empty, unreadable header): its one issue is on `(file)`. */
export function fileError(c: CodedText): AppError {
  return errorFrom('validation', c, { issues: [issueFrom('(file)', c)] });
}

/** Outside the caller's territory and absent look the same on purpose. */
export function notFound(what: Text): AppError {
  return new AppError('not_found', 'record.not_found', { what });
}

export function forbidden<C extends MessageCode>(code: C, ...args: MessageArgs<C>): AppError {
  return new AppError('forbidden', code, ...(args as unknown as AppErrorArgs<C>));
}

/** Optimistic concurrency: the client edited an old version. */
export function versionConflict(currentVersion: number): AppError {
  return new AppError(
    'conflict',
    'record.version_conflict',
    { currentVersion },
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
