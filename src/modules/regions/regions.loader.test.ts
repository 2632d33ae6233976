import { describe, expect, it } from 'vitest';
import { plainTitleCase, readRegions, titleCase } from './regions.loader.ts';

describe('region name casing', () => {
  it('capitalises each word and keeps the abbreviations DKI and DI in capitals', () => {
    expect(titleCase('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(titleCase('DI YOGYAKARTA')).toBe('DI Yogyakarta');
    expect(titleCase('DAERAH ISTIMEWA YOGYAKARTA')).toBe('Daerah Istimewa Yogyakarta');
    expect(titleCase('KOTA ADMINISTRASI JAKARTA PUSAT')).toBe('Kota Administrasi Jakarta Pusat');
    expect(titleCase('KABUPATEN TOLI-TOLI')).toBe('Kabupaten Toli-Toli');
    // The earlier rule, kept for the migration that corrects its names.
    expect(plainTitleCase('DKI JAKARTA')).toBe('Dki Jakarta');
  });

  it('loads DKI Jakarta as such', () => {
    expect(readRegions().find((r) => r.code === '31')?.name).toBe('DKI Jakarta');
  });
});
