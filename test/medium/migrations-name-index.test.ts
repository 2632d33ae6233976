/**
 * Migration 084 rebuilds SQLite's name index (`households_names`) without its copy of the rows: its content
 * is the view `households_names_source` of `households`, the triggers remove a row with FTS5's `'delete'`
 * command and its old values. On a database written before it, every name search answers exactly as before
 * (lists and their totals through the index, tolerant candidates with their names, one-letter slips), the
 * index holds what its source says (FTS5's integrity check against the view), and households written
 * afterwards are found by their new names only. PostgreSQL has no such index: the migration changes
 * nothing there, and its answers are compared all the same.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/dialect.ts';
import type { NewHouseholdRow } from '../../src/db/schema/index.ts';
import { foldName, searchForm } from '../../src/domain/names/name-fold.ts';
import {
  type HouseholdListFilter,
  HouseholdsRepository,
  type NameCandidateFilter,
} from '../../src/modules/households/households.repository.ts';
import { householdRow } from '../factories/households.ts';
import { ENGINES, openDbBefore } from '../support/db.ts';

const CONTENT = '084_name_index_external_content';

function uuid(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

const FIRST = ['Soewarno', 'Suwarni', 'Sitti', 'Djoko', 'Bambang', 'Purnomo', 'Wagiyem', 'Siti'];
const LAST = ['Saputro', 'Aminah', 'Tjiptono', 'Wijaya', 'Sidik', 'Rahayu', 'Hadi'];
const VILLAGES = ['33.07.01.2001', '33.07.01.2002', '33.07.02.2001'];

/** 150 households: every pair of names, in three villages, every seventh removed. */
const HOUSEHOLDS: NewHouseholdRow[] = Array.from({ length: 150 }, (_, i) =>
  householdRow({
    id: uuid(60_000 + i),
    kkNumber: String(3307010101270000 + i),
    headName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
    villageCode: VILLAGES[i % VILLAGES.length]!,
    status: i % 7 === 6 ? 'removed' : 'active',
  }),
);

const REGENCY = { column: 'regencyCode', value: '33.07' } as const;
const VILLAGE = { column: 'villageCode', value: '33.07.01.2002' } as const;
const LISTS: Omit<HouseholdListFilter, 'limit'>[] = [
  { scope: REGENCY, status: 'active', name: 'warn' },
  { scope: REGENCY, status: 'all', name: 'sapu' },
  { scope: REGENCY, status: 'removed', name: 'ami' },
  { scope: VILLAGE, status: 'active', name: 'jaya' },
  { scope: REGENCY, status: 'active', name: 'zqx' },
];
const candidate = (q: string, scope: NameCandidateFilter['scope'] = REGENCY): NameCandidateFilter => ({
  scope,
  status: 'active',
  name: searchForm(q),
  fold: foldName(q),
});

for (const engine of ENGINES) {
  describe(`the name index without its copy of the rows, migration 084 (${engine})`, () => {
    let database: Database;
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    // Through the name index whatever the territory's size (SQLite), then with its totals counted there too.
    const byIndex = new HouseholdsRepository(engine, { nameIndex: 'always' });
    const byCount = new HouseholdsRepository(engine, { nameIndex: 'always', trigramProbe: 1 });

    /** Every answer of the name searches, as plain data. */
    async function answers() {
      const db = database.db;
      const lists = [];
      for (const repo of [byIndex, byCount])
        for (const f of LISTS) {
          const { rows, total } = await repo.list(db, { ...f, limit: 20 }, true);
          lists.push({ f, ids: rows.map((r) => r.id), total });
        }
      const sorted = <T extends { key: number | string }>(rows: T[]) =>
        [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const candidates = [];
      for (const f of [candidate('Suwarno'), candidate('Siti Aminah'), candidate('Djoko', VILLAGE)])
        candidates.push(sorted(await byIndex.nameCandidates(db, f)));
      const slips = sorted(await byIndex.similarNameCandidates(db, candidate('Suwarmo Saputro')));
      return { lists, candidates, slips };
    }

    let before: Awaited<ReturnType<typeof answers>>;

    beforeAll(async () => {
      migration = await openDbBefore(engine, CONTENT);
      database = migration.database;
      await new HouseholdsRepository(engine).insertHouseholds(database.db, HOUSEHOLDS);
      before = await answers();
      await migration.apply();
    });
    afterAll(async () => {
      await migration?.close();
    });

    it('answers every name search exactly as before', async () => {
      // Not empty answers compared: the fixture finds something for all but the absent fragment.
      expect(before.lists.filter((l) => l.ids.length > 0)).toHaveLength(8);
      expect(before.candidates.map((c) => c.length)).toEqual([17, 6, 5]);
      expect(before.slips.length).toBeGreaterThan(0);
      expect(await answers()).toEqual(before);
    });

    it('finds households written afterwards by their new names only', async () => {
      const renamed = HOUSEHOLDS[0]!;
      expect(renamed.headNameSearch).toBe('soewarno saputro');
      const total = async (name: string) =>
        (await byCount.list(database.db, { scope: REGENCY, status: 'active', name, limit: 1 }, true)).total;
      // Two other households' heads have the same name.
      expect(await total('soewarno sap')).toBe(3);
      const repo = new HouseholdsRepository(engine);
      expect(
        await repo.updateHousehold(database.db, renamed.id!, 1, {
          headName: 'Kartini Larasati',
          headNameSearch: searchForm('Kartini Larasati'),
          headNameFold: foldName('Kartini Larasati'),
        }),
      ).toBe(true);
      const ids = async (name: string, r = byIndex) =>
        (await r.list(database.db, { scope: REGENCY, status: 'active', name, limit: 50 }, true)).rows.map(
          (row) => row.id,
        );
      expect(await ids('larasat')).toEqual([renamed.id]);
      expect(await ids('soewarno sap')).toEqual([HOUSEHOLDS[56]!.id, HOUSEHOLDS[112]!.id]);
      expect(await total('soewarno sap')).toBe(2);
      expect(await total('kartini')).toBe(1);
      const found = await byIndex.nameCandidates(database.db, candidate('Kartini'));
      expect(found.map((c) => [c.search, c.fold])).toEqual([
        ['kartini larasati', foldName('Kartini Larasati')],
      ]);
    });

    // SQLite only (its FTS5 index): not declared for PostgreSQL, so nothing is skipped there.
    if (engine === 'sqlite')
      it('keeps no copy of the rows, the index options as they were, and its posting lists equal to its source', async () => {
        const { rows } = await sql<{ name: string; ddl: string | null }>`select name, sql as ddl
          from sqlite_schema where name like 'households_names%' order by name`.execute(database.db);
        expect(rows.map((r) => r.name)).toEqual([
          'households_names',
          'households_names_config',
          'households_names_data',
          'households_names_delete',
          'households_names_idx',
          'households_names_insert',
          'households_names_source',
          'households_names_update',
        ]);
        const ddl = rows[0]!.ddl!.replace(/\s+/g, ' ');
        expect(ddl).toContain("detail='full', columnsize=0");
        expect(ddl).toContain("content='households_names_source', content_rowid='household_rowid'");
        // Compares every posting list with the view (throws SQLITE_CORRUPT_VTAB on a difference).
        await sql`insert into households_names(households_names, rank) values ('integrity-check', 1)`.execute(
          database.db,
        );
      });
  });
}
