/**
 * How a programme version pays: what a reader needs to tell the meanings of an amount of 0 apart (no cash
 * to the family — PBI-JK's premium goes to BPJS —, or a period whose month is not a payment month). Taken
 * from the version an amount was computed with, never from the version in force: a later version may pay
 * in other months (web/src/pages/recipients/amount-reading.ts reads it).
 */
import type { Benefit } from './document.ts';

export interface Payment {
  /** The benefit's kind: `membership` pays no cash; the others pay cash in `months`. */
  kind: Benefit['kind'];
  /** Months of the year (1–12) in which it pays; empty for a membership. */
  months: number[];
}

export function paymentOf(benefit: Benefit): Payment {
  return { kind: benefit.kind, months: 'schedule' in benefit ? [...benefit.schedule.months] : [] };
}

/** The payment several versions share (e.g. the lists of a period's regencies), or null when they differ. */
export function commonPayment(payments: readonly Payment[]): Payment | null {
  const [first, ...rest] = payments;
  if (!first) return null;
  const same = (p: Payment) => p.kind === first.kind && p.months.join() === first.months.join();
  return rest.every(same) ? first : null;
}
