import { describe, expect, it } from 'vitest';
import { type HandedOverList, handOverComplete } from './hand-over.ts';
import type { BatchState } from './states.ts';

const list = (programmeCode: string, regencyCode: string) => ({ programmeCode, regencyCode });
const batch = (programmeCode: string, regencyCode: string, state: BatchState = 'sent'): HandedOverList => ({
  programmeCode,
  regencyCode,
  state,
});

describe('handOverComplete', () => {
  const lists = [list('PKH', '33.07'), list('PKH', '33.08'), list('BPNT', '33.07')];

  it('is complete when every approved list of a distributed programme has its batch', () => {
    expect(handOverComplete(lists, [batch('PKH', '33.07'), batch('PKH', '33.08', 'accepted')])).toBe(true);
    expect(
      handOverComplete(lists, [
        batch('PKH', '33.07', 'closed'),
        batch('PKH', '33.08'),
        batch('BPNT', '33.07'),
      ]),
    ).toBe(true);
  });

  it('is not while a regency’s approved list of a distributed programme has no batch', () => {
    expect(handOverComplete(lists, [batch('PKH', '33.07')])).toBe(false);
    expect(handOverComplete(lists, [batch('PKH', '33.08'), batch('BPNT', '33.07')])).toBe(false);
  });

  it('is not while a batch is still being written', () => {
    expect(handOverComplete(lists, [batch('PKH', '33.07'), batch('PKH', '33.08', 'preparing')])).toBe(false);
    // Even a batch of a list no longer approved, or of a programme otherwise complete.
    expect(handOverComplete([], [batch('PKH', '33.07', 'preparing')])).toBe(false);
  });

  it('waits for no programme without a batch in the period, and a period without batches waits for nothing', () => {
    expect(handOverComplete(lists, [batch('BPNT', '33.07')])).toBe(true);
    expect(handOverComplete(lists, [])).toBe(true);
    expect(handOverComplete([], [])).toBe(true);
  });

  it('does not take one programme’s batch for another’s, nor one regency’s for another’s', () => {
    expect(handOverComplete(lists, [batch('PKH', '33.07'), batch('BPNT', '33.08')])).toBe(false);
    expect(handOverComplete([list('PKH', '33.08')], [batch('PKH', '33.07')])).toBe(false);
  });
});
