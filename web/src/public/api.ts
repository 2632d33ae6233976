/**
 * The public pages' HTTP helper: JSON in and out, no cookie, the UI language asked for. A problem+json
 * answer becomes a `PublicApiError` with its code, status and `Retry-After` (seconds), so a page can say
 * "try again in N minutes" without the staff app's catalogue.
 */
import type { Lang } from '../../../src/domain/errors.ts';

export class PublicApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfter: number | null;
  readonly problem: Record<string, unknown>;
  constructor(status: number, problem: Record<string, unknown>, retryAfter: number | null) {
    super(typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.code = typeof problem.code === 'string' ? problem.code : status === 0 ? 'network' : `http.${status}`;
    this.retryAfter = retryAfter;
    this.problem = problem;
  }
}

export async function publicRequest<T>(
  method: 'GET' | 'POST',
  path: string,
  lang: Lang,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/public${path}`, {
      method,
      credentials: 'omit',
      ...(signal ? { signal } : {}),
      headers: {
        accept: 'application/json',
        'accept-language': lang,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new PublicApiError(0, {}, null);
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    throw new PublicApiError(res.status, data, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return data as T;
}
