import { describe, expect, it } from 'vitest';
import { canonicalRecord, cleaningFindings, isUnchangedResend } from './cleaning.ts';

const rec = {
  headName: 'Siti Aminah',
  kkNumber: '3204010101900001',
  address: 'Jl. Melati 3',
  rt: '3',
  rw: '2',
};

describe('isUnchangedResend', () => {
  it('refuses a re-send that only differs in spacing, case or RT/RW zero padding', () => {
    expect(isUnchangedResend(rec, { ...rec, headName: ' SITI  aminah', rt: '003', rw: '02' })).toBe(true);
  });
  it('accepts a re-send that completes or corrects a field', () => {
    expect(isUnchangedResend({ ...rec, rt: '' }, rec)).toBe(false);
    expect(isUnchangedResend(rec, { ...rec, address: 'Jl. Melati 5' })).toBe(false);
    expect(canonicalRecord(rec)).not.toBe(canonicalRecord({ ...rec, kkNumber: '3204010101900002' }));
  });
});

describe('cleaningFindings', () => {
  it('finds a missing address, RT/RW and a malformed KK', () => {
    expect(cleaningFindings(rec)).toEqual([]);
    expect(cleaningFindings({ ...rec, address: ' ', rt: '0', kkNumber: '12' })).toEqual([
      'ADDRESS_MISSING',
      'RT_RW_MISSING',
      'KK_INVALID',
    ]);
  });
});
