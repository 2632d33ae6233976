/**
 * The civil registry's HTTP service as a Dukcapil adapter (docs/dukcapil-adapter.md): the regency's DTKS
 * NIKs are sent in batches (`POST DUKCAPIL_URL`, bearer token) and each answer gives, for every NIK asked,
 * the Dukcapil record or "not found". Requests are spaced to a rate limit; a timeout, a network failure, a
 * 429 or a 5xx is retried with exponential backoff (honouring Retry-After) and, once the retries are spent,
 * reported as a coded error; any other refusal stops at once. An answer that is not the documented shape
 * (not JSON, a NIK missing, one not asked, one twice) is refused as a whole with the reason; a record of
 * the right shape whose values fail the extract's checks is rejected like a malformed line of a file.
 */
import { z } from 'zod';
import { DUKCAPIL_COLUMNS, readDukcapilRow } from '../../domain/dukcapil/dukcapil.ts';
import { AppError, ConfigError } from '../../domain/errors.ts';
import type { DukcapilAdapter, DukcapilEntry } from './dukcapil.adapter.ts';

export interface DukcapilHttpConfig {
  /** The batch endpoint (DUKCAPIL_URL). */
  url: string;
  /** Sent as `Authorization: Bearer …` (DUKCAPIL_TOKEN). */
  token: string;
  /** Per request (DUKCAPIL_TIMEOUT_MS, default 10,000). */
  timeoutMs: number;
  /** Retries after the first attempt (DUKCAPIL_RETRIES, default 3). */
  retries: number;
  /** The first retry's wait, doubled each time (DUKCAPIL_BACKOFF_MS, default 500). */
  backoffMs: number;
  /** NIKs per request (DUKCAPIL_BATCH, default 100, at most 1,000). */
  batchSize: number;
  /** Requests per second at most (DUKCAPIL_RATE, default 5). */
  ratePerSecond: number;
}

/** Largest answer read (a full batch of 1,000 records is ~300 KB). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/** Longest Retry-After honoured. */
const MAX_RETRY_AFTER_MS = 60_000;

export function dukcapilHttpFromEnv(env: NodeJS.ProcessEnv): { dukcapilHttp?: DukcapilHttpConfig } {
  if (!env.DUKCAPIL_URL) return {};
  let url: URL;
  try {
    url = new URL(env.DUKCAPIL_URL);
  } catch {
    throw new ConfigError(`DUKCAPIL_URL must be an http(s) URL (got ${env.DUKCAPIL_URL})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`DUKCAPIL_URL must be an http(s) URL (got ${env.DUKCAPIL_URL})`);
  }
  // NIKs and the bearer token travel in this request: plain http only when explicitly allowed (a test's mock).
  if (url.protocol === 'http:' && env.DUKCAPIL_ALLOW_HTTP !== '1') {
    throw new ConfigError(
      `DUKCAPIL_URL must use https (got ${env.DUKCAPIL_URL}); DUKCAPIL_ALLOW_HTTP=1 allows http for a test service`,
    );
  }
  if (!env.DUKCAPIL_TOKEN) throw new ConfigError('DUKCAPIL_TOKEN is required with DUKCAPIL_URL');
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got ${raw})`);
    }
    return n;
  };
  return {
    dukcapilHttp: {
      url: url.toString(),
      token: env.DUKCAPIL_TOKEN,
      timeoutMs: int('DUKCAPIL_TIMEOUT_MS', 10_000, 100, 300_000),
      retries: int('DUKCAPIL_RETRIES', 3, 0, 10),
      backoffMs: int('DUKCAPIL_BACKOFF_MS', 500, 0, 60_000),
      batchSize: int('DUKCAPIL_BATCH', 100, 1, 1000),
      ratePerSecond: int('DUKCAPIL_RATE', 5, 1, 1000),
    },
  };
}

const Cell = z.string().max(200);
const DukcapilRecord = z.object(
  Object.fromEntries(DUKCAPIL_COLUMNS.map((c) => [c, Cell])) as Record<
    (typeof DUKCAPIL_COLUMNS)[number],
    typeof Cell
  >,
);
const Answer = z.object({
  results: z.array(
    z.discriminatedUnion('found', [
      z.object({ nik: z.string().max(32), found: z.literal(true), record: DukcapilRecord }),
      z.object({ nik: z.string().max(32), found: z.literal(false) }),
    ]),
  ),
});

const INDEX = Object.fromEntries(DUKCAPIL_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof DUKCAPIL_COLUMNS)[number],
  number
>;

function malformed(reason: string): AppError {
  return new AppError('state', 'dukcapil.adapter_malformed', { reason: reason.slice(0, 300) });
}

/** Reads and checks one answer against the NIKs asked; throws `dukcapil.adapter_malformed` naming why. */
export function readAnswer(body: string, asked: string[]): Map<string, Record<string, string> | null> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw malformed('not JSON');
  }
  const parsed = Answer.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw malformed(`${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const wanted = new Set(asked);
  const out = new Map<string, Record<string, string> | null>();
  for (const r of parsed.data.results) {
    if (!wanted.has(r.nik)) throw malformed(`NIK ${r.nik} was not asked`);
    if (out.has(r.nik)) throw malformed(`NIK ${r.nik} answered twice`);
    if (r.found && r.record.nik.trim() !== r.nik) {
      throw malformed(`the record answered for NIK ${r.nik} holds NIK ${r.record.nik}`);
    }
    out.set(r.nik, r.found ? r.record : null);
  }
  const missing = asked.filter((n) => !out.has(n));
  if (missing.length) throw malformed(`${missing.length} NIK(s) not answered, first ${missing[0]}`);
  return out;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return Math.min(s * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.min(Math.max(0, at - Date.now()), MAX_RETRY_AFTER_MS);
}

/** A client of the batch endpoint: one `lookup` per batch of NIKs, spaced, retried, checked. */
export class DukcapilHttpClient {
  readonly #cfg: DukcapilHttpConfig;
  #nextAt = 0;

  constructor(cfg: DukcapilHttpConfig) {
    this.#cfg = cfg;
  }

  get host(): string {
    return new URL(this.#cfg.url).host;
  }

  async lookup(niks: string[], signal?: AbortSignal): Promise<Map<string, Record<string, string> | null>> {
    const cfg = this.#cfg;
    const requestId = crypto.randomUUID();
    let lastReason = '';
    for (let attempt = 0; attempt <= cfg.retries; attempt++) {
      await this.#gate(signal);
      let wait = cfg.backoffMs * 2 ** attempt;
      try {
        const res = await fetch(cfg.url, {
          method: 'POST',
          // A redirect would carry the NIKs and the token elsewhere: never followed.
          redirect: 'error',
          headers: {
            authorization: `Bearer ${cfg.token}`,
            'content-type': 'application/json',
            accept: 'application/json',
            'x-request-id': requestId,
          },
          body: JSON.stringify({ requestId, niks }),
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(cfg.timeoutMs)])
            : AbortSignal.timeout(cfg.timeoutMs),
        });
        if (res.status === 429 || res.status >= 500) {
          lastReason = `HTTP ${res.status}`;
          wait = Math.max(wait, retryAfterMs(res.headers.get('retry-after')) ?? 0);
          await res.body?.cancel();
        } else if (!res.ok) {
          await res.body?.cancel();
          throw new AppError('state', 'dukcapil.adapter_refused', { status: res.status });
        } else {
          const size = Number(res.headers.get('content-length') ?? 0);
          if (size > MAX_ANSWER_BYTES) throw malformed(`answer of ${size} bytes`);
          const body = await res.text();
          if (body.length > MAX_ANSWER_BYTES) throw malformed(`answer of ${body.length} characters`);
          return readAnswer(body, niks);
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (signal?.aborted) throw signal.reason;
        lastReason =
          err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
            ? `no answer within ${cfg.timeoutMs} ms`
            : `connection failed (${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)})`;
      }
      if (attempt < cfg.retries) await sleep(wait, signal);
    }
    throw new AppError('state', 'dukcapil.adapter_unavailable', {
      attempts: cfg.retries + 1,
      reason: lastReason,
    });
  }

  /** Spaces request starts to the rate limit. */
  async #gate(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.#nextAt);
    this.#nextAt = at + 1000 / this.#cfg.ratePerSecond;
    if (at > now) await sleep(at - now, signal);
  }
}

/** The HTTP service as an adapter: the regency's DTKS NIKs asked batch by batch, in NIK order. */
export function httpAdapter(cfg: DukcapilHttpConfig): DukcapilAdapter {
  const client = new DukcapilHttpClient(cfg);
  return {
    kind: 'http',
    sourceName: `API Dukcapil ${client.host}`,
    async open(ctx) {
      const total = await ctx.dtksCount();
      async function* entries(): AsyncGenerator<DukcapilEntry> {
        let line = 0;
        for await (const niks of ctx.dtksNiks(cfg.batchSize)) {
          const answer = await client.lookup(niks, ctx.signal);
          for (const nik of niks) {
            line++;
            const rec = answer.get(nik)!;
            if (rec === null) {
              yield { kind: 'absent', line, nik };
              continue;
            }
            const read = readDukcapilRow(
              line,
              DUKCAPIL_COLUMNS.map((c) => rec[c]!),
              INDEX,
              ctx,
            );
            yield read.ok
              ? { kind: 'record', row: read.row }
              : { kind: 'rejected', rejected: { line, nik, issues: read.issues } };
          }
        }
      }
      return { entries: entries(), total };
    },
  };
}
