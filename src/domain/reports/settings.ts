/** Report limits and SLA from the environment (REPORT_*), with their defaults. Pure. */
import { ConfigError } from '../errors.ts';
import { DEFAULT_REPORT_SLA, type ReportSla } from './reports.ts';

export interface ReportLimits {
  /** Reports per hour from one client (web address or WALIM sender). */
  client: number;
  /** Reports per hour about one village, from everyone. */
  village: number;
  /** Tracking look-ups per hour from one client. */
  track: number;
  /** Adaptive challenge: reports per hour a web client files before it must solve the proof of work. */
  challengeAfter: number;
}

export const DEFAULT_REPORT_LIMITS: ReportLimits = { client: 5, village: 60, track: 60, challengeAfter: 2 };

function whole(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const x = Number(value);
  if (!Number.isInteger(x) || x < min) {
    throw new ConfigError(`${name} must be a whole number (${min} or more), got "${value}"`);
  }
  return x;
}

export function parseReportLimits(env: Record<string, string | undefined>): ReportLimits {
  return {
    client: whole(env, 'REPORT_LIMIT_CLIENT', DEFAULT_REPORT_LIMITS.client, 1),
    village: whole(env, 'REPORT_LIMIT_VILLAGE', DEFAULT_REPORT_LIMITS.village, 1),
    track: whole(env, 'REPORT_LIMIT_TRACK', DEFAULT_REPORT_LIMITS.track, 1),
    challengeAfter: whole(env, 'REPORT_CHALLENGE_AFTER', DEFAULT_REPORT_LIMITS.challengeAfter, 0),
  };
}

export function parseReportSla(env: Record<string, string | undefined>): ReportSla {
  return {
    triageWorkingDays: whole(env, 'REPORT_SLA_TRIAGE_DAYS', DEFAULT_REPORT_SLA.triageWorkingDays, 1),
    responseDays: whole(env, 'REPORT_SLA_RESPONSE_DAYS', DEFAULT_REPORT_SLA.responseDays, 1),
  };
}
