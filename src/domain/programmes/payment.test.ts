import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMMES } from './defaults.ts';
import { commonPayment, paymentOf } from './payment.ts';

const benefit = (code: string) => DEFAULT_PROGRAMMES.find((d) => d.code === code)!.benefit;

describe('paymentOf', () => {
  it('names the kind and the payment months of a version', () => {
    expect(paymentOf(benefit('PKH'))).toEqual({ kind: 'cash_components', months: [1, 4, 7, 10] });
    expect(paymentOf(benefit('PBI_JK'))).toEqual({ kind: 'membership', months: [] });
  });
});

describe('commonPayment', () => {
  const quarterly = { kind: 'cash_monthly' as const, months: [1, 4, 7, 10] };
  it('is the payment all share, null when they differ or there are none', () => {
    expect(commonPayment([quarterly, { ...quarterly, months: [1, 4, 7, 10] }])).toEqual(quarterly);
    expect(commonPayment([quarterly, { ...quarterly, months: [2, 5, 8, 11] }])).toBeNull();
    expect(commonPayment([quarterly, { kind: 'per_member', months: [1, 4, 7, 10] }])).toBeNull();
    expect(commonPayment([])).toBeNull();
  });
});
