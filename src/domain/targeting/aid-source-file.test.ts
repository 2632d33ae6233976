import { describe, expect, it } from 'vitest';
import { lineKey, matchLine, readAidSourceHeader, readAidSourceLine } from './aid-source-file.ts';

const today = new Date('2026-12-01T00:00:00Z');
const ctx = {
  today,
  isKnownRegion: (c: string) => ['33', '33.07', '33.07.01', '33.07.01.2001', '33.08'].includes(c),
  territory: '33.07',
};
const NIK = '3307014107850003';
const KK = '3307011501100001';

describe('readAidSourceHeader', () => {
  it('finds the columns in any order and case, with the usual aliases', () => {
    expect(readAidSourceHeader([' No_KK ', 'nama', 'NIK'])).toEqual({
      ok: true,
      index: { kk_number: 0, nik: 2 },
    });
    expect(readAidSourceHeader(['kode_wilayah', 'kk'])).toEqual({
      ok: true,
      index: { region_code: 0, kk_number: 1 },
    });
  });
  it('refuses a header with neither NIK nor KK number', () => {
    expect(readAidSourceHeader(['nama', 'alamat'])).toEqual({ ok: false, reason: 'no_identifier' });
  });
});

describe('readAidSourceLine', () => {
  const index = { nik: 0, kk_number: 1, region_code: 2 };
  it('reads a NIK, a KK number and a region code', () => {
    expect(readAidSourceLine(2, [NIK, KK, '3307012001'], index, ctx)).toEqual({
      ok: true,
      row: { line: 2, nik: NIK, kkNumber: KK, regionCode: '33.07.01.2001' },
    });
  });
  it('accepts a line with only one identifier', () => {
    const r = readAidSourceLine(3, ['', KK, ''], index, ctx);
    expect(r).toEqual({ ok: true, row: { line: 3, nik: null, kkNumber: KK, regionCode: null } });
  });
  it('refuses a line without identifiers, with a malformed NIK or KK, naming each field', () => {
    const none = readAidSourceLine(4, ['', '', ''], index, ctx);
    expect(none.ok ? [] : none.issues.map((i) => [i.field, i.code])).toEqual([
      ['nik', 'aid_source.no_identifier'],
    ]);
    const bad = readAidSourceLine(5, ['3307014107850000', '12345', ''], index, ctx);
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['nik', 'kk_number']);
    expect(bad.ok ? [] : bad.issues.map((i) => i.code)).toEqual(['nik.serial_zero', 'kk.length']);
  });
  it('refuses an unknown region and one outside the territory the list is for', () => {
    const unknown = readAidSourceLine(6, [NIK, '', '35.01'], index, ctx);
    expect(unknown.ok ? [] : unknown.issues.map((i) => i.code)).toEqual(['aid_source.unknown_region']);
    const outside = readAidSourceLine(7, [NIK, '', '33.08'], index, ctx);
    expect(outside.ok ? [] : outside.issues.map((i) => i.code)).toEqual(['aid_source.region_outside']);
    const national = readAidSourceLine(8, [NIK, '', '33.08'], index, { ...ctx, territory: '' });
    expect(national.ok).toBe(true);
  });
});

describe('matchLine', () => {
  const h1 = { householdId: 'h1', villageCode: '33.07.01.2001' };
  const h2 = { householdId: 'h2', villageCode: '33.07.01.2002' };
  const byKk = new Map([[KK, h1]]);
  const byNik = new Map([[NIK, h2]]);
  it('matches by KK number first, then by a member NIK', () => {
    expect(matchLine({ nik: NIK, kkNumber: KK }, byKk, byNik)).toEqual({
      result: 'matched_kk',
      household: h1,
    });
    expect(matchLine({ nik: NIK, kkNumber: '3307011501100002' }, byKk, byNik)).toEqual({
      result: 'matched_nik',
      household: h2,
    });
  });
  it('reports a line DTKS does not know as not found', () => {
    expect(matchLine({ nik: '3307014107850004', kkNumber: null }, byKk, byNik)).toEqual({
      result: 'not_found',
      household: null,
    });
  });
});

describe('lineKey', () => {
  it('keys a line by NIK when it has one, else by KK number', () => {
    expect(lineKey({ nik: NIK, kkNumber: KK })).toBe(`nik:${NIK}`);
    expect(lineKey({ nik: null, kkNumber: KK })).toBe(`kk:${KK}`);
  });
});
