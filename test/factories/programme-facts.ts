/**
 * Building blocks for the programme tests (and the recipients tests that use them): a household's facts
 * with sensible defaults, and members by what matters to the rules.
 */
import type { HouseholdFacts, MemberFacts } from '../../src/domain/programmes/facts.ts';

let serial = 0;

export function member(over: Partial<MemberFacts> = {}): MemberFacts {
  serial += 1;
  return {
    personId: `p${serial}`,
    name: `Member ${serial}`,
    age: 35,
    sex: 'F',
    pregnant: false,
    monthlyIncome: null,
    removalReason: null,
    relationship: 2,
    maritalStatus: 2,
    disability: 0,
    chronicIllness: 0,
    schoolParticipation: 2,
    educationLevel: 4,
    highestDiploma: 2,
    occupationSector: 0,
    jobStatus: null,
    employerType: 0,
    ...over,
  };
}

export function household(over: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return {
    householdId: 'h1',
    kkNumber: '3307030101100001',
    regionCode: '33.07.03.2001',
    provinceCode: '33',
    regencyCode: '33.07',
    status: 'active',
    removalReason: null,
    deciles: { national: 2, province: 2, regency: 2 },
    criteria14: 10,
    hasKks: true,
    answers: {},
    members: [member({ relationship: 1, sex: 'M', name: 'Head' })],
    removedMembers: [],
    ineligible: false,
    optedOut: false,
    ...over,
  };
}
