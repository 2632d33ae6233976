import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMMES } from '../../../../src/domain/programmes/defaults.ts';
import { paymentOf } from '../../../../src/domain/programmes/payment.ts';
import { readAmount } from './amount-reading.ts';

const payment = (code: string) => paymentOf(DEFAULT_PROGRAMMES.find((d) => d.code === code)!.benefit);

describe('readAmount', () => {
  it('reads a paid amount as the amount', () => {
    expect(readAmount(375_000, { payment: payment('PKH'), period: '2026-04' })).toEqual({
      kind: 'amount',
      amount: 375_000,
    });
  });

  it('reads PBI-JK as no cash to the family, in any month', () => {
    for (const period of ['2026-01', '2026-02']) {
      expect(readAmount(0, { payment: payment('PBI_JK'), period })).toEqual({ kind: 'no_cash' });
    }
  });

  it('reads PKH outside its tranche months as not a payment month, naming the months', () => {
    expect(readAmount(0, { payment: payment('PKH'), period: '2026-05' })).toEqual({
      kind: 'not_payment_month',
      months: [1, 4, 7, 10],
    });
  });

  it('reads a household that does not receive as not receiving, before the programme', () => {
    expect(readAmount(0, { payment: payment('PBI_JK'), period: '2026-04', receiving: false })).toEqual({
      kind: 'not_receiving',
    });
  });

  it('reads a proposal being computed as not known yet, whatever its amount so far', () => {
    expect(readAmount(0, { pending: true })).toEqual({ kind: 'pending' });
    expect(readAmount(10_000, { pending: true })).toEqual({ kind: 'pending' });
  });

  it('keeps a 0 it cannot explain as a plain 0 (a payment month, unknown programme)', () => {
    expect(readAmount(0, { payment: payment('PKH'), period: '2026-04' })).toEqual({ kind: 'zero' });
    expect(readAmount(0, { period: '2026-05' })).toEqual({ kind: 'zero' });
    expect(readAmount(0, { payment: null, period: '2026-05' })).toEqual({ kind: 'zero' });
  });

  it('reads the months of the version the amount was computed with, whatever pays now', () => {
    // A version that paid every month: May was a payment month then, so its 0 is no "not a payment month".
    const monthly = { kind: 'cash_components' as const, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] };
    expect(readAmount(0, { payment: monthly, period: '2026-05' })).toEqual({ kind: 'zero' });
    const halfYearly = { kind: 'cash_monthly' as const, months: [6, 12] };
    expect(readAmount(0, { payment: halfYearly, period: '2026-04' })).toEqual({
      kind: 'not_payment_month',
      months: [6, 12],
    });
  });
});
