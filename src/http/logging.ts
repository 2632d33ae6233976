/**
 * Request ids and the server's log. Every request gets an id — a sane incoming `X-Request-Id` (set by a
 * reverse proxy or the caller) or a new UUID — which is echoed in the `X-Request-Id` header, bound to every
 * log line of the request (`requestId`) and put in problem+json answers, so one id ties a user's error report
 * to the log lines behind it.
 *
 * Logs are pino's JSON lines (one object a line, for a log collector); on a terminal, a short readable line
 * instead (`LOG_FORMAT=json|pretty` overrides). Nothing personal reaches a log line: URLs lose their query
 * values, and runs of 16 digits (NIK, KK number) are masked in URLs and error texts. One line per request
 * is written when it completes (method, path, route, status, time).
 */
import { randomUUID } from 'node:crypto';
import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import pino, { type DestinationStream, stdSerializers } from 'pino';

/** What an incoming id may look like: short, printable, no spaces or quotes (it is echoed and logged). */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fastify's `genReqId`: the caller's `X-Request-Id` when sane, else a new UUID. */
export function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** NIKs and KK numbers are 16 digits; a longer run of digits is masked as well. */
const IDENTITY_NUMBER = /\d{16,}/g;

export function maskIdentityNumbers(text: string): string {
  return text.replace(IDENTITY_NUMBER, (m) => '#'.repeat(m.length));
}

/** A URL fit for a log line: the path with identity numbers masked, the query's names without values. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  const path = maskIdentityNumbers(q === -1 ? url : url.slice(0, q));
  if (q === -1) return path;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return names.length
    ? `${path}?${[...new Set(names)].map((n) => `${maskIdentityNumbers(n)}=…`).join('&')}`
    : path;
}

/** Error fields that can carry row values (PostgreSQL's `detail` names the conflicting key's value). */
const VALUE_CARRYING_ERROR_FIELDS = ['detail', 'where', 'parameters', 'params', 'sql', 'query', 'extra'];

function serializeError(err: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stdSerializers.err(err) };
  for (const field of VALUE_CARRYING_ERROR_FIELDS) delete out[field];
  if (typeof out.message === 'string') out.message = maskIdentityNumbers(out.message);
  if (typeof out.stack === 'string') out.stack = maskIdentityNumbers(out.stack);
  return out;
}

export type LogFormat = 'json' | 'pretty';

export function logFormat(
  env: NodeJS.ProcessEnv = process.env,
  tty = Boolean(process.stdout.isTTY),
): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return tty ? 'pretty' : 'json';
}

export interface LoggerOptions {
  level?: string;
  format?: LogFormat;
  /** Where lines go (tests collect them); default stdout. */
  stream?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): FastifyBaseLogger {
  const out: DestinationStream = opts.stream ?? pino.destination(1);
  const destination = (opts.format ?? 'json') === 'pretty' ? prettyStream(out) : out;
  return pino(
    {
      level: opts.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: loggableUrl(req.url) }),
        res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    destination,
  );
}

/**
 * Fastify's request logging, reduced to one line when a request completes (no "incoming request" line): the
 * method, the loggable URL, the matched route, the status and the time. Bound to the request's logger, so it
 * carries `requestId` like every other line of the request.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const fields = {
      method: req.method,
      url: loggableUrl(req.url),
      route: req.routeOptions.url ?? null,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(error ? { err: error } : {}),
    };
    if (error || status >= 500) req.log.error(fields, 'request completed');
    else req.log.info(fields, 'request completed');
  }
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** One pino JSON line as a short line for a person at a terminal. */
export function prettyLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = typeof o.time === 'string' ? o.time.slice(11, 19) : '';
  const level = LEVEL_NAMES[o.level as number] ?? String(o.level);
  const id = typeof o.requestId === 'string' ? ` [${o.requestId.slice(0, 8)}]` : '';
  if (o.msg === 'request completed') {
    return `${time} ${level} ${o.method} ${o.url} ${o.status} ${o.ms} ms${id}`;
  }
  const err = o.err as { type?: string; message?: string } | undefined;
  const detail = err ? ` — ${err.type ?? 'Error'}: ${err.message ?? ''}` : '';
  return `${time} ${level} ${o.msg ?? ''}${detail}${id}`;
}

function prettyStream(out: DestinationStream): DestinationStream {
  return { write: (line: string) => out.write(`${prettyLine(line)}\n`) };
}
