import { describe, expect, it } from 'vitest';
import { DUKCAPIL_COLUMNS, readDukcapilRow } from './dukcapil.ts';

const index = Object.fromEntries(DUKCAPIL_COLUMNS.map((c, i) => [c, i])) as Parameters<
  typeof readDukcapilRow
>[2];
const ctx = { isKnownVillage: (code: string) => code === '33.07.01.2001', today: new Date(2026, 11, 5) };

/** One extract line in DUKCAPIL_COLUMNS order. */
function line(nik: string, kk: string, birthDate: string, sex = 'M') {
  return [nik, kk, 'Sastro Wiyono', birthDate, sex, '3307012001', 'alive'];
}

describe('readDukcapilRow: NIK and KK numbers', () => {
  it('reads a 99-year-old born on 31 December: his NIK date is later than today in the two-digit year', () => {
    const r = readDukcapilRow(2, line('3307013112260001', '3307011503100002', '1926-12-31'), index, ctx);
    expect(r).toEqual({
      ok: true,
      row: {
        line: 2,
        nik: '3307013112260001',
        kkNumber: '3307011503100002',
        name: 'Sastro Wiyono',
        birthDate: '1926-12-31',
        sex: 'M',
        villageCode: '33.07.01.2001',
        status: 'alive',
      },
    });
  });

  it('rejects a line whose NIK or KK number has a region part 00, naming the column', () => {
    const r = readDukcapilRow(3, line('3307001501800001', '0007011503100002', '1980-01-15'), index, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.field, i.code, i.severity])).toEqual([
      ['nik', 'nik.region_zero', 'error'],
      ['kk_number', 'kk.region_zero', 'error'],
    ]);
  });
});
