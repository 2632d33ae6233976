/**
 * When a distribution period's hand-over to PT Pos is complete (docs/distribution.md, "Public figures"): the
 * public statistics publish a period's distribution figures only then, so that a region's allocated count
 * and rupiah are its programmes' recipients (times their tranches) and rupiah — suppressed like them — and
 * never a hidden regency's list plus shown ones while its neighbour's list is still waiting.
 */
import type { BatchState } from './states.ts';

/** A regency's approved recipients list of one programme (in the period considered). */
export interface ApprovedList {
  programmeCode: string;
  regencyCode: string;
}

/** A distribution batch of the period: the hand-over of one approved list. */
export interface HandedOverList extends ApprovedList {
  state: BatchState;
}

/**
 * Whether a period's hand-over is complete: every programme distributed in it (one with at least one batch
 * of the period) has a batch in every regency with an approved list of that programme and period, and no
 * batch is still `preparing` (its records and entitlements being written page by page). Programmes with no
 * batch in the period are not being distributed in it and wait for nothing; a period without batches has
 * nothing to hand over.
 */
export function handOverComplete(
  lists: readonly ApprovedList[],
  batches: readonly HandedOverList[],
): boolean {
  if (batches.some((b) => b.state === 'preparing')) return false;
  const key = (l: ApprovedList) => `${l.programmeCode}@${l.regencyCode}`;
  const handedOver = new Set(batches.map(key));
  const distributed = new Set(batches.map((b) => b.programmeCode));
  return lists.every((l) => !distributed.has(l.programmeCode) || handedOver.has(key(l)));
}
