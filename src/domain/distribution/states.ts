/** States and codes of distribution (docs/distribution.md). Pure data, shared with the web app. */

export const DISTRIBUTION_FORMS = ['cash', 'in_kind'] as const;
export type DistributionForm = (typeof DISTRIBUTION_FORMS)[number];

/**
 * A batch is prepared (records being written), sent to the partner, accepted by it once cleaning is done (no
 * record waits for completion; the remaining records become `cleaned`), then closed after reconciliation.
 */
export const BATCH_STATES = ['preparing', 'sent', 'accepted', 'closed'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/**
 * A record is `sent` to the partner, `returned` by it with a reason (the Dinas Sosial worklist), `resent` once
 * completed, and `cleaned` when the partner accepts it (mapped to a point).
 */
export const RECORD_STATES = ['sent', 'returned', 'resent', 'cleaned'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/** The steps kept as versions of a record. */
export const RECORD_STEPS = ['send', 'return', 'resend', 'accept'] as const;
export type RecordStep = (typeof RECORD_STEPS)[number];

/**
 * Whether a KPM can receive: PT Pos accepted the batch (cleaning done) and the KPM's record is `cleaned`. A
 * record waiting for completion (`returned`), or one of a batch still in cleaning, cannot; nor can anything of
 * a `closed` batch (reconciled).
 */
export function acceptedForReceipt(batch: BatchState, record: RecordState): boolean {
  return batch === 'accepted' && record === 'cleaned';
}

/** Allocated (outstanding) until delivered with a receipt, or returned undelivered with a reason. */
export const ENTITLEMENT_STATES = ['allocated', 'delivered', 'returned'] as const;
export type EntitlementState = (typeof ENTITLEMENT_STATES)[number];

/** Why the partner returns a record to the Dinas Sosial while cleaning. */
export const RETURN_REASONS = [
  'ADDRESS_MISSING',
  'RT_RW_MISSING',
  'NIK_NAME_MISMATCH',
  'KK_INVALID',
  'DUPLICATE',
  'DECEASED',
  'MOVED',
  'NOT_FOUND',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** Why an entitlement stays undelivered at the end of the schedule (returned to the treasury / stock). */
export const UNDELIVERED_REASONS = ['NOT_COLLECTED', 'DECEASED', 'MOVED', 'REFUSED', 'NOT_FOUND'] as const;
export type UndeliveredReason = (typeof UNDELIVERED_REASONS)[number];
