import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { clientError, fieldErrors, fieldWarnings, mergeErrors, under } from './form-errors.ts';

const problem = (errors: { field: string; severity: 'error' | 'warning'; message: string }[]) =>
  new ApiError(400, { code: 'x', detail: 'invalid', errors: errors.map((e) => ({ ...e, code: 'c' })) });

describe('form errors', () => {
  it('maps API issues to fields, relative to a prefix', () => {
    const err = problem([
      { field: 'members.2.nik', severity: 'error', message: 'NIK salah' },
      { field: 'members.2.nik', severity: 'error', message: 'NIK dipakai' },
      { field: 'reason', severity: 'error', message: 'Alasan wajib' },
    ]);
    expect(fieldErrors(err)).toEqual({
      'members.2.nik': ['NIK salah', 'NIK dipakai'],
      reason: ['Alasan wajib'],
    });
    expect(under(fieldErrors(err), 'members.2.')).toEqual({ nik: ['NIK salah', 'NIK dipakai'] });
    expect(fieldErrors(err, 'members.')).toEqual({ '2.nik': ['NIK salah', 'NIK dipakai'] });
  });

  it('keeps warnings apart: an answer with only warnings is a confirmation step, not an error', () => {
    const err = problem([{ field: 'member.nik', severity: 'warning', message: 'tanggal beda' }]);
    expect(err.onlyWarnings).toBe(true);
    expect(fieldErrors(err, 'member.')).toEqual({});
    expect(fieldWarnings(err, 'member.')).toEqual({ nik: ['tanggal beda'] });
  });

  it('ignores anything that is not an API error and merges client-side checks', () => {
    expect(fieldErrors(new Error('boom'))).toEqual({});
    expect(mergeErrors({ a: ['1'] }, { a: ['2'], b: ['3'] })).toEqual({ a: ['1', '2'], b: ['3'] });
    const local = clientError({ name: ['Wajib diisi.'] }, 'Periksa');
    expect(local.status).toBe(400);
    expect(fieldErrors(local)).toEqual({ name: ['Wajib diisi.'] });
  });
});
