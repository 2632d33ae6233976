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
