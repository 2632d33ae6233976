/**
 * DTKS records in the shapes of the social registry's data objects (spdci Group, Member, SRPerson): a
 * household is a Group identified by its KK number, a person a Member identified by NIK (identifier type
 * UIN). Region codes are given as they are (province, regency, district, village).
 */
import type { HouseholdRow, PersonRow } from '../../db/schema/index.ts';
import { isoTimestamp } from '../../db/stored-timestamp.ts';
import type { HouseholdDeciles } from './dci.repository.ts';

const RELATIONSHIP = [
  '',
  'head',
  'spouse',
  'child',
  'child_in_law',
  'grandchild',
  'parent',
  'parent_in_law',
  'household_help',
  'other',
];

export function memberRecord(p: PersonRow, kkNumber?: string) {
  return {
    '@type': 'Member',
    member_identifier: [{ '@type': 'Identifier', identifier_type: 'UIN', identifier_value: p.nik }],
    demographic_info: {
      '@type': 'SRPerson',
      identifier: [{ '@type': 'Identifier', identifier_type: 'UIN', identifier_value: p.nik }],
      name: { '@type': 'Name', given_name: p.name },
      sex: p.sex === 'M' ? 'male' : 'female',
      birth_date: p.birthDate,
      ...(p.birthPlace ? { birth_place: p.birthPlace } : {}),
    },
    relationship_head: RELATIONSHIP[p.relationship] ?? 'other',
    ...(kkNumber ? { group_identifier: kkNumber } : {}),
    location: {
      province: p.provinceCode,
      regency: p.regencyCode,
      district: p.districtCode,
      village: p.villageCode,
    },
    registration_date: isoTimestamp(p.createdAt),
    last_updated: isoTimestamp(p.updatedAt),
    ...(p.status === 'removed' ? { status: 'removed' } : {}),
  };
}

/**
 * A household as a Group. `deciles` (only for a partner with the `dci.decile` scope): its deciles in the
 * latest ranking as the spec's `poverty_score` (the national decile, 1 = poorest tenth) and
 * `poverty_score_type`, with the province and regency deciles and the ranking's period beside them.
 */
export function groupRecord(h: HouseholdRow, members: PersonRow[], deciles?: HouseholdDeciles) {
  const head = members.find((m) => m.relationship === 1) ?? members[0];
  return {
    '@type': 'Group',
    group_identifier: [
      { '@type': 'Identifier', identifier_type: 'HOUSEHOLD_ID', identifier_value: h.kkNumber },
    ],
    group_type: 'household',
    group_size: h.memberCount,
    place: { '@type': 'Place', address: `${h.address}, RT ${h.rt} RW ${h.rw}` },
    location: {
      province: h.provinceCode,
      regency: h.regencyCode,
      district: h.districtCode,
      village: h.villageCode,
    },
    ...(deciles && deciles.national !== null
      ? {
          poverty_score: deciles.national,
          poverty_score_type: 'dtks-decile-national',
          decile_province: deciles.province,
          decile_regency: deciles.regency,
          ranking_period: deciles.period,
        }
      : {}),
    ...(head ? { group_head_info: memberRecord(head) } : {}),
    member_list: members.map((m) => memberRecord(m)),
    registration_date: h.createdAt,
    last_updated: h.updatedAt,
    ...(h.status === 'removed' ? { status: 'removed', removal_reason: h.removalReason } : {}),
  };
}
