import type { NewHouseholdRow } from '../../src/db/schema/index.ts';
import { foldName, searchForm } from '../../src/domain/names/name-fold.ts';
import type { HouseholdCreate, MemberInput } from '../../src/modules/households/households.schemas.ts';

/** A valid 16-digit NIK for a district (dotted), birth date (YYYY-MM-DD), sex and serial. */
export function makeNik(districtCode: string, birthDate: string, sex: 'M' | 'F', serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 'F' ? 40 : 0);
  return `${districtCode.replaceAll('.', '')}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

export function makeKk(districtCode: string, recorded: string, serial: number): string {
  const [y, m, d] = recorded.split('-');
  return `${districtCode.replaceAll('.', '')}${d}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}

/**
 * A valid household in `villageCode` with a head, a spouse and a child; `n` makes NIKs and the KK unique.
 */
export function makeHousehold(
  villageCode: string,
  n: number,
  overrides: Partial<HouseholdCreate> = {},
): HouseholdCreate {
  const district = villageCode.split('.').slice(0, 3).join('.');
  const serial = 1000 + n * 3;
  const member = (
    m: Partial<MemberInput> & Pick<MemberInput, 'birthDate' | 'sex' | 'relationship' | 'name'>,
    k: number,
  ): MemberInput => ({
    nik: makeNik(district, m.birthDate, m.sex, serial + k),
    birthPlace: 'Wonosobo',
    maritalStatus: m.relationship === 3 ? 1 : 2,
    ...m,
  });
  return {
    kkNumber: makeKk(district, '2015-03-10', 1 + n),
    regionCode: villageCode,
    rw: '2',
    rt: '5',
    address: `Dusun Krajan No. ${n}`,
    floorAreaM2: 36,
    floorMaterial: 9,
    wallMaterial: 4,
    lightingSource: 1,
    electricityPower: 1,
    cookingFuel: 8,
    hasMotorcycle: true,
    hasRefrigerator: false,
    members: [
      member(
        {
          name: `Budi Santoso ${n}`,
          birthDate: '1980-01-15',
          sex: 'M',
          relationship: 1,
          occupationSector: 1,
          jobStatus: 6,
        },
        0,
      ),
      member({ name: `Siti Aminah ${n}`, birthDate: '1985-07-02', sex: 'F', relationship: 2 }, 1),
      member(
        {
          name: `Adi Nugroho ${n}`,
          birthDate: '2010-11-20',
          sex: 'M',
          relationship: 3,
          schoolParticipation: 1,
        },
        2,
      ),
    ],
    ...overrides,
  };
}

/**
 * A `households` row as a repository writes it (no members, no version row), for tests that fill a
 * database below the service — e.g. before a migration (openDbBefore): one active household with
 * `headName` in `villageCode`, its search and fold forms derived as the service derives them.
 */
export function householdRow(r: {
  id: string;
  kkNumber: string;
  headName: string;
  villageCode: string;
  status: 'active' | 'removed';
}): NewHouseholdRow {
  return {
    id: r.id,
    kkNumber: r.kkNumber,
    rw: '001',
    rt: '002',
    address: 'Dusun Sumber',
    latitude: null,
    longitude: null,
    headName: r.headName,
    headNameSearch: searchForm(r.headName),
    headNameFold: foldName(r.headName),
    memberCount: 1,
    provinceCode: r.villageCode.slice(0, 2),
    regencyCode: r.villageCode.slice(0, 5),
    districtCode: r.villageCode.slice(0, 8),
    villageCode: r.villageCode,
    status: r.status,
    removalReason: null,
    removalNote: null,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: null,
  } as NewHouseholdRow;
}
