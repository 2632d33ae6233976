import { describe, expect, it } from 'vitest';
import { acceptedForReceipt, BATCH_STATES, RECORD_STATES } from './states.ts';

describe('acceptedForReceipt', () => {
  it('is true only for a cleaned record of an accepted batch', () => {
    const yes = BATCH_STATES.flatMap((b) => RECORD_STATES.map((r) => [b, r] as const)).filter(([b, r]) =>
      acceptedForReceipt(b, r),
    );
    expect(yes).toEqual([['accepted', 'cleaned']]);
  });
  it('refuses a returned or re-sent record, and any record of a batch in cleaning or closed', () => {
    expect(acceptedForReceipt('accepted', 'returned')).toBe(false);
    expect(acceptedForReceipt('accepted', 'resent')).toBe(false);
    expect(acceptedForReceipt('sent', 'cleaned')).toBe(false);
    expect(acceptedForReceipt('closed', 'cleaned')).toBe(false);
  });
});
