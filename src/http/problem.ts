/** RFC 9457 problem+json documents from AppError, request-validation and framework errors. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { isLabelKey, label, plainLabel, schemaMessage } from '../domain/catalogue.ts';
import {
  AppError,
  type CodedText,
  coded,
  type FieldIssue,
  issue,
  type Lang,
  type Text,
  validationError,
} from '../domain/errors.ts';
import type { DomainIssueParams } from './params.ts';

export const PROBLEM_TYPE_PREFIX = 'urn:dtks:problem:';

/** Fastify's default body limit (src/http/app.ts), for routes that set none. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function requestLang(req: FastifyRequest): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'id') return q;
  const header = req.headers['accept-language'] ?? '';
  return /^en\b/i.test(header) ? 'en' : 'id';
}

export interface ProblemIssue {
  field: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: ProblemIssue[];
  /** The request's id (also its `X-Request-Id` header and in its log lines); set by sendProblem. */
  requestId?: string;
  [extra: string]: unknown;
}

/** The problem document's title per status, from the catalogue's `title.*` labels. */
function title(status: number): Text {
  const key = `title.${status}`;
  return plainLabel(isLabelKey(key) ? key : 'title.500');
}

export function problemFromAppError(err: AppError, req: FastifyRequest): Problem {
  const lang = requestLang(req);
  return {
    type: PROBLEM_TYPE_PREFIX + err.code,
    title: title(err.status)[lang],
    status: err.status,
    detail: err.text[lang],
    code: err.code,
    instance: req.url.split('?')[0]!,
    ...(err.issues.length ? { errors: err.issues.map((i) => localIssue(i, lang)) } : {}),
    ...err.extra,
  };
}

function localIssue(i: FieldIssue, lang: Lang): ProblemIssue {
  return { field: i.field, code: i.code, message: i.message[lang], severity: i.severity };
}

/** Zod issue codes whose reason is zod's own (English) message; the others are built below. */
const OTHER_ZOD_CODES = {
  not_multiple_of: 'request.not_multiple_of',
  invalid_union: 'request.invalid_union',
  invalid_key: 'request.invalid_key',
  invalid_element: 'request.invalid_element',
  custom: 'request.custom',
} as const;

/**
 * The reason for one schema-validation failure in both languages, from the zod issue's own parameters
 * (zod renders its message in English only, so the Indonesian text is built here, never copied from it).
 */
function validationIssue(
  keyword: string,
  field: string,
  params: Record<string, unknown>,
  message: string,
): FieldIssue {
  const unitKey = `unit.${String(params.origin)}`;
  const unit = isLabelKey(unitKey) ? plainLabel(unitKey) : '';
  const expectedKey = `type.${String(params.expected)}`;
  const custom = schemaMessage(message);
  const values = Array.isArray(params.values) ? params.values.map(String).join(', ') : '';
  switch (keyword) {
    case 'invalid_type':
      return issue(field, 'request.invalid_type', {
        expected: isLabelKey(expectedKey) ? plainLabel(expectedKey) : String(params.expected),
      });
    case 'too_big':
      return issue(field, 'request.too_big', { maximum: String(params.maximum), unit });
    case 'too_small':
      // An empty text where one is needed is "required", not "at least 1 characters".
      if (params.origin === 'string' && Number(params.minimum) === 1) return issue(field, 'request.required');
      return issue(field, 'request.too_small', { minimum: String(params.minimum), unit });
    case 'invalid_value':
      return issue(field, 'request.invalid_value', { values: values || message });
    case 'unrecognized_keys':
      return issue(field, 'request.unrecognized_keys');
    case 'invalid_format':
      return issue(field, 'request.invalid_format', { reason: custom ?? message });
    default: {
      const code = OTHER_ZOD_CODES[keyword as keyof typeof OTHER_ZOD_CODES] ?? 'request.custom';
      return issue(field, code, { reason: custom ?? message });
    }
  }
}

/** Translates schema-validation failures into field issues (one per zod issue; unknown keys one each). */
export function issuesFromValidation(err: FastifyError): FieldIssue[] {
  if (!hasZodFastifySchemaValidationErrors(err)) return [];
  const context = err.validationContext;
  return err.validation.flatMap((v) => {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const base = context && context !== 'body' ? (path ? `${context}.${path}` : context) : path || '(body)';
    return fieldIssues(v.keyword, base, v.params as Record<string, unknown>, v.message ?? '');
  });
}

/**
 * The same field issues for a zod error met outside a request (the CLI validating a JSON file against the
 * schema the API's route uses), so both name the same fields with the same reasons.
 */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap(({ path, code, message, ...params }) =>
    fieldIssues(code, path.map(String).join('.') || '(body)', params, message),
  );
}

function fieldIssues(
  keyword: string,
  base: string,
  params: Record<string, unknown>,
  message: string,
): FieldIssue[] {
  // A parameter checked by a domain rule (src/http/params.ts): the domain's code and text, on the name.
  const domain = (params.params as Partial<DomainIssueParams> | undefined)?.domainIssue;
  if (keyword === 'custom' && domain) {
    const name = base.replace(/^(querystring|params|headers)\./, '');
    const field = domain.field?.startsWith(`${name}.`) ? domain.field : name;
    return [{ field, code: domain.code, message: domain.message, severity: 'error' as const }];
  }
  const keys = params.keys as string[] | undefined;
  const fields =
    keyword === 'unrecognized_keys' && keys?.length
      ? keys.map((k) => (base === '(body)' ? k : `${base}.${k}`))
      : [base];
  return fields.map((field) => validationIssue(keyword, field, params, message));
}

/** Sends the problem with the request's id (`requestId`), the one its log lines carry. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // A 429 says when to come back, in seconds (RFC 9110 Retry-After).
  if (problem.status === 429 && typeof problem.retryAfter === 'number') {
    reply.header('retry-after', String(problem.retryAfter));
  }
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({ ...problem, requestId: reply.request.id });
}

export function frameworkProblem(err: FastifyError, req: FastifyRequest): Problem {
  const lang = requestLang(req);
  const instance = req.url.split('?')[0]!;
  const issues = issuesFromValidation(err);
  // Only domain-checked parameters failed: the same answer the domain's own check gives.
  if (issues.length && issues.every((i) => !i.code.startsWith('request.'))) {
    return problemFromAppError(validationError(issues), req);
  }
  if (issues.length) {
    return {
      type: `${PROBLEM_TYPE_PREFIX}request.invalid`,
      title: title(400)[lang],
      status: 400,
      detail: validationError(issues).text[lang],
      code: 'request.invalid',
      instance,
      errors: issues.map((i) => localIssue(i, lang)),
    };
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  const limit = Math.round((req.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT) / 1024 / 1024);
  const known: Record<string, CodedText> = {
    FST_ERR_CTP_BODY_TOO_LARGE: coded('request.too_large', { limit }),
    FST_ERR_CTP_INVALID_MEDIA_TYPE: coded('request.unsupported_media_type', {
      type: (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() || label('none'),
      list: 'application/json',
    }),
    FST_ERR_CTP_EMPTY_JSON_BODY: coded('request.empty_body'),
    FST_ERR_CTP_INVALID_JSON_BODY: coded('request.malformed_json'),
  };
  const { code, message: text } =
    known[err.code] ??
    (err instanceof SyntaxError || (/JSON/.test(err.message) && status === 400)
      ? coded('request.malformed_json')
      : status === 500
        ? coded('server.error')
        : coded('request.rejected', { reason: err.message }));
  return {
    type: PROBLEM_TYPE_PREFIX + code,
    title: title(status)[lang],
    status,
    detail: text[lang],
    code,
    instance,
  };
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
