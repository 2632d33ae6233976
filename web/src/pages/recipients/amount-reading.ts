/**
 * What an amount cell of a recipients list says. The amount is the rupiah paid in the period, so 0 has
 * several meanings a Dinas Sosial reader must tell apart from an error: the household does not receive, the
 * programme pays no cash (PBI-JK: the premium goes to BPJS), the period's month is not a payment month (PKH
 * pays in January, April, July, October), or the amount is not known yet (a proposal being computed).
 * The payment is the one of the programme version the amount was computed with (the API gives it with each
 * amount), never the version in force: a later version may pay in other months or differently.
 * Pure: the words are chosen by the caller's dictionary.
 */

import type { Payment } from '../../../../src/domain/programmes/payment.ts';

export type AmountReading =
  | { kind: 'amount'; amount: number }
  /** Receives nothing in this list (an outcome other than a candidate's, a stopped recipient). */
  | { kind: 'not_receiving' }
  /** No cash to the family: the programme is a membership (PBI-JK). */
  | { kind: 'no_cash' }
  /** Nothing is paid in this period's month; `months` are the payment months (1–12). */
  | { kind: 'not_payment_month'; months: number[] }
  /** Not known yet (computing). */
  | { kind: 'pending' }
  /** 0 for no reason the list can tell. */
  | { kind: 'zero' };

export function readAmount(
  amount: number,
  context: {
    /** How the version the amount was computed with pays; null when unknown (lists of differing versions). */
    payment?: Payment | null | undefined;
    /** The period `YYYY-MM` the amount is for. */
    period?: string | undefined;
    /** False when the row does not receive (candidate review, history); omitted for recipients. */
    receiving?: boolean;
    /** True while the amount is still being computed. */
    pending?: boolean;
  },
): AmountReading {
  if (context.pending) return { kind: 'pending' };
  if (amount > 0) return { kind: 'amount', amount };
  if (context.receiving === false) return { kind: 'not_receiving' };
  const payment = context.payment;
  if (payment?.kind === 'membership') return { kind: 'no_cash' };
  const month = context.period ? Number(context.period.slice(5, 7)) : Number.NaN;
  const months = payment?.months;
  if (months?.length && month >= 1 && month <= 12 && !months.includes(month)) {
    return { kind: 'not_payment_month', months };
  }
  return { kind: 'zero' };
}
