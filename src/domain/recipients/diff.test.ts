import { describe, expect, it } from 'vitest';
import { diffRecipients, type Evaluated } from './diff.ts';

describe('recipient diff against the previous approved period', () => {
  const previous = [
    { householdId: 'a', amount: 600_000 },
    { householdId: 'b', amount: 600_000 },
    { householdId: 'c', amount: 200_000 },
    { householdId: 'd', amount: 200_000 },
    { householdId: 'e', amount: 200_000 },
    { householdId: 'f', amount: 200_000 },
    { householdId: 'g', amount: 200_000 },
  ];
  const current = [
    { householdId: 'x', amount: 200_000 },
    { householdId: 'a', amount: 975_000 },
  ];
  const evaluated = new Map<string, Evaluated>([
    ['a', { outcome: 'candidate', codes: [] }],
    ['b', { outcome: 'excluded', codes: ['EMPLOYER', 'MIN_WAGE'] }],
    ['c', { outcome: 'out_of_target', codes: [] }],
    ['d', { outcome: 'ineligible', codes: [] }],
    ['e', { outcome: 'not_eligible', codes: [] }],
    ['g', { outcome: 'candidate', codes: [] }],
    ['x', { outcome: 'candidate', codes: [] }],
  ]);

  it('names new, continuing (with the amount before) and stopped households with their reason', () => {
    const d = diffRecipients(previous, current, evaluated);
    expect(d.new).toEqual([{ householdId: 'x', amount: 200_000 }]);
    expect(d.continuing).toEqual([{ householdId: 'a', amount: 975_000, previousAmount: 600_000 }]);
    expect(d.stopped).toEqual([
      { householdId: 'b', previousAmount: 600_000, reason: 'excluded', codes: ['EMPLOYER', 'MIN_WAGE'] },
      { householdId: 'c', previousAmount: 200_000, reason: 'out_of_target', codes: [] },
      { householdId: 'd', previousAmount: 200_000, reason: 'ineligible', codes: [] },
      { householdId: 'e', previousAmount: 200_000, reason: 'not_eligible', codes: [] },
      // Not evaluated at all: no longer in the determined DTKS.
      { householdId: 'f', previousAmount: 200_000, reason: 'not_in_dtks', codes: [] },
      // Still a candidate but left out of the approved list.
      { householdId: 'g', previousAmount: 200_000, reason: 'not_eligible', codes: [] },
    ]);
  });

  it('makes everyone new when there is no previous period', () => {
    const d = diffRecipients([], current, evaluated);
    expect(d.new.map((r) => r.householdId)).toEqual(['a', 'x']);
    expect(d.continuing).toEqual([]);
    expect(d.stopped).toEqual([]);
  });
});
