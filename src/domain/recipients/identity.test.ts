import { describe, expect, it } from 'vitest';
import { identityOf } from './identity.ts';

describe('identityOf: how a proposal names a household', () => {
  it('takes the KK number and the first member with relationship 1 among all members, removed ones too', () => {
    const h = {
      kkNumber: '3307030101110001',
      members: [
        { relationship: 3, name: 'Anak', status: 'active' },
        { relationship: 1, name: 'Kepala Lama', status: 'removed' },
        { relationship: 1, name: 'Kepala Baru', status: 'active' },
      ],
    };
    expect(identityOf(h)).toEqual({ kkNumber: '3307030101110001', headName: 'Kepala Lama' });
  });

  it('falls back to the first member, and to empty strings when a value is absent', () => {
    expect(
      identityOf({ kkNumber: null, members: [{ relationship: 2, name: 'Istri' }, { relationship: 3 }] }),
    ).toEqual({ kkNumber: '', headName: 'Istri' });
    expect(identityOf({ members: [{ relationship: 1, name: null }] })).toEqual({
      kkNumber: '',
      headName: '',
    });
    expect(identityOf({ kkNumber: '1', members: [] })).toEqual({ kkNumber: '1', headName: '' });
  });
});
