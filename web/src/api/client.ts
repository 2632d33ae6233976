/**
 * The one HTTP client of the web app. It sends the session cookie (set HTTP-only by the login call, so
 * nothing secret lives in script-reachable storage), asks for the UI language, and turns RFC 9457
 * problem+json answers into an `ApiError` carrying the per-field issues forms show inline.
 */
import type { Lang } from '../../../src/domain/errors.ts';
import { purposeHeader, purposeOfPath } from '../lib/purpose.ts';
import { errorText, loadErrorTexts } from './error-texts.ts';

export const API_BASE = '/api/v1';

export interface ProblemIssue {
  /** Dotted path in the request body, e.g. `members.2.nik`. */
  field: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly issues: ProblemIssue[];
  readonly problem: Record<string, unknown>;

  /**
   * Texts come from the shared catalogue by code (in the UI language), the server's only when parameterised.
   * The catalogue loads on demand (`loadErrorTexts`, awaited by `request` and `upload` before they throw).
   */
  constructor(status: number, problem: Record<string, unknown>) {
    const code =
      typeof problem.code === 'string' ? problem.code : status === 0 ? 'network' : `http.${status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`;
    super(errorText(code, detail, language));
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = typeof problem.title === 'string' ? problem.title : '';
    this.issues = Array.isArray(problem.errors)
      ? (problem.errors as ProblemIssue[]).map((i) => ({
          ...i,
          message: errorText(i.code, i.message, language),
        }))
      : [];
    this.problem = problem;
  }

  /** Only warnings: the user may confirm and resend with `confirmWarnings: true`. */
  get onlyWarnings(): boolean {
    return this.issues.length > 0 && this.issues.every((i) => i.severity === 'warning');
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

let language: Lang = 'id';
let onUnauthorized: (() => void) | null = null;
let onWrite: ((path: string) => void) | null = null;

export function setRequestLanguage(lang: Lang): void {
  language = lang;
}

/** The UI language requests are made in (problem texts are shown in it). */
export function requestLanguage(): Lang {
  return language;
}

/** Called on any 401 outside the login call: the session ended, the app goes back to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Told of every successful write (any method but GET) with its path: the data layer forgets what it changed. */
export function setWriteHandler(handler: ((path: string) => void) | null): void {
  onWrite = handler;
}

/** Why the current screen calls the API (audited, shown to citizens): see lib/purpose.ts. */
function screenPurpose(): string {
  return purposeHeader(purposeOfPath(typeof location === 'undefined' ? '/' : location.pathname));
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** An API address with the non-empty query parameters (also used for download links). */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (e.g. a CSV file), with `contentType`. */
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': language,
    'x-purpose': screenPurpose(),
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    body = opts.body;
    if (opts.contentType) headers['content-type'] = opts.contentType;
  }

  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    await loadErrorTexts();
    throw new ApiError(0, { code: 'network', detail: err instanceof Error ? err.message : String(err) });
  }

  if (res.ok && method !== 'GET') onWrite?.(path);
  if (res.status === 204) return undefined as T;
  const isJson = /json/.test(res.headers.get('content-type') ?? '');
  const payload: unknown = isJson ? await res.json().catch(() => null) : await res.text().catch(() => '');
  if (res.ok) return payload as T;

  // Not for a 401: the signed-out first screen must not wait for the catalogue (the server's text is in the
  // request language anyway).
  if (res.status !== 401) await loadErrorTexts();
  const error = new ApiError(res.status, problemOf(res.status, payload));
  if (res.status === 401 && path !== '/auth/login') onUnauthorized?.();
  throw error;
}

function problemOf(status: number, payload: unknown): Record<string, unknown> {
  return payload && typeof payload === 'object'
    ? (payload as Record<string, unknown>)
    : { detail: typeof payload === 'string' && payload ? payload.slice(0, 300) : `HTTP ${status}` };
}

export interface UploadOptions {
  query?: Query;
  contentType?: string;
  /** Called as the body is sent, with the fraction sent (0–1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a file as the raw request body, reporting upload progress (fetch cannot), with the same headers
 * and the same `ApiError` answers as `request`.
 */
export function upload<T>(path: string, file: Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, opts.query));
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('accept-language', language);
    xhr.setRequestHeader('x-purpose', screenPurpose());
    xhr.setRequestHeader('content-type', opts.contentType ?? (file.type || 'application/octet-stream'));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const isJson = /json/.test(xhr.getResponseHeader('content-type') ?? '');
      let payload: unknown = xhr.responseText;
      if (isJson) {
        try {
          payload = JSON.parse(xhr.responseText);
        } catch {
          payload = null;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onWrite?.(path);
        return resolve(payload as T);
      }
      if (xhr.status === 401) onUnauthorized?.();
      void loadErrorTexts().then(() => reject(new ApiError(xhr.status, problemOf(xhr.status, payload))));
    };
    xhr.onerror = () =>
      void loadErrorTexts().then(() => reject(new ApiError(0, { code: 'network', detail: 'upload failed' })));
    xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, json?: unknown, query?: Query) => request<T>('POST', path, { json, query }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  put: <T>(path: string, json: unknown) => request<T>('PUT', path, { json }),
};

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
