import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { RegionColumn } from '../access/actor.ts';
import { STATUS_NUMBERS, statusTerm, TERM_SQL, termOf, territoryTerm } from './name-index-terms.ts';

const LEVELS: RegionColumn[] = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'];
const PREFIX: Record<RegionColumn, number> = {
  provinceCode: 2,
  regencyCode: 5,
  districtCode: 8,
  villageCode: 13,
};

describe('name index terms', () => {
  it('writes a number as three private-use characters, one number one term', () => {
    expect(termOf(0)).toBe('\ue000\ue000\ue000');
    expect(termOf(6399)).toBe('\ue000\ue000\uf8ff');
    expect(termOf(6400)).toBe('\ue000\ue001\ue000');
    expect(termOf(6400 ** 3 - 1)).toBe('\uf8ff\uf8ff\uf8ff');
    expect(() => termOf(6400 ** 3)).toThrow(RangeError);
    expect(() => termOf(-1)).toThrow(RangeError);
    const seen = new Set<string>();
    for (const n of [1, 2, 33, 3307, 330701, 3307012001, 9999999999]) seen.add(termOf(n));
    expect(seen.size).toBe(7);
  });

  it('names a territory by its code at its own level only', () => {
    expect(territoryTerm('regencyCode', '33.07')).toBe(termOf(3307));
    expect(territoryTerm('villageCode', '33.07.01.2001')).toBe(termOf(3307012001));
    expect(territoryTerm('regencyCode', '3307')).toBeNull();
    expect(territoryTerm('districtCode', '33.07')).toBeNull();
    expect(territoryTerm('villageCode', '33.07.01.200')).toBeNull();
  });

  it("agrees with the SQL the index's triggers write (every level, statuses, malformed codes)", () => {
    const db = new DatabaseSync(':memory:');
    const villages = ['33.07.01.2001', '11.01.01.1001', '99.99.99.9999', '33.07.02.2001', '31.71.01.1001'];
    for (const village of villages)
      for (const level of LEVELS) {
        const { t } = db.prepare(`select ${TERM_SQL.territory('?1', level)} as t`).get(village) as {
          t: string;
        };
        expect(t, `${level} of ${village}`).toBe(territoryTerm(level, village.slice(0, PREFIX[level])));
      }
    for (const bad of ['33.07.01.200x', '33.07.01', '3307012001', ''])
      for (const level of LEVELS) {
        const { t } = db.prepare(`select ${TERM_SQL.territory('?1', level)} as t`).get(bad) as { t: null };
        expect(t, `${level} of ${bad}`).toBeNull();
      }
    for (const status of Object.keys(STATUS_NUMBERS) as ('active' | 'removed')[]) {
      const { t } = db.prepare(`select ${TERM_SQL.status('?1')} as t`).get(status) as { t: string };
      expect(t).toBe(statusTerm(status));
    }
    expect(db.prepare(`select ${TERM_SQL.status('?1')} as t`).get('draft')).toEqual({ t: null });
    db.close();
  });
});
