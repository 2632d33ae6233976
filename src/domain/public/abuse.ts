/**
 * Abuse limits of the public check (Cek Bansos and WALIM), pure: what is counted, when a client must
 * solve a proof of work first, and when it is refused. Counted per hour (fixed windows):
 * - per client (the web client's address, IPv6 by /64; a chat sender's number);
 * - per NIK (a keyed hash of it: one NIK asked from many clients);
 * - per village (region checks: sweeping a village's names).
 * `PUBLIC_CHALLENGE`: `adaptive` (default) asks for a proof of work once a counter passes its "suspicious"
 * mark; `always` asks every web check; `off` never (a closed network) — the limits apply in every mode.
 */
import { ConfigError } from '../errors.ts';

export type ChallengeMode = 'adaptive' | 'always' | 'off';

export interface PublicLimits {
  /** Checks per hour of one client (PUBLIC_LIMIT_CLIENT). */
  client: number;
  /** Checks per hour of one NIK, from all clients together (PUBLIC_LIMIT_NIK). */
  nik: number;
  /** Region checks per hour of one village, from all clients together (PUBLIC_LIMIT_VILLAGE). */
  village: number;
  /** Adaptive mode: a client past this many checks in the hour must solve a challenge (PUBLIC_CHALLENGE_AFTER). */
  challengeAfter: number;
}

export const DEFAULT_PUBLIC_LIMITS: PublicLimits = { client: 30, nik: 10, village: 120, challengeAfter: 5 };

/** The window every public counter counts in. */
export const PUBLIC_WINDOW_SECONDS = 3600;

export type CounterName = 'client' | 'nik' | 'village';

/** The counts after this check was counted (absent: not counted for this kind of check). */
export type Counts = Partial<Record<CounterName, number>>;

export function parseChallengeMode(value: string | undefined): ChallengeMode {
  if (value === undefined || value === '') return 'adaptive';
  if (value === 'adaptive' || value === 'always' || value === 'off') return value;
  throw new ConfigError(`PUBLIC_CHALLENGE must be adaptive, always or off, got "${value}"`);
}

export function parsePublicLimits(env: Record<string, string | undefined>): PublicLimits {
  const n = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const x = Number(value);
    if (!Number.isInteger(x) || x < 1) {
      throw new ConfigError(`${name} must be a whole number of checks per hour (1 or more), got "${value}"`);
    }
    return x;
  };
  return {
    client: n('PUBLIC_LIMIT_CLIENT', DEFAULT_PUBLIC_LIMITS.client),
    nik: n('PUBLIC_LIMIT_NIK', DEFAULT_PUBLIC_LIMITS.nik),
    village: n('PUBLIC_LIMIT_VILLAGE', DEFAULT_PUBLIC_LIMITS.village),
    challengeAfter: n('PUBLIC_CHALLENGE_AFTER', DEFAULT_PUBLIC_LIMITS.challengeAfter),
  };
}

/** The first counter over its limit, or null. */
export function exceeded(counts: Counts, limits: PublicLimits): CounterName | null {
  for (const name of ['client', 'nik', 'village'] as const) {
    const count = counts[name];
    if (count !== undefined && count > limits[name]) return name;
  }
  return null;
}

/**
 * Whether this check must come with a solved challenge. Adaptive: the client is past its mark, or the NIK
 * or village is being asked about more than a family would (a third of its limit) — one NIK from many
 * clients, a village swept by many.
 */
export function needsChallenge(mode: ChallengeMode, counts: Counts, limits: PublicLimits): boolean {
  if (mode === 'off') return false;
  if (mode === 'always') return true;
  return (
    (counts.client ?? 0) > limits.challengeAfter ||
    (counts.nik ?? 0) > Math.ceil(limits.nik / 3) ||
    (counts.village ?? 0) > Math.ceil(limits.village / 3)
  );
}

/** The abuse report kind of a refusal (staff see these). */
export const ABUSE_KINDS = ['client_limit', 'nik_limit', 'village_limit', 'challenge_failed'] as const;
export type AbuseKind = (typeof ABUSE_KINDS)[number];

export function limitKind(name: CounterName): AbuseKind {
  return `${name}_limit`;
}
