import { describe, expect, it } from 'vitest';
import { type AccessCount, groupDay } from './access-log.ts';

const count = (over: Partial<AccessCount>): AccessCount => ({
  officeRegionCode: '33.07',
  role: 'dinsos_kab',
  purpose: 'Penetapan',
  action: 'household.read',
  count: 1,
  firstAt: '2026-10-06T01:00:00.000Z',
  lastAt: '2026-10-06T01:00:00.000Z',
  ...over,
});

describe('groupDay', () => {
  it('merges the actions of one office, role, purpose and kind, summing counts and widening the times', () => {
    const [g, ...rest] = groupDay('2026-10-06', [
      count({ action: 'household.read', count: 3, firstAt: '2026-10-06T02:00:00.000Z' }),
      count({ action: 'recipients.diff', count: 5, lastAt: '2026-10-06T09:00:00.000Z' }),
      count({ action: 'household.list', count: 3, firstAt: '2026-10-06T00:30:00.000Z' }),
    ]);
    expect(rest).toEqual([]);
    expect(g).toEqual({
      day: '2026-10-06',
      kind: 'read',
      role: 'dinsos_kab',
      officeRegionCode: '33.07',
      purpose: 'Penetapan',
      count: 11,
      firstAt: '2026-10-06T00:30:00.000Z',
      lastAt: '2026-10-06T09:00:00.000Z',
      actions: [
        { action: 'recipients.diff', count: 5 },
        { action: 'household.list', count: 3 },
        { action: 'household.read', count: 3 },
      ],
    });
  });

  it('keeps reads and changes, offices, roles and purposes apart, latest line first', () => {
    const groups = groupDay('2026-10-06', [
      count({ action: 'household.update', lastAt: '2026-10-06T05:00:00.000Z' }),
      count({ purpose: null, lastAt: '2026-10-06T03:00:00.000Z' }),
      count({ officeRegionCode: '33.07.01.2001', role: 'operator_desa', lastAt: '2026-10-06T08:00:00.000Z' }),
      count({}),
    ]);
    expect(groups.map((g) => [g.kind, g.role, g.purpose, g.lastAt.slice(11, 13)])).toEqual([
      ['read', 'operator_desa', 'Penetapan', '08'],
      ['change', 'dinsos_kab', 'Penetapan', '05'],
      ['read', 'dinsos_kab', null, '03'],
      ['read', 'dinsos_kab', 'Penetapan', '01'],
    ]);
  });

  it('orders lines of the same times the same way every time', () => {
    const a = count({ role: 'operator_desa', officeRegionCode: '33.07.01.2001' });
    const b = count({});
    expect(groupDay('2026-10-06', [a, b])).toEqual(groupDay('2026-10-06', [b, a]));
  });
});
