/**
 * The chain of the update cycle as the seeds describe it (issue 12): village → kecamatan → regency →
 * province → Pusdatin. The two middle steps are settings of the region that takes them:
 * - a regency may have its kecamatan acknowledge every village's signed Berita Acara before its pengesahan
 *   counts it (`kecamatanAcknowledgement`);
 * - a province may review its regencies' submissions before Pusdatin determines them (`provinceReview`),
 *   and forward them automatically `autoForwardDays` days after submission when it has not acted.
 * A region without settings skips the step: the cycle works as it did before the chain. Pure: no I/O.
 */
import { type FieldIssue, issue } from '../errors.ts';
import type { AcknowledgementState, SubmissionAction } from '../lifecycle/machines.ts';

export interface ChainSettings {
  /** Regency: pengesahan includes only Berita Acara its kecamatan acknowledged. */
  kecamatanAcknowledgement: boolean;
  /** Province: a submitted pengesahan waits at the province until forwarded (or returned). */
  provinceReview: boolean;
  /** Province: days after which a submission not yet acted on forwards itself (null: only by hand). */
  autoForwardDays: number | null;
}

export const CHAIN_DEFAULTS: ChainSettings = {
  kecamatanAcknowledgement: false,
  provinceReview: false,
  autoForwardDays: null,
};

export const MAX_AUTO_FORWARD_DAYS = 90;

/** Field issues of a settings change (days are whole days from 1 to 90, or null). */
export function checkChainSettings(input: Partial<ChainSettings>): FieldIssue[] {
  const d = input.autoForwardDays;
  if (d === undefined || d === null) return [];
  if (!Number.isInteger(d) || d < 1 || d > MAX_AUTO_FORWARD_DAYS) {
    return [issue('autoForwardDays', 'chain.invalid_days', { max: MAX_AUTO_FORWARD_DAYS })];
  }
  return [];
}

/** The settings that govern a regency: its own (kecamatan step) and its province's (review, deadline). */
export function effectiveSettings(
  regency: Partial<ChainSettings> | undefined,
  province: Partial<ChainSettings> | undefined,
): ChainSettings {
  return {
    kecamatanAcknowledgement: regency?.kecamatanAcknowledgement ?? CHAIN_DEFAULTS.kecamatanAcknowledgement,
    provinceReview: province?.provinceReview ?? CHAIN_DEFAULTS.provinceReview,
    autoForwardDays: province?.provinceReview ? (province.autoForwardDays ?? null) : null,
  };
}

// ------------------------------------------------------------------ kecamatan

/** The kecamatan's stored decision on a session: which signed scan it judged. */
export interface AcknowledgementRecord {
  state: 'acknowledged' | 'returned';
  signedScanId: string | null;
}

/**
 * Where a signed Berita Acara stands at the kecamatan. A decision holds for the scan it judged: once a
 * returned Berita Acara is signed again (a new scan), it is pending again.
 */
export function acknowledgementState(
  session: { signedScanId: string | null },
  record: AcknowledgementRecord | undefined,
): AcknowledgementState {
  if (!record || record.signedScanId !== session.signedScanId) return 'pending';
  return record.state;
}

/** Whether the regency's pengesahan counts a signed Berita Acara in this state. */
export function countsForPengesahan(settings: ChainSettings, state: AcknowledgementState): boolean {
  return !settings.kecamatanAcknowledgement || state === 'acknowledged';
}

// ------------------------------------------------------------------ province

/**
 * The steps a regency's `submit` takes: to the province, and on to Pusdatin at once when the province does
 * not review.
 */
export function submitSteps(settings: ChainSettings): SubmissionAction[] {
  return settings.provinceReview ? ['submit'] : ['submit', 'forward'];
}

const DAY_MS = 86_400_000;

/** When a submission handed to the province forwards itself (ISO), or null when it waits for a person. */
export function forwardDueAt(settings: ChainSettings, submittedAt: string): string | null {
  if (!settings.provinceReview || settings.autoForwardDays === null) return null;
  return new Date(Date.parse(submittedAt) + settings.autoForwardDays * DAY_MS).toISOString();
}

/** Whether a submission waiting at the province is due to forward itself at `now`. */
export function isForwardDue(submission: { state: string; forwardDueAt: string | null }, now: Date): boolean {
  return (
    submission.state === 'at_province' &&
    submission.forwardDueAt !== null &&
    Date.parse(submission.forwardDueAt) <= now.getTime()
  );
}
