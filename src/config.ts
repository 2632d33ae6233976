/** Deployment configuration from the environment, read once at start. Tests pass overrides. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseProbeLimit } from './domain/access/identity.ts';
import { type ProposalWindow, parseWindow } from './domain/cycle/period.ts';
import {
  type ChallengeMode,
  type PublicLimits,
  parseChallengeMode,
  parsePublicLimits,
} from './domain/public/abuse.ts';
import { chatSecretsFrom } from './domain/public/chat.ts';
import { parseMinCell } from './domain/public/suppression.ts';
import type { ReportSla } from './domain/reports/reports.ts';
import { parseReportLimits, parseReportSla, type ReportLimits } from './domain/reports/settings.ts';
import { type CodeSender, codeSenderFromEnv } from './modules/citizen/code-sender.ts';
import { type DukcapilHttpConfig, dukcapilHttpFromEnv } from './modules/dukcapil/dukcapil.http-adapter.ts';
import { type WalimSettings, walimFromEnv } from './modules/public/walim.outbox.ts';

export interface Config {
  /** Files: the default SQLite database and content-addressed attachments (`blobs/`). */
  dataDir: string;
  /** Days of the month on which proposals may be submitted (PROPOSAL_WINDOW, default 15-24). */
  proposalWindow: ProposalWindow;
  /** Refused NIKs/KK numbers held outside the territory one user may collect per rolling hour (IDENTITY_PROBE_LIMIT, default 20). */
  identityProbeLimit: number;
  /** Where the audit log's keys live (KEY_DIR); default `<dataDir>/keys` (src/modules/audit/audit.keys.ts). */
  keyDir?: string;
  /** The audit chain's HMAC key from the environment (AUDIT_HMAC_KEY), instead of a file under keyDir. */
  auditHmacKey?: string;
  /**
   * Hours a job's result file (an export to download) is kept after the job ends (EXPORT_TTL_HOURS,
   * default 24); then it is removed and its download answers that it expired.
   */
  exportTtlHours?: number;
  /** Cek Bansos / WALIM: when a proof of work is asked (PUBLIC_CHALLENGE, default adaptive). */
  publicChallenge?: ChallengeMode;
  /** Cek Bansos / WALIM: checks per hour per client, NIK and village (PUBLIC_LIMIT_*). */
  publicLimits?: PublicLimits;
  /** Days the public check log keeps a row (PUBLIC_CHECK_RETENTION_DAYS, default 90). */
  publicCheckRetentionDays?: number;
  /** Public statistics: a cell counting fewer households is hidden (PUBLIC_STATS_MIN_CELL, default 10). */
  publicStatsMinCell?: number;
  /** The public portal's HMAC key (PUBLIC_HMAC_KEY), instead of `KEY_DIR/public-hmac.key`. */
  publicHmacKey?: string;
  /** WALIM webhooks: provider → shared secret (CHAT_WEBHOOK_SECRET_<PROVIDER>). */
  chatWebhookSecrets?: Record<string, string>;
  /** WALIM over WhatsApp: how replies leave (WALIM_SENDER, WHATSAPP_*), retries (WALIM_SEND_*); walim.outbox.ts. */
  walim?: WalimSettings;
  /** REDIS_URL: the public limits' counters shared by every server process (else counted per process). */
  redisUrl?: string;
  /** Where citizens' one-time codes go (CODE_SENDER=log|smtp, SMTP_*; src/modules/citizen/code-sender.ts). */
  codeSender?: CodeSender;
  /** Laporan: reports and tracking look-ups per hour (REPORT_LIMIT_*, REPORT_CHALLENGE_AFTER). */
  reportLimits?: ReportLimits;
  /** Laporan SLA: working days to triage, days to the first public reply (REPORT_SLA_*). */
  reportSla?: ReportSla;
  /** The civil registry's HTTP service for Dukcapil matching (DUKCAPIL_URL, DUKCAPIL_TOKEN, DUKCAPIL_*; docs/dukcapil-adapter.md). */
  dukcapilHttp?: DukcapilHttpConfig;
  /**
   * INSTALLATION_MODE=online|offline (default online): only an offline installation (a kecamatan laptop)
   * imports a `working-set` bundle, which writes the registry's households as the online registry sent them.
   */
  installationMode?: 'online' | 'offline';
  /** DCI_ALLOW_PRIVATE_CALLBACKS=1: DCI callbacks may go to IP literals and loopback names (tests, the conformance suite). */
  dciAllowPrivateCallbacks?: boolean;
  /**
   * DCI callbacks (jobs of kind `dci.callback`): attempts in all (DCI_CALLBACK_ATTEMPTS, default 8) and the
   * first retry's wait, doubled each retry up to 15 minutes (DCI_CALLBACK_BACKOFF_MS, default 10 000).
   */
  dciCallbackRetry?: { attempts: number; backoffMs: number };
  /**
   * Villages whose invitation letters are written at once, each on its own worker thread
   * (INVITATION_THREADS, default the available cores; 1 writes them in the job's own thread).
   */
  invitationThreads?: number;
  /**
   * Threads evaluating bansos proposals (RECIPIENT_THREADS, default one per CPU, at most 4; 0: on the job's
   * own thread). Used by computations of at least 1,000 households; the results are the same either way.
   */
  recipientThreads?: number;
  /** The clock; tests freeze it. */
  now: () => Date;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dataDir: resolve(env.DATA_DIR ?? './data'),
    proposalWindow: parseWindow(env.PROPOSAL_WINDOW, env.PROPOSAL_TIME_ZONE ?? 'Asia/Jakarta'),
    identityProbeLimit: parseProbeLimit(env.IDENTITY_PROBE_LIMIT),
    ...(env.KEY_DIR ? { keyDir: resolve(env.KEY_DIR) } : {}),
    ...(env.AUDIT_HMAC_KEY !== undefined ? { auditHmacKey: env.AUDIT_HMAC_KEY } : {}),
    ...(env.EXPORT_TTL_HOURS ? { exportTtlHours: parseTtlHours(env.EXPORT_TTL_HOURS) } : {}),
    publicChallenge: parseChallengeMode(env.PUBLIC_CHALLENGE),
    publicLimits: parsePublicLimits(env),
    ...(env.PUBLIC_CHECK_RETENTION_DAYS
      ? { publicCheckRetentionDays: parseRetentionDays(env.PUBLIC_CHECK_RETENTION_DAYS) }
      : {}),
    publicStatsMinCell: parseMinCell(env.PUBLIC_STATS_MIN_CELL),
    ...(env.PUBLIC_HMAC_KEY !== undefined ? { publicHmacKey: env.PUBLIC_HMAC_KEY } : {}),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    chatWebhookSecrets: chatSecretsFrom(env),
    walim: walimFromEnv(env),
    codeSender: codeSenderFromEnv(env),
    reportLimits: parseReportLimits(env),
    reportSla: parseReportSla(env),
    ...dukcapilHttpFromEnv(env),
    installationMode: parseInstallationMode(env.INSTALLATION_MODE),
    ...(env.DCI_ALLOW_PRIVATE_CALLBACKS === '1' ? { dciAllowPrivateCallbacks: true } : {}),
    dciCallbackRetry: {
      attempts: wholeNumber(env, 'DCI_CALLBACK_ATTEMPTS', 8, 1, 50),
      backoffMs: wholeNumber(env, 'DCI_CALLBACK_BACKOFF_MS', 10_000, 1, 3_600_000),
    },
    invitationThreads: wholeNumber(env, 'INVITATION_THREADS', availableParallelism(), 1, 64),
    ...(env.RECIPIENT_THREADS ? { recipientThreads: wholeNumber(env, 'RECIPIENT_THREADS', 0, 0, 16) } : {}),
    now: () => new Date(),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return n;
}

function parseInstallationMode(value: string | undefined): 'online' | 'offline' {
  if (value === undefined || value === '' || value === 'online') return 'online';
  if (value === 'offline') return 'offline';
  throw new Error(`INSTALLATION_MODE must be online or offline (got ${value})`);
}

function parseRetentionDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650) {
    throw new Error(
      `PUBLIC_CHECK_RETENTION_DAYS must be a whole number of days from 1 to 3650 (got ${value})`,
    );
  }
  return n;
}

function parseTtlHours(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 365) {
    throw new Error(`EXPORT_TTL_HOURS must be a number of hours above 0 and at most a year (got ${value})`);
  }
  return n;
}
