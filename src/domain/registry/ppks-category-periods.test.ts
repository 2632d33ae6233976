import { describe, expect, it } from 'vitest';
import {
  checkPpksCategoryPeriods,
  isCurrentOn,
  periodsOverlap,
  sortCategoryPeriods,
} from './ppks-category-periods.ts';

const today = '2025-06-15';
const check = (periods: Parameters<typeof checkPpksCategoryPeriods>[0]) =>
  checkPpksCategoryPeriods(periods, { today }).map((i) => `${i.field}:${i.code}`);

describe('checkPpksCategoryPeriods', () => {
  it('accepts several categories, closed and open, and a category that ended and started again', () => {
    expect(
      check([
        { category: 'lanjut_usia_terlantar', startDate: '2020-01-01' },
        { category: 'penyandang_disabilitas', startDate: '2019-05-01', endDate: null },
        { category: 'gelandangan', startDate: '2018-01-01', endDate: '2019-12-31' },
        { category: 'gelandangan', startDate: '2021-01-01' },
        { category: 'pengemis', startDate: today, endDate: today },
      ]),
    ).toEqual([]);
  });

  it('needs at least one category', () => {
    expect(check([])).toEqual(['categories:ppks.no_category']);
  });

  it('rejects unknown codes, unreal dates, future starts and ends before starts, with indexed paths', () => {
    expect(
      check([
        { category: 'tksk', startDate: '2020-01-01' },
        { category: 'pengemis', startDate: '2021-02-29' },
        { category: 'pemulung', startDate: '2025-06-16' },
        { category: 'gelandangan', startDate: '2022-03-01', endDate: '2022-02-28' },
        { category: 'fakir_miskin', startDate: '2022-03-01', endDate: '2022-13-01' },
      ]),
    ).toEqual([
      'categories.0.category:ppks.unknown_category',
      'categories.1.startDate:ppks.invalid_category_date',
      'categories.2.startDate:ppks.category_start_in_future',
      'categories.3.endDate:ppks.category_end_before_start',
      'categories.4.endDate:ppks.invalid_category_date',
    ]);
  });

  it('rejects the same category twice when periods overlap (two open ones always do)', () => {
    expect(
      check([
        { category: 'anak_jalanan', startDate: '2020-01-01' },
        { category: 'pengemis', startDate: '2020-01-01' },
        { category: 'anak_jalanan', startDate: '2023-01-01' },
      ]),
    ).toEqual(['categories.2.category:ppks.duplicate_category']);
    expect(
      check([
        { category: 'anak_jalanan', startDate: '2020-01-01', endDate: '2021-06-30' },
        { category: 'anak_jalanan', startDate: '2021-06-30' },
      ]),
    ).toEqual(['categories.1.category:ppks.duplicate_category']);
  });

  it('uses the given field prefix and messages in both languages', () => {
    const [i] = checkPpksCategoryPeriods([{ category: 'x', startDate: '2020-01-01' }], {
      today,
      field: 'c',
    });
    expect(i).toMatchObject({ field: 'c.0.category', severity: 'error' });
    expect(i!.message.id).toContain('tidak dikenal');
    expect(i!.message.en).toContain('Unknown');
  });
});

describe('period helpers', () => {
  it('periodsOverlap is inclusive and treats an open end as forever', () => {
    const a = { category: 'x', startDate: '2020-01-01', endDate: '2020-12-31' };
    expect(periodsOverlap(a, { category: 'x', startDate: '2021-01-01' })).toBe(false);
    expect(periodsOverlap(a, { category: 'x', startDate: '2020-12-31' })).toBe(true);
    expect(periodsOverlap({ category: 'x', startDate: '2022-01-01' }, a)).toBe(false);
    expect(periodsOverlap({ category: 'x', startDate: '2010-01-01' }, a)).toBe(true);
  });

  it('isCurrentOn: started and not yet ended', () => {
    expect(isCurrentOn({ category: 'x', startDate: '2020-01-01' }, today)).toBe(true);
    expect(isCurrentOn({ category: 'x', startDate: '2020-01-01', endDate: today }, today)).toBe(true);
    expect(isCurrentOn({ category: 'x', startDate: '2020-01-01', endDate: '2025-06-14' }, today)).toBe(false);
    expect(isCurrentOn({ category: 'x', startDate: '2025-06-16' }, today)).toBe(false);
  });

  it('sorts by start date, then code', () => {
    expect(
      sortCategoryPeriods([
        { category: 'b', startDate: '2021-01-01' },
        { category: 'c', startDate: '2020-01-01' },
        { category: 'a', startDate: '2021-01-01' },
      ]).map((p) => p.category),
    ).toEqual(['c', 'a', 'b']);
  });
});
