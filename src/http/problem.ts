/** RFC 9457 problem+json documents from AppError, request-validation and framework errors. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, type FieldIssue, type Lang, type Text, validationError } from '../domain/errors.ts';
import type { DomainIssueParams } from './params.ts';

export const PROBLEM_TYPE_PREFIX = 'urn:dtks:problem:';

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

const TITLES: Record<number, Text> = {
  400: { id: 'Permintaan tidak valid', en: 'Invalid request' },
  401: { id: 'Perlu masuk', en: 'Authentication required' },
  403: { id: 'Tidak diizinkan', en: 'Forbidden' },
  404: { id: 'Tidak ditemukan', en: 'Not found' },
  405: { id: 'Metode tidak diizinkan', en: 'Method not allowed' },
  409: { id: 'Konflik', en: 'Conflict' },
  413: { id: 'Data terlalu besar', en: 'Payload too large' },
  415: { id: 'Jenis konten tidak didukung', en: 'Unsupported media type' },
  429: { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
  500: { id: 'Kesalahan server', en: 'Server error' },
};

export function problemFromAppError(err: AppError, req: FastifyRequest): Problem {
  const lang = requestLang(req);
  return {
    type: PROBLEM_TYPE_PREFIX + err.code,
    title: (TITLES[err.status] ?? TITLES[500]!)[lang],
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

const KEYWORD_TEXT: Record<string, Text> = {
  invalid_type: { id: 'jenis data salah', en: 'wrong type' },
  unrecognized_keys: { id: 'kolom tidak dikenal', en: 'unknown field' },
  too_big: { id: 'terlalu panjang/besar', en: 'too long or too large' },
  too_small: { id: 'terlalu pendek/kecil atau kosong', en: 'too short, too small or empty' },
  invalid_format: { id: 'format salah', en: 'wrong format' },
  invalid_value: { id: 'nilai tidak diizinkan', en: 'value not allowed' },
};

const TYPE_TEXT: Record<string, Text> = {
  string: { id: 'teks', en: 'a string' },
  number: { id: 'angka', en: 'a number' },
  int: { id: 'bilangan bulat', en: 'an integer' },
  boolean: { id: 'true/false', en: 'true/false' },
  object: { id: 'objek', en: 'an object' },
  array: { id: 'daftar (array)', en: 'an array' },
};

/** The custom messages our zod schemas carry (English in the schema), in Indonesian. */
const CUSTOM_MESSAGE_ID: Record<string, string> = {
  'must not contain control characters': 'tidak boleh memuat karakter kontrol',
  'RT/RW: 1–3 digits': 'RT/RW: 1–3 angka',
  'date as YYYY-MM-DD': 'tanggal dengan format YYYY-MM-DD',
  'ISO date or timestamp': 'tanggal atau waktu ISO',
};

/**
 * The reason for one schema-validation failure in both languages, from the zod issue's own parameters
 * (zod renders its message in English only, so the Indonesian text is built here, never copied from it).
 */
function validationText(keyword: string, params: Record<string, unknown>, message: string): Text {
  const label = KEYWORD_TEXT[keyword] ?? { id: 'tidak valid', en: 'invalid' };
  const sizeUnit: Record<string, Text> = {
    string: { id: ' karakter', en: ' characters' },
    array: { id: ' item', en: ' items' },
  };
  const unit = sizeUnit[String(params.origin)] ?? { id: '', en: '' };
  let reason: Text | null = null;
  switch (keyword) {
    case 'invalid_type': {
      const t = TYPE_TEXT[String(params.expected)];
      if (t) reason = { id: `harus ${t.id}`, en: `expected ${t.en}` };
      break;
    }
    case 'too_big':
      reason = { id: `paling banyak ${params.maximum}${unit.id}`, en: `at most ${params.maximum}${unit.en}` };
      break;
    case 'too_small':
      reason = {
        id: `paling sedikit ${params.minimum}${unit.id}`,
        en: `at least ${params.minimum}${unit.en}`,
      };
      break;
    case 'invalid_value': {
      const values = Array.isArray(params.values) ? params.values.map(String).join(', ') : '';
      if (values) reason = { id: `pilihan: ${values}`, en: `allowed: ${values}` };
      break;
    }
    case 'unrecognized_keys':
      return label;
    case 'invalid_format': {
      const id = CUSTOM_MESSAGE_ID[message];
      if (id) reason = { id, en: message };
      break;
    }
  }
  if (reason) return { id: `${label.id}: ${reason.id}`, en: `${label.en}: ${reason.en}` };
  return { id: label.id, en: message ? `${label.en}: ${message}` : label.en };
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
  return fields.map((field) => ({
    field,
    code: `request.${keyword}`,
    message: validationText(keyword, params, message),
    severity: 'error' as const,
  }));
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
      title: TITLES[400]![lang],
      status: 400,
      detail: issues.map((i) => `${i.field}: ${i.message[lang]}`).join('; '),
      code: 'request.invalid',
      instance,
      errors: issues.map((i) => localIssue(i, lang)),
    };
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  const known: Record<string, [string, Text]> = {
    FST_ERR_CTP_BODY_TOO_LARGE: [
      'request.too_large',
      { id: 'Isi permintaan melebihi batas ukuran', en: 'Request body exceeds the size limit' },
    ],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: [
      'request.unsupported_media_type',
      {
        id: 'Jenis konten tidak didukung untuk alamat ini (lihat dokumentasi API di /api/docs)',
        en: 'Unsupported content type for this route (see the API documentation at /api/docs)',
      },
    ],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['request.empty_body', { id: 'Isi JSON kosong', en: 'Empty JSON body' }],
    FST_ERR_CTP_INVALID_JSON_BODY: [
      'request.malformed_json',
      { id: 'JSON tidak valid', en: 'Malformed JSON' },
    ],
  };
  const [code, text] =
    known[err.code] ??
    (err instanceof SyntaxError || (/JSON/.test(err.message) && status === 400)
      ? ['request.malformed_json', { id: 'JSON tidak valid', en: 'Malformed JSON' }]
      : status === 500
        ? [
            'server.error',
            {
              id: 'Terjadi kesalahan di server; sudah dicatat',
              en: 'Something went wrong on the server; it has been logged',
            },
          ]
        : [`request.${(err.code ?? 'invalid').toLowerCase()}`, { id: err.message, en: err.message }]);
  return {
    type: PROBLEM_TYPE_PREFIX + code,
    title: (TITLES[status] ?? TITLES[400]!)[lang],
    status,
    detail: text[lang],
    code,
    instance,
  };
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
