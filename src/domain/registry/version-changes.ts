/**
 * The kinds of change a record's version records (`record_versions.change_type`); each is also the verb of
 * the change's audit action (`household.member_add`, `ppks.remove`), which the citizen's "who read my data"
 * shows as a change (src/domain/access/audit-actions.ts, whose test reads these lists).
 */

/** A household's changes through the households service (`household.<change>`). */
export const HOUSEHOLD_CHANGES = [
  'create',
  'update',
  'member_add',
  'member_update',
  'member_remove',
  'remove',
] as const;
export type HouseholdChange = (typeof HOUSEHOLD_CHANGES)[number];

/** A PPKS or PSKS record's changes (`ppks.<change>`, `psks.<change>`). */
export const REGISTER_CHANGES = ['create', 'update', 'remove'] as const;
export type RegisterChange = (typeof REGISTER_CHANGES)[number];

/** The registers whose records change this way, and whose reads are audited as `<register>.<read>`. */
export const REGISTERS = ['ppks', 'psks'] as const;
export type Register = (typeof REGISTERS)[number];

/** How a register record's own reads are audited (`ppks.read`, `ppks.history`; lists as `ppks.list`). */
export const REGISTER_READS = ['read', 'history'] as const;
export type RegisterRead = (typeof REGISTER_READS)[number];
