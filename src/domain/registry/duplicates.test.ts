import { describe, expect, it } from 'vitest';
import { foldName } from '../names/name-fold.ts';
import {
  addressForm,
  findDuplicates,
  type HouseholdForMatch,
  kkOneDigitOff,
  kkOneDigitVariants,
  matchHeadAndAddress,
  matchKk,
  matchPersons,
  type PersonForMatch,
} from './duplicates.ts';

const person = (
  id: string,
  householdId: string,
  name: string,
  birthDate = '1980-01-15',
  regencyCode = '33.07',
) => ({ id, householdId, nameFold: foldName(name), birthDate, regencyCode }) satisfies PersonForMatch;

const household = (
  id: string,
  kkNumber: string,
  head: string,
  address: string,
  villageCode = '33.07.01.2001',
): HouseholdForMatch => ({
  id,
  kkNumber,
  headNameFold: foldName(head),
  addressForm: addressForm(address),
  villageCode,
  regencyCode: villageCode.slice(0, 5),
});

describe('KK numbers one digit off', () => {
  it('holds for exactly one differing digit of the same length', () => {
    expect(kkOneDigitOff('3307011503150001', '3307011503150007')).toBe(true);
    expect(kkOneDigitOff('3307011503150001', '3307011503150001')).toBe(false);
    expect(kkOneDigitOff('3307011503150001', '3307011503150012')).toBe(false);
    expect(kkOneDigitOff('3307011503150001', '330701150315001')).toBe(false);
  });

  it('lists nine variants per position, none equal to the number', () => {
    const v = kkOneDigitVariants('3307011503150001');
    expect(v).toHaveLength(144);
    expect(new Set(v).size).toBe(144);
    expect(v).not.toContain('3307011503150001');
    expect(v.every((x) => kkOneDigitOff(x, '3307011503150001'))).toBe(true);
  });
});

describe('addressForm', () => {
  it('writes out abbreviations and drops number words', () => {
    expect(addressForm('Jl. Merdeka No. 5')).toBe('jalan merdeka 5');
    expect(addressForm('Dsn Krajan nomor 12')).toBe(addressForm('Dusun Krajan 12'));
  });
});

describe('person rule', () => {
  it('pairs alike names born the same day in different households of one regency', () => {
    const c = matchPersons(person('p2', 'h2', 'Siti Aminah'), person('p1', 'h1', 'Sitti Aminah'));
    expect(c).toEqual({
      householdA: 'h1',
      householdB: 'h2',
      personA: 'p1',
      personB: 'p2',
      rule: 'person_name_birth',
      score: 1,
    });
    expect(matchPersons(person('p1', 'h1', 'Suwarno'), person('p2', 'h2', 'Soewarmo'))?.score).toBe(0.857);
  });

  it('does not pair other days, other regencies, one household or unlike names', () => {
    expect(matchPersons(person('p1', 'h1', 'Siti'), person('p2', 'h2', 'Siti', '1980-01-16'))).toBeNull();
    expect(
      matchPersons(person('p1', 'h1', 'Siti'), person('p2', 'h2', 'Siti', '1980-01-15', '33.08')),
    ).toBeNull();
    expect(matchPersons(person('p1', 'h1', 'Siti'), person('p2', 'h1', 'Siti'))).toBeNull();
    expect(matchPersons(person('p1', 'h1', 'Siti Aminah'), person('p2', 'h2', 'Budi Santoso'))).toBeNull();
  });
});

describe('head name and address rule', () => {
  it('pairs alike heads at alike addresses in one village', () => {
    const c = matchHeadAndAddress(
      household('h1', '1', 'Soewarno', 'Dsn Krajan No. 5'),
      household('h2', '2', 'Suwarno', 'Dusun Krajan 5'),
    );
    expect(c).toMatchObject({ householdA: 'h1', householdB: 'h2', rule: 'head_name_address', score: 1 });
  });

  it('needs both the name and the address alike, in the same village', () => {
    expect(
      matchHeadAndAddress(
        household('h1', '1', 'Suwarno', 'Krajan 5'),
        household('h2', '2', 'Suwarno', 'Sidorejo 40'),
      ),
    ).toBeNull();
    expect(
      matchHeadAndAddress(
        household('h1', '1', 'Suwarno', 'Krajan 5'),
        household('h2', '2', 'Budiman', 'Krajan 5'),
      ),
    ).toBeNull();
    expect(
      matchHeadAndAddress(
        household('h1', '1', 'Suwarno', 'Krajan 5'),
        household('h2', '2', 'Suwarno', 'Krajan 5', '33.07.01.2002'),
      ),
    ).toBeNull();
  });
});

describe('KK rule', () => {
  it('pairs KK numbers one digit off in one regency', () => {
    expect(
      matchKk(
        household('h2', '3307011503150001', 'Soewarno', 'x'),
        household('h1', '3307011503150004', 'Suwarno', 'y'),
      ),
    ).toMatchObject({ householdA: 'h1', householdB: 'h2', rule: 'kk_one_digit', score: 0.969 });
    expect(
      matchKk(
        household('h1', '3307011503150001', 'Suwarno', 'x'),
        household('h2', '3307011503150004', 'Suwarno', 'y', '33.08.01.2001'),
      ),
    ).toBeNull();
  });

  it('needs the heads to be somewhat alike: families registered one after another are one digit apart', () => {
    expect(
      matchKk(
        household('h1', '3307011503150001', 'Suwarno', 'x'),
        household('h2', '3307011503150002', 'Budi Santoso', 'y'),
      ),
    ).toBeNull();
  });
});

describe('findDuplicates', () => {
  const households = [
    household('h1', '3307011503150001', 'Soewarno Saputro', 'Dsn Krajan No. 5'),
    household('h2', '3307011503150009', 'Suwarno Saputro', 'Dusun Krajan 5'),
    household('h3', '3307012001160042', 'Budi Santoso', 'Dusun Sidorejo 1'),
    household('h4', '3307019999990000', 'Wahyuni', 'Dusun Krajan 7', '33.07.01.2002'),
  ];
  const people = [
    person('p1', 'h1', 'Siti Aminah', '1985-07-02'),
    person('p2', 'h2', 'Sitti Aminah', '1985-07-02'),
    person('p3', 'h3', 'Siti Aminah', '1990-01-01'),
    person('p4', 'h4', 'Siti Aminah', '1985-07-02'),
    person('p5', 'h2', 'Suwarno Saputro', '1980-01-15'),
  ];

  it('finds every rule among all records, one candidate per pair and rule, best score', () => {
    const found = findDuplicates(people, households);
    const summary = found.map((c) => `${c.householdA}-${c.householdB}:${c.rule}`).sort();
    expect(summary).toEqual([
      'h1-h2:head_name_address',
      'h1-h2:kk_one_digit',
      'h1-h2:person_name_birth',
      'h1-h4:person_name_birth',
      'h2-h4:person_name_birth',
    ]);
  });

  it('with isNew, compares only pairs that involve a new household', () => {
    const found = findDuplicates(people, households, (id) => id === 'h4');
    expect(found.map((c) => `${c.householdA}-${c.householdB}:${c.rule}`).sort()).toEqual([
      'h1-h4:person_name_birth',
      'h2-h4:person_name_birth',
    ]);
  });

  it('finds nothing among unlike records', () => {
    expect(findDuplicates([people[2]!], [households[2]!, households[3]!])).toEqual([]);
  });
});
