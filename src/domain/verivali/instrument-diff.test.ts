import { describe, expect, it } from 'vitest';
import { instrumentDiff } from './instrument-diff.ts';

const baseline = {
  household: {
    kkNumber: '3307011203150001',
    rt: '003',
    rw: '002',
    address: 'Dusun Krajan',
    floorMaterial: 2,
  },
  members: [
    { personId: 'p1', nik: '3307010101800001', name: 'Slamet', relationship: 1, education: 3 },
    { personId: 'p2', nik: '3307014101820002', name: 'Siti', relationship: 2, education: 3 },
  ],
};

describe('instrumentDiff', () => {
  it('finds nothing when the officer recorded what was known (RT 3 = 003, left-out fields)', () => {
    const recorded = {
      household: { ...baseline.household, rt: '3', floorMaterial: undefined },
      members: baseline.members.map((m) => ({ ...m })),
    };
    expect(instrumentDiff(baseline, recorded)).toEqual([]);
  });

  it('lists changed household and member fields, found and missing members', () => {
    const recorded = {
      household: { ...baseline.household, address: 'Dusun Krajan RT 004', rt: '4' },
      members: [
        { ...baseline.members[0]!, education: 4 },
        { nik: '3307010505100003', name: 'Budi', relationship: 3, education: 1 },
      ],
    };
    expect(instrumentDiff(baseline, recorded)).toEqual([
      {
        key: 'household.rt',
        field: 'rt',
        member: null,
        change: 'changed',
        before: '003',
        after: '4',
      },
      {
        key: 'household.address',
        field: 'address',
        member: null,
        change: 'changed',
        before: 'Dusun Krajan',
        after: 'Dusun Krajan RT 004',
      },
      {
        key: 'member.0.education',
        field: 'education',
        member: 'Slamet',
        change: 'changed',
        before: 3,
        after: 4,
      },
      { key: 'member.1', field: 'name', member: 'Budi', change: 'added', before: null, after: 'Budi' },
      { key: 'missing.1', field: 'name', member: 'Siti', change: 'missing', before: 'Siti', after: null },
    ]);
  });

  it('matches members without person ids by NIK (a proposed new household)', () => {
    const proposed = {
      household: { address: 'A' },
      members: [
        { nik: '1', name: 'Ani' },
        { nik: '2', name: 'Adi' },
      ],
    };
    const recorded = {
      household: { address: 'A' },
      members: [
        { nik: '2', name: 'Adi S' },
        { nik: '1', name: 'Ani' },
      ],
    };
    expect(instrumentDiff(proposed, recorded)).toEqual([
      {
        key: 'member.0.name',
        field: 'name',
        member: 'Adi S',
        change: 'changed',
        before: 'Adi',
        after: 'Adi S',
      },
    ]);
  });
});
