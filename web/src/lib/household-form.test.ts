import { describe, expect, it } from 'vitest';
import { makeHousehold } from '../../../test/factories/households.ts';
import { translate } from '../i18n/index.tsx';
import {
  changedOnly,
  householdBody,
  householdValues,
  memberBody,
  memberProblems,
  memberValues,
} from './household-form.ts';

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('id', key, vars);

describe('household form', () => {
  it('turns inputs into a typed body and reports what is not a number', () => {
    const v = householdValues();
    v.kkNumber = ' 3307011003150005 ';
    v.rw = '2';
    v.rt = '5';
    v.address = 'Dusun Krajan';
    v.numeric.floorAreaM2 = '36,5';
    v.numeric.roomCount = 'dua';
    v.coded.floorMaterial = 9;
    v.flags.hasMotorcycle = true;
    const { body, errors } = householdBody(v, t);
    expect(body).toMatchObject({
      kkNumber: '3307011003150005',
      rw: '2',
      floorAreaM2: 36.5,
      floorMaterial: 9,
      hasMotorcycle: true,
      hasCar: null,
      latitude: null,
    });
    expect(body).not.toHaveProperty('roomCount');
    expect(errors).toEqual({ roomCount: ['Harus berupa angka.'] });
  });

  it('names every empty required input of the household at once, blanks included', () => {
    const v = householdValues();
    v.rw = ' ';
    expect(householdBody(v, t).errors).toEqual({
      kkNumber: ['Wajib diisi.'],
      rw: ['Wajib diisi.'],
      rt: ['Wajib diisi.'],
      address: ['Wajib diisi.'],
    });
  });

  it('sends only what changed, ignoring the zero padding of RW and RT', () => {
    const input = makeHousehold('33.07.01.2001', 1);
    const loaded = {
      ...input,
      rw: '002',
      rt: '005',
      members: [],
    } as unknown as Parameters<typeof householdValues>[0];
    const before = householdValues(loaded);
    const after = { ...before, address: 'Dusun Baru', coded: { ...before.coded, wallMaterial: 1 } };
    expect(changedOnly(householdBody(before, t).body, householdBody(after, t).body)).toEqual({
      address: 'Dusun Baru',
      wallMaterial: 1,
    });
  });

  it('checks a member before sending and builds the member body', () => {
    const empty = memberValues();
    expect(Object.keys(memberProblems(empty, t, 'id')).sort()).toEqual([
      'birthDate',
      'name',
      'nik',
      'relationship',
      'sex',
    ]);
    const bad = { ...empty, nik: '3307013215801012' };
    expect(memberProblems(bad, t, 'id').nik?.[0]).toMatch(/tidak valid/);

    const m = {
      ...empty,
      nik: '3307011501801012',
      name: ' Budi ',
      birthDate: '1980-01-15',
      sex: 'M' as const,
      relationship: 1,
      pregnant: true,
    };
    expect(memberProblems(m, t, 'id')).toEqual({});
    expect(memberBody(m)).toMatchObject({
      name: 'Budi',
      birthPlace: null,
      pregnant: null,
      schoolParticipation: null,
    });
  });
});
