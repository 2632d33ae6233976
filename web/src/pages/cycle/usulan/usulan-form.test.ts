import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.ts';
import { translate } from '../../../i18n/index.tsx';
import { householdValues, memberValues } from '../../../lib/household-form.ts';
import {
  baruField,
  correctionBody,
  countChanges,
  perbaikanField,
  remapIssues,
  splitIssues,
} from './usulan-form.ts';

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('id', key, vars);

const member = (nik: string, name: string) => ({
  ...memberValues(),
  nik,
  name,
  birthDate: '1980-05-12',
  sex: 'M' as const,
  relationship: 1,
});

describe('proposal forms', () => {
  it('moves the issues of a new-household proposal onto the household form inputs', () => {
    const err = new ApiError(400, {
      code: 'validation',
      errors: [
        { field: 'household.members.2.nik', code: 'x', message: 'a', severity: 'error' },
        { field: 'household.kkNumber', code: 'y', message: 'b', severity: 'error' },
        { field: 'reason', code: 'z', message: 'c', severity: 'error' },
      ],
    });
    const mapped = remapIssues(err, baruField) as ApiError;
    expect(mapped).toBeInstanceOf(ApiError);
    expect(mapped.issues.map((i) => i.field)).toEqual(['members.2.nik', 'kkNumber', 'reason']);
    expect(mapped.status).toBe(400);
    const plain = new Error('x');
    expect(remapIssues(plain, baruField)).toBe(plain);
  });

  it('maps a correction issue back to the member it was about, not to its position in the request', () => {
    expect(perbaikanField('memberChanges.0.nik', [3, 5])).toBe('members.3.nik');
    expect(perbaikanField('memberChanges.1.birthDate', [3, 5])).toBe('members.5.birthDate');
    expect(perbaikanField('memberChanges.1', [3, 5])).toBe('members.5');
    expect(perbaikanField('memberChanges.7.nik', [3, 5])).toBe('memberChanges.7.nik');
    expect(perbaikanField('changes.floorMaterial', [])).toBe('floorMaterial');
    expect(perbaikanField('householdId', [])).toBe('householdId');
  });

  it('takes the issues about the chosen household out of the field list', () => {
    const issue = (field: string, message: string) => ({ field, code: 'c', message, severity: 'error' });
    const only = new ApiError(400, { errors: [issue('householdId', 'sudah diusulkan')] });
    expect(splitIssues(only, 'householdId')).toEqual({ rest: null, lifted: ['sudah diusulkan'] });
    const mixed = new ApiError(400, { errors: [issue('householdId', 'a'), issue('reasonCode', 'b')] });
    const split = splitIssues(mixed, 'householdId');
    expect(split.lifted).toEqual(['a']);
    expect((split.rest as ApiError).issues.map((i) => i.field)).toEqual(['reasonCode']);
    const other = new ApiError(400, { errors: [issue('reasonCode', 'b')] });
    expect(splitIssues(other, 'householdId')).toEqual({ rest: other, lifted: [] });
  });

  it('sends only the changed household and member fields, with the member positions', () => {
    const before = householdValues();
    before.kkNumber = '3307011003150005';
    before.rw = '2';
    before.rt = '3';
    before.address = 'Jl. Mawar 1';
    before.coded.floorMaterial = 2;
    const after = { ...before, address: 'Jl. Mawar 12', coded: { ...before.coded, floorMaterial: 9 } };
    const head = member('3307011205800001', 'Budi');
    const child = member('3307015507100002', 'Sari');
    const body = correctionBody(
      before,
      after,
      [
        { personId: 'p1', before: head, after: head },
        { personId: 'p2', before: child, after: { ...child, name: 'Sari Wulandari' } },
      ],
      t,
      'id',
    );
    expect(body.changes).toEqual({ address: 'Jl. Mawar 12', floorMaterial: 9 });
    expect(body.memberChanges).toEqual([{ personId: 'p2', name: 'Sari Wulandari' }]);
    expect(body.memberIndex).toEqual([1]);
    expect(body.errors).toEqual({});
    expect(countChanges(body)).toBe(3);
  });

  it('reports an emptied required member answer and a non-number at their inputs', () => {
    // A household of DTKS: its KK number, RW, RT and address are there (the form requires them).
    const before = {
      ...householdValues(),
      kkNumber: '3307011205800001',
      rw: '1',
      rt: '2',
      address: 'Jl. Mawar 1',
    };
    const after = { ...before, numeric: { ...before.numeric, roomCount: 'dua' } };
    const m = member('3307011205800001', 'Budi');
    const body = correctionBody(
      before,
      after,
      [{ personId: 'p1', before: m, after: { ...m, name: ' ' } }],
      t,
      'id',
    );
    expect(body.errors).toEqual({ roomCount: ['Harus berupa angka.'], 'members.0.name': ['Wajib diisi.'] });
    expect(body.changes).not.toHaveProperty('roomCount');
  });
});
