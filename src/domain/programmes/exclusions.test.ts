import { describe, expect, it } from 'vitest';
import { household, member } from '../../../test/factories/programme-facts.ts';
import {
  EXCLUSION_CODES,
  EXCLUSION_LABELS,
  employerExclusions,
  exclusionsOf,
  hasMoved,
  hasNoComponent,
  hasOptedOut,
  isDeceased,
  isIneligible,
  isRemoved,
  minimumWageExclusions,
} from './exclusions.ts';

const ALL = EXCLUSION_CODES;
const codes = (h: ReturnType<typeof household>, minimumWage: number | null = null, componentCount = 1) =>
  exclusionsOf(h, ALL, { minimumWage, componentCount }).map((e) => e.code);

describe('exclusions', () => {
  it('each code has a label in both languages', () => {
    for (const code of EXCLUSION_CODES) {
      expect(EXCLUSION_LABELS[code].id.length, code).toBeGreaterThan(0);
      expect(EXCLUSION_LABELS[code].en.length, code).toBeGreaterThan(0);
    }
  });

  it('EMPLOYER: a member employed by ASN/TNI/Polri/BUMN-BUMD/legislature, or with job status 5', () => {
    const asn = member({ employerType: 1 });
    const legislator = member({ employerType: 5 });
    const oldForm = member({ employerType: null, jobStatus: 5 });
    const privateSector = member({ employerType: 6, jobStatus: 4 });
    expect(employerExclusions(household({ members: [asn, privateSector, legislator, oldForm] }))).toEqual([
      { code: 'EMPLOYER', personId: asn.personId },
      { code: 'EMPLOYER', personId: legislator.personId },
      { code: 'EMPLOYER', personId: oldForm.personId },
    ]);
    expect(employerExclusions(household({ members: [privateSector, member({ employerType: 7 })] }))).toEqual(
      [],
    );
    // A member who left the household does not count.
    expect(employerExclusions(household({ removedMembers: [asn] }))).toEqual([]);
  });

  it('MIN_WAGE: a member earning at least the regional minimum wage; unknown income or wage never excludes', () => {
    const earner = member({ monthlyIncome: 2_500_000 });
    const below = member({ monthlyIncome: 2_499_999 });
    const unknown = member({ monthlyIncome: null });
    const h = household({ members: [below, earner, unknown] });
    expect(minimumWageExclusions(h, 2_500_000)).toEqual([{ code: 'MIN_WAGE', personId: earner.personId }]);
    expect(minimumWageExclusions(h, 2_500_001)).toEqual([]);
    expect(minimumWageExclusions(h, null)).toEqual([]);
    expect(
      minimumWageExclusions(household({ status: 'removed', removalReason: 'member_earns_umr' }), null),
    ).toEqual([{ code: 'MIN_WAGE' }]);
  });

  it('DECEASED: removed as deceased, or every member who left died and nobody is left', () => {
    expect(isDeceased(household({ status: 'removed', removalReason: 'deceased' }))).toBe(true);
    const died = member({ removalReason: 'deceased' });
    expect(isDeceased(household({ members: [], removedMembers: [died] }))).toBe(true);
    expect(
      isDeceased(household({ members: [], removedMembers: [died, member({ removalReason: 'moved_out' })] })),
    ).toBe(false);
    // A widow's household goes on.
    expect(isDeceased(household({ removedMembers: [died] }))).toBe(false);
  });

  it('INELIGIBLE: in the ineligible registry or removed as declared ineligible', () => {
    expect(isIneligible(household({ ineligible: true }))).toBe(true);
    expect(isIneligible(household({ status: 'removed', removalReason: 'declared_ineligible' }))).toBe(true);
    expect(isIneligible(household())).toBe(false);
  });

  it('REMOVED, MOVED, OPTED_OUT: by the removal reason (and the opted-out lookup)', () => {
    expect(isRemoved(household({ status: 'removed', removalReason: 'economic_improvement' }))).toBe(true);
    expect(isRemoved(household({ status: 'removed', removalReason: 'moved_out' }))).toBe(false);
    expect(hasMoved(household({ status: 'removed', removalReason: 'moved_out' }))).toBe(true);
    expect(hasOptedOut(household({ optedOut: true }))).toBe(true);
    expect(hasOptedOut(household({ status: 'removed', removalReason: 'voluntary_withdrawal' }))).toBe(true);
    expect(hasMoved(household())).toBe(false);
    expect(isRemoved(household())).toBe(false);
    expect(hasOptedOut(household())).toBe(false);
  });

  it('NO_COMPONENT: no counted component, or removed for that reason', () => {
    expect(hasNoComponent(household(), 0)).toBe(true);
    expect(hasNoComponent(household(), 2)).toBe(false);
    expect(hasNoComponent(household({ status: 'removed', removalReason: 'no_pkh_component' }), 2)).toBe(true);
  });

  it('lists only the codes the programme applies, in catalogue order', () => {
    const h = household({ optedOut: true, ineligible: true, members: [member({ employerType: 2 })] });
    expect(codes(h)).toEqual(['EMPLOYER', 'INELIGIBLE', 'OPTED_OUT']);
    expect(exclusionsOf(h, ['OPTED_OUT'], { minimumWage: null, componentCount: 1 })).toEqual([
      { code: 'OPTED_OUT' },
    ]);
    expect(codes(household(), null, 0)).toEqual(['NO_COMPONENT']);
    expect(codes(household())).toEqual([]);
  });

  it('a removed household whose reason has a code the programme does not list is still REMOVED', () => {
    const moved = household({ status: 'removed', removalReason: 'moved_out' });
    expect(exclusionsOf(moved, ['REMOVED', 'EMPLOYER'], { minimumWage: null, componentCount: 1 })).toEqual([
      { code: 'REMOVED' },
    ]);
    expect(codes(moved)).toEqual(['MOVED']);
  });
});
