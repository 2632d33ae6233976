/**
 * Indonesia's 38 provinces as a tile grid (one square each, laid out roughly where the province lies: west to
 * east in columns, north to south in rows), for a map that needs no map service or geometry. Codes are
 * Kemendagri's (idn-area-data); a test checks that every province appears exactly once and no two share a tile.
 */
export interface ProvinceTile {
  code: string;
  /** Short label for the tile. */
  abbr: string;
  col: number;
  row: number;
}

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { code: '11', abbr: 'ACEH', col: 0, row: 0 },
  { code: '12', abbr: 'SUMUT', col: 1, row: 1 },
  { code: '13', abbr: 'SUMBAR', col: 1, row: 2 },
  { code: '14', abbr: 'RIAU', col: 2, row: 1 },
  { code: '15', abbr: 'JAMBI', col: 2, row: 2 },
  { code: '17', abbr: 'BKL', col: 2, row: 3 },
  { code: '16', abbr: 'SUMSEL', col: 3, row: 3 },
  { code: '18', abbr: 'LPG', col: 3, row: 4 },
  { code: '21', abbr: 'KEPRI', col: 3, row: 0 },
  { code: '19', abbr: 'BABEL', col: 4, row: 2 },
  { code: '36', abbr: 'BTN', col: 4, row: 5 },
  { code: '31', abbr: 'DKI', col: 5, row: 4 },
  { code: '32', abbr: 'JABAR', col: 5, row: 5 },
  { code: '33', abbr: 'JATENG', col: 6, row: 5 },
  { code: '34', abbr: 'DIY', col: 6, row: 6 },
  { code: '35', abbr: 'JATIM', col: 7, row: 5 },
  { code: '51', abbr: 'BALI', col: 8, row: 5 },
  { code: '52', abbr: 'NTB', col: 9, row: 5 },
  { code: '53', abbr: 'NTT', col: 10, row: 5 },
  { code: '61', abbr: 'KALBAR', col: 5, row: 2 },
  { code: '62', abbr: 'KALTENG', col: 6, row: 2 },
  { code: '65', abbr: 'KALTARA', col: 7, row: 1 },
  { code: '64', abbr: 'KALTIM', col: 7, row: 2 },
  { code: '63', abbr: 'KALSEL', col: 7, row: 3 },
  { code: '76', abbr: 'SULBAR', col: 8, row: 3 },
  { code: '75', abbr: 'GTLO', col: 9, row: 1 },
  { code: '72', abbr: 'SULTENG', col: 9, row: 2 },
  { code: '73', abbr: 'SULSEL', col: 9, row: 3 },
  { code: '71', abbr: 'SULUT', col: 10, row: 1 },
  { code: '74', abbr: 'SULTRA', col: 10, row: 3 },
  { code: '82', abbr: 'MALUT', col: 11, row: 1 },
  { code: '81', abbr: 'MALUKU', col: 11, row: 3 },
  { code: '96', abbr: 'PBD', col: 12, row: 2 },
  { code: '92', abbr: 'PABAR', col: 13, row: 2 },
  { code: '94', abbr: 'PATENG', col: 13, row: 3 },
  { code: '91', abbr: 'PAPUA', col: 14, row: 2 },
  { code: '95', abbr: 'PAPEG', col: 14, row: 3 },
  { code: '93', abbr: 'PASEL', col: 14, row: 4 },
];

export const TILE_COLUMNS = 1 + Math.max(...PROVINCE_TILES.map((t) => t.col));
export const TILE_ROWS = 1 + Math.max(...PROVINCE_TILES.map((t) => t.row));
