import { describe, expect, it } from 'vitest';
import { diffSnapshots, type HouseholdSnapshot } from './snapshot-diff.ts';

const base: HouseholdSnapshot = {
  kkNumber: '3201010101200001',
  rt: '001',
  version: 1,
  updatedAt: 'a',
  members: [
    { id: 'p1', nik: '3201010101800001', name: 'Budi', status: 'active', maritalStatus: 2 },
    { id: 'p2', nik: '3201014101850002', name: 'Siti', status: 'active', maritalStatus: 2 },
  ],
};

describe('diffSnapshots', () => {
  it('lists everything as added for the first version', () => {
    const d = diffSnapshots(null, base);
    expect(d.membersAdded.map((m) => m.id)).toEqual(['p1', 'p2']);
    expect(d.household.map((c) => c.field)).toEqual(['kkNumber', 'rt']);
  });

  it('reports household field changes but not bookkeeping', () => {
    const d = diffSnapshots(base, { ...base, rt: '002', version: 2, updatedAt: 'b' });
    expect(d.household).toEqual([{ field: 'rt', before: '001', after: '002' }]);
    expect(d.membersChanged).toEqual([]);
  });

  it('reports member changes, additions and removals', () => {
    const next: HouseholdSnapshot = {
      ...base,
      members: [
        { ...base.members[0]!, maritalStatus: 4 },
        { ...base.members[1]!, status: 'removed' },
        { id: 'p3', nik: '3201010101100003', name: 'Adi', status: 'active' },
      ],
    };
    const d = diffSnapshots(base, next);
    expect(d.membersAdded).toEqual([{ id: 'p3', nik: '3201010101100003', name: 'Adi' }]);
    expect(d.membersRemoved).toEqual([{ id: 'p2', nik: '3201014101850002', name: 'Siti' }]);
    expect(d.membersChanged[0]).toEqual({
      id: 'p1',
      nik: '3201010101800001',
      name: 'Budi',
      changes: [{ field: 'maritalStatus', before: 2, after: 4 }],
    });
  });

  it('treats undefined and null alike', () => {
    const d = diffSnapshots({ ...base, latitude: null }, { ...base });
    expect(d.household).toEqual([]);
  });
});
