/**
 * Migration 085 narrows the province and regency indexes of households to (level, id, status): the head's
 * name, which migration 012 had added for name searches before the trigram index existed, is left out. The
 * district and village indexes keep it (a small territory is scanned whole for a fragment). On a database
 * written before it every list answers the same — pages, totals, name fragments scanned in a territory —
 * and a territory's page and a status's count are still planned on the territory's index, the count
 * index-only: SQLite without statistics (the plan a national database gets), PostgreSQL with sequential
 * scans disabled.
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/dialect.ts';
import type { NewHouseholdRow } from '../../src/db/schema/index.ts';
import type { RegionColumn } from '../../src/modules/access/actor.ts';
import {
  type HouseholdListFilter,
  HouseholdsRepository,
} from '../../src/modules/households/households.repository.ts';
import { householdRow } from '../factories/households.ts';
import { ENGINES, openDbBefore } from '../support/db.ts';

const NARROW = '085_territory_indexes_narrow';

function uuid(n: number): string {
  return `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

const NAMES = ['Soewarno Saputro', 'Suwarni Aminah', 'Sri Wahyuni', 'Djoko Tjiptono', 'Wati Rahayu'];
const VILLAGES = ['33.07.01.2001', '33.07.01.2002', '33.07.02.2001', '34.01.01.2001'];

/** 120 households in four villages of two provinces, every fifth removed. */
const HOUSEHOLDS: NewHouseholdRow[] = Array.from({ length: 120 }, (_, i) =>
  householdRow({
    id: uuid(70_000 + ((i * 37) % 120)),
    kkNumber: String(3307010101280000 + i),
    headName: `${NAMES[i % NAMES.length]} ${i}`,
    villageCode: VILLAGES[i % VILLAGES.length]!,
    status: i % 5 === 4 ? 'removed' : 'active',
  }),
);

const SCOPES: { column: RegionColumn; value: string }[] = [
  { column: 'provinceCode', value: '33' },
  { column: 'regencyCode', value: '33.07' },
  { column: 'districtCode', value: '33.07.01' },
  { column: 'villageCode', value: '33.07.01.2002' },
];
const FILTERS: Omit<HouseholdListFilter, 'limit'>[] = SCOPES.flatMap((scope) => [
  { scope, status: 'active' },
  { scope, status: 'removed' },
  { scope, status: 'all', name: 'warn' },
  { scope, status: 'active', name: 'sri w' },
  { scope, status: 'active', name: 'zqx' },
]);

for (const engine of ENGINES) {
  describe(`province and regency indexes without the head's name, migration 085 (${engine})`, () => {
    let database: Database;
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it is, read raw
    const raw = () => database.db as unknown as Kysely<any>;
    // The territory's scan whatever its size: the plan whose index changed.
    const scan = new HouseholdsRepository(engine, { nameIndex: 'never' });

    async function answers() {
      const out = [];
      for (const f of FILTERS) {
        const first = await scan.list(database.db, { ...f, limit: 7 }, true);
        const ids = first.rows.map((r) => r.id);
        const next = await scan.list(database.db, { ...f, limit: 7, afterId: ids.at(-1) }, false);
        out.push({ f, ids, next: next.rows.map((r) => r.id), total: first.total });
      }
      return out;
    }

    /** The index's columns, in order. */
    async function columns(index: string): Promise<string[]> {
      if (engine === 'sqlite') {
        const { rows } = await sql<{ name: string }>`select name from pragma_index_info(${index})
          order by seqno`.execute(raw());
        return rows.map((r) => r.name);
      }
      const { rows } = await sql<{ name: string }>`select a.attname as name
        from pg_index i join pg_class c on c.oid = i.indexrelid
        cross join lateral unnest(i.indkey) with ordinality as k(attnum, n)
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where c.relname = ${index} order by k.n`.execute(raw());
      return rows.map((r) => r.name);
    }

    async function plan(query: string, parameters: unknown[]): Promise<string> {
      if (engine === 'sqlite') {
        const { rows } = await raw().executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${query}`, parameters),
        );
        return rows.map((r) => r.detail).join('\n');
      }
      return raw()
        .transaction()
        .execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const { rows } = await trx.executeQuery(CompiledQuery.raw(`explain ${query}`, parameters));
          return rows.map((r) => Object.values(r as object)[0] as string).join('\n');
        });
    }

    let before: Awaited<ReturnType<typeof answers>>;

    beforeAll(async () => {
      migration = await openDbBefore(engine, NARROW);
      database = migration.database;
      await new HouseholdsRepository(engine).insertHouseholds(database.db, HOUSEHOLDS);
      expect(await columns('households_regency_idx')).toEqual([
        'regency_code',
        'id',
        'status',
        'head_name_search',
      ]);
      before = await answers();
      await migration.apply();
    });
    afterAll(async () => {
      await migration?.close();
    });

    it('leaves the name out of the province and regency indexes only (SQLite; PostgreSQL keeps it)', async () => {
      const kept = engine === 'sqlite' ? [] : ['head_name_search'];
      expect(await columns('households_province_idx')).toEqual(['province_code', 'id', 'status', ...kept]);
      expect(await columns('households_regency_idx')).toEqual(['regency_code', 'id', 'status', ...kept]);
      expect(await columns('households_district_idx')).toEqual([
        'district_code',
        'id',
        'status',
        'head_name_search',
      ]);
      expect(await columns('households_village_idx')).toEqual([
        'village_code',
        'id',
        'status',
        'head_name_search',
      ]);
    });

    it('answers every list as before: pages, totals, fragments scanned in the territory', async () => {
      expect(before.filter((a) => a.ids.length > 0).length).toBeGreaterThanOrEqual(12);
      expect(before.filter((a) => a.next.length > 0).length).toBeGreaterThanOrEqual(6);
      expect(await answers()).toEqual(before);
    });

    it("plans a regency's and a province's page and count on their indexes, the count index-only", async () => {
      for (const level of ['regency', 'province']) {
        const where = `${level}_code = ${engine === 'sqlite' ? '?' : '$1'} and status = 'active'`;
        const value = level === 'regency' ? '33.07' : '33';
        const count = await plan(`select count(*) from households where ${where}`, [value]);
        const page = await plan(`select id, head_name from households where ${where} order by id limit 50`, [
          value,
        ]);
        if (engine === 'sqlite') {
          expect(count).toContain(`USING COVERING INDEX households_${level}_idx`);
          expect(page).toContain(`USING INDEX households_${level}_idx`);
          expect(page).not.toContain('TEMP B-TREE');
        } else {
          expect(count).toContain(`Index Only Scan using households_${level}_idx`);
          expect(page).toMatch(new RegExp(`Index (Only )?Scan using households_(${level}_idx|pkey)`));
          expect(page).not.toMatch(/Seq Scan|Sort/);
        }
      }
    });
  });
}
