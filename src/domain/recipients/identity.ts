/**
 * How a proposal names a household: the KK number of its version snapshot and the name of its head — the
 * first member with relationship 1 among ALL members of that snapshot (removed ones too), else the first
 * member; empty strings when absent. Not `households.head_name` (the first *active* member). The ranking
 * stores both with each household's result (it decodes the same version), so a computation decodes a
 * snapshot only for the households a programme evaluates (src/modules/recipients/recipients.evaluate.ts).
 */
export interface HouseholdIdentity {
  kkNumber: string;
  headName: string;
}

export function identityOf(household: {
  kkNumber?: string | null;
  members: readonly { relationship?: number | null; name?: string | null }[];
}): HouseholdIdentity {
  const head = household.members.find((m) => m.relationship === 1) ?? household.members[0];
  return { kkNumber: household.kkNumber ?? '', headName: head?.name ?? '' };
}
