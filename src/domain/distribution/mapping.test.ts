import { describe, expect, it } from 'vitest';
import {
  coverageProblems,
  coverageRank,
  mapToPoint,
  normaliseNeighbourhood,
  type PointForMapping,
} from './mapping.ts';

const D = '32.04.01';
const V1 = '32.04.01.2001';
const V2 = '32.04.01.2002';
const home = (rw: string, rt: string, villageCode = V1) => ({ districtCode: D, villageCode, rw, rt });

const kecamatan: PointForMapping = { id: 'k', code: 'P00', districtCode: D, coverage: [] };
const village: PointForMapping = { id: 'v', code: 'P10', districtCode: D, coverage: [{ villageCode: V1 }] };
const rw2: PointForMapping = {
  id: 'w',
  code: 'P20',
  districtCode: D,
  coverage: [{ villageCode: V1, rw: ['2'] }],
};
const rt5: PointForMapping = {
  id: 't',
  code: 'P30',
  districtCode: D,
  coverage: [{ villageCode: V1, rw: ['002'], rt: ['5', '6'] }],
};

describe('normaliseNeighbourhood', () => {
  it('reads RT/RW as numbers, missing when empty, zero or not a number', () => {
    expect(normaliseNeighbourhood(' 3 ')).toBe('003');
    expect(normaliseNeighbourhood('003')).toBe('003');
    expect(normaliseNeighbourhood('')).toBeNull();
    expect(normaliseNeighbourhood('0')).toBeNull();
    expect(normaliseNeighbourhood('3a')).toBeNull();
    expect(normaliseNeighbourhood('1234')).toBeNull();
  });
});

describe('mapToPoint', () => {
  const all = [kecamatan, village, rw2, rt5];
  it('takes the most specific covering point: RT over RW over village over kecamatan', () => {
    expect(mapToPoint(all, home('02', '05'))?.id).toBe('t');
    expect(mapToPoint(all, home('2', '7'))?.id).toBe('w');
    expect(mapToPoint(all, home('3', '1'))?.id).toBe('v');
    expect(mapToPoint(all, home('3', '1', V2))?.id).toBe('k');
  });
  it('does not depend on the order of points; equal specificity goes to the lowest code', () => {
    const other = { ...village, id: 'v2', code: 'P05' };
    expect(mapToPoint([village, other], home('1', '1'))?.id).toBe('v2');
    expect(mapToPoint([other, village], home('1', '1'))?.id).toBe('v2');
    expect(mapToPoint([...all].reverse(), home('02', '05'))?.id).toBe('t');
  });
  it('maps a home with a missing RW only to village- or kecamatan-wide points', () => {
    expect(mapToPoint([rw2, rt5], home('', '5'))).toBeNull();
    expect(mapToPoint([rw2, village], home('', ''))?.id).toBe('v');
  });
  it('never maps across kecamatan', () => {
    expect(mapToPoint([{ ...kecamatan, districtCode: '32.04.02' }], home('1', '1'))).toBeNull();
    expect(coverageRank(village, { ...home('1', '1'), districtCode: '32.04.02' })).toBe(0);
  });
});

describe('coverageProblems', () => {
  it('refuses villages of another kecamatan, bad RW/RT and RTs without exactly one RW', () => {
    expect(coverageProblems([{ villageCode: V1, rw: ['1'], rt: ['2'] }], D)).toEqual([]);
    expect(coverageProblems([{ villageCode: '32.04.02.2001' }], D).map((p) => p.field)).toEqual([
      'coverage.0.villageCode',
    ]);
    expect(coverageProblems([{ villageCode: V1, rw: ['x'] }], D).map((p) => p.field)).toEqual([
      'coverage.0.rw.0',
    ]);
    expect(coverageProblems([{ villageCode: V1, rw: ['1', '2'], rt: ['1'] }], D).map((p) => p.field)).toEqual(
      ['coverage.0.rt'],
    );
  });
});
