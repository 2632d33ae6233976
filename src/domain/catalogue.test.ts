import { describe, expect, it } from 'vitest';
import {
  catalogueText,
  isMessageCode,
  LABELS,
  label,
  MESSAGES,
  message,
  paramNames,
  perLang,
  render,
} from './catalogue.ts';
import { AppError, issue, validationError } from './errors.ts';

describe('every catalogue entry', () => {
  const tables = { MESSAGES, LABELS } as const;
  for (const [tableName, table] of Object.entries(tables)) {
    describe(tableName, () => {
      for (const [key, text] of Object.entries(table)) {
        it(`${key}: both texts, the same parameters`, () => {
          expect(text.id.trim(), `${key}.id`).not.toBe('');
          expect(text.en.trim(), `${key}.en`).not.toBe('');
          expect(paramNames(text.id), key).toEqual(paramNames(text.en));
          // Braces only around parameter names: a stray one would print as is.
          for (const t of [text.id, text.en]) expect(t.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
        });
      }
    });
  }

  it('codes are dotted lower-case names', () => {
    for (const code of Object.keys(MESSAGES)) expect(code).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
  });
});

describe('rendering', () => {
  it('fills parameters per language, a Text parameter in the reader’s language', () => {
    expect(
      render('{what} tidak ditemukan ({n})', { what: { id: 'Rumah tangga', en: 'Household' }, n: 3 }, 'id'),
    ).toBe('Rumah tangga tidak ditemukan (3)');
    expect(message('record.not_found', { what: label('record.household') })).toEqual({
      id: 'Rumah tangga tidak ditemukan',
      en: 'Household not found',
    });
    expect(message('record.version_conflict', { currentVersion: 7 }).en).toContain('current version 7');
  });

  it('leaves an unknown placeholder visible rather than dropping it', () => {
    expect(render('a {missing} b', {}, 'en')).toBe('a {missing} b');
  });

  it('perLang builds one text per language', () => {
    expect(perLang((lang) => lang.toUpperCase())).toEqual({ id: 'ID', en: 'EN' });
  });

  it('a client shows the catalogue text of a code in its own language, the received one when parameterised', () => {
    expect(catalogueText('request.malformed_json', 'JSON tidak valid', 'en')).toBe('Malformed JSON');
    expect(catalogueText('record.not_found', 'Household not found', 'id')).toBe('Household not found');
    expect(catalogueText('client.invalid', 'as received', 'id')).toBe('as received');
  });

  it('isMessageCode knows exactly the catalogue', () => {
    expect(isMessageCode('record.not_found')).toBe(true);
    expect(isMessageCode('record.nope')).toBe(false);
    expect(isMessageCode('toString')).toBe(false);
  });
});

describe('errors and issues are built from a code', () => {
  it('an issue carries its code’s catalogue text', () => {
    const i = issue('nik', 'nik.required', { name: label('nik') });
    expect(i).toEqual({
      field: 'nik',
      code: 'nik.required',
      message: { id: 'NIK wajib diisi.', en: 'NIK is required.' },
      severity: 'error',
    });
    expect(issue('x', 'household.head_count', undefined, 'warning').severity).toBe('warning');
  });

  it('an AppError carries its code, parameters and text', () => {
    const e = new AppError(
      'conflict',
      'record.version_conflict',
      { currentVersion: 2 },
      { extra: { currentVersion: 2 } },
    );
    expect(e.code).toBe('record.version_conflict');
    expect(e.params).toEqual({ currentVersion: 2 });
    expect(e.text).toEqual(message('record.version_conflict', { currentVersion: 2 }));
    expect(e.message).toBe(e.text.en);
  });

  it('a validation error is coded as its first issue and lists every issue in its text', () => {
    const e = validationError([
      issue('nik', 'nik.required', { name: label('nik') }),
      issue('kkNumber', 'kk.required', { name: label('kk_number') }),
    ]);
    expect(e.code).toBe('nik.required');
    expect(e.text.en).toBe('Invalid data: nik: NIK is required.; kkNumber: KK number is required.');
    expect(e.text.id).toBe('Data tidak valid: nik: NIK wajib diisi.; kkNumber: Nomor KK wajib diisi.');
  });
});
