import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from './province-tiles.ts';

const require = createRequire(import.meta.url);
const provincesCsv = join(dirname(require.resolve('idn-area-data/package.json')), 'data', 'provinces.csv');

describe('province tile grid', () => {
  it('has every province of idn-area-data exactly once', () => {
    const codes = readFileSync(provincesCsv, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]!);
    expect(codes).toHaveLength(38);
    expect(PROVINCE_TILES.map((t) => t.code).sort()).toEqual(codes.sort());
  });
  it('puts no two provinces on one tile and keeps the grid small', () => {
    const cells = new Set(PROVINCE_TILES.map((t) => `${t.col},${t.row}`));
    expect(cells.size).toBe(PROVINCE_TILES.length);
    expect(TILE_COLUMNS).toBe(15);
    expect(TILE_ROWS).toBe(7);
  });
  it('keeps the islands in geographic order: Aceh west of Java, Java west of Papua, Kalimantan north of Java', () => {
    const at = (code: string) => PROVINCE_TILES.find((t) => t.code === code)!;
    expect(at('11').col).toBeLessThan(at('32').col);
    expect(at('35').col).toBeLessThan(at('91').col);
    expect(at('62').row).toBeLessThan(at('33').row);
  });
});
