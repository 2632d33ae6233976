/**
 * What ranking reads of a household: its instrument answers and its members, in the shape the API and the
 * version snapshots carry (flags as booleans, codes as numbers). Only active members count.
 */
export interface RankedMember {
  relationship: number;
  sex: 'M' | 'F';
  birthDate: string;
  status?: 'active' | 'removed';
  disability?: number | null;
  highestDiploma?: number | null;
  occupationSector?: number | null;
  jobStatus?: number | null;
  monthlyIncome?: number | null;
  employerType?: number | null;
}

export interface RankedHousehold {
  members: readonly RankedMember[];
  [field: string]: unknown;
}

export function activeMembers(h: RankedHousehold): RankedMember[] {
  return h.members.filter((m) => m.status === undefined || m.status === 'active');
}

export function headOf(members: readonly RankedMember[]): RankedMember | undefined {
  return members.find((m) => m.relationship === 1) ?? members[0];
}
