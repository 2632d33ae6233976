import { describe, expect, it } from 'vitest';
import { totalsByRegion } from './totals.ts';

const items = [
  { regionCode: '35.07.01.2001', amount: 600_000 },
  { regionCode: '35.07.01.2002', amount: 200_000 },
  { regionCode: '35.07.02.2001', amount: 0 },
  { regionCode: '35.07.01.2001', amount: 975_000 },
];

describe('recipient totals per region', () => {
  it('counts households and sums integer rupiah per district', () => {
    expect(totalsByRegion(items, 3)).toEqual({
      regions: [
        { regionCode: '35.07.01', households: 3, amount: 1_775_000 },
        { regionCode: '35.07.02', households: 1, amount: 0 },
      ],
      total: { households: 4, amount: 1_775_000 },
    });
  });

  it('groups per village and per regency', () => {
    expect(totalsByRegion(items, 4).regions.map((r) => [r.regionCode, r.households])).toEqual([
      ['35.07.01.2001', 2],
      ['35.07.01.2002', 1],
      ['35.07.02.2001', 1],
    ]);
    expect(totalsByRegion(items, 2).regions).toEqual([
      { regionCode: '35.07', households: 4, amount: 1_775_000 },
    ]);
  });

  it('refuses fractional or negative money', () => {
    expect(() => totalsByRegion([{ regionCode: '35.07.01.2001', amount: 0.5 }], 2)).toThrow(RangeError);
    expect(() => totalsByRegion([{ regionCode: '35.07.01.2001', amount: -1 }], 2)).toThrow(RangeError);
  });

  it('adds subtotals of several households', () => {
    const sub = [
      { regionCode: '35.07.01.2001', amount: 1_200_000, households: 6 },
      { regionCode: '35.07.01.2002', amount: 200_000 },
    ];
    expect(totalsByRegion(sub, 3).total).toEqual({ households: 7, amount: 1_400_000 });
  });

  it('answers zero for an empty list', () => {
    expect(totalsByRegion([], 3)).toEqual({ regions: [], total: { households: 0, amount: 0 } });
  });
});
