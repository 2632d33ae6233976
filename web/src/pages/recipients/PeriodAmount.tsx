/**
 * One amount cell of a recipients list: the rupiah paid in the period, or in words why there is none — read
 * with the payment of the programme version the amount was computed with, as the API gives it.
 */

import { rupiah } from '../../../../src/domain/group-digits.ts';
import { MONTHS_EN, MONTHS_ID } from '../../../../src/domain/month-names.ts';
import type { Payment } from '../../../../src/domain/programmes/payment.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { readAmount } from './amount-reading.ts';
import { messages } from './messages.ts';

export function PeriodAmount({
  amount,
  payment,
  period,
  receiving,
  pending,
}: {
  amount: number;
  /** How the version the amount was computed with pays (null: not one way, e.g. totals over versions). */
  payment: Payment | null;
  period: string;
  receiving?: boolean;
  pending?: boolean;
}) {
  const { lang } = useI18n();
  const tx = useText(messages);
  const reading = readAmount(amount, {
    payment,
    period,
    ...(receiving === undefined ? {} : { receiving }),
    ...(pending === undefined ? {} : { pending }),
  });
  switch (reading.kind) {
    case 'amount':
    case 'zero':
      return <>{rupiah(amount, lang)}</>;
    case 'not_receiving':
      return (
        <span title={tx('amount.notReceiving')} data-amount="none">
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">{tx('amount.notReceiving')}</span>
        </span>
      );
    case 'no_cash':
      return <Explained short={tx('amount.noCash')} why={tx('amount.noCashWhy')} />;
    case 'not_payment_month': {
      const names = lang === 'id' ? MONTHS_ID : MONTHS_EN;
      const months = reading.months.map((m) => names[m - 1]).join(', ');
      return (
        <Explained short={tx('amount.notPaymentMonth')} why={tx('amount.notPaymentMonthWhy', { months })} />
      );
    }
    case 'pending':
      return <Explained short={tx('amount.pending')} why={tx('amount.pendingWhy')} />;
  }
}

/** Short words in the cell; the explanation as its title and, for screen readers and touch, beneath. */
function Explained({ short, why }: { short: string; why: string }) {
  return (
    <span title={why} data-amount="none">
      {short}
      <span className="visually-hidden"> — {why}</span>
    </span>
  );
}
