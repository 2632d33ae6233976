/**
 * The HTTP server's deployment settings, read once from the environment (README, "Configuration"). Tests
 * pass overrides through `buildApp(container, { settings })`, e.g. higher rate limits for suites that log in
 * hundreds of times from one address; production code paths are the same.
 */

import { ConfigError } from '../domain/errors.ts';

export interface RateLimits {
  /** Requests per minute of one logged-in account, on every route. */
  account: number;
  /** Requests per minute of one client address without a session (web app files, docs, failed tokens). */
  anonymous: number;
  /** Login attempts per minute of one client address, whatever the username. */
  login: number;
  /** `DCI_RATE_LIMIT`: requests per minute of one DCI partner (its token's client id) on /dci routes. */
  dci: number;
}

export interface HttpSettings {
  /** `TRUST_PROXY=1`: client address and protocol come from `X-Forwarded-For` / `-Proto` (a reverse proxy). */
  trustProxy: boolean;
  /**
   * `TLS=1`: the deployment is only reached over HTTPS (TLS ends at the reverse proxy). Every answer then
   * carries HSTS and the session cookie is `Secure`. Without it, both follow the request's own protocol
   * (`https` when the proxy says so and TRUST_PROXY=1).
   */
  tls: boolean;
  /**
   * `PUBLIC_URL`: the origin users open (`https://dtks.example.go.id`). Cookie-authenticated writes must
   * come from it. Unset: the origin the request was addressed to (its `Host` and protocol).
   */
  publicOrigin: string | null;
  rateLimits: RateLimits;
  /** `REDIS_URL`: rate-limit counters shared by every server process; unset, each process counts alone. */
  redisUrl: string | null;
  /** Key prefix of the counters in Redis (tests use one per run). */
  redisPrefix: string;
  /**
   * `METRICS_TOKEN`: a bearer token that opens `/metrics` from anywhere; without it (or unset) only a direct
   * loopback connection may read the metrics.
   */
  metricsToken: string | null;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { account: 600, anonymous: 300, login: 20, dci: 600 };

export function loadHttpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  return {
    trustProxy: env.TRUST_PROXY === '1',
    tls: env.TLS === '1',
    publicOrigin: env.PUBLIC_URL ? originOf(env.PUBLIC_URL, 'PUBLIC_URL') : null,
    rateLimits: {
      account: positiveInt(env.RATE_LIMIT_ACCOUNT, 'RATE_LIMIT_ACCOUNT', DEFAULT_RATE_LIMITS.account),
      anonymous: positiveInt(env.RATE_LIMIT_ANONYMOUS, 'RATE_LIMIT_ANONYMOUS', DEFAULT_RATE_LIMITS.anonymous),
      login: positiveInt(env.RATE_LIMIT_LOGIN, 'RATE_LIMIT_LOGIN', DEFAULT_RATE_LIMITS.login),
      dci: positiveInt(env.DCI_RATE_LIMIT, 'DCI_RATE_LIMIT', DEFAULT_RATE_LIMITS.dci),
    },
    redisUrl: env.REDIS_URL || null,
    redisPrefix: env.REDIS_PREFIX || 'dtks:rate:',
    metricsToken: env.METRICS_TOKEN || null,
  };
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new ConfigError(
      `${name} must be a whole number of requests per minute (1 or more), got "${value}"`,
    );
  }
  return n;
}

function originOf(url: string, name: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
    return u.origin;
  } catch {
    throw new ConfigError(
      `${name} must be the address users open, like https://dtks.example.go.id, got "${url}"`,
    );
  }
}
