/**
 * The household list filtered by a fragment of the head's name answers the same rows, in the same order,
 * and the same total whichever way SQLite looks it up: scanning the territory's index, through the name
 * index's matches by rowid (a rare fragment), or scanning for the page while the name index counts the
 * total from its posting lists (a common one: the fragment as a phrase, territory and status as terms) —
 * each checked against the households read directly. PostgreSQL has one plan (its planner's); the same
 * expectations hold there. And the terms themselves: nameIndexTerms.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import type { Actor, RegionColumn } from '../../src/modules/access/actor.ts';
import {
  HouseholdsRepository,
  type HouseholdsRepositoryOptions,
  nameIndexTerms,
} from '../../src/modules/households/households.repository.ts';
import { statusTerm, territoryTerm } from '../../src/modules/households/name-index-terms.ts';
import { makeHousehold } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const admin: Actor = {
  userId: null,
  username: 'admin-plans',
  role: 'admin',
  regionCode: '',
  ip: null,
  userAgent: 'vitest',
};

/** Heads, by village: "Wawat Hayati" holds the trigrams of "wati" ("wat", "ati") but not the fragment. */
const HEADS: [string, string, 'active' | 'removed'][] = [
  [PLACES.villageA, 'Suwati', 'active'],
  [PLACES.villageA, 'Wawat Hayati', 'active'],
  [PLACES.villageA, 'Watini Rahayu', 'active'],
  [PLACES.villageA, 'Sri Suwatiningsih', 'removed'],
  [PLACES.villageA2, 'Kuswati', 'active'],
  [PLACES.villageA2, 'Hayati Wardani', 'active'],
  [PLACES.villageB, 'Suwati Aminah', 'active'],
  [PLACES.villageB, 'Budi Santoso', 'active'],
  [PLACES.villageB, 'Wati', 'removed'],
  [PLACES.otherVillage, 'Suwati Rahayu', 'active'],
  [PLACES.otherVillage, 'Watiyem', 'active'],
];

const PLANS: Record<string, HouseholdsRepositoryOptions> = {
  'territory scan': { nameIndex: 'never' },
  'name index, rowids': { nameIndex: 'always' },
  'name index, count': { nameIndex: 'always', trigramProbe: 1 },
  'by cost': {},
};

type Scope = { column: RegionColumn; value: string } | null;
const SCOPES: Scope[] = [
  null,
  { column: 'provinceCode', value: PLACES.regency.slice(0, 2) },
  { column: 'regencyCode', value: PLACES.regency },
  { column: 'districtCode', value: PLACES.districtA },
  { column: 'villageCode', value: PLACES.villageA },
];

for (const engine of ENGINES) {
  describe(`household list by a name fragment, every plan (${engine})`, () => {
    let t: TestDb;
    let c: Container;

    beforeAll(async () => {
      t = await openTestDb(engine);
      c = t.container;
      let n = 950;
      for (const [village, head, status] of HEADS) {
        const h = makeHousehold(village, n++);
        h.members[0]!.name = head;
        const created = await c.households.create(admin, { ...h, confirmWarnings: true });
        if (status === 'removed')
          await c.households.remove(admin, created.id, { version: created.version, reasonCode: 'deceased' });
      }
    });
    afterAll(async () => {
      await t.cleanup();
    });

    /** The expected answer, from every household read directly and filtered here. */
    async function expected(scope: Scope, status: 'active' | 'removed' | 'all', name: string, rw?: string) {
      const { rows } = await sql<{
        id: string;
        name: string;
        village: string;
        status: string;
        rw: string;
      }>`select id, head_name_search as name, village_code as village, status, rw from households`.execute(
        c.database.db,
      );
      const ids = rows
        .filter(
          (r) =>
            r.name.includes(name) &&
            (scope === null || r.village.startsWith(scope.value)) &&
            (status === 'all' || r.status === status) &&
            (rw === undefined || r.rw === rw),
        )
        .map((r) => r.id)
        .sort();
      return ids;
    }

    it('answers the same rows, order and total as the households read directly', async () => {
      let checked = 0;
      for (const [plan, options] of Object.entries(PLANS)) {
        const repo = new HouseholdsRepository(engine, options);
        for (const scope of SCOPES)
          for (const status of ['active', 'removed', 'all'] as const)
            for (const name of ['wati', 'wat', 'ati', 'suwati', 'ti r', 'zqx', 'wa"t'])
              for (const rw of [undefined, '002', '009']) {
                const want = await expected(scope, status, name, rw);
                const filter = { scope, status, name, rw, limit: 2 };
                const first = await repo.list(c.database.db, filter, true);
                const label = `${plan}: ${name} in ${scope?.value ?? 'all'} (${status}, rw ${rw ?? '-'})`;
                expect(first.total, label).toBe(want.length);
                // Every page, in id order, keyset by id.
                const seen = first.rows.map((r) => r.id);
                let last = first.rows.at(-1)?.id;
                while (last !== undefined && seen.length < want.length + 1) {
                  const next = await repo.list(c.database.db, { ...filter, afterId: last }, false);
                  expect(next.total).toBeNull();
                  seen.push(...next.rows.map((r) => r.id));
                  last = next.rows.length === filter.limit ? next.rows.at(-1)!.id : undefined;
                }
                expect(seen, label).toEqual(want);
                checked++;
              }
      }
      expect(checked).toBe(Object.keys(PLANS).length * SCOPES.length * 3 * 7 * 3);
      // The fixture holds what the count must leave out: the trigrams without the fragment, another
      // regency's households and removed ones.
      expect(await expected(null, 'all', 'wati')).toHaveLength(8);
      expect(await expected({ column: 'regencyCode', value: PLACES.regency }, 'active', 'wati')).toHaveLength(
        4,
      );
    });

    it('sorted by name: the same rows and order on every plan', async () => {
      const want = (
        await sql<{ id: string }>`select id from households where village_code like '33.07.%'
          and status = 'active' and head_name_search like '%wati%' order by head_name_search, id`.execute(
          c.database.db,
        )
      ).rows.map((r) => r.id);
      for (const [plan, options] of Object.entries(PLANS)) {
        const repo = new HouseholdsRepository(engine, options);
        const page = await repo.list(
          c.database.db,
          {
            scope: { column: 'regencyCode', value: PLACES.regency },
            status: 'active',
            name: 'wati',
            sort: 'name',
            limit: 10,
          },
          true,
        );
        expect(
          page.rows.map((r) => r.id),
          plan,
        ).toEqual(want);
        expect(page.total, plan).toBe(want.length);
      }
    });
  });
}

describe('nameIndexTerms', () => {
  it('names a territory and a status by one term each, none for the whole database in any status', () => {
    expect(nameIndexTerms(null, 'all')).toBe('');
    expect(nameIndexTerms(null, 'active')).toBe(`{in_status} : "${statusTerm('active')}"`);
    expect(nameIndexTerms({ column: 'regencyCode', value: '33.07' }, 'removed')).toBe(
      `{in_regency} : "${territoryTerm('regencyCode', '33.07')}" AND {in_status} : "${statusTerm('removed')}"`,
    );
  });
  it("has no terms for a code not of its level's shape (the index is then not used)", () => {
    expect(nameIndexTerms({ column: 'regencyCode', value: '33.07.01' }, 'all')).toBeNull();
    expect(nameIndexTerms({ column: 'villageCode', value: '33.07.01.x001' }, 'all')).toBeNull();
    expect(nameIndexTerms({ column: 'provinceCode', value: '' }, 'active')).toBeNull();
  });
});
