import { describe, expect, it } from 'vitest';
import {
  decileHistogram,
  movementOf,
  overlapDistribution,
  poorestOf,
  programmeTotals,
  rollupByChild,
  share,
} from './aggregates.ts';

describe('decileHistogram', () => {
  it('sums the counts of each decile into ten slots, desil 1 first', () => {
    expect(
      decileHistogram([
        { decile: 1, households: 3 },
        { decile: 10, households: 2 },
        { decile: 1, households: 4 },
      ]),
    ).toEqual([7, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  });
  it('ignores deciles a finished run never has (null read as 0, 11, fractions)', () => {
    expect(
      decileHistogram([
        { decile: 0, households: 5 },
        { decile: 11, households: 5 },
        { decile: 2.5, households: 5 },
        { decile: 2, households: 1 },
      ]),
    ).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('rollupByChild', () => {
  it('gives one row per child in code order with its deciles, total and poorest share', () => {
    const rows = rollupByChild(
      [
        { regionCode: '33.08', decile: 5, households: 4 },
        { regionCode: '33.07', decile: 1, households: 1 },
        { regionCode: '33.07', decile: 2, households: 2 },
        { regionCode: '33.07', decile: 9, households: 3 },
      ],
      new Map([['33.07', 'KAB. WONOSOBO']]),
    );
    expect(rows).toEqual([
      {
        code: '33.07',
        name: 'KAB. WONOSOBO',
        households: 6,
        deciles: [1, 2, 0, 0, 0, 0, 0, 0, 3, 0],
        poorest: 3,
        poorestShare: 0.5,
      },
      {
        code: '33.08',
        name: '33.08',
        households: 4,
        deciles: [0, 0, 0, 0, 4, 0, 0, 0, 0, 0],
        poorest: 0,
        poorestShare: 0,
      },
    ]);
  });
  it('has no rows without groups', () => {
    expect(rollupByChild([], new Map())).toEqual([]);
  });
});

describe('share and poorestOf', () => {
  it('rounds to four decimals and is 0 for an empty region', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(0, 0)).toBe(0);
    expect(poorestOf([2, 3, 9])).toBe(5);
  });
});

describe('movementOf', () => {
  it('fills the from→to matrix and counts improved, worsened, unchanged, entered and left', () => {
    const m = movementOf(
      [
        { from: 1, to: 1, households: 5 },
        { from: 1, to: 3, households: 2 },
        { from: 4, to: 2, households: 1 },
      ],
      { current: 10, previous: 9 },
    );
    expect(m.matrix[0]![0]).toBe(5);
    expect(m.matrix[0]![2]).toBe(2);
    expect(m.matrix[3]![1]).toBe(1);
    expect(m.matrix.flat().reduce((a, b) => a + b, 0)).toBe(8);
    expect(m).toMatchObject({ improved: 2, worsened: 1, unchanged: 5, entered: 2, left: 1 });
  });
  it('skips cells outside the deciles and never answers negative counts', () => {
    const m = movementOf([{ from: 0, to: 3, households: 4 }], { current: 0, previous: 0 });
    expect(m.matrix.flat().every((n) => n === 0)).toBe(true);
    expect(m).toMatchObject({ improved: 0, entered: 0, left: 0 });
  });
});

describe('overlapDistribution', () => {
  it('counts households by the number of sources, leaving out those in one source', () => {
    expect(overlapDistribution([1, 2, 2, 3, 1, 2])).toEqual([
      { sources: 2, households: 3 },
      { sources: 3, households: 1 },
    ]);
  });
});

describe('programmeTotals', () => {
  it('sums recipients and integer-rupiah amounts per programme and per region', () => {
    const t = programmeTotals(
      [
        { regionCode: '33.07.02', programmeCode: 'PKH', households: 2, amount: 1_500_000 },
        { regionCode: '33.07.01', programmeCode: 'PKH', households: 1, amount: 750_000 },
        { regionCode: '33.07.01', programmeCode: 'BPNT', households: 3, amount: 600_000 },
      ],
      new Map([['33.07.01', 'WADASLINTANG']]),
    );
    expect(t.programmes).toEqual([
      { code: 'BPNT', households: 3, amount: 600_000 },
      { code: 'PKH', households: 3, amount: 2_250_000 },
    ]);
    expect(t.byRegion).toEqual([
      {
        code: '33.07.01',
        name: 'WADASLINTANG',
        programmes: { BPNT: { households: 3, amount: 600_000 }, PKH: { households: 1, amount: 750_000 } },
      },
      { code: '33.07.02', name: '33.07.02', programmes: { PKH: { households: 2, amount: 1_500_000 } } },
    ]);
    expect(Number.isInteger(t.programmes[1]!.amount)).toBe(true);
  });
});
