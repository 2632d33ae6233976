import { describe, expect, it } from 'vitest';
import { household, member } from '../../../test/factories/programme-facts.ts';
import { DEFAULT_BPNT, DEFAULT_PKH, provincialElderlyAllowance } from '../programmes/defaults.ts';
import { evaluateProgramme } from '../programmes/evaluate.ts';
import type { HouseholdFacts } from '../programmes/facts.ts';
import { exclusionCodes, outcomeOf, outOfTarget, targetDecile } from './outcome.ts';

const ctx = { period: '2026-04', minimumWage: 2_474_000 };
const deciles = (d: number | null) => ({ national: d, province: d, regency: d });
/** A poor family with a child in junior secondary school (a PKH component). */
const family = (over: Partial<HouseholdFacts> = {}) =>
  household({
    deciles: deciles(2),
    members: [
      member({ relationship: 1, age: 45, sex: 'M' }),
      member({ relationship: 3, age: 14, schoolParticipation: 1, educationLevel: 4 }),
    ],
    ...over,
  });
const outcome = (doc: typeof DEFAULT_PKH, h: HouseholdFacts) =>
  outcomeOf(doc, h, evaluateProgramme(doc, h, ctx));

describe('the outcome of a household in a proposal', () => {
  it('is a candidate when the programme gives it something', () => {
    expect(outcome(DEFAULT_PKH, family())).toBe('candidate');
    expect(outcome(DEFAULT_BPNT, family())).toBe('candidate');
  });

  it('is excluded when it would receive but an exclusion holds, with the codes', () => {
    const h = family({
      members: [
        member({ relationship: 1, age: 45, sex: 'M', employerType: 1 }),
        member({ relationship: 3, age: 14, schoolParticipation: 1, educationLevel: 4 }),
      ],
    });
    const ev = evaluateProgramme(DEFAULT_PKH, h, ctx);
    expect(outcomeOf(DEFAULT_PKH, h, ev)).toBe('excluded');
    expect(exclusionCodes(ev)).toEqual(['EMPLOYER']);
  });

  it('is out of target when its decile in the programme scope is above the target (or unknown)', () => {
    expect(outcome(DEFAULT_PKH, family({ deciles: deciles(5) }))).toBe('out_of_target');
    expect(outcome(DEFAULT_BPNT, family({ deciles: deciles(5) }))).toBe('candidate');
    expect(outcome(DEFAULT_PKH, family({ deciles: null }))).toBe('out_of_target');
    expect(targetDecile(DEFAULT_PKH, deciles(3))).toBe(3);
  });

  it('names a family without a PKH component by its exclusion code', () => {
    const h = family({ members: [member({ relationship: 1, age: 45, sex: 'M' })] });
    const ev = evaluateProgramme(DEFAULT_PKH, h, ctx);
    expect(outcomeOf(DEFAULT_PKH, h, ev)).toBe('excluded');
    expect(exclusionCodes(ev)).toEqual(['NO_COMPONENT']);
  });

  it('records a household outside the target by the line the evaluation gives it, without evaluating', () => {
    const h = family({ deciles: deciles(5) });
    const line = evaluateProgramme(DEFAULT_PKH, h, ctx).reasons[0];
    expect(line).toEqual({
      code: 'programme.why.decile_out',
      params: { scope: 'national', decile: 5, min: 1, max: 4 },
    });
    expect(outOfTarget(DEFAULT_PKH, h)).toEqual([line]);
    expect(outOfTarget(DEFAULT_PKH, { provinceCode: '33', deciles: null })).toEqual([
      { code: 'programme.why.not_ranked', params: {} },
    ]);
    expect(outOfTarget(DEFAULT_BPNT, h)).toBeNull();
    // A provincial programme: in its province by the province's decile; outside it, evaluated (which says so).
    const own = provincialElderlyAllowance('33');
    const poorInProvince = { national: 8, province: 2, regency: 2 };
    expect(outOfTarget(own, { provinceCode: '33', deciles: poorInProvince })).toBeNull();
    expect(outOfTarget(own, { provinceCode: '33', deciles: deciles(4) })).toHaveLength(1);
    expect(outOfTarget(own, { provinceCode: '35', deciles: deciles(4) })).toBeNull();
  });
});
